import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import {
  PASSWORD,
  makeAccount,
  makeColumn,
  makeSite,
  makeUnit,
  multipartFile,
  system,
} from '../../../test/harness/factories.js';
import { insertArticle, insertDuty, insertSubmission, runCli } from './guarantee.test-helpers.js';
import type { DutyReport } from './report.service.js';

// Issue 8 item 5: a duty applies from its date in force, a unit from its 纳入考核日期, and nothing is
// inferred from when a row was created or from a unit's first submission. Every unit and column here
// is created "now" (the day the tests run): only the dates in force place the scenario in 2025.
//
// 2025 国庆: Oct 1 … Oct 8 off, Sunday Sep 28 and Saturday Oct 11 working days. Weekly rules count
// natural weeks (by their Monday) that have a working day; all of Sep 1 … Oct 19 do.

let t: TestApp;
let siteId: number;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp({ guaranteeClock: () => new Date('2026-07-15T03:00:00.000Z') });
  const s = t.services;
  siteId = (await makeSite(s)).id;
  const dept = await makeColumn(s, siteId, '部门动态', null, { updateClass: 'news' });
  const other = await makeColumn(s, siteId, '其他信息');
  const policy = await makeColumn(s, siteId, '政策文件', null, { updateClass: 'notice' });
  const notices = await makeColumn(s, siteId, '通知公告', null, { updateClass: 'notice' });
  const czj = await makeUnit(s, '财政局');
  const jyj = await makeUnit(s, '教育局');
  const town = await makeUnit(s, '新港镇', 'town');
  await s.units.update(system, town.id, { assessedFrom: '2025-10-15' });
  const group = await s.units.createGroup(system, { name: '部门和镇', categories: ['gov_dept', 'town'] });
  Object.assign(ids, { dept: dept.id, other: other.id, policy: policy.id, notices: notices.id });
  Object.assign(ids, { czj: czj.id, jyj: jyj.id, town: town.id });
  ids.weekly = await insertDuty(
    s,
    dept.id,
    { cadence: 'weekly_min', minPerWeek: 1 },
    [{ groupId: group.id, label: '部门和镇' }],
    undefined,
    '2025-09-01',
  );
  ids.blank = await insertDuty(s, policy.id, { cadence: 'dynamic' }, [{ unitId: czj.id }], undefined, '2025-09-01');
  ids.stale = await insertDuty(s, notices.id, { cadence: 'dynamic' }, [{ unitId: czj.id }], undefined, '2025-09-01');
  // 教育局: one old entry in an unrelated column, then the first two weeks of the duty.
  await insertSubmission(s, { unitId: jyj.id, columnId: other.id, receivedAt: '2024-03-04T02:00:00.000Z' });
  await insertSubmission(s, { unitId: jyj.id, columnId: dept.id, receivedAt: '2025-09-02T02:00:00.000Z' });
  await insertSubmission(s, { unitId: jyj.id, columnId: dept.id, receivedAt: '2025-09-10T02:00:00.000Z' });
  // 通知公告 last updated long before the date in force: its 6-month window ran out on 2025-07-10.
  await insertArticle(s, { siteId, columnId: notices.id, unitId: czj.id, publishedAt: '2025-01-10T02:00:00.000Z' });
});
afterAll(() => t?.close());
afterEach(() => vi.restoreAllMocks());

const counted = (r: DutyReport | undefined) => {
  if (r?.kind !== 'counted') throw new Error('not a counted duty');
  return r;
};

