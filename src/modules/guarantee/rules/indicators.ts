import { addDays, addMonths, daysBetween } from '../../../platform/calendar/days.js';
import type { GuaranteeSettings } from './params.js';

// The site-level 单项否决 indicators of the national inspection (国办秘函〔2019〕19号, V3-V5) with an early
// warning before each limit. Pure: the service hands in what it knows of every column.

export type IndicatorKey =
  | 'home_page'
  | 'stale_columns'
  | 'overdue_columns'
  | 'blank_columns'
  | 'interaction'
  | 'unreachable';
export type IndicatorLevel = 'ok' | 'warning' | 'veto' | 'not_applicable';

export interface ColumnRef {
  id: number;
  name: string;
  path: string;
  lastDay: string | null;
}

export interface IndicatorResult {
  key: IndicatorKey;
  label: string;
  applicable: boolean;
  value: number | null;
  /** Veto when value reaches this; warning when it passes warnAbove. */
  limit: number;
  warnAbove: number;
  level: IndicatorLevel;
  explanation: string;
  columns: ColumnRef[];
  /** What value, limit and warnAbove count when not items or columns ('%': 站点无法访问). */
  unit?: '%';
}

export interface ColumnFacts extends ColumnRef {
  updateClass: string | null;
  /** 通知公告/政策文件 column with no ancestor of that class: the 一级栏目 the 2019 rule counts. */
  topNotice: boolean;
  /** A leaf list column that is neither a mirror, a link, a single page nor an interaction box. */
  blankCandidate: boolean;
}

export interface InteractionFacts {
  /** The oldest valid message still unanswered, received within the year before the check. */
  oldestUnansweredDay: string | null;
}

function level(value: number, limit: number, warnAbove: number): IndicatorLevel {
  return value >= limit ? 'veto' : value > warnAbove ? 'warning' : 'ok';
}

const LEVEL_TEXT: Record<IndicatorLevel, string> = {
  ok: '正常',
  warning: '预警',
  veto: '达到单项否决标准',
  not_applicable: '暂不适用',
};

export function levelText(l: IndicatorLevel): string {
  return LEVEL_TEXT[l];
}

/**
 * The home page's freshness. `columns` are the columns the home page shows; when the site names none
 * (no home blocks and no 动态要闻类 column) the caller passes the whole site's last item and
 * `wholeSite`, and the explanation says so rather than calling the home page blank.
 */
export function homePageIndicator(
  s: GuaranteeSettings,
  day: string,
  lastDay: string | null,
  columns: ColumnRef[],
  wholeSite = false,
): IndicatorResult {
  const { limitDays, warnDays } = s.indicators.homePage;
  const days = lastDay === null ? null : daysBetween(lastDay, day);
  const lv: IndicatorLevel = days === null || days >= limitDays ? 'veto' : days > warnDays ? 'warning' : 'ok';
  const where = wholeSite ? '全站' : '首页';
  const basis = wholeSite ? '；未指定首页栏目（站点设置的首页区块或动态要闻类栏目），按全站信息计算' : '';
  const explanation =
    days === null
      ? `${where}栏目从未发布信息（标准：${limitDays} 天内须有新信息${basis}）`
      : `${where}最近一条信息发布于 ${lastDay}，已 ${days} 天无新信息（${days >= limitDays ? '' : '标准：'}${limitDays} 天无更新即单项否决；超过 ${warnDays} 天预警${basis}）`;
  return {
    key: 'home_page',
    label: '首页不更新',
    applicable: true,
    value: days,
    limit: limitDays,
    warnAbove: warnDays,
    level: lv,
    explanation,
    columns,
  };
}

export function staleColumnsIndicator(
  s: GuaranteeSettings,
  day: string,
  facts: readonly ColumnFacts[],
): IndicatorResult {
  const c = s.indicators.staleColumns;
  const newsCut = addDays(day, -c.newsDays); // fresh if an item after this day
  const noticeCut = addMonths(day, -c.noticeMonths);
  const stale = facts.filter(
    (f) =>
      (f.updateClass === 'news' && (f.lastDay === null || f.lastDay <= newsCut)) ||
      (f.topNotice && (f.lastDay === null || f.lastDay <= noticeCut)),
  );
  const n = stale.length;
  return {
    key: 'stale_columns',
    label: '栏目不更新（动态要闻与通知公告政策文件）',
    applicable: true,
    value: n,
    limit: c.limit,
    warnAbove: c.warnAbove,
    level: level(n, c.limit, c.warnAbove),
    explanation: `动态、要闻类栏目 ${c.newsDays} 天内未更新及通知公告、政策文件类一级栏目 ${c.noticeMonths} 个月内未更新，合计 ${n} 个（达到 ${c.limit} 个即单项否决；超过 ${c.warnAbove} 个预警）`,
    columns: stale.map(ref),
  };
}

