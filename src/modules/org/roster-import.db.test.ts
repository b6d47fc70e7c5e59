import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeUnit, multipartFile, system } from '../../../test/harness/factories.js';
import type { Services } from '../../services.js';
import { registerOrgCommands } from './org.cli.js';

// Issue 8 item 7: the 附件3 roster from the office's spreadsheet, previewed then applied, with the
// report style of the guarantee list import; one 分管领导 and at least one 信息员 per unit unless the
// office says otherwise, and a second 分管领导 is a warning.

const FIXTURES = path.join(import.meta.dirname, '../../../test/fixtures/roster');
const XLSX = path.join(FIXTURES, 'roster.xlsx');
const CSV = path.join(FIXTURES, 'roster.csv');

let t: TestApp;
let admin: ApiClient;
let officer: ApiClient;
const u: Record<string, number> = {};

const people = async () =>
  (
    await t.services.database.db
      .selectFrom('personnel')
      .innerJoin('units', 'units.id', 'personnel.unit_id')
      .select(['units.short_name as unit', 'personnel.role', 'personnel.name', 'personnel.phone', 'personnel.mobile'])
      .orderBy('personnel.unit_id')
      .orderBy('personnel.role')
      .orderBy('personnel.name')
      .execute()
  ).map((p) => `${p.unit}/${p.role}/${p.name}`);

