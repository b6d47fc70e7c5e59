import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayBeforeToday, pickedInPast, pickedInstant } from '../../admin/src/features/review/publish-time.js';

// The 定时发布 pickers take Beijing time whatever the browser's zone: here the process runs in New York
// (UTC−5 in December), where the picker's own value would put 09:00 thirteen hours late.

const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

/** What the picker hands back for a day and time chosen on its calendar: a time in the local zone. */
const picked = (wall: string) => dayjs(wall);

describe('定时发布 in Beijing time', () => {
  it('runs in a zone other than Beijing (or the test proves nothing)', () => {
    expect(new Date(2026, 11, 6, 9, 0).getTimezoneOffset()).toBe(300);
  });

  it('reads the picked day and time as Beijing time', () => {
    expect(pickedInstant(picked('2026-12-06 09:00'))).toBe('2026-12-06T01:00:00.000Z');
    // Past midnight in Beijing is still the day before in UTC.
    expect(pickedInstant(picked('2026-12-07 07:30'))).toBe('2026-12-06T23:30:00.000Z');
    // New York's summer time changes nothing: Beijing keeps +08:00 all year.
    expect(pickedInstant(picked('2026-07-01 09:00'))).toBe('2026-07-01T01:00:00.000Z');
  });

  it('compares with the current minute and today in Beijing', () => {
    // 2026-12-06 01:00Z is 09:00 in Beijing and still 20:00 on the 5th in New York.
    const now = new Date('2026-12-06T01:00:00Z');
    expect(pickedInPast(picked('2026-12-06 08:59'), now)).toBe(true);
    expect(pickedInPast(picked('2026-12-06 09:00'), now)).toBe(false);
    expect(pickedInPast(picked('2026-12-06 09:01'), now)).toBe(false);
    expect(dayBeforeToday(picked('2026-12-05 23:00'), now)).toBe(true);
    expect(dayBeforeToday(picked('2026-12-06 00:00'), now)).toBe(false);
  });
});