/** `fromSources`: how many of the overdue columns are there because their crawl source fails or went stale. */
export function overdueColumnsIndicator(
  s: GuaranteeSettings,
  overdue: readonly ColumnRef[],
  fromSources = 0,
): IndicatorResult {
  const c = s.indicators.overdueColumns;
  const n = overdue.length;
  const sources = fromSources ? `，其中 ${fromSources} 个因抓取源失败或停更计入` : '';
  return {
    key: 'overdue_columns',
    label: '应更新未更新栏目',
    applicable: true,
    value: n,
    limit: c.limit,
    warnAbove: c.warnAbove,
    level: level(n, c.limit, c.warnAbove),
    explanation: `应更新但未按要求更新的栏目（含空白栏目）${n} 个${sources}（达到 ${c.limit} 个即单项否决；超过 ${c.warnAbove} 个预警）`,
    columns: overdue.map(ref),
  };
}

export function blankColumnsIndicator(s: GuaranteeSettings, facts: readonly ColumnFacts[]): IndicatorResult {
  const c = s.indicators.blankColumns;
  const blank = facts.filter((f) => f.blankCandidate && f.lastDay === null);
  return {
    key: 'blank_columns',
    label: '空白栏目',
    applicable: true,
    value: blank.length,
    limit: c.limit,
    warnAbove: c.warnAbove,
    level: level(blank.length, c.limit, c.warnAbove),
    explanation: `自开设以来从未发布信息的栏目 ${blank.length} 个（达到 ${c.limit} 个即单项否决；超过 ${c.warnAbove} 个预警）`,
    columns: blank.map(ref),
  };
}

/** V5. Until 政民互动 exists there are no messages to measure: the indicator says so instead of "ok". */
export function interactionIndicator(
  s: GuaranteeSettings,
  day: string,
  facts: InteractionFacts | null,
): IndicatorResult {
  const months = s.indicators.interaction.months;
  const base = {
    key: 'interaction' as const,
    label: '互动回应差（留言超期未答复）',
    limit: 1,
    warnAbove: 0,
    columns: [],
  };
  if (!facts)
    return {
      ...base,
      applicable: false,
      value: null,
      level: 'not_applicable',
      explanation: '政民互动功能尚未上线，暂无留言数据，此项暂不适用',
    };
  const overdue = facts.oldestUnansweredDay !== null && facts.oldestUnansweredDay <= addMonths(day, -months);
  return {
    ...base,
    applicable: true,
    value: overdue ? 1 : 0,
    level: overdue ? 'veto' : 'ok',
    explanation: facts.oldestUnansweredDay
      ? `最早一条未答复的有效留言收于 ${facts.oldestUnansweredDay}（超过 ${months} 个月未答复即单项否决）`
      : '没有未答复的有效留言',
  };
}

const ref = (f: ColumnRef): ColumnRef => ({ id: f.id, name: f.name, path: f.path, lastDay: f.lastDay });

/** The national rule's minimum of probes a day (国办秘函〔2019〕19号: 每天不少于 20 次). */
export const MIN_PROBES_PER_DAY = 20;

/** A month of probes of a site's own public address (站点无法访问), up to the day checked. */
export interface UptimeFacts {
  /** null: the site has no public address set, so nothing is probed. */
  probeUrl: string | null;
  month: string;
  probes: number;
  failures: number;
  /** Days of the month before the one checked, from the first probe on, with fewer probes than the rule. */
  shortDays: Array<{ day: string; probes: number }>;
}

const percent = (n: number) => Math.round(n * 100) / 100;

/** V2: the share of the month's probes the site did not answer (in time, or at all) against the 5% line. */
export function unreachableIndicator(s: GuaranteeSettings, facts: UptimeFacts): IndicatorResult {
  const c = s.indicators.unreachable;
  const base = {
    key: 'unreachable' as const,
    label: '站点无法访问',
    limit: c.limitPercent,
    warnAbove: c.warnPercent,
    columns: [],
    unit: '%' as const,
  };
  if (!facts.probeUrl)
    return {
      ...base,
      applicable: false,
      value: null,
      level: 'not_applicable',
      explanation: '未设置站点公网访问地址（站点设置），无法监测，此项暂不适用',
    };
  const [y, m] = facts.month.split('-').map(Number);
  const rule = `达到 ${c.limitPercent}% 即单项否决；超过 ${c.warnPercent}% 预警；每次等待 ${c.timeoutSeconds} 秒，每天至少 ${MIN_PROBES_PER_DAY} 次`;
  if (facts.probes === 0)
    return {
      ...base,
      applicable: true,
      value: null,
      level: 'warning',
      explanation: `已设置公网访问地址 ${facts.probeUrl}，但 ${y} 年 ${m} 月还没有监测记录：请检查后台任务是否在运行（${rule}）`,
    };
  const value = percent((facts.failures / facts.probes) * 100);
  const short = facts.shortDays.length
    ? `；${facts.shortDays
        .slice(0, 3)
        .map((d) => `${d.day.slice(5)} 只监测了 ${d.probes} 次`)
        .join(
          '、',
        )}${facts.shortDays.length > 3 ? ` 等 ${facts.shortDays.length} 天` : ''}（每天至少 ${MIN_PROBES_PER_DAY} 次），请检查后台任务`
    : '';
  return {
    ...base,
    applicable: true,
    value,
    level: value >= c.limitPercent ? 'veto' : value > c.warnPercent ? 'warning' : 'ok',
    explanation: `${y} 年 ${m} 月已监测 ${facts.probes} 次，无法访问 ${facts.failures} 次，无法访问率 ${value}%（${rule}）${short}`,
  };
}
