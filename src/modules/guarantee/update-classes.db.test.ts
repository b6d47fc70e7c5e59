import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import type { ColumnClassView } from './classes.service.js';
import { insertArticle } from './guarantee.test-helpers.js';

// Issue 8 item 4: the shipped list imported with the national update class of every column it can
// place, the rest listed; the office confirms or changes classes in the admin app; 应更新未更新 is
// judged by the class in force. Dates in Shanghai; items at 10:00.

const SEED = fs.readFileSync(path.join(import.meta.dirname, '../../../seed/guarantee-list.csv'));

let t: TestApp;
let siteId: number;
let centre: ApiClient;
const columnOf = new Map<string, number>();

beforeAll(async () => {
  t = await createTestApp({ guaranteeClock: () => new Date('2026-07-15T03:00:00.000Z') });
  const s = t.services;
  siteId = (await makeSite(s, { name: '涟水县人民政府', code: 'classes' })).id;
  const r = await s.guaranteeImport.importList(system, SEED, { siteId, apply: true, effective: '2023-01-01' });
  expect(r.applied).toBe(true);
  for (const c of (await centreList()).columns) columnOf.set(c.path, c.columnId);
  const office = (await s.units.nameIndex()).resolve('政府办')!;
  await makeAccount(s, 'classes-centre', office, ['site_editor']);
  centre = await ApiClient.login(t.server, 'classes-centre', PASSWORD);
  const item = (p: string, day: string) =>
    insertArticle(s, { siteId, columnId: columnOf.get(p)!, unitId: office, publishedAt: `${day}T02:00:00.000Z` });
  await item('政务公开/财政信息', '2023-03-01');
  await item('政务公开/政府文件', '2023-03-01');
  await item('政务公开/食品药品', '2023-03-01');
  await item('政务公开/管理公开/财政预决算', '2024-02-01');
});
afterAll(() => t?.close());

async function centreList(): Promise<{ columns: ColumnClassView[] }> {
  return t.services.guarantee.classes.list(system, siteId);
}

const dutyAt = async (p: string, day: string) => {
  const r = await t.services.guarantee.status.check(system, { at: day, siteId });
  return { duty: r.duties.find((d) => d.columnPath === p)!, sites: r.sites };
};

describe('the import proposes a class for every column it can place', () => {
  it('stores the proposals unconfirmed and lists the columns it could not classify', async () => {
    const rows = (await centreList()).columns;
    const finance = rows.find((c) => c.path === '政务公开/财政信息')!;
    expect(finance).toMatchObject({
      updateClass: 'annual',
      updateClassLabel: '财政预决算、年报类',
      proposed: 'annual',
      confirmed: false,
      hasDuty: true,
      windowLabel: '12 个月内须更新',
    });
    expect(rows.find((c) => c.path === '政务公开/食品药品')).toMatchObject({
      updateClass: null,
      proposed: null,
      confirmed: false,
      windowLabel: '无更新期限，只查空白',
    });
    // Mirrors follow their source and are not listed.
    expect(rows.some((c) => c.path === '首页栏目/财政信息')).toBe(false);
    const again = await t.services.guaranteeImport.importList(system, SEED, { siteId, apply: false });
    expect(again.summary.unclassified.map((u) => u.path)).toContain('政务公开/食品药品');
    expect(again.report).toContain(
      `未能归类的栏目：${again.summary.unclassified.length}（暂只检查是否空白；请在管理后台“保障检查参数 › 栏目更新类别”中确定）`,
    );
    expect(again.report).toContain('  第 63 行 政务公开/食品药品');
  });
});

