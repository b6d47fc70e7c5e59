import type { WorkCalendar } from '../../platform/calendar/calendar.js';
import { addDays, addMonths } from '../../platform/calendar/days.js';
import { shanghaiDay, shanghaiDayEnd } from '../../platform/time.js';

// The letters' clocks (issue 12 item 3), in working days of the project's calendar (holidays and 调休
// working weekends). A limit of N working days runs from the working day after the start: a letter
// received on Friday evening, or in the 国庆 holiday, has its first working day on the next one. The
// deadline is the end (Shanghai midnight) of the Nth working day.

export interface MailboxClock {
  accept_days: number;
  consult_days: number;
  other_days: number;
}

/** The Nth working day after `day` (n ≥ 1); n = 0 gives `day` itself. */
export function nthWorkdayAfter(cal: WorkCalendar, day: string, n: number): string {
  let d = day;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (cal.isWorkday(d)) left--;
  }
  return d;
}

const deadline = (cal: WorkCalendar, from: string, days: number) =>
  shanghaiDayEnd(nthWorkdayAfter(cal, shanghaiDay(from), days));

export const acceptDue = (cal: WorkCalendar, receivedAt: string, box: MailboxClock) =>
  deadline(cal, receivedAt, box.accept_days);

export const replyDays = (box: MailboxClock, category: string) =>
  category === 'consult' ? box.consult_days : box.other_days;

/** The reply deadline of a letter given to a unit at `from` (转办, 改派, reopening). */
export const replyDue = (cal: WorkCalendar, from: string, box: MailboxClock, category: string) =>
  deadline(cal, from, replyDays(box, category));

/** An approved 延期: N more working days after the current deadline's day. */
export function extendDue(cal: WorkCalendar, due: string, days: number): string {
  const dueDay = shanghaiDay(new Date(Date.parse(due) - 1)); // the last day still in time
  return shanghaiDayEnd(nthWorkdayAfter(cal, dueDay, days));
}

export type ClockState = 'running' | 'due_soon' | 'overdue';

/**
 * Where a deadline stands at `now`: 'due_soon' on the deadline's last working day and the working day
 * before it (催办), 'overdue' once it has passed (超期).
 */
export function clockState(cal: WorkCalendar, due: string, now: Date): ClockState {
  if (now.toISOString() >= due) return 'overdue';
  const lastDay = shanghaiDay(new Date(Date.parse(due) - 1));
  const today = shanghaiDay(now);
  const dayBefore = cal.previousWorkday(lastDay);
  return today >= dayBefore ? 'due_soon' : 'running';
}

/**
 * The national veto indicator: a valid (accepted) letter still unanswered more than three months
 * after it arrived. `today` is a Shanghai day.
 */
export function unansweredTooLong(
  letter: { accepted_at: string | null; first_answered_at: string | null; received_at: string },
  today: string,
): boolean {
  if (!letter.accepted_at || letter.first_answered_at) return false;
  return addMonths(shanghaiDay(letter.received_at), 3) < today;
}
