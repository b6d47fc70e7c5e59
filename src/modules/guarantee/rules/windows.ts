import { addDays, addMonths, daysBetween } from '../../../platform/calendar/days.js';
import type { Status } from './counted.js';
import type { Window } from './params.js';

// Window rules (动态维护 under the national update windows) and link probes. Pure.

/** When the window opened by an item on `lastDay` runs out: the first day that is past it. */
export function deadlineOf(lastDay: string, w: Window): string {
  return w.months ? addMonths(lastDay, w.months) : addDays(lastDay, w.days ?? 0);
}

export interface WindowStatus {
  status: Status;
  blank: boolean;
  lastDay: string | null;
  deadline: string | null;
  /** Breached since (the deadline, or the day the column was opened for a blank column). */
  since: string | null;
  daysSinceLast: number | null;
}

/**
 * "At least one item within the window before the check": with a 14-day window, an item on Jan 1
 * keeps the column fresh to the end of Jan 14; on Jan 15 fourteen whole days have passed without one.
 * A column that never carried an item is blank, breached whatever its window. `openedDay` is the day
 * the column is held to the rule from (the duty's date in force): a breach is never dated before it.
 */
export function windowStatus(
  w: Window | null,
  lastDay: string | null,
  day: string,
  openedDay: string | null,
): WindowStatus {
  // Before the column was opened there was nothing to keep up to date.
  if (lastDay === null && openedDay !== null && openedDay > day)
    return { status: 'met', blank: false, lastDay: null, deadline: null, since: null, daysSinceLast: null };
  if (lastDay === null)
    return { status: 'breached', blank: true, lastDay: null, deadline: null, since: openedDay, daysSinceLast: null };
  const daysSinceLast = daysBetween(lastDay, day);
  if (!w) return { status: 'met', blank: false, lastDay, deadline: null, since: null, daysSinceLast };
  const deadline = deadlineOf(lastDay, w);
  // A window that ran out before the column was held to it is breached from the day it was.
  const since = openedDay !== null && openedDay > deadline ? openedDay : deadline;
  if (day >= deadline) return { status: 'breached', blank: false, lastDay, deadline, since, daysSinceLast };
  if (day >= addDays(deadline, -w.warnDays))
    return { status: 'due_soon', blank: false, lastDay, deadline, since: null, daysSinceLast };
  return { status: 'met', blank: false, lastDay, deadline, since: null, daysSinceLast };
}

/** The last day ≤ `day` with an item, from the last day before the counts and the counts themselves. */
export function lastDayUpTo(
  lastBefore: string | null,
  counts: ReadonlyMap<string, number>,
  day: string,
): string | null {
  let best = lastBefore;
  for (const [d, n] of counts) if (n > 0 && d <= day && (best === null || d > best)) best = d;
  return best;
}

export interface Probe {
  checkedAt: string;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  finalUrl: string | null;
}

export interface LinkStatus {
  status: Status;
  latest: Probe | null;
  failures: number;
  since: string | null;
}

/** Probes newest first. One failure may be a passing hiccup (due soon); a run of them is a breach. */
export function linkStatus(probes: readonly Probe[], failuresToBreach: number): LinkStatus {
  const latest = probes[0] ?? null;
  if (!latest) return { status: 'due_soon', latest: null, failures: 0, since: null };
  let failures = 0;
  while (failures < probes.length && !probes[failures]!.ok) failures++;
  if (failures === 0) return { status: 'met', latest, failures, since: null };
  const since = probes[failures - 1]!.checkedAt;
  return { status: failures >= failuresToBreach ? 'breached' : 'due_soon', latest, failures, since };
}
