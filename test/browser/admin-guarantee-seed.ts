import {
  backdate,
  insertArticle,
  insertDuty,
  insertSubmission,
} from '../../src/modules/guarantee/guarantee.test-helpers.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestApp } from '../harness/app.js';
import { columnByNames, makeAccount, makeColumn, makeSite, makeUnit, system } from '../harness/factories.js';

// The county of the guarantee journey (test/browser/admin-guarantee.browser.test.ts), judged on
// Wednesday 2026-07-15 at 11:00 Beijing time (no holiday near it; 端午 was Friday 06-19). Every item
// is placed at 10:00 Beijing time on its day. What each duty stands at, worked out by hand:
//
// 工作动态 (政府办, 工作日每天, opened 07-06): items 07-06 … 07-10, 07-13; none on 07-14, none yet today
//   → 未达标 since 07-14. Declaring 07-14 a rest day makes it 即将到期 (today still open).
// 通知公告 (财政局, 动态维护, notice class: 6 months, warn 30 days): last item 01-20, due by 07-19
//   → 即将到期. A 12-month window of its own makes it 达标.
// 教育动态 (教育局, 每周至少 1 条 for the column): items 05-27, 06-02, 06-16, 06-25; weeks of 06-29 and
//   07-06 missed → 未达标 since 06-29. In June only the week of 06-08 was missed: breached at the end
//   of 06-15 alone (06-16 made up for it) → one working day late.
// 部门动态 (财政局 and 教育局, 每周各至少 1 条 submissions): 财政局 every week including this one (07-13)
//   → 达标; 教育局 every week up to 07-08, nothing this week yet → 即将到期; the duty is 即将到期.
// 政策文件 (财政局, notice class): last 05-06 → 达标 (due by 11-05).
// 人事信息 (政府办, personnel class: 12 months, warn 30): last 2025-07-25 → 即将到期; a 24-month class
//   window makes it 达标.
// 健康信息 (卫健委, basic class, no window): last 03-10 → 达标; 卫健委 has no account (coverage).
// Board: 未达标 2, 即将到期 3, 达标 2.
//
// June ledger (the 通报): 财政局 06-03 e-mail adopted, 06-10 back office adopted, 06-17 paper not
// adopted, 06-24 e-mail adopted → 4, adopted 3; 教育局 06-05, 06-12, 06-18 (not adopted), 06-26 back
// office → 4, adopted 3.

export const TODAY = '2026-07-15';
export const NOW = new Date('2026-07-15T03:00:00.000Z');
export const TITLES = { notice: '关于2026年县级预算公开的通知', edu: '县教育局召开暑期安全工作会议' };

export interface GuaranteeCounty {
  units: { office: number; czj: number; jyj: number; wjw: number };
  duties: {
    daily: number;
    notice: number;
    edu: number;
    dept: number;
    policy: number;
    personnel: number;
    health: number;
  };
}

const at = (day: string) => `${day}T02:00:00.000Z`;

