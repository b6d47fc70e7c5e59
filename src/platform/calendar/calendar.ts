import { addDays, eachDay, isoWeekday, mondayOf, monthRange, yearOf } from './days.js';
import { PUBLISHED_YEARS, publishedDay } from './holidays.js';

// The working-day calendar of Asia/Shanghai days. Where a day's status comes from, in order:
// 1. an administrator's override (a correction, or a year the package does not have yet);
// 2. the State Council notice as carried by chinese-days (holidays and 调休 working weekends);
// 3. Monday to Friday: the only honest guess for a year nobody has entered. Outputs say when they
//    relied on it (notesFor), because a working-day count over such a year may be wrong by the holidays.

export interface CalendarOverride {
  day: string;
  workday: boolean;
  name: string;
}

export type DaySource = 'override' | 'published' | 'weekday_rule';

export interface DayInfo {
  day: string;
  workday: boolean;
  /** 春节, 国庆节调休上班, 周末, 工作日, or the administrator's label. */
  name: string;
  source: DaySource;
}

export class WorkCalendar {
  private readonly overrides: Map<string, CalendarOverride>;
  private readonly enteredYears: Set<number>;
  // A calendar is immutable once built, and the checks ask the same questions for thousands of duties
  // (the working days of the same range): the answers are kept.
  private readonly workdayMemo = new Map<string, boolean>();
  private readonly rangeMemo = new Map<string, string[]>();
  private readonly weeksMemo = new Map<string, Array<{ monday: string; sunday: string; workdays: string[] }>>();

  constructor(overrides: readonly CalendarOverride[] = []) {
    this.overrides = new Map(overrides.map((o) => [o.day, o]));
    this.enteredYears = new Set(overrides.map((o) => yearOf(o.day)));
  }

  info(day: string): DayInfo {
    const own = this.overrides.get(day);
    if (own) return { day, workday: own.workday, name: own.name, source: 'override' };
    const known = publishedDay(day);
    if (known) return { day, workday: known.workday, name: known.name, source: 'published' };
    const weekend = isoWeekday(day) >= 6;
    return {
      day,
      workday: !weekend,
      name: weekend ? '周末' : '工作日',
      source: PUBLISHED_YEARS.has(yearOf(day)) ? 'published' : 'weekday_rule',
    };
  }

  isWorkday(day: string): boolean {
    let known = this.workdayMemo.get(day);
    if (known === undefined) {
      known = this.info(day).workday;
      this.workdayMemo.set(day, known);
    }
    return known;
  }

  /** Working days from `from` to `to`, both included (a shared array: do not modify it). */
  workdaysBetween(from: string, to: string): string[] {
    const key = `${from}|${to}`;
    let days = this.rangeMemo.get(key);
    if (!days) {
      days = from > to ? [] : eachDay(from, to).filter((d) => this.isWorkday(d));
      if (this.rangeMemo.size > 50_000) this.rangeMemo.clear();
      this.rangeMemo.set(key, days);
    }
    return days;
  }

  /** The first working day after `day` (not `day` itself). */
  nextWorkday(day: string): string {
    let d = addDays(day, 1);
    // A run of days off is never longer than a few weeks; the bound only guards a corrupt override table.
    for (let i = 0; i < 366 && !this.isWorkday(d); i++) d = addDays(d, 1);
    return d;
  }

  /** The last working day before `day` (not `day` itself). */
  previousWorkday(day: string): string {
    let d = addDays(day, -1);
    for (let i = 0; i < 366 && !this.isWorkday(d); i++) d = addDays(d, -1);
    return d;
  }

  /** The natural weeks (Monday to Sunday) that touch the range, each with its working days inside the range. */
  weeks(from: string, to: string): Array<{ monday: string; sunday: string; workdays: string[] }> {
    const key = `${from}|${to}`;
    const known = this.weeksMemo.get(key);
    if (known) return known;
    const out: Array<{ monday: string; sunday: string; workdays: string[] }> = [];
    for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
      const sunday = addDays(monday, 6);
      const start = monday < from ? from : monday;
      const end = sunday > to ? to : sunday;
      out.push({ monday, sunday, workdays: this.workdaysBetween(start, end) });
    }
    if (this.weeksMemo.size > 10_000) this.weeksMemo.clear();
    this.weeksMemo.set(key, out);
    return out;
  }

  /** The first working day of a month ("2026-02"): when the monthly 通报 is due. */
  firstWorkdayOfMonth(month: string): string {
    const { from } = monthRange(month);
    return this.isWorkday(from) ? from : this.nextWorkday(from);
  }

  /** Is the year covered by a published notice or by an administrator's entries? */
  yearKnown(year: number): boolean {
    return PUBLISHED_YEARS.has(year) || this.enteredYears.has(year);
  }

  /** Chinese lines for the outputs: which years of the range were counted Monday to Friday only. */
  notesFor(from: string, to: string): string[] {
    const notes: string[] = [];
    for (let y = yearOf(from); y <= yearOf(to); y++) {
      if (!this.yearKnown(y)) notes.push(`${y} 年节假日数据未录入，按周一至周五计算`);
      else if (!PUBLISHED_YEARS.has(y)) notes.push(`${y} 年节假日按管理员录入的日历计算`);
    }
    return notes;
  }
}
