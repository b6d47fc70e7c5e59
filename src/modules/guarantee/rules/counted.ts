import type { WorkCalendar } from '../../../platform/calendar/calendar.js';
import { addDays, mondayOf } from '../../../platform/calendar/days.js';
import type { CountedKind } from './params.js';

// Counted rules: at least N items per working day, or per natural week (Monday to Sunday). Pure
// arithmetic over per-day counts, so every hand-computed scenario can be tested without a database.

export type Status = 'met' | 'due_soon' | 'breached';

export interface Period {
  /** The working day, or the week's Monday. */
  key: string;
  start: string;
  end: string;
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
 */
export function expectedPeriods(rule: CountedRule, cal: WorkCalendar, from: string, to: string, startDay: string | null): Period[] {
  const begin = startDay && startDay > from ? startDay : from;
  if (rule.period === 'workday') return cal.workdaysBetween(begin, to).map((d) => ({ key: d, start: d, end: d }));
  const out: Period[] = [];
  for (const w of cal.weeks(from, to)) {
    if (w.monday < from || (startDay && w.monday < startDay)) continue;
    if (rule.workdaysOnly && cal.workdaysBetween(w.monday, w.sunday).length === 0) continue;
    out.push({ key: w.monday, start: w.monday, end: w.sunday });
  }
  return out;
}

export function countIn(counts: DayCounts, start: string, end: string): number {
  let n = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) n += counts.get(d) ?? 0;
  return n;
}

/** Each period's count; items after `upTo` are not counted (they did not exist yet at that day). */
export function results(rule: CountedRule, periods: readonly Period[], counts: DayCounts, upTo?: string): PeriodResult[] {
  return periods.map((p) => {
    const count = countIn(counts, p.start, upTo && upTo < p.end ? upTo : p.end);
    return { ...p, count, met: count >= rule.minCount };
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
 * period has not reached its count yet. Met otherwise.
 */
export function statusAt(rule: CountedRule, cal: WorkCalendar, counts: DayCounts, loadedFrom: string, day: string, final: boolean, startDay: string | null): CountedStatus {
  const periods = results(rule, expectedPeriods(rule, cal, loadedFrom, day, startDay), counts, day);
  const isDone = (p: Period) => p.end < day || (p.end === day && final);
  const open = periods.find((p) => !isDone(p)) ?? null;
  const done = periods.filter(isDone);
  const last = done.at(-1) ?? null;
  let since: string | null = null;
  let missed = 0;
  for (let i = done.length - 1; i >= 0 && !done[i]!.met; i--) {
    since = done[i]!.key;
    missed++;
  }
  const sinceOpen = missed > 0 && missed === done.length && (startDay === null || startDay < loadedFrom);
  if (last && !last.met && !(open?.met ?? false)) return { status: 'breached', current: last, lastCompleted: last, since, sinceOpen, missedInRun: missed };
  if (open && !open.met) return { status: 'due_soon', current: open, lastCompleted: last, since: null, sinceOpen: false, missedInRun: 0 };
  return { status: 'met', current: open ?? last, lastCompleted: last, since: null, sinceOpen: false, missedInRun: 0 };
}

/**
 * The first expected period after the last day that had an item: where an unbroken run of misses
 * began when it began before the counts that were loaded (exact when one item fills a period).
 */
export function runStartAfter(rule: CountedRule, cal: WorkCalendar, lastDay: string | null, startDay: string | null, upTo: string): string | null {
  let from = lastDay ? (rule.period === 'workday' ? addDays(lastDay, 1) : addDays(mondayOf(lastDay), 7)) : startDay;
  if (from === null) return null;
  if (startDay && startDay > from) from = startDay;
  // Periods starting before `from` are not expected; the first one left is where the run began.
  return expectedPeriods(rule, cal, from, upTo, startDay)[0]?.key ?? null;
}

/**
 * Working days of [from, to] at whose end the rule stood breached: the 通报's "working days late".
 * A missed working day counts once; a missed week counts every working day until it is made up.
 */
export function workdaysInBreach(rule: CountedRule, cal: WorkCalendar, counts: DayCounts, loadedFrom: string, from: string, to: string, startDay: string | null): string[] {
  return cal.workdaysBetween(from, to).filter((d) => statusAt(rule, cal, counts, loadedFrom, d, true, startDay).status === 'breached');
}
