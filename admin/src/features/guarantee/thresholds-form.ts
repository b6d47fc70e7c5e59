// The site-wide thresholds form and the body of PUT /api/guarantee/settings (SettingsInput in
// src/modules/guarantee/guarantee-status.schemas.ts). Pure, tested against the schema.

import type { GuaranteeSettings, UpdateWindow } from '@contract/guarantee';

export interface WindowValues {
  mode: 'none' | 'days' | 'months';
  amount?: number | null;
  warnDays?: number | null;
}

export type ThresholdValues = Omit<GuaranteeSettings, 'windows' | 'links'> & {
  windows: Record<string, WindowValues>;
  /** Seconds in the form, milliseconds on the server. */
  links: { timeoutSeconds: number; failuresToBreach: number };
};

export function toThresholdForm(s: GuaranteeSettings, classes: readonly string[]): ThresholdValues {
  const windows: Record<string, WindowValues> = {};
  for (const c of classes) {
    const w = s.windows[c];
    windows[c] = !w
      ? { mode: 'none', amount: null, warnDays: null }
      : w.months
        ? { mode: 'months', amount: w.months, warnDays: w.warnDays }
        : { mode: 'days', amount: w.days ?? null, warnDays: w.warnDays };
  }
  return {
    windows,
    indicators: s.indicators,
    notices: s.notices,
    links: { timeoutSeconds: Math.round(s.links.timeoutMs / 1000), failuresToBreach: s.links.failuresToBreach },
  };
}

export function thresholdPayload(v: ThresholdValues) {
  const windows: Record<string, UpdateWindow | null> = {};
  for (const [c, w] of Object.entries(v.windows)) {
    if (w.mode === 'none') windows[c] = null;
    else
      windows[c] = {
        ...(w.mode === 'months' ? { months: w.amount ?? 1 } : { days: w.amount ?? 1 }),
        warnDays: w.warnDays ?? 0,
      };
  }
  return {
    windows,
    indicators: v.indicators,
    notices: v.notices,
    links: { timeoutMs: v.links.timeoutSeconds * 1000, failuresToBreach: v.links.failuresToBreach },
  };
}
