import type { WorkCalendar } from '../../platform/calendar/calendar.js';
import { addDays } from '../../platform/calendar/days.js';
import { AppError } from '../../platform/errors.js';

// The statutory clock of an application under the 政府信息公开条例 (2019), pure: every answer is a
// function of the dates entered and the working-day calendar (holidays and 调休 from
// platform/calendar). Counting follows the rule for periods: the day the period starts from is not
// counted, and only working days are (a holiday or a weekend never is; a 调休 Saturday is).
// - 第三十一条: the receipt day depends on how the application came (receiptDayOf);
// - 第三十条: a 补正 is asked at most once, within 7 working days of receipt; the clock restarts from
//   the day the corrected application is received;
// - 第三十二条: the third party's time (at most 15 working days) is not counted;
// - 第三十三条: answer within 20 working days, extendable once by at most 20.

export const ANSWER_WORKDAYS = 20;
export const CORRECTION_WORKDAYS = 7;
export const CONSULT_WORKDAYS = 15;
export const MAX_EXTENSION_WORKDAYS = 20;
/** Working days left at which an open application is "due soon" (and the unit is warned). */
export const DUE_SOON_WORKDAYS = 3;

export type ChannelValue = 'in_person' | 'registered_mail' | 'ordinary_mail' | 'online';

export interface ReceiptDates {
  /** The day it was handed in, posted or submitted online. */
  submittedDay: string;
  /** 挂号信: the day the unit signed for it. */
  signedDay?: string | null;
  /** 平信: the day the unit confirmed receipt with the applicant. */
  confirmedDay?: string | null;
}

/**
 * The receipt day of 第三十一条: in person, the day handed in; a registered letter, the day signed for;
 * an ordinary letter, the day receipt was confirmed with the applicant; online, the day submitted
 * (the 申请编号 the site gives at once is the confirmation both sides hold).
 */
export function receiptDayOf(channel: ChannelValue, d: ReceiptDates): string {
  const need = (value: string | null | undefined, field: string, label: string): string => {
    if (!value) throw new AppError('VALIDATION_FAILED', `${label}`, { issues: [{ field, message: label }] });
    if (value < d.submittedDay)
      throw new AppError('VALIDATION_FAILED', '收到日期不能早于寄出（提交）日期', {
        issues: [{ field, message: '收到日期不能早于寄出（提交）日期' }],
      });
    return value;
  };
  switch (channel) {
    case 'in_person':
    case 'online':
      return d.submittedDay;
    case 'registered_mail':
      return need(d.signedDay, 'signedDay', '挂号信以签收之日为收到申请之日，请填写签收日期');
    case 'ordinary_mail':
      return need(d.confirmedDay, 'confirmedDay', '平信以与申请人确认之日为收到申请之日，请填写确认日期');
  }
}

/** The n-th working day after `day` whose counting is not excluded by `skip`. */
export function nthWorkdayAfter(
  cal: WorkCalendar,
  day: string,
  n: number,
  skip: (d: string) => boolean = () => false,
): string {
  let d = day;
  for (let counted = 0; counted < n; ) {
    d = cal.nextWorkday(d);
    if (!skip(d)) counted++;
  }
  return d;
}

/** Working days in (from, to], both as days. */
export function workdaysAfter(cal: WorkCalendar, from: string, to: string): string[] {
  return to <= from ? [] : cal.workdaysBetween(addDays(from, 1), to);
}

/** The last day a 补正 may be asked (7 working days after receipt). */
export function correctionDeadline(cal: WorkCalendar, receivedDay: string): string {
  return nthWorkdayAfter(cal, receivedDay, CORRECTION_WORKDAYS);
}

/**
 * Working days a unit keeps after a 补正's due day before the application lapses: a 补正 handed in or
 * signed for on the last day is usually entered the next working day, and must not find the
 * application already closed.
 */
export const CORRECTION_GRACE_WORKDAYS = 1;

/**
 * The day from which a 补正 not received by its due day makes the application withdrawn (第三十条:
 * 无正当理由逾期不补正的，视为放弃申请): the first working day after the grace, so that the
 * withdrawal is always recorded on a working day.
 */
export function correctionLapseDay(cal: WorkCalendar, correctionDueDay: string): string {
  return nthWorkdayAfter(cal, correctionDueDay, CORRECTION_GRACE_WORKDAYS + 1);
}

/** The end of the third party's 15 working days. */
export function consultDeadline(cal: WorkCalendar, consultDay: string): string {
  return nthWorkdayAfter(cal, consultDay, CONSULT_WORKDAYS);
}

export interface ClockInput {
  receivedDay: string;
  /** The corrected application's receipt: the clock restarts from it. */
  correctedDay?: string | null;
  /** A 补正 asked and not yet answered: the clock has not started. */
  awaitingCorrection?: boolean;
  consultDay?: string | null;
  consultReplyDay?: string | null;
  extensionDays?: number | null;
  concludedDay?: string | null;
}

export interface Clock {
  receivedDay: string;
  startDay: string;
  correctionDueDay: string;
  /** The answer's due day; while a consultation is open, as if the third party used all its time. */
  dueDay: string;
  /** Working days not counted (the third party's). */
  pausedWorkdays: number;
  paused: boolean;
  extended: boolean;
  /** Counted working days from today (excluded) to the due day; negative when overdue; null when done. */
  workdaysLeft: number | null;
  status: 'running' | 'paused' | 'due_soon' | 'overdue' | 'done';
}

/** The clock of an application as of `today`. */
export function computeClock(cal: WorkCalendar, input: ClockInput, today: string): Clock {
  const startDay = input.correctedDay ?? input.receivedDay;
  // The third party's time: the working days after the request, up to its reply or its 15 days.
  let pause: { from: string; to: string } | null = null;
  let consultOpen = false;
  if (input.consultDay) {
    const limit = consultDeadline(cal, input.consultDay);
    const end = input.consultReplyDay && input.consultReplyDay < limit ? input.consultReplyDay : limit;
    pause = { from: input.consultDay, to: end };
    consultOpen = !input.consultReplyDay && !input.concludedDay && today <= limit;
  }
  const skip = (d: string) => pause !== null && d > pause.from && d <= pause.to;
  const extension = input.extensionDays ?? 0;
  const dueDay = nthWorkdayAfter(cal, startDay, ANSWER_WORKDAYS + extension, skip);
  const pausedWorkdays = pause ? workdaysAfter(cal, pause.from, pause.to).length : 0;
  const correctionDueDay = correctionDeadline(cal, input.receivedDay);
  const paused = consultOpen || Boolean(input.awaitingCorrection);
  let workdaysLeft: number | null = null;
  let status: Clock['status'];
  if (input.concludedDay) status = 'done';
  else {
    workdaysLeft =
      today <= dueDay
        ? workdaysAfter(cal, today, dueDay).filter((d) => !skip(d)).length
        : -workdaysAfter(cal, dueDay, today).length;
    if (paused) status = 'paused';
    else if (workdaysLeft < 0) status = 'overdue';
    else if (workdaysLeft <= DUE_SOON_WORKDAYS) status = 'due_soon';
    else status = 'running';
  }
  return {
    receivedDay: input.receivedDay,
    startDay,
    correctionDueDay,
    dueDay,
    pausedWorkdays,
    paused,
    extended: extension > 0,
    workdaysLeft,
    status,
  };
}