describe('应更新未更新 is judged by the class', () => {
  it('breaches 财政信息 after a year and 政府文件 after six months without an update', async () => {
    const { duty: finance } = await dutyAt('政务公开/财政信息', '2024-02-28');
    expect(finance.status).toBe('due_soon'); // last 2023-03-01: due by 2024-02-29, warned 30 days before
    const late = await dutyAt('政务公开/财政信息', '2024-06-03');
    expect(late.duty).toMatchObject({ status: 'breached', since: '2024-03-01' });
    expect(late.duty.found).toBe('最近一次更新 2023-03-01 10:00，已超过12 个月未更新');
    expect(late.duty.updateClassConfirmed).toBe(false);
    const { duty: docs, sites } = await dutyAt('政务公开/政府文件', '2024-06-03');
    expect(docs).toMatchObject({ status: 'breached', since: '2023-09-01' });
    const overdue = sites[0]!.indicators.find((i) => i.key === 'overdue_columns')!;
    const names = overdue.columns.map((c) => c.path);
    expect(names).toContain('政务公开/财政信息');
    expect(names).toContain('政务公开/政府文件');
    expect(names).not.toContain('政务公开/管理公开/财政预决算'); // 2024-02-01: within its year
    expect(names).not.toContain('政务公开/食品药品'); // no class yet: only the blank check
  });
});

describe('the office confirms or changes the classes', () => {
  it('changes a class, confirms proposals, and the checks follow; a re-import keeps the decisions', async () => {
    const food = columnOf.get('政务公开/食品药品')!;
    const finance = columnOf.get('政务公开/财政信息')!;
    const bad = await centre.put(`/api/guarantee/classes/${food}`, { updateClass: 'weekly' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect((await centre.put(`/api/guarantee/classes/${food}`, { updateClass: 'notice' })).statusCode).toBe(204);
    expect((await dutyAt('政务公开/食品药品', '2024-06-03')).duty).toMatchObject({
      status: 'breached',
      updateClassConfirmed: true,
    });
    const confirmed = await centre.post('/api/guarantee/classes/confirm', { columnIds: [finance, food] });
    expect(confirmed.json()).toEqual({ confirmed: 1 });
    const list = (await centre.get(`/api/guarantee/classes?siteId=${siteId}`)).json() as {
      columns: ColumnClassView[];
    };
    expect(list.columns.find((c) => c.columnId === finance)).toMatchObject({ updateClass: 'annual', confirmed: true });
    expect(list.columns.find((c) => c.columnId === food)).toMatchObject({
      updateClass: 'notice',
      proposed: null,
      confirmed: true,
    });
    const audit = await t.services.audit.list({ action: 'column.class_confirmed', limit: 10, offset: 0 });
    expect(audit.rows.map((r) => r.summary).sort()).toEqual([
      '确定栏目“食品药品”的更新类别：通知公告、政策文件类',
      '确认栏目“财政信息”的更新类别：财政预决算、年报类',
    ]);
    const again = await t.services.guaranteeImport.importList(system, SEED, { siteId, apply: true });
    expect(again.summary.unclassified.map((u) => u.path)).not.toContain('政务公开/食品药品');
    expect((await centreList()).columns.find((c) => c.columnId === food)!.updateClass).toBe('notice');
  });

  it('takes a class set on the column itself as the office’s decision', async () => {
    const stats = columnOf.get('政务公开/统计数据')!;
    const r = await centre.patch(`/api/columns/${stats}`, { updateClass: 'notice' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ updateClass: 'notice', updateClassProposed: null, updateClassConfirmed: true });
  });

  it('is the website centre’s: a unit officer can neither read nor change the classes', async () => {
    const unit = await makeUnit(t.services, '信息员单位');
    await makeAccount(t.services, 'classes-officer', unit.id, ['unit_officer']);
    const officer = await ApiClient.login(t.server, 'classes-officer', PASSWORD);
    expect((await officer.get('/api/guarantee/classes')).statusCode).toBe(403);
    const put = await officer.put(`/api/guarantee/classes/${columnOf.get('政务公开/统计数据')}`, {
      updateClass: 'notice',
    });
    expect(put.statusCode).toBe(403);
  });
});
