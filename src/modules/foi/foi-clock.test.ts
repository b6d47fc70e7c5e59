import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../platform/calendar/calendar.js';
import { computeClock, consultDeadline, correctionDeadline, correctionLapseDay, receiptDayOf } from './foi-clock.js';

// Every expected day below was counted by hand on the 2026 calendar (State Council notice): 中秋
// 2026-09-25 (Fri) and 国庆 10-01..10-07 off, Saturday 10-10 a 调休 working day; 清明 04-04..04-06
// off; 端午 06-19..06-21 off. The receipt day itself is never counted.
const cal = new WorkCalendar();

describe('receipt day by channel (第三十一条)', () => {
  it('takes the day handed in, signed for, or confirmed', () => {
    expect(receiptDayOf('in_person', { submittedDay: '2026-03-02' })).toBe('2026-03-02');
    expect(receiptDayOf('online', { submittedDay: '2026-03-02' })).toBe('2026-03-02');
    expect(receiptDayOf('registered_mail', { submittedDay: '2026-03-02', signedDay: '2026-03-04' })).toBe('2026-03-04');
    expect(receiptDayOf('ordinary_mail', { submittedDay: '2026-03-02', confirmedDay: '2026-03-09' })).toBe(
      '2026-03-09',
    );
  });

  it('refuses a letter without the day its channel needs, or one received before it was posted', () => {
    expect(() => receiptDayOf('registered_mail', { submittedDay: '2026-03-02' })).toThrow(/签收日期/);
    expect(() => receiptDayOf('ordinary_mail', { submittedDay: '2026-03-02' })).toThrow(/确认日期/);
    expect(() => receiptDayOf('ordinary_mail', { submittedDay: '2026-03-02', confirmedDay: '2026-03-01' })).toThrow(
      /不能早于/,
    );
  });
});

describe('the answer clock', () => {
  it('received on the Friday before National Day 2026: the holidays do not count, the 调休 Saturday does', () => {
    const c = computeClock(cal, { receivedDay: '2026-09-25' }, '2026-09-25');
    // 09-28, 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12 → 7th working day
    expect(c.correctionDueDay).toBe('2026-10-12');
    // … 10-13 … 10-16, 10-19 … 10-23, 10-26 … 10-29 → 20th working day
    expect(c.dueDay).toBe('2026-10-29');
    expect(c.status).toBe('running');
    expect(c.workdaysLeft).toBe(20);
  });

  it('registered and ordinary letters posted the same day run from different receipt days', () => {
    const registered = receiptDayOf('registered_mail', { submittedDay: '2026-03-02', signedDay: '2026-03-04' });
    const ordinary = receiptDayOf('ordinary_mail', { submittedDay: '2026-03-02', confirmedDay: '2026-03-09' });
    expect(computeClock(cal, { receivedDay: registered }, '2026-03-04').dueDay).toBe('2026-04-01');
    // 03-10 … 04-03 are 19 working days; 04-06 is 清明, so the 20th is 04-07
    expect(computeClock(cal, { receivedDay: ordinary }, '2026-03-09').dueDay).toBe('2026-04-07');
  });

  it('a 补正 stops the clock and the corrected application restarts it', () => {
    expect(correctionDeadline(cal, '2026-03-02')).toBe('2026-03-11');
    const waiting = computeClock(cal, { receivedDay: '2026-03-02', awaitingCorrection: true }, '2026-03-16');
    expect(waiting.status).toBe('paused');
    const restarted = computeClock(cal, { receivedDay: '2026-03-02', correctedDay: '2026-03-20' }, '2026-03-20');
    expect(restarted.startDay).toBe('2026-03-20');
    // 03-23 … 04-03 (10), 04-07 … 04-10 (14), 04-13 … 04-17 (19), 04-20 (20)
    expect(restarted.dueDay).toBe('2026-04-20');
    // without the 补正 it would have been due on 03-30
    expect(computeClock(cal, { receivedDay: '2026-03-02' }, '2026-03-02').dueDay).toBe('2026-03-30');
  });

  it('an extension adds up to 20 working days', () => {
    expect(computeClock(cal, { receivedDay: '2026-06-01' }, '2026-06-01').dueDay).toBe('2026-06-30');
    const c = computeClock(cal, { receivedDay: '2026-06-01', extensionDays: 20 }, '2026-06-25');
    expect(c.dueDay).toBe('2026-07-28');
    expect(c.extended).toBe(true);
  });

  it("the third party's days are not counted, whether it answers or lets its 15 days run out", () => {
    // consulted 06-10, answered 06-24: 06-11, 12, 15–18, 22–24 = 9 working days not counted
    const answered = computeClock(
      cal,
      { receivedDay: '2026-06-01', consultDay: '2026-06-10', consultReplyDay: '2026-06-24' },
      '2026-06-24',
    );
    expect(answered.pausedWorkdays).toBe(9);
    expect(answered.dueDay).toBe('2026-07-13');
    expect(answered.paused).toBe(false);
    expect(consultDeadline(cal, '2026-06-10')).toBe('2026-07-02');
    const open = computeClock(cal, { receivedDay: '2026-06-01', consultDay: '2026-06-10' }, '2026-06-15');
    expect(open.status).toBe('paused');
    expect(open.dueDay).toBe('2026-07-21');
    const silent = computeClock(cal, { receivedDay: '2026-06-01', consultDay: '2026-06-10' }, '2026-07-03');
    expect(silent.paused).toBe(false);
    expect(silent.pausedWorkdays).toBe(15);
    expect(silent.dueDay).toBe('2026-07-21');
  });

  it('warns three working days ahead and marks an unanswered application overdue', () => {
    // due 2026-10-29; on 10-26 three working days are left (10-27, 10-28, 10-29)
    expect(computeClock(cal, { receivedDay: '2026-09-25' }, '2026-10-23').status).toBe('running');
    const soon = computeClock(cal, { receivedDay: '2026-09-25' }, '2026-10-26');
    expect([soon.status, soon.workdaysLeft]).toEqual(['due_soon', 3]);
    const late = computeClock(cal, { receivedDay: '2026-09-25' }, '2026-11-02');
    expect([late.status, late.workdaysLeft]).toEqual(['overdue', -2]);
    expect(computeClock(cal, { receivedDay: '2026-09-25', concludedDay: '2026-10-20' }, '2026-11-02').status).toBe(
      'done',
    );
  });
});

describe('the lapse of an unanswered 补正 (第三十条)', () => {
  it('comes the working day after one working day of grace, holidays and weekends skipped', () => {
    // due Wed 09-30: 国庆 10-01..10-07 off, grace 10-08, lapse 10-09
    expect(correctionLapseDay(cal, '2026-09-30')).toBe('2026-10-09');
    // due Fri 10-09: the 调休 Saturday 10-10 is the grace day, lapse Monday 10-12
    expect(correctionLapseDay(cal, '2026-10-09')).toBe('2026-10-12');
    // due Thu 03-05: grace Fri 03-06, lapse Mon 03-09
    expect(correctionLapseDay(cal, '2026-03-05')).toBe('2026-03-09');
  });
});
