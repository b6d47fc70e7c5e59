import { GuaranteeStatus } from '../../contract/guarantee.js';
import type { WorkCalendar } from '../../platform/calendar/calendar.js';
import { addDays, dateTimeOfInstant, dayOfInstant } from '../../platform/calendar/days.js';
import { runStartAfter, statusAt, type CountedRule, type CountedStatus, type Status } from './rules/counted.js';
import { planLabel, windowLabel, type CheckPlan } from './rules/params.js';
import { linkStatus, windowStatus, type Probe } from './rules/windows.js';

// One duty's status in words: what was expected, what was found, since when. The numbers come from
// the pure rules; this file only picks the period that decides and says it in Chinese.

export const STATUS_LABELS: Record<Status, string> = GuaranteeStatus.labels;
// Not in force ranks below met: a duty is 未生效 only when nothing of it is in force yet.
const RANK: Record<Status, number> = { not_in_force: -1, met: 0, due_soon: 1, breached: 2 };
export const worst = (a: Status, b: Status): Status => (RANK[b] > RANK[a] ? b : a);

export interface CountedItem {
  kind: 'article' | 'submission';
  id: number;
  title: string;
  at: string;
  columnId: number | null;
  unitName?: string;
  channel?: string;
  state?: string;
}

export interface Verdict {
  status: Status;
  statusLabel: string;
  expected: string;
  found: string;
  since: string | null;
  /** Stable identity of a breach (the day it began), for notices that must not repeat. */
  sinceKey: string | null;
  /** The period the verdict is about: a working day, a week's Monday, or the window's deadline. */
  periodKey: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  count: number | null;
  explanation: string;
}

export interface UnitVerdict extends Verdict {
  unitId: number;
  unitName: string;
  adopted: number | null;
  /** The day this unit is held to the duty from: the duty's date in force or the unit's 纳入考核日期. */
  joinedOn: string | null;
  items?: CountedItem[];
}

function verdict(
  status: Status,
  expected: string,
  found: string,
  since: string | null,
  period: { key: string; start: string; end: string } | null,
  count: number | null,
): Verdict {
  const sinceText = since ? `（自 ${since} 起）` : '';
  return {
    status,
    statusLabel: STATUS_LABELS[status],
    expected,
    found,
    since,
    sinceKey: since,
    periodKey: period?.key ?? null,
    periodStart: period?.start ?? null,
    periodEnd: period?.end ?? null,
    count,
    explanation: `要求：${expected}；实际：${found}${status === 'breached' ? sinceText : ''}`,
  };
}

/** The day judged is before the day the rule applies from: nothing is expected yet. */
export function notInForceVerdict(expected: string, found: string): Verdict {
  return verdict('not_in_force', expected, found, null, null, null);
}

const periodName = (kind: 'workday' | 'week', key: string) => (kind === 'workday' ? `${key} ` : `${key} 所在周`);

/** A counted rule (daily or weekly) over one series of per-day counts. */
export function countedVerdict(
  plan: Extract<CheckPlan, { type: 'counted' }>,
  cal: WorkCalendar,
  counts: ReadonlyMap<string, number>,
  loadedFrom: string,
  day: string,
  final: boolean,
  startDay: string | null,
  lastAt: string | null | undefined,
  what: string,
  /** The last day with an item (or submission) before the day, from the whole history. */
  lastItemDay: string | null,
): Verdict & { raw: CountedStatus } {
  const rule: CountedRule = { period: plan.period, minCount: plan.minCount, workdaysOnly: plan.workdaysOnly };
  const s = statusAt(rule, cal, counts, loadedFrom, day, final, startDay);
  let sinceKey = s.since;
  if (s.status === 'breached' && s.sinceOpen) {
    // The run began before the loaded counts. With one item a period the last item tells exactly when.
    const exact =
      plan.minCount === 1
        ? runStartAfter(rule, cal, lastItemDay && lastItemDay <= day ? lastItemDay : null, startDay, day)
        : null;
    if (exact) Object.assign(s, { since: exact, sinceOpen: false });
    sinceKey = exact ?? `after:${lastItemDay ?? 'never'}`;
  }
  const expected = planLabel(plan);
  const last = lastAt === undefined ? '' : lastAt ? `（最近一条：${dateTimeOfInstant(lastAt)}）` : '（此前没有记录）';
  const unitWord = plan.period === 'workday' ? '个工作日' : '周';
  let found: string;
  if (!s.current)
    found = startDay && startDay > day ? `${startDay} 起才纳入考核，尚无考核期` : '所选日期前没有需考核的时段';
  else if (s.status === 'breached') {
    const run = s.sinceOpen ? `至少连续 ${s.missedInRun} ${unitWord}` : '持续';
    found = `${run}未达到要求，${periodName(plan.period, s.current.key)}${what} ${s.current.count} 条${last}`;
  } else if (s.status === 'due_soon') {
    const deadline = plan.period === 'workday' ? `今天（${s.current.key}）` : `${s.current.end}（周日）前`;
    found = `${periodName(plan.period, s.current.key)}目前${what} ${s.current.count} 条，须在${deadline}达到 ${plan.minCount} 条`;
  } else found = `${periodName(plan.period, s.current.key)}${what} ${s.current.count} 条`;
  const since = s.status === 'breached' ? (s.sinceOpen ? `${s.since} 或更早` : s.since) : null;
  return {
    ...verdict(s.status, expected, found, since, s.current, s.current?.count ?? null),
    sinceKey: s.status === 'breached' ? sinceKey : null,
    raw: s,
  };
}

