import { describe, expect, it } from 'vitest';
import { WorkCalendar } from './calendar.js';
import { addMonths, dateTimeOfInstant, dayOfInstant, isDay, isoWeekday, mondayOf, monthRange } from './days.js';

// Expected values worked out by hand from the State Council notices (as carried by chinese-days 1.5.7):
//   2026 春节: 02-15 (Sun) … 02-23 (Mon) off; 02-14 (Sat) and 02-28 (Sat) are working days.
//   2025 国庆/中秋: 10-01 … 10-08 off; 09-28 (Sun) and 10-11 (Sat) are working days.
//   2026 元旦: 01-01 … 01-03 off; 01-04 (Sun) is a working day.
//   2026 国庆: 10-01 … 10-07 off; 09-20 (Sun) and 10-10 (Sat) are working days.

const cal = new WorkCalendar();

describe('days', () => {
  it('does day arithmetic without time zones', () => {
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isoWeekday('2026-02-15')).toBe(7);
    expect(mondayOf('2026-02-15')).toBe('2026-02-09');
    expect(mondayOf('2026-02-16')).toBe('2026-02-16');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('puts an instant on its Shanghai day: midnight is 16:00 UTC', () => {
    expect(dayOfInstant('2026-01-04T16:30:00.000Z')).toBe('2026-01-05');
    expect(dayOfInstant('2026-01-04T15:59:59.999Z')).toBe('2026-01-04');
    expect(dayOfInstant('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(dayOfInstant('2026-01-05T00:30:00+08:00')).toBe('2026-01-05'); // not the stored form: parsed
    expect(dateTimeOfInstant('2026-01-04T16:30:00.000Z')).toBe('2026-01-05 00:30');
    expect(dateTimeOfInstant('2026-01-04T01:05:00.000Z')).toBe('2026-01-04 09:05');
  });
});

describe('WorkCalendar', () => {
  it.each([
    // day,          workday, why
    ['2026-02-13', true], // Friday before the holiday
    ['2026-02-14', true], // Saturday, 调休上班
    ['2026-02-15', false], // Sunday, 春节 starts
    ['2026-02-16', false], // Monday, 春节
    ['2026-02-23', false], // Monday, last day off
    ['2026-02-24', true], // Tuesday, back to work
    ['2026-02-28', true], // Saturday, 调休上班
    ['2026-03-01', false], // Sunday
    ['2025-09-28', true], // Sunday, 调休上班 for 国庆
    ['2025-10-08', false], // Wednesday, 国庆
    ['2025-10-11', true], // Saturday, 调休上班
    ['2026-01-04', true], // Sunday, 调休上班 for 元旦
  ])('%s is a working day: %s', (day, workday) => {
    expect(cal.isWorkday(day)).toBe(workday);
  });

  it('counts the working days across the Spring Festival 2026', () => {
    // Feb 9-13 (5) + Feb 14 (1) + Feb 24-27 (4) + Feb 28 (1) = 11; Feb 15-23 and Mar 1 are off.
    expect(cal.workdaysBetween('2026-02-09', '2026-03-01')).toHaveLength(11);
  });

  it('splits a range into natural weeks with their working days', () => {
    const weeks = cal.weeks('2025-09-22', '2025-10-12');
    expect(weeks.map((w) => [w.monday, w.workdays.length])).toEqual([
      ['2025-09-22', 6], // Mon-Fri + Sunday 09-28 (调休)
      ['2025-09-29', 2], // 09-29, 09-30; 10-01 … 10-05 off
      ['2025-10-06', 3], // 10-09, 10-10, and Saturday 10-11 (调休)
    ]);
    // The Spring Festival week of 2026 has no working day at all.
    expect(cal.weeks('2026-02-16', '2026-02-22')[0]!.workdays).toEqual([]);
    // A range that starts mid-week keeps only the days inside it.
    expect(cal.weeks('2026-02-12', '2026-02-15')[0]).toEqual({
      monday: '2026-02-09',
      sunday: '2026-02-15',
      workdays: ['2026-02-12', '2026-02-13', '2026-02-14'],
    });
  });

  it('finds the first working day of a month', () => {
    expect(cal.firstWorkdayOfMonth('2026-01')).toBe('2026-01-04'); // a Sunday
    expect(cal.firstWorkdayOfMonth('2026-02')).toBe('2026-02-02'); // Feb 1 is a Sunday
    expect(cal.firstWorkdayOfMonth('2026-10')).toBe('2026-10-08');
    expect(cal.firstWorkdayOfMonth('2026-12')).toBe('2026-12-01');
  });

  it('steps to neighbouring working days over holidays', () => {
    expect(cal.nextWorkday('2026-02-14')).toBe('2026-02-24');
    expect(cal.previousWorkday('2026-02-24')).toBe('2026-02-14');
  });

  it('falls back to Monday to Friday for a year nobody has entered, and says so', () => {
    expect(cal.yearKnown(2027)).toBe(false);
    expect(cal.isWorkday('2027-01-01')).toBe(true); // a Friday; New Year's Day is not known yet
    expect(cal.info('2027-01-01').source).toBe('weekday_rule');
    expect(cal.notesFor('2026-12-01', '2027-01-31')).toEqual(['2027 年节假日数据未录入，按周一至周五计算']);
    expect(cal.notesFor('2018-01-01', '2026-12-31')).toEqual([]);
  });

  it('lets an administrator override a day and enter a later year', () => {
    const own = new WorkCalendar([
      { day: '2027-01-01', workday: false, name: '元旦' },
      { day: '2026-02-28', workday: false, name: '更正' },
    ]);
    expect(own.isWorkday('2027-01-01')).toBe(false);
    expect(own.isWorkday('2026-02-28')).toBe(false);
    expect(own.info('2026-02-28').source).toBe('override');
    expect(own.notesFor('2027-01-01', '2027-01-31')).toEqual(['2027 年节假日按管理员录入的日历计算']);
  });

  it('covers every year from 2018 to 2026 with published data', () => {
    for (let y = 2018; y <= 2026; y++) expect(cal.yearKnown(y)).toBe(true);
    expect(cal.isWorkday('2018-02-11')).toBe(true); // 2018 春节 调休 Sunday
    expect(cal.isWorkday('2018-12-29')).toBe(true); // 调休 for New Year 2019
  });
});