describe('a weekly per-unit duty with a date in force', () => {
  it('expects every week from the date in force of a unit that never submitted, whenever the unit was entered', async () => {
    const r = await t.services.guarantee.report.period(system, { from: '2025-08-18', to: '2025-10-19', siteId });
    const d = counted(r.duties.find((x) => x.dutyId === ids.weekly));
    const weeks = ['2025-09-01', '2025-09-08', '2025-09-15', '2025-09-22', '2025-09-29', '2025-10-06', '2025-10-13'];
    const czj = d.parties.find((p) => p.unitId === ids.czj)!;
    expect(czj.startDay).toBe('2025-09-01');
    expect(czj.expected).toEqual(weeks);
    expect(czj.missed).toEqual(weeks);
  });

  it('is not moved by a unit’s old entry in another column', async () => {
    const r = await t.services.guarantee.report.period(system, { from: '2025-08-18', to: '2025-10-19', siteId });
    const jyj = counted(r.duties.find((x) => x.dutyId === ids.weekly)).parties.find((p) => p.unitId === ids.jyj)!;
    expect(jyj.startDay).toBe('2025-09-01');
    expect(jyj.expected[0]).toBe('2025-09-01');
    expect(jyj.met).toEqual(['2025-09-01', '2025-09-08']);
    expect(jyj.missed).toEqual(['2025-09-15', '2025-09-22', '2025-09-29', '2025-10-06', '2025-10-13']);
  });

  it('holds a unit to it only from its 纳入考核日期, from its first whole week', async () => {
    const r = await t.services.guarantee.report.period(system, { from: '2025-08-18', to: '2025-10-26', siteId });
    const town = counted(r.duties.find((x) => x.dutyId === ids.weekly)).parties.find((p) => p.unitId === ids.town)!;
    expect(town.startDay).toBe('2025-10-15');
    expect(town.expected).toEqual(['2025-10-20']);
    expect(town.missed).toEqual(['2025-10-20']);
  });

  it('says 未生效 before the date in force, for the duty and for a unit not yet assessed', async () => {
    const before = (await t.services.guarantee.status.check(system, { at: '2025-08-29', dutyId: ids.weekly }))
      .duties[0]!;
    expect(before).toMatchObject({ status: 'not_in_force', statusLabel: '未生效' });
    expect(before.found).toBe('自 2025-09-01 起生效');
    expect(before.effectiveFrom).toBe('2025-09-01');
    const during = (await t.services.guarantee.status.check(system, { at: '2025-10-10', dutyId: ids.weekly }))
      .duties[0]!;
    expect(during.status).toBe('breached');
    const town = during.units.find((u) => u.unitId === ids.town)!;
    expect(town).toMatchObject({ status: 'not_in_force', statusLabel: '未生效', joinedOn: '2025-10-15' });
    expect(town.found).toBe('自 2025-10-15 起纳入考核');
    const r = await t.services.guarantee.report.period(system, { from: '2025-08-01', to: '2025-08-31', siteId });
    const d = counted(r.duties.find((x) => x.dutyId === ids.weekly));
    expect(d.effectiveFrom).toBe('2025-09-01');
    expect(d.notInForce).toBe(true);
    expect(d.parties.every((p) => p.expected.length === 0)).toBe(true);
  });
});

describe('window duties with a date in force', () => {
  it('calls a column blank from the date in force, not from the day the column was made', async () => {
    const at = async (day: string) =>
      (await t.services.guarantee.status.check(system, { at: day, dutyId: ids.blank })).duties[0]!;
    expect((await at('2025-08-31')).status).toBe('not_in_force');
    expect(await at('2025-09-02')).toMatchObject({ status: 'breached', blank: true, since: '2025-09-01' });
  });

  it('dates a stale column’s breach from the date in force and counts late days only from it', async () => {
    const d = (await t.services.guarantee.status.check(system, { at: '2025-09-02', dutyId: ids.stale })).duties[0]!;
    expect(d).toMatchObject({ status: 'breached', since: '2025-09-01' });
    const r = await t.services.guarantee.report.period(system, { from: '2025-08-25', to: '2025-09-05', siteId });
    const w = r.duties.find((x) => x.dutyId === ids.stale);
    // Working days 09-01 … 09-05, not the week before the date.
    expect(w?.kind === 'window' && w.workdaysLate).toBe(5);
  });
});