/** A window rule: the column's last item against its class window; never any item is a blank column. */
export function windowVerdict(
  plan: Extract<CheckPlan, { type: 'window' }>,
  lastAt: string | null,
  day: string,
  openedDay: string | null,
  /** A unit's own items in a shared column, or the column's. */
  whose: 'column' | 'unit' = 'column',
): Verdict & { blank: boolean; deadline: string | null; lastDay: string | null } {
  const lastDay = lastAt ? dayOfInstant(lastAt) : null;
  if (lastDay === null && openedDay !== null && openedDay > day) {
    return {
      ...verdict('met', planLabel(plan), `栏目 ${openedDay} 开设，当日尚未开设`, null, null, null),
      blank: false,
      deadline: null,
      lastDay: null,
    };
  }
  const w = windowStatus(plan.window, lastDay, day, openedDay);
  const expected = planLabel(plan);
  const who = whose === 'unit' ? '本单位' : '';
  let found: string;
  if (w.blank) found = whose === 'unit' ? '本单位从未在本栏目发布信息' : '栏目自开设以来从未发布信息（空白栏目）';
  else if (!plan.window) found = `${who}最近一次更新 ${dateTimeOfInstant(lastAt!)}`;
  else if (w.status === 'breached')
    found = `${who}最近一次更新 ${dateTimeOfInstant(lastAt!)}，已超过${windowLabel(plan.window)}未更新`;
  else if (w.status === 'due_soon')
    found = `${who}最近一次更新 ${dateTimeOfInstant(lastAt!)}，须在 ${addDays(w.deadline!, -1)} 前更新`;
  else
    found = `${who}最近一次更新 ${dateTimeOfInstant(lastAt!)}${w.deadline ? `，下次须在 ${addDays(w.deadline, -1)} 前更新` : ''}`;
  const period = w.deadline ? { key: w.deadline, start: lastDay!, end: w.deadline } : null;
  return {
    ...verdict(w.status, expected, found, w.since, period, null),
    blank: w.blank,
    deadline: w.deadline,
    lastDay,
  };
}

/** An external-link column: the latest probes of its address. */
export function linkVerdict(
  plan: Extract<CheckPlan, { type: 'link' }>,
  url: string | null,
  probes: readonly Probe[],
): Verdict & { probe: Probe | null } {
  const expected = planLabel(plan);
  if (!url) return { ...verdict('breached', expected, '栏目未设置链接地址', null, null, null), probe: null };
  if (!/^https?:\/\//i.test(url))
    return { ...verdict('met', expected, `站内链接 ${url}，无需检测`, null, null, null), probe: null };
  const l = linkStatus(probes, plan.failuresToBreach);
  let found: string;
  if (!l.latest) found = `${url} 尚未检测`;
  else if (l.latest.ok)
    found = `${url} 于 ${dateTimeOfInstant(l.latest.checkedAt)} 检测正常${l.latest.statusCode ? `（HTTP ${l.latest.statusCode}）` : ''}`;
  else
    found = `${url} 连续 ${l.failures} 次检测失败，最近一次 ${dateTimeOfInstant(l.latest.checkedAt)}：${l.latest.error ?? '无法访问'}`;
  return {
    ...verdict(l.status, expected, found, l.since ? dateTimeOfInstant(l.since) : null, null, null),
    probe: l.latest,
  };
}
