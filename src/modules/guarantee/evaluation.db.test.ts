import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeColumn, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { backdate, insertArticle, insertDuty, insertSubmission } from './guarantee.test-helpers.js';
import type { DutyReport } from './report.service.js';

// Hand-computed scenarios on every dialect. The calendar facts used (chinese-days, State Council):
//   2026 春节: Feb 15 (Sun) … Feb 23 (Mon) off; Saturdays Feb 14 and Feb 28 are working days.
//   2025 国庆: Oct 1 … Oct 8 off; Sunday Sep 28 and Saturday Oct 11 are working days.
// Shanghai is UTC+8: 2026-02-12T16:30Z is Feb 13 00:30 in Shanghai.

let t: TestApp;
let siteId: number;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  siteId = (await makeSite(s)).id;
  // The column tree: 新闻中心/涟水新闻 (the daily duty) with a sub-column 图片新闻 and a mirror 财政信息
  // that shows 政务公开/财政信息: one column shown under two parents. 公告 is unrelated.
  const centre = await makeColumn(s, siteId, '新闻中心');
  const news = await makeColumn(s, siteId, '涟水新闻', centre.id, { updateClass: 'news' });
  const photos = await makeColumn(s, siteId, '图片新闻', news.id);
  const open = await makeColumn(s, siteId, '政务公开', null, { kind: 'catalogue' });
  const finance = await makeColumn(s, siteId, '财政信息', open.id);
  const mirror = await makeColumn(s, siteId, '财政信息', news.id, { sourceColumnId: finance.id });
  const notices = await makeColumn(s, siteId, '公告', null, { updateClass: 'notice' });
  const towns = await makeColumn(s, siteId, '乡镇动态', centre.id, { updateClass: 'news' });
  Object.assign(ids, {
    centre: centre.id,
    news: news.id,
    photos: photos.id,
    finance: finance.id,
    mirror: mirror.id,
    notices: notices.id,
    towns: towns.id,
  });
  await backdate(s, 'columns', Object.values(ids), '2025-01-01T00:00:00.000Z');

  const xwzx = await makeUnit(s, '新闻中心', 'direct');
  const gaogou = await makeUnit(s, '高沟镇', 'town');
  const fresh = await makeUnit(s, '新港镇', 'town');
  const finBureau = await makeUnit(s, '财政局');
  Object.assign(ids, { xwzx: xwzx.id, gaogou: gaogou.id, fresh: fresh.id, finBureau: finBureau.id });
  await backdate(s, 'units', [xwzx.id, gaogou.id, finBureau.id], '2025-01-01T00:00:00.000Z');
  // 新港镇 joins in the middle of October 2025: its 纳入考核日期.
  await s.units.update(system, fresh.id, { assessedFrom: '2025-10-15' });
  const group = await s.units.createGroup(system, { name: '各镇', categories: ['town'] });

  ids.daily = await insertDuty(s, news.id, { cadence: 'workday_daily' }, [{ unitId: xwzx.id }]);
  ids.weekly = await insertDuty(s, towns.id, { cadence: 'weekly_min', minPerWeek: 1 }, [
    { groupId: group.id, label: '各镇' },
  ]);
  ids.window = await insertDuty(s, notices.id, { cadence: 'dynamic' }, [{ unitId: finBureau.id }]);

  const art = (columnId: number, publishedAt: string, extra: Partial<Parameters<typeof insertArticle>[1]> = {}) =>
    insertArticle(s, { siteId, columnId, unitId: xwzx.id, publishedAt, ...extra });
  // Daily scenario, Shanghai days in the comments.
  await art(news.id, '2026-02-09T02:00:00.000Z'); // Feb 9, the duty column itself
  await art(photos.id, '2026-02-10T01:00:00.000Z'); // Feb 10, a sub-column
  await art(photos.id, '2026-02-10T02:00:00.000Z', { extraColumns: [news.id] }); // Feb 10, also listed in the duty column: counted once
  await art(finance.id, '2026-02-11T03:00:00.000Z'); // Feb 11, the mirror's source
  await art(notices.id, '2026-02-12T05:00:00.000Z', { extraColumns: [news.id] }); // Feb 12, listed (一文多发) from elsewhere
  await art(news.id, '2026-02-12T16:30:00.000Z'); // Feb 13 00:30: after Shanghai midnight
  // Feb 14 (调休 Saturday): nothing.
  await art(news.id, '2026-02-24T15:59:59.000Z'); // Feb 24 23:59:59
  await art(notices.id, '2026-02-25T03:00:00.000Z'); // Feb 25, not shown in the duty column
  await art(news.id, '2026-02-25T04:00:00.000Z', { status: 'draft' }); // Feb 25, not published
  await art(news.id, '2026-02-25T16:00:00.000Z'); // Feb 26 00:00:00 exactly
  // Feb 27 and Saturday Feb 28: nothing.

  // Weekly scenario: the ledger, every channel.
  const sub = (unitId: number, receivedAt: string, channel = 'email', state = 'received') =>
    insertSubmission(s, { unitId, columnId: towns.id, receivedAt, channel, state });
  await sub(gaogou.id, '2025-09-24T02:00:00.000Z', 'email', 'adopted'); // Wed, week of 09-22
  await sub(gaogou.id, '2025-10-12T15:00:00.000Z', 'paper', 'adopted'); // Sunday 23:00: week of 10-06
  await sub(gaogou.id, '2025-10-12T16:30:00.000Z', 'backoffice', 'not_adopted'); // Monday 00:30: week of 10-13
  await sub(fresh.id, '2025-10-22T02:00:00.000Z', 'email', 'adopted'); // week of 10-20
});
afterAll(() => t?.close());

