import { describe, expect, it } from 'vitest';
import { LETTER_ACTIONS, LetterStatus, actionsFrom, letterTransition } from '../../contract/interaction.js';
import { WorkCalendar } from '../../platform/calendar/calendar.js';
import { shanghaiDay } from '../../platform/time.js';
import { acceptDue, clockState, extendDue, nthWorkdayAfter, replyDue, unansweredTooLong } from './clocks.js';

const cal = new WorkCalendar();
const box = { accept_days: 1, consult_days: 5, other_days: 10 };
// A Shanghai wall-clock time as the UTC instant stored.
const at = (local: string) => new Date(Date.parse(`${local}+08:00`)).toISOString();
const lastDay = (due: string) => shanghaiDay(new Date(Date.parse(due) - 1));

describe('letter clocks over holidays and 调休 (2025 国庆/中秋: 10-01..10-08 off, 09-28 Sun and 10-11 Sat work)', () => {
  it('counts the calendar as published', () => {
    expect(cal.isWorkday('2025-09-28')).toBe(true);
    expect(cal.isWorkday('2025-10-03')).toBe(false);
    expect(cal.isWorkday('2025-10-11')).toBe(true);
  });

  it('受理 in 1 working day: a letter of Saturday 27 September is due on the 调休 Sunday', () => {
    expect(lastDay(acceptDue(cal, at('2025-09-27T10:00:00'), box))).toBe('2025-09-28');
  });

  it('a letter of 30 September is due after the whole holiday; late evening counts as that day', () => {
    expect(lastDay(acceptDue(cal, at('2025-09-30T23:59:00'), box))).toBe('2025-10-09');
    // 23:59 in Shanghai is 15:59 UTC the same day: the day is Shanghai's, not UTC's.
    expect(lastDay(acceptDue(cal, at('2025-10-01T00:01:00'), box))).toBe('2025-10-09');
  });

  it('答复 5 working days for 咨询 and 10 for the rest, the 调休 Saturday counted', () => {
    const assigned = at('2025-09-30T09:00:00');
    // 10-09, 10-10, 10-11 (Sat, 调休), 10-13, 10-14
    expect(lastDay(replyDue(cal, assigned, box, 'consult'))).toBe('2025-10-14');
    // … 10-15, 10-16, 10-17, 10-20, 10-21
    expect(lastDay(replyDue(cal, assigned, box, 'complaint'))).toBe('2025-10-21');
  });

  it('延期 adds working days after the current deadline', () => {
    const due = replyDue(cal, at('2025-09-30T09:00:00'), box, 'consult'); // 10-14
    expect(lastDay(extendDue(cal, due, 3))).toBe('2025-10-17');
    expect(nthWorkdayAfter(cal, '2025-10-17', 1)).toBe('2025-10-20');
  });

  it('催办 on the last working day and the one before, 超期 after', () => {
    const due = replyDue(cal, at('2025-09-30T09:00:00'), box, 'consult'); // ends 10-14 24:00
    expect(clockState(cal, due, new Date(at('2025-10-10T12:00:00')))).toBe('running');
    expect(clockState(cal, due, new Date(at('2025-10-13T08:00:00')))).toBe('due_soon');
    expect(clockState(cal, due, new Date(at('2025-10-14T23:00:00')))).toBe('due_soon');
    expect(clockState(cal, due, new Date(at('2025-10-15T00:00:01')))).toBe('overdue');
  });

  it('the 3-month indicator: an accepted letter forgotten, not a rejected or answered one', () => {
    const accepted = {
      received_at: at('2025-06-10T10:00:00'),
      accepted_at: at('2025-06-11T10:00:00'),
      first_answered_at: null,
    };
    expect(unansweredTooLong(accepted, '2025-09-10')).toBe(false);
    expect(unansweredTooLong(accepted, '2025-09-11')).toBe(true);
    expect(unansweredTooLong({ ...accepted, accepted_at: null }, '2025-12-01')).toBe(false);
    expect(unansweredTooLong({ ...accepted, first_answered_at: at('2025-12-01T00:00:00') }, '2025-12-02')).toBe(false);
  });
});

describe('the loop table', () => {
  it('every action leads somewhere the table knows, and refuses from elsewhere in words', () => {
    for (const [name, rule] of Object.entries(LETTER_ACTIONS)) {
      expect(LetterStatus.values).toContain(rule.to);
      const outside = LetterStatus.values.find((s) => !(rule.from as readonly string[]).includes(s))!;
      const r = letterTransition(name as keyof typeof LETTER_ACTIONS, outside);
      expect(r.ok).toBe(false);
    }
    expect(letterTransition('accept', 'received')).toEqual({ ok: true, to: 'accepted' });
  });

  it('offers each taker only its own steps', () => {
    expect(actionsFrom('received', 'office')).toEqual(['accept', 'reject']);
    expect(actionsFrom('assigned', 'unit_officer')).toEqual(['unit_return', 'draft']);
    expect(actionsFrom('drafted', 'unit_leader')).toEqual(['sign', 'return_draft']);
    expect(actionsFrom('answered', 'writer')).toEqual(['rate', 'reopen']);
    expect(actionsFrom('closed', 'office')).toEqual([]);
  });
});