const countAudit = async () =>
  Number(
    (
      await t.services.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const upload = (client: ApiClient, file: string, apply: boolean) => {
  const { payload, headers } = multipartFile(path.basename(file), fs.readFileSync(file));
  return client.request('POST', `/api/imports/roster?apply=${apply}`, payload, headers);
};

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  u.office = (await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' })).id;
  u.czj = (await makeUnit(s, '财政局')).id;
  u.jyj = (await makeUnit(s, '教育局')).id;
  u.ggz = (await makeUnit(s, '高沟镇', 'town')).id;
  u.mzj = (await makeUnit(s, '民政局')).id;
  u.swgs = (await makeUnit(s, '水务公司', 'soe')).id;
  u.fpb = (await makeUnit(s, '扶贫办')).id;
  await makeAccount(s, 'admin', u.office, ['sysadmin']);
  await makeAccount(s, 'czj', u.czj, ['unit_officer']);
  admin = await ApiClient.login(t.server, 'admin', PASSWORD);
  officer = await ApiClient.login(t.server, 'czj', PASSWORD);
  // Registered before the office's list arrives: one person who left, one whose numbers changed, and a
  // 分管领导 the list leaves blank.
  await s.personnel.create(system, { unitId: u.czj, role: 'officer', name: '钱多多', phone: '0517-80000001' });
  await s.personnel.create(system, { unitId: u.jyj, role: 'leader', name: '孙海涛', phone: '0517-80000002' });
  await s.personnel.create(system, { unitId: u.swgs, role: 'leader', name: '沈万三', post: '副总经理' });
});
afterAll(() => t?.close());

describe('importing the roster (附件3)', () => {
  it('previews every change, the unknown units and the warnings, and writes nothing', async () => {
    const before = await people();
    const audits = await countAudit();
    const res = await upload(admin, XLSX, false);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.applied).toBe(false);
    expect(r.summary).toMatchObject({
      format: 'xlsx',
      rows: 9,
      counts: { created: 12, updated: 1, unchanged: 0, removed: 1 },
      unresolved: [{ name: '县供销总社', rows: [12] }],
    });
    expect(r.summary.units.map((x: { unitName: string }) => x.unitName)).toEqual([
      '财政局',
      '教育局',
      '高沟镇',
      '民政局',
      '政府办',
      '水务公司',
    ]);
    const changes = r.summary.changes as Array<{ action: string; name: string; detail: string; row: number | null }>;
    expect(changes.find((c) => c.name === '孙海涛')).toMatchObject({
      action: 'update',
      detail: '更新职务、办公电话、手机',
      row: 6,
    });
    expect(changes.find((c) => c.name === '钱多多')).toMatchObject({ action: 'delete', row: null });
    const warnings = r.summary.warnings.map(
      (w: { unitName: string; message: string }) => `${w.unitName}：${w.message}`,
    );
    expect(warnings).toContain('水务公司：名单未填写分管领导，保留系统中原有的沈万三');
    expect(warnings.find((w: string) => w.startsWith('政府办：'))).toBe(
      '政府办：有 2 名分管领导（褚红梅、卫东），应为 1 名：请确认后删除多余的登记；如确需 2 名，请在“人员要求”中为该单位设置',
    );
    expect(r.summary.missing).toEqual([{ unitId: u.fpb, unitName: '扶贫办', missing: '分管领导、信息员' }]);
    expect(r.report[0]).toBe('试运行（未写入数据库）：保障人员名单 9 行（XLSX）');
    expect(r.report).toContain('未能识别的单位名称：1');
    expect(r.report).toContain('  “县供销总社”（第 12 行）');
    expect(r.report.at(-1)).toBe('以上为预览，数据库未作任何改动；确认无误后再正式导入。');
    expect(await people()).toEqual(before);
    expect(await countAudit()).toBe(audits);
  });

  it('applies the same changes, records them, and a second import changes nothing', async () => {
    const res = await upload(admin, XLSX, true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ applied: true, summary: { counts: { created: 12, updated: 1, removed: 1 } } });
    const now = await people();
    expect(now).toContain('财政局/officer/赵明');
    expect(now).not.toContain('财政局/officer/钱多多');
    expect(now).toContain('水务公司/leader/沈万三');
    expect(now.filter((p) => p.startsWith('政府办/leader/'))).toEqual(['政府办/leader/卫东', '政府办/leader/褚红梅']);
    const sun = await t.services.database.db
      .selectFrom('personnel')
      .select(['phone', 'mobile', 'post'])
      .where('name', '=', '孙海涛')
      .executeTakeFirstOrThrow();
    expect(sun).toEqual({ phone: '0517-82392001', mobile: '13905170011', post: '党委委员、副局长' });
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'like', 'personnel.%')
      .execute();
    expect(audit.filter((a) => a.action === 'personnel.created').length).toBeGreaterThanOrEqual(12);
    expect(audit.find((a) => a.action === 'personnel.roster_imported')?.summary).toBe(
      '导入保障人员名单：新增 12 人，更新 1 人，删除 1 人',
    );
    const again = (await upload(admin, CSV, true)).json();
    expect(again.summary.counts).toEqual({ created: 0, updated: 0, unchanged: 13, removed: 0 });
    expect(await people()).toEqual(now);
  });

  it('shows the second 分管领导 as a warning on the personnel screen until the office allows two', async () => {
    const warnings = (await admin.get('/api/personnel/warnings')).json();
    expect(warnings).toEqual([
      {
        unitId: u.office,
        unitName: '政府办',
        leaders: ['褚红梅', '卫东'],
        expected: 1,
        message: expect.stringContaining('有 2 名分管领导（褚红梅、卫东），应为 1 名'),
      },
    ]);
    // 扶贫办 is missing everyone; the office exempts it from the 分管领导 (a 信息员 is still due).
    let missing = (await admin.get('/api/personnel/missing')).json();
    expect(missing.map((m: { shortName: string; missing: string }) => `${m.shortName}:${m.missing}`)).toEqual([
      '扶贫办:分管领导、信息员',
    ]);
    const bad = await admin.put(`/api/personnel/requirements/${u.fpb}`, { leaders: 0, minOfficers: 1, note: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ field: 'note' });
    const set = await admin.put(`/api/personnel/requirements/${u.fpb}`, {
      leaders: 0,
      minOfficers: 1,
      note: '由县农业农村局分管领导兼管',
    });
    expect(set.statusCode, set.body).toBe(200);
    missing = (await admin.get('/api/personnel/missing')).json();
    expect(missing.map((m: { shortName: string; missing: string }) => `${m.shortName}:${m.missing}`)).toEqual([
      '扶贫办:信息员',
    ]);
    await admin.put(`/api/personnel/requirements/${u.office}`, {
      leaders: 2,
      minOfficers: 1,
      note: '主任、副主任共同分管',
    });
    expect((await admin.get('/api/personnel/warnings')).json()).toEqual([]);
    const reqs = (await admin.get('/api/personnel/requirements')).json();
    expect(reqs.map((r: { unitId: number; leaders: number }) => [r.unitId, r.leaders]).sort()).toEqual(
      [
        [u.fpb, 0],
        [u.office, 2],
      ].sort(),
    );
    // Back to the notice's rule: the warning returns.
    expect((await admin.delete(`/api/personnel/requirements/${u.office}`)).statusCode).toBe(204);
    expect((await admin.get('/api/personnel/warnings')).json()).toHaveLength(1);
    // A unit cannot set its own requirement.
    expect(
      (await officer.put(`/api/personnel/requirements/${u.czj}`, { leaders: 0, minOfficers: 0, note: '不需要' }))
        .statusCode,
    ).toBe(403);
  });

  it('warns when a second 分管领导 is registered by hand', async () => {
    const first = await admin.post('/api/personnel', { unitId: u.fpb, role: 'officer', name: '何静' });
    expect(first.json().warning).toBeNull();
    await admin.put(`/api/personnel/requirements/${u.fpb}`, { leaders: 1, minOfficers: 1, note: '恢复' });
    await admin.post('/api/personnel', { unitId: u.fpb, role: 'leader', name: '许强' });
    const second = await admin.post('/api/personnel', {
      unitId: u.fpb,
      role: 'leader',
      name: '吕方',
      mobile: '13905179999',
    });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({
      mobile: '13905179999',
      warning: expect.stringContaining('有 2 名分管领导（许强、吕方）'),
    });
  });

  it('refuses a bad file with its rows and lets only the office import', async () => {
    const bad = Buffer.from('单位,分管领导姓名,分管领导手机,信息员姓名\n教育局,孙海涛,1390517,周晓燕\n', 'utf8');
    const { payload, headers } = multipartFile('bad.csv', bad);
    const res = await admin.request('POST', '/api/imports/roster?apply=true', payload, headers);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'IMPORT_INVALID',
      issues: [{ field: '第2行 分管领导手机', message: '第 2 行“分管领导手机”“1390517”不是 11 位手机号码' }],
    });
    expect((await upload(officer, XLSX, false)).statusCode).toBe(403);
  });

  it('runs from the command line, --dry-run first', async () => {
    await t.services.database.db.deleteFrom('personnel').where('unit_id', '=', u.ggz!).execute();
    const preview = await runCli(t.services, ['import-roster', CSV, '--dry-run']);
    expect(preview).toContain('试运行（未写入数据库）：保障人员名单 9 行（CSV）');
    expect(preview).toContain('人员：新增 2，更新 0，未变 11，删除 0');
    expect((await people()).filter((p) => p.startsWith('高沟镇/'))).toEqual([]);
    const done = await runCli(t.services, ['import-roster', CSV]);
    expect(done).toContain('已导入：保障人员名单 9 行（CSV）');
    expect((await people()).filter((p) => p.startsWith('高沟镇/'))).toEqual([
      '高沟镇/leader/吴志刚',
      '高沟镇/officer/郑欣怡',
    ]);
  });
});

async function runCli(services: Services, args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    const program = new Command().exitOverride();
    registerOrgCommands(program, (work) => work(services));
    await program.parseAsync(['node', 'govportal', ...args]);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  return lines.join('\n');
}
