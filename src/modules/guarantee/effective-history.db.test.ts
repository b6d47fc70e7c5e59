import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { columnByNames, makeSite, system } from '../../../test/harness/factories.js';
import { addDays } from '../../platform/calendar/days.js';
import { missesOf } from './bulletin.documents.js';
import { insertArticle, insertSubmission, runCli } from './guarantee.test-helpers.js';
import type { DutyReport } from './report.service.js';

// The quality bar: the shipped guarantee list imported with --effective on a site with three
// years of history (July 2023 to July 2026). For a unit that never submitted, every week from the date
// in force is missed, none before it; for two units sharing a group row, one is met and one breached.
// Judged on Wednesday 2026-07-15 (the guarantee clock). Items at 10:00 Shanghai time.
//
// 乡镇动态 (各镇、街道办事处、各园区, 工作日报送至邮箱，每周至少一篇): 朱码镇 submitted every Tuesday for three
// years; 高沟镇 never. The list applies from Monday 2024-01-01. Weeks are counted when they have a
// working day: of the 132 weeks from 2024-01-01 to 2026-07-06 only the Spring Festival week of
// 2026-02-16 (02-15 … 02-23 off, the 调休 Saturdays 02-14 and 02-28 in the weeks around it) has none.
//
// 新闻中心/公告公示 (县各部门、各镇、街道办事处、各园区, 动态维护, 通知公告类: 6 months): 财政局 published on
// 2026-05-10, 教育局 last on 2025-06-01 (its window ran out on 2025-12-01).

const SEED = path.join(import.meta.dirname, '../../../seed/guarantee-list.csv');

let t: TestApp;
let siteId: number;
const unit: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp({ guaranteeClock: () => new Date('2026-07-15T03:00:00.000Z') });
  const s = t.services;
  siteId = (await makeSite(s, { name: '涟水县人民政府', code: 'county' })).id;
  // The list first (to have the columns), then three years of the old portal's history, then the
  // list again with the date it applies from.
  expect((await runCli(s, ['import-list', SEED, '--site', 'county'])).exitCode).toBeUndefined();
  for (const [short, category, code] of [
    ['朱码镇', 'town', 'ZMZ0000001'],
    ['高沟镇', 'town', 'GGZ0000001'],
  ] as const)
    unit[short] = (
      await s.units.create(system, {
        name: `涟水县${short}`,
        shortName: short,
        category,
        code,
        aliases: [],
        emails: [],
        sortOrder: 0,
        active: true,
      })
    ).id;
  const index = await s.units.nameIndex();
  unit.财政局 = index.resolve('财政局')!;
  unit.教育局 = index.resolve('教育局')!;
  const towns = (await columnByNames(s, siteId, '新闻中心/乡镇动态')).id;
  for (let day = '2023-07-04'; day <= '2026-07-14'; day = addDays(day, 7))
    await insertSubmission(s, { unitId: unit.朱码镇!, columnId: towns, receivedAt: `${day}T02:00:00.000Z` });
  const notices = (await columnByNames(s, siteId, '新闻中心/公告公示')).id;
  const item = (unitId: number, day: string) =>
    insertArticle(s, { siteId, columnId: notices, unitId, publishedAt: `${day}T02:00:00.000Z` });
  await item(unit.财政局, '2023-08-01');
  await item(unit.财政局, '2026-05-10');
  await item(unit.教育局, '2024-03-01');
  await item(unit.教育局, '2025-06-01');
  const again = await runCli(s, ['import-list', SEED, '--site', 'county', '--effective', '2024-01-01']);
  expect(again.lines).toContain('生效日期：2024-01-01（本次新建的保障责任自该日起考核）');
}, 240_000);
afterAll(() => t?.close());
afterEach(() => vi.restoreAllMocks());

function mondays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 7)) out.push(d);
  return out;
}

describe('the shipped list imported with --effective on three years of history', () => {
  it('gives a unit that never submitted every week missed from the date in force, and none before it', async () => {
    // A report covers at most 400 days: the three years in three parts, each from a Monday to a Sunday.
    const parts = [
      ['2023-07-03', '2024-06-30'],
      ['2024-07-01', '2025-06-29'],
      ['2025-06-30', '2026-07-12'],
    ];
    const reports: Array<Extract<DutyReport, { kind: 'counted' }>> = [];
    for (const [from, to] of parts) {
      const r = await t.services.guarantee.report.period(system, { from: from!, to: to!, siteId });
      const d = r.duties.find((x) => x.columnPath === '新闻中心/乡镇动态');
      if (d?.kind !== 'counted') throw new Error('乡镇动态 is a counted duty');
      expect(d.effectiveFrom).toBe('2024-01-01');
      reports.push(d);
    }
    const of = (unitId: number, what: 'expected' | 'missed') =>
      reports.flatMap((d) => d.parties.find((p) => p.unitId === unitId)![what]);
    const weeks = mondays('2024-01-01', '2026-07-06').filter((w) => w !== '2026-02-16');
    expect(weeks).toHaveLength(131);
    expect(reports[0]!.parties.find((p) => p.unitId === unit.高沟镇)!.startDay).toBe('2024-01-01');
    expect(of(unit.高沟镇!, 'expected')).toEqual(weeks);
    expect(of(unit.高沟镇!, 'missed')).toEqual(weeks);
    expect(of(unit.朱码镇!, 'expected')).toEqual(weeks);
    expect(of(unit.朱码镇!, 'missed')).toEqual([]);
    const columnId = reports[0]!.columnId;
    // On the day: 高沟镇 breached since the first week in force, 朱码镇 met.
    const now = (await t.services.guarantee.status.check(system, { columnId })).duties[0]!;
    expect(now.units.find((u) => u.unitId === unit.高沟镇)).toMatchObject({ status: 'breached', since: '2024-01-01' });
    expect(now.units.find((u) => u.unitId === unit.朱码镇)!.status).toBe('met');
  }, 60_000);

  it('judges two units sharing a group row each on its own items: one met, one breached', async () => {
    const check = await t.services.guarantee.status.check(system, { siteId });
    const d = check.duties.find((x) => x.columnPath === '新闻中心/公告公示')!;
    expect(d.perUnit).toBe(true);
    const line = (id: number) => d.units.find((u) => u.unitId === id)!;
    expect(line(unit.财政局!)).toMatchObject({ status: 'met' });
    expect(line(unit.教育局!)).toMatchObject({ status: 'breached', since: '2025-12-01' });
    // …and each is listed on its own in June's 通报.
    const m = await t.services.guarantee.report.month(system, '2026-06', siteId);
    const lines = missesOf(m.duties, (id) => m.units.find((u) => u.unitId === id)?.shortName ?? String(id)).filter(
      (l) => l.columnPath === '新闻中心/公告公示',
    );
    expect(lines.find((l) => l.unitName === '教育局')).toMatchObject({ missed: ['最近更新 2025-06-01'] });
    expect(lines.find((l) => l.unitName === '财政局')).toBeUndefined();
  }, 60_000);
});
