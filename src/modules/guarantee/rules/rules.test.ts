import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../platform/calendar/calendar.js';
import { expectedPeriods, results, statusAt, workdaysInBreach, type CountedRule } from './counted.js';
import {
  blankColumnsIndicator,
  homePageIndicator,
  interactionIndicator,
  staleColumnsIndicator,
  type ColumnFacts,
} from './indicators.js';
import { DEFAULT_SETTINGS, mergeSettings, planOf } from './params.js';
import { deadlineOf, lastDayUpTo, linkStatus, windowStatus } from './windows.js';

// Every expectation below was worked out by hand from the calendar (see calendar.test.ts for the
// holiday dates) before the code was run.

const cal = new WorkCalendar();
const counts = (entries: Array<[string, number]>) => new Map(entries);
const daily: CountedRule = { period: 'workday', minCount: 1, workdaysOnly: true };
const weekly: CountedRule = { period: 'week', minCount: 1, workdaysOnly: true };

describe('daily rule across the Spring Festival 2026', () => {
  // Items: Feb 9-13 one a day, none on Saturday Feb 14 (调休 working day), Feb 24 and Feb 26.
  // Working days from Feb 9: 9 10 11 12 13 14 | (15-23 off) | 24 25 26 27 (28 is a 调休 Saturday).
  const c = counts([
    ['2026-02-09', 1],
    ['2026-02-10', 1],
    ['2026-02-11', 1],
    ['2026-02-12', 1],
    ['2026-02-13', 1],
    ['2026-02-24', 1],
    ['2026-02-26', 1],
  ]);
  const at = (day: string, final = true) => statusAt(daily, cal, c, '2026-02-09', day, final, null);

  it.each([
    // day,          final, status,      since
    ['2026-02-13', true, 'met', null],
    ['2026-02-14', true, 'breached', '2026-02-14'], // the 调休 Saturday had nothing
    ['2026-02-20', true, 'breached', '2026-02-14'], // holiday: the last working day decides
    ['2026-02-24', true, 'met', null],
    ['2026-02-25', true, 'breached', '2026-02-25'],
    ['2026-02-26', true, 'met', null],
    ['2026-02-27', false, 'due_soon', null], // live, nothing yet today, yesterday met
    ['2026-02-27', true, 'breached', '2026-02-27'],
  ])('%s (final %s) is %s since %s', (day, final, status, since) => {
    const s = at(day, final);
    expect(s.status).toBe(status);
    expect(s.since).toBe(since);
  });

  it('counts the working days late in the range', () => {
    expect(workdaysInBreach(daily, cal, c, '2026-02-09', '2026-02-09', '2026-02-28', null)).toEqual([
      '2026-02-14',
      '2026-02-25',
      '2026-02-27',
      '2026-02-28',
    ]);
  });
});

describe('weekly rule around National Day 2025', () => {
  // Weeks: 09-22 (6 working days), 09-29 (2), 10-06 (3), 10-13. One item on Wed 09-24, one on Sunday 10-12.
  const c = counts([
    ['2025-09-24', 1],
    ['2025-10-12', 1],
  ]);
  const at = (day: string) => statusAt(weekly, cal, c, '2025-09-22', day, true, null);

  it('reports each week by its Monday', () => {
    const r = results(weekly, expectedPeriods(weekly, cal, '2025-09-22', '2025-10-12', null), c);
    expect(r.map((p) => [p.key, p.count, p.met])).toEqual([
      ['2025-09-22', 1, true],
      ['2025-09-29', 0, false],
      ['2025-10-06', 1, true], // the Sunday item counts for the week that ends that Sunday
    ]);
  });

  it.each([
    ['2025-09-30', 'due_soon', null], // week of 09-29 still open
    ['2025-10-08', 'breached', '2025-09-29'], // 09-29 week missed, nothing yet in the next
    ['2025-10-12', 'met', null], // Sunday's item makes up the open week
    ['2025-10-14', 'due_soon', null],
  ])('%s is %s since %s', (day, status, since) => {
    expect(at(day).status).toBe(status);
    expect(at(day).since).toBe(since);
  });

  it('counts the working days of the next week until the miss is made up', () => {
    // 10-09, 10-10 and Saturday 10-11 are working days; 10-01 … 10-08 are off.
    expect(workdaysInBreach(weekly, cal, c, '2025-09-22', '2025-10-01', '2025-10-19', null)).toEqual([
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
    ]);
    // Over the whole month the weeks of 10-13 and 10-20 had nothing either: their following weeks'
    // working days (10-20 … 10-24, 10-27 … 10-31) stand breached too: 3 + 5 + 5 = 13.
    expect(workdaysInBreach(weekly, cal, c, '2025-09-22', '2025-10-01', '2025-10-31', null)).toHaveLength(13);
  });

  it('does not expect a week without any working day', () => {
    const keys = expectedPeriods(weekly, cal, '2026-02-09', '2026-03-01', null).map((p) => p.key);
    expect(keys).toEqual(['2026-02-09', '2026-02-23']); // 02-16 … 02-22 is all 春节
    const every = expectedPeriods({ ...weekly, workdaysOnly: false }, cal, '2026-02-09', '2026-03-01', null).map(
      (p) => p.key,
    );
    expect(every).toEqual(['2026-02-09', '2026-02-16', '2026-02-23']);
  });
});