const counted = (r: DutyReport | undefined) => {
  if (r?.kind !== 'counted') throw new Error('not a counted duty');
  return r;
};

describe('daily duty across the Spring Festival, with sub-columns, a mirror and listed items', () => {
  it('reports the working days expected, met and missed', async () => {
    const r = await t.services.guarantee.report.period(system, { from: '2026-02-09', to: '2026-02-28', siteId });
    const d = counted(r.duties.find((x) => x.dutyId === ids.daily));
    const p = d.parties[0]!;
    // Working days: 9 10 11 12 13 14 | 24 25 26 27 28.
    expect(p.expected).toEqual([
      '2026-02-09',
      '2026-02-10',
      '2026-02-11',
      '2026-02-12',
      '2026-02-13',
      '2026-02-14',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
    ]);
    expect(p.missed).toEqual(['2026-02-14', '2026-02-25', '2026-02-27', '2026-02-28']);
    expect(p.met).toHaveLength(7);
    // Feb 10: two items in the sub-column, one also listed in the duty column: 2, not 3.
    expect(p.counts['2026-02-10']).toBe(2);
    expect(p.counts['2026-02-13']).toBe(1);
    expect(p.workdaysLate).toBe(4);
    expect(r.calendarNotes).toEqual([]);
  });

  it.each([
    // day,          status,      since
    ['2026-02-13', 'met', null],
    ['2026-02-20', 'breached', '2026-02-14'], // in the holiday, the 调休 Saturday decides
    ['2026-02-24', 'met', null], // 23:59:59 still counts for the 24th
    ['2026-02-25', 'breached', '2026-02-25'],
    ['2026-02-26', 'met', null], // 00:00:00 counts for the 26th
  ])('at the end of %s the duty is %s', async (day, status, since) => {
    const r = await t.services.guarantee.status.check(system, {
      at: day,
      final: true,
      dutyId: ids.daily,
      withItems: true,
    });
    const d = r.duties[0]!;
    expect(d.status).toBe(status);
    expect(d.since).toBe(since);
    expect(d.explanation).toContain('工作日每天栏目至少 1 条');
  });

  it('lists the items that counted', async () => {
    const r = await t.services.guarantee.status.check(system, {
      at: '2026-02-10',
      final: true,
      dutyId: ids.daily,
      withItems: true,
    });
    expect(r.duties[0]!.items!.map((i) => i.at)).toEqual(['2026-02-10T02:00:00.000Z', '2026-02-10T01:00:00.000Z']);
  });
});

