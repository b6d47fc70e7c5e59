import type { UpdateClass } from '../../sites/sites.schemas.js';
import type { Rule } from '../requirement.js';

// What each duty is checked against. The parsed requirement (requirement.ts) says the cadence; the
// numbers below are the parameters a person may edit per duty (kept in the duty's rule JSON under
// `check`), with defaults from the national inspection rules (国办秘函〔2019〕19号) and the notice.

/** An update window: at least one item within so many days or calendar months before the check. */
export interface Window {
  days?: number;
  months?: number;
  /** Warn (due soon) this many days before the window runs out. */
  warnDays: number;
}

/** Per-duty parameters; every field optional, a missing one takes the default. */
export interface CheckOverrides {
  /** Items each period must have (working day or week). */
  minCount?: number;
  /** Count each responsible unit on its own (from the submission ledger) instead of the column. */
  perUnit?: boolean;
  /** Ledger rules: count every submission, or only adopted ones. */
  countStates?: 'all' | 'adopted';
  /** Weekly rules: a week without any working day is not expected. */
  workdaysOnly?: boolean;
  /** Window rules: replaces the column class's window (null: no window, only the blank check). */
  window?: Window | null;
  /** Link rules: consecutive failed probes before the duty counts as breached. */
  failuresToBreach?: number;
}

export type CountedKind = 'workday' | 'week';

export type CheckPlan =
  | {
      type: 'counted';
      period: CountedKind;
      minCount: number;
      perUnit: boolean;
      source: 'published' | 'ledger';
      countStates: 'all' | 'adopted';
      workdaysOnly: boolean;
    }
  | { type: 'window'; window: Window | null; windowSource: 'duty' | 'class' | 'none' }
  | { type: 'link'; failuresToBreach: number };

export interface GuaranteeSettings {
  /** National update windows by column class (基本信息 windows of the 普查; "others as configured"). */
  windows: Partial<Record<UpdateClass, Window | null>>;
  indicators: {
    /** V3: the home page without a new item. */
    homePage: { limitDays: number; warnDays: number };
    /** V4(1): 动态/要闻 stale for newsDays plus top 通知公告/政策文件 stale for noticeMonths. */
    staleColumns: { limit: number; warnAbove: number; newsDays: number; noticeMonths: number };
    /** V4(2): columns that should be updated but are not. */
    overdueColumns: { limit: number; warnAbove: number };
    /** V4(3): columns that never carried an item. */
    blankColumns: { limit: number; warnAbove: number };
    /** V5: a valid message unanswered for more than this many months. */
    interaction: { months: number };
    /**
     * V2 站点无法访问: the month's share of failed probes of the site's own address (percent), probed
     * probesPerDay times a day (the rule: at least 20), each waiting timeoutSeconds (the rule: 15).
     */
    unreachable: { limitPercent: number; warnPercent: number; probesPerDay: number; timeoutSeconds: number };
  };
  notices: {
    /** Hour of the Shanghai day (0-23) from which the daily warning run may send. */
    hour: number;
    /** Working days a breach may last before the website centre is told. */
    escalateAfterWorkdays: number;
    sendDueSoon: boolean;
  };
  links: { timeoutMs: number; failuresToBreach: number };
}

export const DEFAULT_SETTINGS: GuaranteeSettings = {
  windows: {
    news: { days: 14, warnDays: 4 },
    notice: { months: 6, warnDays: 30 },
    personnel: { months: 12, warnDays: 30 },
    // Published once a year (预决算, 年报): a year, like 人事 and 规划计划 (issue 8).
    annual: { months: 12, warnDays: 30 },
    basic: null,
    interaction: null,
    service: null,
    topic: null,
    link: null,
  },
  indicators: {
    // Early warnings before the veto (kaipuyun practice, national-rules §1.4): home page > 10 days,
    // blank columns > 2, stale columns > 6.
    homePage: { limitDays: 14, warnDays: 10 },
    staleColumns: { limit: 5, warnAbove: 2, newsDays: 14, noticeMonths: 6 },
    overdueColumns: { limit: 10, warnAbove: 6 },
    blankColumns: { limit: 5, warnAbove: 2 },
    interaction: { months: 3 },
    unreachable: { limitPercent: 5, warnPercent: 3, probesPerDay: 24, timeoutSeconds: 15 },
  },
  notices: { hour: 15, escalateAfterWorkdays: 3, sendDueSoon: true },
  links: { timeoutMs: 15_000, failuresToBreach: 2 },
};