describe('a unit that joins mid-month', () => {
  it('is held only to periods that began after it joined', () => {
    // Joined Wednesday 2026-03-11: weeks of 03-16, 03-23 and 03-30 (still open on 03-31).
    expect(expectedPeriods(weekly, cal, '2026-03-01', '2026-03-31', '2026-03-11').map((p) => p.key)).toEqual([
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    // Daily: 03-11, 03-12, 03-13, then 16-20, 23-27, 30-31 = 3 + 5 + 5 + 2 = 15 working days.
    expect(expectedPeriods(daily, cal, '2026-03-01', '2026-03-31', '2026-03-11')).toHaveLength(15);
    // Nothing expected yet: met, not breached for the weeks before it existed.
    expect(statusAt(weekly, cal, new Map(), '2026-03-01', '2026-03-13', true, '2026-03-11').status).toBe('met');
  });
});

describe('window rules', () => {
  const news = { days: 14, warnDays: 4 };
  it.each([
    // last day,     check day,    status
    ['2026-01-01', '2026-01-10', 'met'],
    ['2026-01-01', '2026-01-11', 'due_soon'], // 4 days before the window runs out
    ['2026-01-01', '2026-01-14', 'due_soon'],
    ['2026-01-01', '2026-01-15', 'breached'], // Jan 2 … Jan 15: 14 days without an item
  ])('news: last %s, on %s → %s', (last, day, status) => {
    expect(windowStatus(news, last, day, null).status).toBe(status);
  });

  it('counts months by the calendar', () => {
    const notice = { months: 6, warnDays: 30 };
    expect(deadlineOf('2026-01-31', notice)).toBe('2026-07-31');
    expect(windowStatus(notice, '2026-01-31', '2026-06-30', null).status).toBe('met');
    expect(windowStatus(notice, '2026-01-31', '2026-07-01', null).status).toBe('due_soon');
    expect(windowStatus(notice, '2026-01-31', '2026-07-31', null)).toMatchObject({
      status: 'breached',
      since: '2026-07-31',
    });
  });

  it('flags a column that never carried an item, window or not', () => {
    expect(windowStatus(null, null, '2026-03-01', '2026-01-05')).toMatchObject({
      status: 'breached',
      blank: true,
      since: '2026-01-05',
    });
    expect(windowStatus(null, '2025-01-01', '2026-03-01', null).status).toBe('met');
    // Before the column was opened it could not be blank.
    expect(windowStatus(null, null, '2026-01-04', '2026-01-05')).toMatchObject({ status: 'met', blank: false });
  });

  it('finds the last item day up to a day', () => {
    const c = counts([
      ['2026-03-02', 1],
      ['2026-03-09', 2],
    ]);
    expect(lastDayUpTo('2026-02-20', c, '2026-03-05')).toBe('2026-03-02');
    expect(lastDayUpTo('2026-02-20', c, '2026-03-01')).toBe('2026-02-20');
  });
});

describe('link probes', () => {
  const probe = (ok: boolean, at: string) => ({
    checkedAt: at,
    ok,
    statusCode: ok ? 200 : 502,
    error: ok ? null : 'HTTP 502',
    finalUrl: null,
  });
  it('treats one failure as a warning and a run of them as a breach', () => {
    expect(linkStatus([], 2).status).toBe('due_soon');
    expect(linkStatus([probe(true, 'b'), probe(false, 'a')], 2).status).toBe('met');
    expect(linkStatus([probe(false, 'b'), probe(true, 'a')], 2)).toMatchObject({ status: 'due_soon', failures: 1 });
    expect(linkStatus([probe(false, 'c'), probe(false, 'b'), probe(true, 'a')], 2)).toMatchObject({
      status: 'breached',
      failures: 2,
      since: 'b',
    });
  });
});

describe('plans and settings', () => {
  it('takes per-duty overrides over the defaults', () => {
    const rule = { cadence: 'weekly_min' as const, minPerWeek: 1, perUnit: true, workdaysOnly: true };
    expect(planOf(rule, {}, 'news', DEFAULT_SETTINGS)).toMatchObject({
      type: 'counted',
      period: 'week',
      minCount: 1,
      perUnit: true,
      source: 'ledger',
    });
    expect(planOf(rule, { minCount: 3, perUnit: false }, 'news', DEFAULT_SETTINGS)).toMatchObject({
      minCount: 3,
      source: 'published',
    });
    const dyn = { cadence: 'dynamic' as const, minPerWeek: null, perUnit: false, workdaysOnly: false };
    expect(planOf(dyn, {}, 'notice', DEFAULT_SETTINGS)).toEqual({
      type: 'window',
      window: { months: 6, warnDays: 30 },
      windowSource: 'class',
    });
    expect(planOf(dyn, {}, 'basic', DEFAULT_SETTINGS)).toEqual({ type: 'window', window: null, windowSource: 'none' });
    expect(planOf(dyn, { window: { days: 30, warnDays: 5 } }, 'basic', DEFAULT_SETTINGS)).toMatchObject({
      windowSource: 'duty',
    });
    expect(
      mergeSettings({ indicators: { homePage: { limitDays: 14, warnDays: 7 } } } as never).indicators.blankColumns
        .limit,
    ).toBe(5);
  });
});

describe('site indicators', () => {
  const s = DEFAULT_SETTINGS;
  it.each([
    ['2026-11-20', 'ok'], // 10 days: not more than 10
    ['2026-11-21', 'warning'], // 11 days
    ['2026-11-24', 'veto'], // 14 days
  ])('home page last updated 2026-11-10, on %s → %s', (day, lv) => {
    expect(homePageIndicator(s, day, '2026-11-10', []).level).toBe(lv);
  });

  const col = (id: number, over: Partial<ColumnFacts>): ColumnFacts => ({
    id,
    name: `c${id}`,
    path: `c${id}`,
    lastDay: null,
    updateClass: null,
    topNotice: false,
    blankCandidate: true,
    ...over,
  });
  it('counts stale news and top notice columns together, and blank columns', () => {
    const facts = [
      col(1, { updateClass: 'news', lastDay: '2026-11-12' }), // 14 days before 11-26: stale
      col(2, { updateClass: 'news', lastDay: '2026-11-13' }), // 13 days: fresh
      col(3, { updateClass: 'notice', topNotice: true, lastDay: '2026-05-26' }), // 6 months: stale
      col(4, { updateClass: 'notice', topNotice: true, lastDay: '2026-05-27' }), // fresh
      col(5, { updateClass: 'notice', topNotice: false, lastDay: '2025-01-01' }), // a sub-column: not counted
      col(6, { updateClass: 'news' }), // blank news column: stale and blank
      col(7, { blankCandidate: false }), // a link column: never blank
    ];
    const stale = staleColumnsIndicator(s, '2026-11-26', facts);
    expect(stale.columns.map((c) => c.id)).toEqual([1, 3, 6]);
    expect(stale.level).toBe('warning'); // 3 > 2, below 5
    const blank = blankColumnsIndicator(s, facts);
    expect(blank.columns.map((c) => c.id)).toEqual([6]); // 7 is a link column, never blank
  });

  it('says the interaction indicator does not apply before 政民互动 exists', () => {
    expect(interactionIndicator(s, '2026-11-26', null)).toMatchObject({
      applicable: false,
      level: 'not_applicable',
      value: null,
    });
    expect(interactionIndicator(s, '2026-11-26', { oldestUnansweredDay: '2026-08-25' }).level).toBe('veto');
    expect(interactionIndicator(s, '2026-11-26', { oldestUnansweredDay: '2026-08-27' }).level).toBe('ok');
  });
});