export async function seedGuaranteeCounty(t: TestApp): Promise<GuaranteeCounty> {
  const s = t.services;
  const site = await makeSite(s, { name: '涟水县人民政府', sponsor: '涟水县人民政府办公室' });
  const col = async (name: string, updateClass: 'news' | 'notice' | 'personnel' | 'basic') =>
    (await makeColumn(s, site.id, name, null, { updateClass })).id;
  const c = {
    daily: await col('工作动态', 'news'),
    notice: await col('通知公告', 'notice'),
    edu: await col('教育动态', 'news'),
    dept: await col('部门动态', 'news'),
    policy: await col('政策文件', 'notice'),
    personnel: await col('人事信息', 'personnel'),
    health: await col('健康信息', 'basic'),
    leaders: await col('领导之窗', 'basic'),
  };
  await backdate(
    s,
    'columns',
    Object.values(c).filter((id) => id !== c.daily),
    '2025-01-01T00:00:00.000Z',
  );
  await backdate(s, 'columns', [c.daily], '2026-07-06T00:00:00.000Z');
  const office = (await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' })).id;
  const czj = (await makeUnit(s, '财政局')).id;
  const jyj = (await makeUnit(s, '教育局')).id;
  const wjw = (await makeUnit(s, '卫生健康委员会', 'gov_dept', { shortName: '卫健委' })).id;
  await backdate(s, 'units', [office, czj, jyj, wjw], '2025-01-01T00:00:00.000Z');

  await makeAccount(s, 'wz', office, ['site_editor']);
  await makeAccount(s, 'admin', office, ['sysadmin']);
  await makeAccount(s, 'czj', czj, ['unit_officer']);
  await makeAccount(s, 'jyj', jyj, ['unit_officer']);
  // The roster: 教育局 lacks its 信息员, 卫健委 both.
  for (const [unitId, role, name] of [
    [office, 'leader', '周建国'],
    [office, 'officer', '吴敏'],
    [czj, 'leader', '郑伟'],
    [czj, 'officer', '王芳'],
    [jyj, 'leader', '冯磊'],
  ] as const) {
    await s.personnel.create(system, { unitId, role, name, phone: '0517-82300000' });
  }

  const duties = {
    // In force from the day the column opened.
    daily: await insertDuty(
      s,
      c.daily,
      { cadence: 'workday_daily' },
      [{ unitId: office, label: '县政府办' }],
      '2026-07-06T00:00:00.000Z',
    ),
    notice: await insertDuty(s, c.notice, { cadence: 'dynamic' }, [{ unitId: czj, label: '县财政局' }]),
    edu: await insertDuty(s, c.edu, { cadence: 'weekly_min', minPerWeek: 1, perUnit: false }, [
      { unitId: jyj, label: '县教育局' },
    ]),
    dept: await insertDuty(s, c.dept, { cadence: 'weekly_min', minPerWeek: 1 }, [
      { unitId: czj, label: '县财政局' },
      { unitId: jyj, label: '县教育局' },
    ]),
    policy: await insertDuty(s, c.policy, { cadence: 'dynamic' }, [{ unitId: czj, label: '县财政局' }]),
    personnel: await insertDuty(s, c.personnel, { cadence: 'dynamic' }, [{ unitId: office, label: '县政府办' }]),
    health: await insertDuty(s, c.health, { cadence: 'dynamic' }, [{ unitId: wjw, label: '县卫健委' }]),
  };

  const article = (columnId: number, unitId: number, day: string, title?: string) =>
    insertArticle(s, { siteId: site.id, columnId, unitId, publishedAt: at(day), title });
  for (const day of ['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10', '2026-07-13'])
    await article(c.daily, office, day);
  await article(c.notice, czj, '2026-01-20', TITLES.notice);
  for (const day of ['2026-05-27', '2026-06-02', '2026-06-16']) await article(c.edu, jyj, day);
  await article(c.edu, jyj, '2026-06-25', TITLES.edu);
  await article(c.policy, czj, '2026-05-06');
  await article(c.personnel, office, '2025-07-25');
  await article(c.health, wjw, '2026-03-10');

  const ledger: Array<[number, string, string, string]> = [
    [czj, '2026-05-27', 'email', 'adopted'],
    [czj, '2026-06-03', 'email', 'adopted'],
    [czj, '2026-06-10', 'backoffice', 'adopted'],
    [czj, '2026-06-17', 'paper', 'not_adopted'],
    [czj, '2026-06-24', 'email', 'adopted'],
    [czj, '2026-07-01', 'backoffice', 'adopted'],
    [czj, '2026-07-08', 'backoffice', 'adopted'],
    [czj, '2026-07-13', 'backoffice', 'received'],
    [jyj, '2026-05-28', 'backoffice', 'adopted'],
    [jyj, '2026-06-05', 'backoffice', 'adopted'],
    [jyj, '2026-06-12', 'backoffice', 'adopted'],
    [jyj, '2026-06-18', 'backoffice', 'not_adopted'],
    [jyj, '2026-06-26', 'backoffice', 'adopted'],
    [jyj, '2026-07-01', 'backoffice', 'adopted'],
    [jyj, '2026-07-08', 'backoffice', 'adopted'],
  ];
  for (const [unitId, day, channel, state] of ledger)
    await insertSubmission(s, { unitId, columnId: c.dept, receivedAt: at(day), channel, state });
  return { units: { office, czj, jyj, wjw }, duties };
}

// Issue 8, imported in the journey through the admin app with the date in force 2026-07-01: the four
// departments (all 县各部门) get their 信息公开 branches; 公示公告 stays shared by the group; 重点领域信息
// (政府办) has a name no national class fits. Then 财政局 publishes in 公示公告 on 07-10 and 教育局 its
// own 年报 on 07-08. On 07-15: 公示公告 is met for 财政局 and breached for the other three (nothing since
// 07-01); 教育局 has 年报 met and its other four columns blank.

/** The list file the centre uploads. */
export function writeIssue8List(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-list-')), '信息公开清单.csv');
  fs.writeFileSync(
    file,
    [
      '一级栏目,二级栏目,三级栏目,保障部门,相关要求',
      '政务公开,政府信息公开年报,-,县各部门,动态维护',
      ',部门和乡镇信息公开,-,县各部门,动态维护',
      ',公示公告,-,县各部门,动态维护',
      ',重点领域信息,-,政府办,动态维护',
    ].join('\n'),
  );
  return file;
}

/** What the units published after the import. */
export async function seedIssue8Items(t: TestApp): Promise<void> {
  const s = t.services;
  const index = await s.units.nameIndex();
  const siteId = (await s.sites.forHost(undefined))!.id;
  const column = async (p: string) => (await columnByNames(s, siteId, p)).id;
  await insertArticle(s, {
    siteId,
    columnId: await column('政务公开/公示公告'),
    unitId: index.resolve('财政局')!,
    publishedAt: '2026-07-10T02:00:00.000Z',
  });
  await insertArticle(s, {
    siteId,
    columnId: await column('政务公开/部门和乡镇信息公开/涟水县教育局/政府信息公开年报'),
    unitId: index.resolve('教育局')!,
    publishedAt: '2026-07-08T02:00:00.000Z',
  });
}
