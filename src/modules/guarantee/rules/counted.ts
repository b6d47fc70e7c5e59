import type { WorkCalendar } from '../../../platform/calendar/calendar.js';
import { addDays, eachDay, mondayOf } from '../../../platform/calendar/days.js';
import type { CountedKind } from './params.js';

// Counted rules: at least N items per working day, or per natural week (Monday to Sunday). Pure
// arithmetic over per-day counts, so every hand-computed scenario can be tested without a database.

/** not_in_force: the day is before the duty's date in force (or the unit's 纳入考核日期). */
export type Status = 'met' | 'due_soon' | 'breached' | 'not_in_force';

export interface Period {
  /** The working day, or the week's Monday. */
  key: string;
  start: string;
  end: string;
  /** A week's seven days. */
  days?: string[];
}

export interface PeriodResult extends Period {
  count: number;
  met: boolean;
}

/** Items per Shanghai day; days without items are absent. */
export type DayCounts = ReadonlyMap<string, number>;

export interface CountedRule {
  period: CountedKind;
  minCount: number;
  /** Weekly: a week with no working day at all (a long holiday) is not expected. */
  workdaysOnly: boolean;
}

/**
 * The periods expected in [from, to]: every working day, or every week whose Monday falls in the
 * range (a week may end after `to`; it is then still open). Nothing is expected before `startDay`
 * (the day the unit joined or the column was opened): a week counts only if it began on or after it.
 * The lists are shared between the thousands of duties judged over the same range: do not modify.
 */
export function expectedPeriods(
  rule: CountedRule,
  cal: WorkCalendar,
  from: string,
  to: string,
  startDay: string | null,
): Period[] {
  let memo = periodMemo.get(cal);
  if (!memo) {
    memo = new Map();
    periodMemo.set(cal, memo);
  }
  const key = `${rule.period}|${rule.workdaysOnly}|${from}|${to}|${startDay ?? ''}`;
  const known = memo.get(key);
  if (known) return known;
  const begin = startDay && startDay > from ? startDay : from;
  let out: Period[];
  if (rule.period === 'workday') out = cal.workdaysBetween(begin, to).map((d) => ({ key: d, start: d, end: d }));
  else {
    out = [];
    for (const w of cal.weeks(from, to)) {
      if (w.monday < from || (startDay && w.monday < startDay)) continue;
      if (rule.workdaysOnly && cal.workdaysBetween(w.monday, w.sunday).length === 0) continue;
      out.push({ key: w.monday, start: w.monday, end: w.sunday, days: eachDay(w.monday, w.sunday) });
    }
  }
  if (memo.size > 20_000) memo.clear();
  memo.set(key, out);
  return out;
}

const periodMemo = new WeakMap<WorkCalendar, Map<string, Period[]>>();

/** Items in a period up to a day (items after it did not exist yet then). */
function countOf(p: Period, counts: DayCounts, upTo?: string): number {
  if (!p.days) return upTo && p.key > upTo ? 0 : (counts.get(p.key) ?? 0);
  let n = 0;
  for (const d of p.days) if (!upTo || d <= upTo) n += counts.get(d) ?? 0;
  return n;
}

export function countIn(counts: DayCounts, start: string, end: string): number {
  let n = 0;
  // The maps hold only days with items (a few weeks' worth): walking them beats walking the calendar.
  for (const [d, v] of counts) if (d >= start && d <= end) n += v;
  return n;
}

/** Each period's count; items after `upTo` are not counted (they did not exist yet at that day). */
export function results(
  rule: CountedRule,
  periods: readonly Period[],
  counts: DayCounts,
  upTo?: string,
): PeriodResult[] {
  return periods.map((p) => {
    const count = countOf(p, counts, upTo);
    return { key: p.key, start: p.start, end: p.end, count, met: count >= rule.minCount };
  });
}