describe('weekly duty per unit of a group, over National Day 2025', () => {
  it('reports each unit by week, and a unit that joined mid-month only from its first whole week', async () => {
    const r = await t.services.guarantee.report.period(system, { from: '2025-09-22', to: '2025-10-26', siteId });
    const d = counted(r.duties.find((x) => x.dutyId === ids.weekly));
    expect(d.perUnit).toBe(true);
    const gaogou = d.parties.find((p) => p.unitId === ids.gaogou)!;
    expect(gaogou.expected).toEqual(['2025-09-22', '2025-09-29', '2025-10-06', '2025-10-13', '2025-10-20']);
    expect(gaogou.met).toEqual(['2025-09-22', '2025-10-06', '2025-10-13']);
    expect(gaogou.missed).toEqual(['2025-09-29', '2025-10-20']);
    const fresh = d.parties.find((p) => p.unitId === ids.fresh)!;
    expect(fresh.startDay).toBe('2025-10-15');
    expect(fresh.expected).toEqual(['2025-10-20']);
    expect(fresh.met).toEqual(['2025-10-20']);
    // 财政局 is not a town: not in the group.
    expect(d.parties.map((p) => p.unitId)).not.toContain(ids.finBureau);
  });

  it('judges each unit on its own', async () => {
    const r = await t.services.guarantee.status.check(system, { at: '2025-10-08', final: true, dutyId: ids.weekly });
    const d = r.duties[0]!;
    const gaogou = d.units.find((u) => u.unitId === ids.gaogou)!;
    expect(gaogou.status).toBe('breached'); // week of 09-29 missed, nothing yet in the week of 10-06
    expect(gaogou.since).toBe('2025-09-29');
    expect(d.units.find((u) => u.unitId === ids.fresh)!.status).toBe('not_in_force'); // not yet a member
    expect(d.status).toBe('breached');
  });

  it('dates a per-unit duty by the units’ period, not by the column’s published items', async () => {
    // Tuesday 10-14: 高沟镇 has its item of the open week of 10-13; the column itself never had a
    // published item, so its own last completed week (10-06) stands missed.
    const d = (await t.services.guarantee.status.check(system, { at: '2025-10-14', final: false, dutyId: ids.weekly }))
      .duties[0]!;
    expect(d.status).toBe('met');
    expect([d.periodStart, d.periodEnd]).toEqual(['2025-10-13', '2025-10-19']);
  });

  it('gives the month per unit: submissions by channel, adopted, duties and working days late', async () => {
    const m = await t.services.guarantee.report.month(system, '2025-10', siteId);
    const gaogou = m.units.find((u) => u.unitId === ids.gaogou)!;
    expect(gaogou).toMatchObject({
      submitted: 2,
      adopted: 1,
      adoptionRate: 50,
      byChannel: { paper: 1, backoffice: 1 },
      dutiesBreached: 1,
      dutiesMet: 0,
    });
    // Week of 10-20 missed: its next week's working days 10-27 … 10-31 stand breached; and the
    // 09-29 miss: 10-09, 10-10, 10-11 until the 10-12 item made up the week of 10-06 → 3 + 5 = 8.
    expect(gaogou.workdaysLate).toBe(8);
    const fresh = m.units.find((u) => u.unitId === ids.fresh)!;
    expect(fresh).toMatchObject({
      submitted: 1,
      adopted: 1,
      adoptionRate: 100,
      dutiesMet: 1,
      dutiesBreached: 0,
      workdaysLate: 0,
    });
    expect([gaogou.dutiesMetRate, fresh.dutiesMetRate]).toEqual([0, 100]);
    // Ranking by duties met, not by what was sent: 新港镇 met its one duty (and sent less), 高沟镇 none.
    expect(fresh.rank).toBe(1);
    expect(gaogou.rank).toBe(2);
  });
});

describe('window duty and site indicators', () => {
  it('judges the notice column against its 6-month window', async () => {
    // 公告 items: Feb 12 and Feb 25, 2026. Deadline Aug 25, due soon from Jul 26.
    const at = async (day: string) =>
      (await t.services.guarantee.status.check(system, { at: day, final: true, dutyId: ids.window })).duties[0]!;
    expect((await at('2026-07-25')).status).toBe('met');
    expect((await at('2026-07-26')).status).toBe('due_soon');
    expect(await at('2026-08-25')).toMatchObject({ status: 'breached', since: '2026-08-25' });
  });

  it('computes the veto indicators with their early warnings', async () => {
    const r = await t.services.guarantee.status.check(system, { at: '2026-03-10', final: true, siteId });
    const site = r.sites.find((x) => x.siteId === siteId)!;
    const by = Object.fromEntries(site.indicators.map((i) => [i.key, i]));
    // Home page = the news columns (no blocks chosen): last item Feb 26 → 12 days on Mar 10: warning.
    expect(by.home_page).toMatchObject({ value: 12, level: 'warning' });
    // Blank leaves: 乡镇动态 has no articles (only ledger entries): 1 blank column.
    expect(by.blank_columns!.columns.map((c) => c.name)).toEqual(['乡镇动态']);
    // 政民互动 is wired (issue 12): no letters, so nothing unanswered.
    expect(by.interaction).toMatchObject({ applicable: true, level: 'ok', value: 0 });
  });

  it('judges the home page by the whole site when the site names no home columns', async () => {
    const s = t.services;
    const plain = await makeSite(s, { name: '高沟镇人民政府' });
    const column = await makeColumn(s, plain.id, '镇务公开');
    await backdate(s, 'columns', [column.id], '2025-01-01T00:00:00.000Z');
    await insertArticle(s, {
      siteId: plain.id,
      columnId: column.id,
      unitId: ids.gaogou!,
      publishedAt: '2026-03-05T02:00:00.000Z',
    });
    const home = async (day: string) => {
      const r = await s.guarantee.status.check(system, { at: day, final: true, siteId: plain.id });
      return r.sites.find((x) => x.siteId === plain.id)!.indicators.find((i) => i.key === 'home_page')!;
    };
    // Not "never updated": the site's own latest item, 5 days before, and the explanation says why.
    const r = await home('2026-03-10');
    expect(r).toMatchObject({ value: 5, level: 'ok' });
    expect(r.explanation).toContain('全站最近一条信息发布于 2026-03-05');
    expect(r.explanation).toContain('按全站信息计算');
    expect((await home('2026-03-19')).level).toBe('veto');
  });
});
