// The site-wide thresholds form and the body of PUT /api/guarantee/settings (SettingsInput in
// src/modules/guarantee/guarantee-status.schemas.ts). Pure, tested against the schema.

export interface WindowLike {
  days?: number;
  months?: number;
  warnDays: number;
}

export interface SettingsLike {
  windows: Partial<Record<string, WindowLike | null>>;
  indicators: {
    homePage: { limitDays: number; warnDays: number };
    staleColumns: { limit: number; warnAbove: number; newsDays: number; noticeMonths: number };
    overdueColumns: { limit: number; warnAbove: number };
    blankColumns: { limit: number; warnAbove: number };
    interaction: { months: number };
  };
  notices: { hour: number; escalateAfterWorkdays: number; sendDueSoon: boolean };
  links: { timeoutMs: number; failuresToBreach: number };
}

export interface WindowValues {
  mode: 'none' | 'days' | 'months';
  amount?: number | null;
  warnDays?: number | null;
}

export type ThresholdValues = Omit<SettingsLike, 'windows' | 'links'> & {
  windows: Record<string, WindowValues>;
  /** Seconds in the form, milliseconds on the server. */
  links: { timeoutSeconds: number; failuresToBreach: number };
};

export function toThresholdForm(s: SettingsLike, classes: readonly string[]): ThresholdValues {
  const windows: Record<string, WindowValues> = {};
  for (const c of classes) {
    const w = s.windows[c];
    windows[c] = !w ? { mode: 'none', amount: null, warnDays: null } : w.months ? { mode: 'months', amount: w.months, warnDays: w.warnDays } : { mode: 'days', amount: w.days ?? null, warnDays: w.warnDays };
  }
  return { windows, indicators: s.indicators, notices: s.notices, links: { timeoutSeconds: Math.round(s.links.timeoutMs / 1000), failuresToBreach: s.links.failuresToBreach } };
}

export function thresholdPayload(v: ThresholdValues) {
  const windows: Record<string, WindowLike | null> = {};
  for (const [c, w] of Object.entries(v.windows)) {
    if (w.mode === 'none') windows[c] = null;
    else windows[c] = { ...(w.mode === 'months' ? { months: w.amount ?? 1 } : { days: w.amount ?? 1 }), warnDays: w.warnDays ?? 0 };
  }
  return { windows, indicators: v.indicators, notices: v.notices, links: { timeoutMs: v.links.timeoutSeconds * 1000, failuresToBreach: v.links.failuresToBreach } };
}
