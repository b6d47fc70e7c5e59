// A duty's check parameters: the form's values and the body of PUT /api/guarantee/duties/:id/params
// (DutyParamsInput in src/modules/guarantee/guarantee-status.schemas.ts). A field left at “默认”
// is left out, and the server uses the default for it. Pure, tested against the schema.

import type { CheckOverrides, UpdateWindow } from '@contract/guarantee';

export type Tri = 'default' | 'yes' | 'no';
export type WindowMode = 'default' | 'custom' | 'none';

export interface ParamsFormValues {
  minCount?: number | null;
  perUnit?: Tri;
  countStates?: 'all' | 'adopted' | null;
  workdaysOnly?: Tri;
  windowMode?: WindowMode;
  windowUnit?: 'days' | 'months';
  windowAmount?: number | null;
  warnDays?: number | null;
  failuresToBreach?: number | null;
}

const tri = (v: boolean | undefined): Tri => (v === undefined ? 'default' : v ? 'yes' : 'no');
const fromTri = (v: Tri | undefined) => (v === 'yes' ? true : v === 'no' ? false : undefined);

/**
 * The form for a duty's overrides. `effective` is the window the duty is checked against now (its
 * column class's); a custom window starts from it, so choosing 自定义期限 on a class counted in
 * months offers months, not days.
 */
export function toParamsForm(o: CheckOverrides, effective?: UpdateWindow | null): ParamsFormValues {
  const w = o.window ?? effective ?? undefined;
  return {
    minCount: o.minCount ?? null,
    perUnit: tri(o.perUnit),
    countStates: o.countStates ?? null,
    workdaysOnly: tri(o.workdaysOnly),
    windowMode: o.window === undefined ? 'default' : o.window === null ? 'none' : 'custom',
    windowUnit: w?.months ? 'months' : 'days',
    windowAmount: w ? (w.months ?? w.days ?? null) : null,
    warnDays: w?.warnDays ?? null,
    failuresToBreach: o.failuresToBreach ?? null,
  };
}

export function paramsPayload(v: ParamsFormValues): CheckOverrides {
  const out: CheckOverrides = {};
  if (v.minCount !== undefined && v.minCount !== null) out.minCount = v.minCount;
  const perUnit = fromTri(v.perUnit);
  if (perUnit !== undefined) out.perUnit = perUnit;
  if (v.countStates) out.countStates = v.countStates;
  const workdaysOnly = fromTri(v.workdaysOnly);
  if (workdaysOnly !== undefined) out.workdaysOnly = workdaysOnly;
  if (v.windowMode === 'none') out.window = null;
  if (v.windowMode === 'custom') {
    const amount = v.windowAmount ?? 1;
    out.window = { ...(v.windowUnit === 'months' ? { months: amount } : { days: amount }), warnDays: v.warnDays ?? 0 };
  }
  if (v.failuresToBreach !== undefined && v.failuresToBreach !== null) out.failuresToBreach = v.failuresToBreach;
  return out;
}