export interface CountedStatus {
  status: Status;
  /** The period being decided: the open one (due soon) or the last completed one. */
  current: PeriodResult | null;
  lastCompleted: PeriodResult | null;
  /** First period of the unbroken run of misses that ends with the last completed period. */
  since: string | null;
  /** The run may have begun before the counts loaded (the lookback): "at least since". */
  sinceOpen: boolean;
  missedInRun: number;
}

/**
 * Status at the end of `day` (final) or during it (not final, the live board). Breached: the last
 * completed period was missed and the open period has not made up for it yet. Due soon: the open
 * period has not reached its count yet. Met otherwise. Walks back from the day and stops at the first
 * period that was met, so a long history costs nothing.
 */
export function statusAt(
  rule: CountedRule,
  cal: WorkCalendar,
  counts: DayCounts,
  loadedFrom: string,
  day: string,
  final: boolean,
  startDay: string | null,
): CountedStatus {
  const periods = expectedPeriods(rule, cal, loadedFrom, day, startDay);
  const judge = (p: Period): PeriodResult => {
    const count = countOf(p, counts, day);
    return { key: p.key, start: p.start, end: p.end, count, met: count >= rule.minCount };
  };
  let i = periods.length - 1;
  // Periods are in order and begin on or before the day: only the last one can still be open.
  const lastPeriod = periods[i];
  const open = lastPeriod && !(lastPeriod.end < day || (lastPeriod.end === day && final)) ? judge(lastPeriod) : null;
  if (open) i--;
  const last = i >= 0 ? judge(periods[i]!) : null;
  let since: string | null = null;
  let missed = 0;
  for (let j = i; j >= 0; j--) {
    const p = j === i ? last! : judge(periods[j]!);
    if (p.met) break;
    since = p.key;
    missed++;
  }
  const sinceOpen = missed > 0 && missed === i + 1 && (startDay === null || startDay < loadedFrom);
  if (last && !last.met && !(open?.met ?? false))
    return { status: 'breached', current: last, lastCompleted: last, since, sinceOpen, missedInRun: missed };
  if (open && !open.met)
    return { status: 'due_soon', current: open, lastCompleted: last, since: null, sinceOpen: false, missedInRun: 0 };
  return { status: 'met', current: open ?? last, lastCompleted: last, since: null, sinceOpen: false, missedInRun: 0 };
}

/**
 * The first expected period after the last day that had an item: where an unbroken run of misses
 * began when it began before the counts that were loaded (exact when one item fills a period).
 */
export function runStartAfter(
  rule: CountedRule,
  cal: WorkCalendar,
  lastDay: string | null,
  startDay: string | null,
  upTo: string,
): string | null {
  let from = lastDay ? (rule.period === 'workday' ? addDays(lastDay, 1) : addDays(mondayOf(lastDay), 7)) : startDay;
  if (from === null) return null;
  if (startDay && startDay > from) from = startDay;
  // Periods starting before `from` are not expected; the first one left is where the run began. Only
  // the first is wanted, so step forward instead of listing years of periods.
  if (rule.period === 'workday') {
    const first = cal.isWorkday(from) ? from : cal.nextWorkday(from);
    return first <= upTo ? first : null;
  }
  for (
    let monday = mondayOf(from) < from ? addDays(mondayOf(from), 7) : from;
    monday <= upTo;
    monday = addDays(monday, 7)
  ) {
    if (!rule.workdaysOnly || cal.workdaysBetween(monday, addDays(monday, 6)).length > 0) return monday;
  }
  return null;
}

/**
 * Working days of [from, to] at whose end the rule stood breached: the 通报's "working days late".
 * A missed working day counts once; a missed week counts every working day until it is made up.
 */
export function workdaysInBreach(
  rule: CountedRule,
  cal: WorkCalendar,
  counts: DayCounts,
  loadedFrom: string,
  from: string,
  to: string,
  startDay: string | null,
): string[] {
  return cal
    .workdaysBetween(from, to)
    .filter((d) => statusAt(rule, cal, counts, loadedFrom, d, true, startDay).status === 'breached');
}