export const SETTINGS_KEY = 'guarantee.settings';

/** Stored settings over the defaults, field by field, so a later default reaches old databases. */
export function mergeSettings(stored: Partial<GuaranteeSettings> | null | undefined): GuaranteeSettings {
  const s = stored ?? {};
  const d = DEFAULT_SETTINGS;
  return {
    windows: { ...d.windows, ...(s.windows ?? {}) },
    indicators: {
      homePage: { ...d.indicators.homePage, ...(s.indicators?.homePage ?? {}) },
      staleColumns: { ...d.indicators.staleColumns, ...(s.indicators?.staleColumns ?? {}) },
      overdueColumns: { ...d.indicators.overdueColumns, ...(s.indicators?.overdueColumns ?? {}) },
      blankColumns: { ...d.indicators.blankColumns, ...(s.indicators?.blankColumns ?? {}) },
      interaction: { ...d.indicators.interaction, ...(s.indicators?.interaction ?? {}) },
      unreachable: { ...d.indicators.unreachable, ...(s.indicators?.unreachable ?? {}) },
    },
    notices: { ...d.notices, ...(s.notices ?? {}) },
    links: { ...d.links, ...(s.links ?? {}) },
  };
}

/** The overrides kept in a duty's rule JSON. */
/** How a duty is checked: its cadence with the per-duty overrides and the defaults. */
export function planOf(
  rule: Pick<Rule, 'cadence' | 'minPerWeek' | 'perUnit' | 'workdaysOnly'>,
  o: CheckOverrides,
  updateClass: string | null,
  settings: GuaranteeSettings,
): CheckPlan {
  switch (rule.cadence) {
    case 'workday_daily': {
      const perUnit = o.perUnit ?? false;
      return {
        type: 'counted',
        period: 'workday',
        minCount: o.minCount ?? 1,
        perUnit,
        source: perUnit ? 'ledger' : 'published',
        countStates: o.countStates ?? 'all',
        workdaysOnly: true,
      };
    }
    case 'weekly_min': {
      const perUnit = o.perUnit ?? rule.perUnit;
      return {
        type: 'counted',
        period: 'week',
        minCount: o.minCount ?? rule.minPerWeek ?? 1,
        perUnit,
        source: perUnit ? 'ledger' : 'published',
        countStates: o.countStates ?? 'all',
        workdaysOnly: o.workdaysOnly ?? rule.workdaysOnly,
      };
    }
    case 'external_link':
      return { type: 'link', failuresToBreach: o.failuresToBreach ?? settings.links.failuresToBreach };
    case 'dynamic':
    case 'as_required': {
      if (o.window !== undefined) return { type: 'window', window: o.window, windowSource: o.window ? 'duty' : 'none' };
      const w = updateClass ? settings.windows[updateClass as UpdateClass] : null;
      return { type: 'window', window: w ?? null, windowSource: w ? 'class' : 'none' };
    }
  }
}

export function windowLabel(w: Window): string {
  return w.months ? `${w.months} 个月` : `${w.days ?? 0} 天`;
}

export function planLabel(plan: CheckPlan): string {
  switch (plan.type) {
    case 'counted': {
      const who = plan.perUnit ? '每个保障单位' : '栏目';
      const what =
        plan.source === 'ledger'
          ? plan.countStates === 'adopted'
            ? '被采用的报送'
            : '报送（各渠道合计）'
          : '发布信息';
      return plan.period === 'workday'
        ? `工作日每天${who}至少 ${plan.minCount} 条${what}`
        : `每自然周${who}至少 ${plan.minCount} 条${what}`;
    }
    case 'window':
      return plan.window
        ? `${windowLabel(plan.window)}内至少更新 1 条，且不得为空白栏目`
        : '动态维护：无固定更新期限，不得为空白栏目';
    case 'link':
      return '外链地址可正常访问';
  }
}