describe('editing the dates', () => {
  it('changes a duty’s date and a unit’s 纳入考核日期 through the API, refusing impossible days', async () => {
    const office = await makeUnit(t.services, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
    await makeAccount(t.services, 'dates-editor', office.id, ['site_editor']);
    const api = await ApiClient.login(t.server, 'dates-editor', PASSWORD);
    const bad = await api.patch(`/api/duties/${ids.blank}`, { effectiveFrom: '2025-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].message).toBe('生效日期须为 YYYY-MM-DD 格式的有效日期');
    const ok = await api.patch(`/api/duties/${ids.blank}`, { effectiveFrom: '2025-09-10' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().effectiveFrom).toBe('2025-09-10');
    const now = (await t.services.guarantee.status.check(system, { at: '2025-09-05', dutyId: ids.blank })).duties[0]!;
    expect(now.status).toBe('not_in_force');
    const unit = await api.patch(`/api/units/${ids.czj}`, { assessedFrom: '2025-09-29' });
    expect(unit.statusCode).toBe(200);
    expect(unit.json().assessedFrom).toBe('2025-09-29');
    const r = await t.services.guarantee.report.period(system, { from: '2025-09-01', to: '2025-10-19', siteId });
    const czj = counted(r.duties.find((x) => x.dutyId === ids.weekly)).parties.find((p) => p.unitId === ids.czj)!;
    expect(czj.expected).toEqual(['2025-09-29', '2025-10-06', '2025-10-13']);
    const audit = await t.services.audit.list({ action: 'duty.updated', limit: 5, offset: 0 });
    expect(JSON.parse(audit.rows[0]!.details!).before.effectiveFrom).toBe('2025-09-01');
    expect((await api.patch(`/api/units/${ids.czj}`, { assessedFrom: '2025-13-01' })).statusCode).toBe(400);
    await api.patch(`/api/units/${ids.czj}`, { assessedFrom: null });
  });
});

describe('import-list --effective', () => {
  const file = path.join(os.tmpdir(), `gp-effective-${process.pid}.csv`);
  const list = [
    '一级栏目,二级栏目,三级栏目,保障部门,相关要求',
    '新闻中心,部门动态,-,县各部门,工作日报送至邮箱，每周至少一篇',
    ',公告公示,-,财政局,动态维护',
  ].join('\n');

  it('sets the date new duties apply from, keeps it on a plain re-import, and moves it when told', async () => {
    fs.writeFileSync(file, list);
    const site = await makeSite(t.services, { name: '生效日期测试站', code: 'effective-site' });
    const dates = async () =>
      (await t.services.duties.list(system, { siteId: site.id })).map((d) => [d.columnPath, d.effectiveFrom]).sort();
    const first = (
      await runCli(t.services, ['import-list', file, '--site', 'effective-site', '--effective', '2023-09-01'])
    ).lines;
    expect(first).toContain('生效日期：2023-09-01（本次新建的保障责任自该日起考核）');
    expect(await dates()).toEqual([
      ['新闻中心/公告公示', '2023-09-01'],
      ['新闻中心/部门动态', '2023-09-01'],
    ]);
    const again = (await runCli(t.services, ['import-list', file, '--site', 'effective-site'])).lines;
    expect(again).toContain('保障责任：新建 0，更新 0，未变 2');
    expect(again).toContain('生效日期：2026-07-15（本次新建的保障责任自该日起考核；已有保障责任的生效日期不变）');
    expect((await dates()).map((d) => d[1])).toEqual(['2023-09-01', '2023-09-01']);
    const moved = (
      await runCli(t.services, ['import-list', file, '--site', 'effective-site', '--effective', '2024-01-01'])
    ).lines;
    expect(moved).toContain('保障责任：新建 0，更新 2，未变 0');
    expect((await dates()).map((d) => d[1])).toEqual(['2024-01-01', '2024-01-01']);
    const wrong = await runCli(t.services, [
      'import-list',
      file,
      '--site',
      'effective-site',
      '--effective',
      '2024-02-30',
    ]);
    expect(wrong).toEqual({ lines: ['--effective 须为 YYYY-MM-DD 格式的有效日期：2024-02-30'], exitCode: 2 });
    expect((await dates()).map((d) => d[1])).toEqual(['2024-01-01', '2024-01-01']);
    fs.rmSync(file, { force: true });
  });

  it('takes the date over HTTP too, refusing an impossible one', async () => {
    const office = await makeUnit(t.services, '县委办公室', 'party_dept', { shortName: '县委办' });
    await makeAccount(t.services, 'dates-admin', office.id, ['sysadmin']);
    const admin = await ApiClient.login(t.server, 'dates-admin', PASSWORD);
    const site = await makeSite(t.services, { name: '上传生效日期站', code: 'upload-effective' });
    const upload = (query: string) => {
      const { payload, headers } = multipartFile('清单.csv', Buffer.from(list));
      return admin.request('POST', `/api/imports/guarantee-list${query}`, payload, headers);
    };
    const bad = await upload(`?siteId=${site.id}&apply=true&effective=2024-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].message).toBe('生效日期须为 YYYY-MM-DD 格式的有效日期');
    const ok = await upload(`?siteId=${site.id}&apply=true&effective=2024-03-01`);
    expect(ok.json().summary.effective).toEqual({ day: '2024-03-01', explicit: true });
    const duties = await t.services.duties.list(system, { siteId: site.id });
    expect(duties.map((d) => d.effectiveFrom)).toEqual(['2024-03-01', '2024-03-01']);
  });

  it('dates what it creates on the day of the import when no date is given', async () => {
    const site = await makeSite(t.services, { name: '默认生效测试站', code: 'default-effective' });
    const r = await t.services.guaranteeImport.importList(system, Buffer.from(list), { siteId: site.id, apply: true });
    expect(r.summary.effective).toEqual({ day: '2026-07-15', explicit: false });
    const duties = await t.services.duties.list(system, { siteId: site.id });
    expect(duties.map((d) => d.effectiveFrom)).toEqual(['2026-07-15', '2026-07-15']);
  });
});
