import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeColumn, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { backdate, insertArticle, insertDuty } from './guarantee.test-helpers.js';

// The guarantee module's today comes from one clock (buildApp's guaranteeClock): the board, the unit
// view and the trend's default range all agree on it, whatever day the tests run.

let t: TestApp;
let editor: ApiClient;

beforeAll(async () => {
  t = await createTestApp({ guaranteeClock: () => new Date('2026-07-15T03:00:00.000Z') });
  const office = await makeUnit(t.services, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  await makeAccount(t.services, 'editor', office.id, ['site_editor']);
  editor = await ApiClient.login(t.server, 'editor', PASSWORD);
});
afterAll(() => t?.close());

it('judges today and ends the default trend range on the clock’s day', async () => {
  expect((await editor.get('/api/guarantee/status')).json()).toMatchObject({ day: '2026-07-15', final: false });
  const trend = (await editor.get('/api/guarantee/trend')).json();
  expect(trend.to).toBe('2026-07-15');
  expect(trend.weeks.at(-1)).toBe('2026-07-13');
  expect((await editor.get('/api/guarantee/coverage')).statusCode).toBe(200);
});

it('counts today as it stands but never as a day missed before it has ended', async () => {
  const s = t.services;
  const site = await makeSite(s, { name: '时钟测试站' });
  const column = await makeColumn(s, site.id, '今日要闻', null, { updateClass: 'news' });
  const unit = await makeUnit(s, '融媒体中心', 'direct');
  await backdate(s, 'columns', [column.id], '2026-01-01T00:00:00.000Z');
  await backdate(s, 'units', [unit.id], '2026-01-01T00:00:00.000Z');
  const dutyId = await insertDuty(s, column.id, { cadence: 'workday_daily' }, [{ unitId: unit.id }]);
  // Items on every working day of July up to the 10th; none on Monday 13th, Tuesday 14th, nor yet today.
  for (const day of ['01', '02', '03', '06', '07', '08', '09', '10'])
    await insertArticle(s, {
      siteId: site.id,
      columnId: column.id,
      unitId: unit.id,
      publishedAt: `2026-07-${day}T02:00:00.000Z`,
    });
  const party = async () => {
    const r = await s.guarantee.report.month(system, '2026-07', site.id);
    const d = r.duties.find((x) => x.dutyId === dutyId);
    if (d?.kind !== 'counted') throw new Error('not a counted duty');
    return { party: d.parties[0]!, unit: r.units.find((u) => u.unitId === unit.id)!, until: r.until };
  };
  let now = await party();
  expect(now.until).toBe('2026-07-15');
  expect(now.party.missed).toEqual(['2026-07-13', '2026-07-14']);
  expect(now.party.pending).toEqual(['2026-07-15']);
  expect(now.party.workdaysLate).toBe(2);
  expect(now.unit.workdaysLate).toBe(2);
  // An item this morning (10:00 in Shanghai, before the clock's 11:00): today is met already.
  await insertArticle(s, {
    siteId: site.id,
    columnId: column.id,
    unitId: unit.id,
    publishedAt: '2026-07-15T02:00:00.000Z',
  });
  now = await party();
  expect(now.party.met).toContain('2026-07-15');
  expect(now.party.pending).toEqual([]);
  expect(now.party.workdaysLate).toBe(2);
  // A month that has ended is judged to its last day.
  const june = await s.guarantee.report.month(system, '2026-06', site.id);
  const d = june.duties.find((x) => x.dutyId === dutyId);
  expect(d?.kind === 'counted' && d.parties[0]!.pending).toEqual([]);
});
