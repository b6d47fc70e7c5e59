// The duty editor's values and the body of POST/PATCH /api/duties (DutyInput in
// src/modules/guarantee/guarantee.schemas.ts). Pure, tested in test/admin/duty-form.test.ts.

export interface PartyValues {
  /** "u:12" for a unit, "g:3" for a unit group. */
  ref?: string;
  role: 'lead' | 'cooperate';
  label?: string;
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
}

export function partyRef(p: { unitId: number | null; groupId: number | null }): string | undefined {
  if (p.unitId) return `u:${p.unitId}`;
  if (p.groupId) return `g:${p.groupId}`;
  return undefined;
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
    if (!m) return p.label?.trim() ? [{ role: p.role, label: p.label.trim() }] : [];
    const id = Number(m[2]);
    return [{ role: p.role, ...(m[1] === 'u' ? { unitId: id } : { groupId: id }) }];
  });
  const note = (v.note ?? '').trim();
  return {
    requirementText: v.requirementText.trim(),
    note: note === '' ? null : note,
    parties,
    ...(v.override
      ? { cadence: v.cadence, channel: v.channel, minPerWeek: v.cadence === 'weekly_min' ? (v.minPerWeek ?? null) : null }
      : {}),
  };
}
