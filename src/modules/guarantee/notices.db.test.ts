import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeAccount, makeColumn, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { backdate, insertArticle, insertDuty, insertSubmission } from './guarantee.test-helpers.js';

// Warnings, escalation and "never twice". Worked out by hand for Wednesday 2026-03-18 (no holidays in
// March 2026):
// - 部门动态, weekly per unit, 财政局: last entry Wed 03-04 (week of 03-02), nothing in the weeks of 03-09
//   and 03-16 → breached since the week of 03-09; 7 working days after 03-09 (10-13, 16-18) ≥ 3 →
//   escalated to the website centre. Notices go to 财政局's 信息员 and 分管领导 accounts.
// - 热点头条, daily, 新闻中心 (no accounts): last item Mon 03-09; 03-10 … 03-17 missed → breached since
//   03-10; the notice goes to the website centre, and it is escalated (6 working days after 03-10).

let t: TestApp;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s);
  const dept = await makeColumn(s, site.id, '部门动态', null, { updateClass: 'news' });
  const hot = await makeColumn(s, site.id, '热点头条', null, { updateClass: 'news' });
  await backdate(s, 'columns', [dept.id, hot.id], '2025-01-01T00:00:00.000Z');
  const czj = await makeUnit(s, '财政局');
  const xwzx = await makeUnit(s, '新闻中心', 'direct');
  const office = await makeUnit(s, '网站中心', 'direct');
  await backdate(s, 'units', [czj.id, xwzx.id, office.id], '2025-01-01T00:00:00.000Z');
  ids.officer = await makeAccount(s, 'czj_xxy', czj.id, ['unit_officer']);
  ids.leader = await makeAccount(s, 'czj_fg', czj.id, ['unit_leader']);
  ids.head = await makeAccount(s, 'czj_zy', czj.id, ['unit_head']); // not a recipient
  ids.centre = await makeAccount(s, 'wzzx', office.id, ['site_editor']);
  Object.assign(ids, { site: site.id, czj: czj.id, xwzx: xwzx.id });
  ids.weekly = await insertDuty(s, dept.id, { cadence: 'weekly_min', minPerWeek: 1 }, [{ unitId: czj.id }]);
  ids.daily = await insertDuty(s, hot.id, { cadence: 'workday_daily' }, [{ unitId: xwzx.id }]);
  await insertSubmission(s, { unitId: czj.id, columnId: dept.id, receivedAt: '2026-03-04T02:00:00.000Z' });
  await insertArticle(s, {
    siteId: site.id,
    columnId: hot.id,
    unitId: xwzx.id,
    publishedAt: '2026-03-09T02:00:00.000Z',
  });
});
afterAll(() => t?.close());

const notices = () => t.services.database.db.selectFrom('guarantee_notices').selectAll().orderBy('id').execute();
const notifications = () => t.services.database.db.selectFrom('notifications').selectAll().orderBy('id').execute();

describe('daily warnings', () => {
  it('sends breached notices to the unit, escalates, and records each notice', async () => {
    const r = await t.services.guarantee.daily.run('2026-03-18');
    expect(r.notices.created).toBeGreaterThanOrEqual(4);
    const rows = await notices();
    const weekly = rows.filter((n) => n.duty_id === ids.weekly);
    expect(weekly.map((n) => [n.level, n.unit_id, n.period_key])).toEqual([
      ['breached', ids.czj, '2026-03-09'],
      ['escalated', ids.czj, '2026-03-09'],
    ]);
    expect(
      JSON.parse(weekly[0]!.recipients)
        .map((x: { accountId: number }) => x.accountId)
        .sort(),
    ).toEqual([ids.officer, ids.leader].sort());
    expect(JSON.parse(weekly[1]!.recipients).map((x: { accountId: number }) => x.accountId)).toEqual([ids.centre]);
    const daily = rows.filter((n) => n.duty_id === ids.daily);
    expect(daily.map((n) => [n.level, n.period_key])).toEqual([
      ['breached', '2026-03-10'],
      ['escalated', '2026-03-10'],
    ]);
    expect(daily[0]!.body).toContain('本提醒已转网站中心');
    expect(JSON.parse(daily[0]!.recipients).map((x: { accountId: number }) => x.accountId)).toEqual([ids.centre]);
    const mine = (await notifications()).filter((n) => n.account_id === ids.officer);
    expect(mine.map((n) => n.kind)).toEqual(['guarantee.breached']);
    expect(mine[0]!.title).toContain('部门动态');
    expect((await notifications()).some((n) => n.account_id === ids.head)).toBe(false);
    // The first working day of March (03-02) has passed: February's 通报 was archived, once.
    expect(r.bulletins).toEqual([`${ids.site}:2026-02`]);
    // The audit log has the run.
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'guarantee.notices_sent')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('never sends the same notice twice: not on a second run, not after a restart, not the next day', async () => {
    const before = { notices: (await notices()).length, notifications: (await notifications()).length };
    expect((await t.services.guarantee.daily.run('2026-03-18')).notices.created).toBe(0);
    // A restart: a new process on the same database.
    const reopened = t.testDb.reopen();
    const again = await buildApp(t.config, { database: reopened });
    try {
      const r = await again.services.guarantee.daily.run('2026-03-18');
      expect(r.notices).toMatchObject({ created: 0 });
      expect(r.notices.skipped).toBe(before.notices);
      // The breaches go on the next day; they began on the same days, so nothing new is sent.
      expect((await again.services.guarantee.daily.run('2026-03-19')).notices.created).toBe(0);
    } finally {
      await again.server.close();
      await reopened.close();
    }
    expect((await notices()).length).toBe(before.notices);
    expect((await notifications()).length).toBe(before.notifications);
    const archived = await t.services.database.db.selectFrom('guarantee_reports').select('period').execute();
    expect(archived.map((a) => a.period)).toEqual(['2026-02']);
  });

  it('warns again only for a new breach', async () => {
    const s = t.services;
    // 财政局 submits on Thursday 03-19: the week of 03-16 is met and the unit is back in order.
    const duty = await s.database.db
      .selectFrom('duties')
      .select('column_id')
      .where('id', '=', ids.weekly!)
      .executeTakeFirstOrThrow();
    await insertSubmission(s, { unitId: ids.czj!, columnId: duty.column_id, receivedAt: '2026-03-19T03:00:00.000Z' });
    const check = await s.guarantee.status.check(system, { at: '2026-03-19', final: false, dutyId: ids.weekly! });
    expect(check.duties[0]!.units[0]!.status).toBe('met');
    // Nothing in the week of 03-23: on Monday 03-30 it is a new breach, since the week of 03-23.
    await s.guarantee.daily.run('2026-03-30');
    const fresh = (await notices())
      .filter((n) => n.duty_id === ids.weekly && n.level === 'breached')
      .map((n) => n.period_key);
    expect(fresh).toEqual(['2026-03-09', '2026-03-23']);
  });
});
