// The duty editor's values and the body of POST/PATCH /api/duties (DutyInput in
// src/modules/guarantee/guarantee.schemas.ts). Pure, tested in test/admin/duty-form.test.ts.

export interface PartyValues {
  /** "u:12" for a unit, "g:3" for a unit group. */
  ref?: string;
  role: 'lead' | 'cooperate';
  /** The phrase as the list writes it (民政局（双拥办）, 相关单位): kept unless the unit is changed. */
  label?: string;
  /** The ref the label was written for: a row switched to another unit drops the old phrase. */
  labelRef?: string;
}

export interface DutyFormValues {
  requirementText: string;
  note?: string | null;
  parties?: PartyValues[];
  /** The person sets the rule by hand instead of taking what the server reads from the text. */
  override?: boolean;
  cadence?: string;
  minPerWeek?: number | null;
  channel?: string;
  /** YYYY-MM-DD the duty applies from; empty on a new duty: the server takes today. */
  effectiveFrom?: string | null;
}

export function partyRef(p: { unitId: number | null; groupId: number | null }): string | undefined {
  if (p.unitId) return `u:${p.unitId}`;
  if (p.groupId) return `g:${p.groupId}`;
  return undefined;
}

/**
 * The editor's rows for the parties read from a phrase (POST /api/duties/parse): the units and groups
 * it found with the phrase as written, and phrases naming nobody in particular (相关单位) as they are;
 * names it could not match are left out for the person to pick.
 */
export function partyRows(
  parsed: ReadonlyArray<{
    kind: string;
    role: 'lead' | 'cooperate';
    label: string;
    unitId: number | null;
    groupId: number | null;
  }>,
): PartyValues[] {
  return parsed.flatMap((p): PartyValues[] => {
    if (p.kind === 'vague') return [{ role: p.role, label: p.label }];
    const ref = partyRef(p);
    return ref ? [{ ref, role: p.role, label: p.label, labelRef: ref }] : [];
  });
}

export interface PartyBody {
  role: 'lead' | 'cooperate';
  unitId?: number;
  groupId?: number;
  label?: string;
}

export function dutyPayload(v: DutyFormValues) {
  const parties = (v.parties ?? []).flatMap((p): PartyBody[] => {
    const m = /^([ug]):(\d+)$/.exec(p.ref ?? '');
    const label = p.label?.trim();
    if (!m) return label ? [{ role: p.role, label }] : [];
    const id = Number(m[2]);
    return [
      {
        role: p.role,
        ...(m[1] === 'u' ? { unitId: id } : { groupId: id }),
        ...(label && p.labelRef === p.ref ? { label } : {}),
      },
    ];
  });
  const note = (v.note ?? '').trim();
  return {
    requirementText: v.requirementText.trim(),
    note: note === '' ? null : note,
    parties,
    ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom } : {}),
    ...(v.override
      ? {
          cadence: v.cadence,
          channel: v.channel,
          minPerWeek: v.cadence === 'weekly_min' ? (v.minPerWeek ?? null) : null,
        }
      : {}),
  };
}
