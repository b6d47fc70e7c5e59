import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, columnByNames, makeAccount, makeColumn, makeUnit, system } from '../../../test/harness/factories.js';

const SEED_CSV = fs.readFileSync(path.join(import.meta.dirname, '../../../seed/guarantee-list.csv'));

let t: TestApp;
let siteId: number;
let admin: ApiClient;
let finance: ApiClient;
let town: ApiClient;
let financeId: number;
let townId: number;
const col = async (names: string) => (await columnByNames(t.services, siteId, names)).id;

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  siteId = (await s.guaranteeImport.importList(system, SEED_CSV, { apply: true })).summary.site.id;
  const index = await s.units.nameIndex();
  financeId = index.resolve('财政局')!;
  townId = (await makeUnit(s, '高沟镇', 'town')).id;
  await makeAccount(s, 'admin', index.resolve('政府办')!, ['sysadmin']);
  await makeAccount(s, 'czj', financeId, ['unit_officer']);
  await makeAccount(s, 'ggz', townId, ['unit_officer']);
  admin = await ApiClient.login(t.server, 'admin', PASSWORD);
  finance = await ApiClient.login(t.server, 'czj', PASSWORD);
  town = await ApiClient.login(t.server, 'ggz', PASSWORD);
});
afterAll(() => t?.close());

describe('reading duties', () => {
  it('lists a site’s duties in the documented shape', async () => {
    const r = await admin.get(`/api/duties?siteId=${siteId}`);
    expect(r.statusCode).toBe(200);
    const duties = r.json() as Array<Record<string, unknown>>;
    // The list's 98 duties of its own, and 5 for each of the 28 units with a branch of the 信息公开 tree
    // (27 the list names, and 高沟镇, made afterwards).
    expect(duties).toHaveLength(98 + 28 * 5);
    const budget = duties.find((d) => d.columnPath === '政务公开/管理公开/财政预决算')!;
    expect(budget).toMatchObject({
      columnName: '财政预决算',
      requirementText: '动态维护',
      cadence: 'dynamic',
      cadenceLabel: '动态维护',
      minPerWeek: null,
      channel: 'backoffice',
      channelLabel: '后台报送',
      note: null,
      rule: { cadence: 'dynamic', warnings: [] },
      parties: [
        {
          id: expect.any(Number),
          kind: 'unit',
          unitId: financeId,
          unitName: '财政局',
          groupId: null,
          groupName: null,
          role: 'lead',
          roleLabel: '牵头',
          label: '财政局',
        },
      ],
    });
    expect(Object.keys(budget).sort()).toEqual(
      expect.arrayContaining([
        'id',
        'columnId',
        'columnName',
        'columnPath',
        'requirementText',
        'cadence',
        'cadenceLabel',
        'minPerWeek',
        'channel',
        'channelLabel',
        'rule',
        'note',
        'parties',
        'createdAt',
        'updatedAt',
      ]),
    );
    const one = await admin.get(`/api/duties/${budget.id as number}`);
    expect(one.json()).toEqual(budget);
    expect((await admin.get('/api/duties/999999')).statusCode).toBe(404);
  });

  it('filters by column, and by unit including the duties of the unit’s groups', async () => {
    const byColumn = (await admin.get(`/api/duties?columnId=${await col('新闻中心/乡镇动态')}`)).json();
    expect(byColumn.map((d: { columnPath: string }) => d.columnPath)).toEqual(['新闻中心/乡镇动态']);
    const paths = async (unitId: number) =>
      ((await admin.get(`/api/duties?unitId=${unitId}`)).json() as Array<{ columnPath: string }>).map(
        (d) => d.columnPath,
      );
    const fin = await paths(financeId);
    expect(fin).toEqual(
      expect.arrayContaining([
        '政务公开/管理公开/财政预决算',
        '首页栏目/专题/涟水县预决算公开平台',
        '政务公开/执行公开/督查审计',
        '新闻中心/部门动态',
        '新闻中心/公告公示',
        '政务公开/决策公开/民意征集',
      ]),
    );
    expect(fin).not.toContain('新闻中心/涟水新闻');
    expect(fin).not.toContain('新闻中心/乡镇动态');
    const towns = await paths(townId);
    expect(towns).toEqual(
      expect.arrayContaining([
        '新闻中心/乡镇动态',
        '新闻中心/公告公示',
        '政务公开/部门和乡镇信息公开/涟水县高沟镇/法定主动公开内容',
      ]),
    );
    expect(towns).not.toContain('新闻中心/部门动态');
    expect(towns).not.toContain('政务公开/管理公开/财政预决算');
  });

  it('is open to every role, closed to strangers', async () => {
    expect((await finance.get(`/api/duties?siteId=${siteId}`)).statusCode).toBe(200);
    expect((await t.server.inject({ method: 'GET', url: '/api/duties' })).statusCode).toBe(401);
  });
});

describe('changing duties', () => {
  it('creates a duty, parsing the requirement, and refuses a second one on the same column', async () => {
    const column = (await makeColumn(t.services, siteId, '图片新闻', await col('新闻中心'))).id;
    const r = await admin.post('/api/duties', {
      columnId: column,
      requirementText: '工作日报送至邮箱，每周至少两篇',
      parties: [{ unitId: financeId }, { unitId: townId, role: 'cooperate', label: '高沟镇人民政府' }],
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      columnPath: '新闻中心/图片新闻',
      cadence: 'weekly_min',
      minPerWeek: 2,
      cadenceLabel: '每周至少2篇',
      channel: 'email',
      parties: [
        expect.objectContaining({ unitName: '财政局', label: '财政局', role: 'lead' }),
        expect.objectContaining({ unitId: townId, label: '高沟镇人民政府', role: 'cooperate' }),
      ],
    });
    const again = await admin.post('/api/duties', { columnId: column, requirementText: '动态维护' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('图片新闻');
    const audit = await t.services.audit.list({
      entityType: 'duty',
      entityId: String(r.json().id),
      limit: 5,
      offset: 0,
    });
    expect(audit.rows[0]).toMatchObject({ action: 'duty.created', username: 'admin' });
  });

  it('refuses bad input with Chinese messages', async () => {
    const column = (await makeColumn(t.services, siteId, '视频专题', await col('新闻中心'))).id;
    const mirror = await col('首页栏目/财政信息');
    expect(
      (await admin.post('/api/duties', { columnId: mirror, requirementText: '动态维护' })).json().message,
    ).toContain('请为原栏目设置');
    const weekly = await admin.post('/api/duties', {
      columnId: column,
      requirementText: '动态维护',
      cadence: 'weekly_min',
    });
    expect(weekly.statusCode).toBe(400);
    expect(weekly.json().message).toContain('每周篇数');
    const both = await admin.post('/api/duties', {
      columnId: column,
      requirementText: '动态维护',
      parties: [{ unitId: financeId, groupId: 1 }],
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().message).toContain('单位或单位分组之一');
    const nobody = await admin.post('/api/duties', {
      columnId: column,
      requirementText: '动态维护',
      parties: [{ role: 'lead' }],
    });
    expect(nobody.statusCode).toBe(400);
    const ghost = await admin.post('/api/duties', {
      columnId: column,
      requirementText: '动态维护',
      parties: [{ unitId: 999999 }],
    });
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json().message).toBe('单位不存在');
    expect((await admin.post('/api/duties', { columnId: 999999, requirementText: '动态维护' })).statusCode).toBe(400);
    expect((await admin.post('/api/duties', { columnId: column, requirementText: '' })).statusCode).toBe(400);
    const nul = await admin.post('/api/duties', {
      columnId: column,
      requirementText: '动态\u0000维护',
      parties: [{ label: '财政\u0000局' }],
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().message).toContain('控制字符');
  });

  it('updates: new wording is parsed again, a rule chosen by hand wins, parties are replaced', async () => {
    const duty = (
      (await admin.get(`/api/duties?columnId=${await col('政务公开/执行公开/计划总结')}`)).json() as Array<{
        id: number;
      }>
    )[0]!;
    const reworded = await admin.patch(`/api/duties/${duty.id}`, { requirementText: '每周至少三篇，报送至邮箱' });
    expect(reworded.json()).toMatchObject({
      requirementText: '每周至少三篇，报送至邮箱',
      cadence: 'weekly_min',
      minPerWeek: 3,
      channel: 'email',
    });
    expect(reworded.json().parties.map((p: { groupName: string }) => p.groupName)).toEqual(['各单位']);
    const byHand = await admin.patch(`/api/duties/${duty.id}`, {
      cadence: 'workday_daily',
      channel: 'backoffice',
      note: '2026 年起改为每日',
    });
    expect(byHand.json()).toMatchObject({
      requirementText: '每周至少三篇，报送至邮箱',
      cadence: 'workday_daily',
      minPerWeek: null,
      channel: 'backoffice',
      note: '2026 年起改为每日',
    });
    const parties = await admin.patch(`/api/duties/${duty.id}`, {
      parties: [{ unitId: financeId }, { label: '相关单位', role: 'cooperate' }],
    });
    expect(parties.json().parties.map((p: { kind: string; label: string }) => [p.kind, p.label])).toEqual([
      ['unit', '财政局'],
      ['vague', '相关单位'],
    ]);
    expect(parties.json().cadence).toBe('workday_daily');
    const audit = await t.services.audit.list({ entityType: 'duty', entityId: String(duty.id), limit: 5, offset: 0 });
    expect(audit.rows.map((r) => r.action)).toEqual(['duty.updated', 'duty.updated', 'duty.updated', 'duty.created']);
    expect(audit.rows[3]!.username).toBe('test');
  });

  it('deletes a duty and records it', async () => {
    const duty = (
      (await admin.get(`/api/duties?columnId=${await col('政务公开/结果公开/双公示')}`)).json() as Array<{ id: number }>
    )[0]!;
    expect((await admin.delete(`/api/duties/${duty.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/duties/${duty.id}`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/duties/${duty.id}`)).statusCode).toBe(404);
    const audit = await t.services.audit.list({
      action: 'duty.deleted',
      entityId: String(duty.id),
      limit: 5,
      offset: 0,
    });
    expect(audit.rows[0]!.summary).toContain('双公示');
  });

  it('is refused to an information officer', async () => {
    const duty = (
      (await finance.get(`/api/duties?unitId=${financeId}`)).json() as Array<{ id: number; columnId: number }>
    )[0]!;
    expect(
      (await finance.post('/api/duties', { columnId: duty.columnId, requirementText: '动态维护' })).statusCode,
    ).toBe(403);
    expect((await finance.patch(`/api/duties/${duty.id}`, { requirementText: '不用维护' })).statusCode).toBe(403);
    expect((await finance.delete(`/api/duties/${duty.id}`)).statusCode).toBe(403);
    expect((await finance.get(`/api/duties/${duty.id}`)).json().requirementText).not.toBe('不用维护');
  });
});

describe('live preview', () => {
  it('parses a requirement and resolves the responsible units without saving anything', async () => {
    const r = await admin.post('/api/duties/parse', {
      requirementText: '工作日报送至邮箱，每周至少一篇',
      responsibleText: '财政局收集，县各部门、各镇、街道办事处、各园区配合，县文联',
      columnName: '部门动态',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().requirement).toMatchObject({
      cadence: 'weekly_min',
      minPerWeek: 1,
      channel: 'email',
      channelLabel: '网络报送（邮箱）',
    });
    expect(
      r
        .json()
        .parties.map((p: { kind: string; label: string; role: string; unitId: number | null }) => [
          p.kind,
          p.label,
          p.role,
          p.unitId,
        ]),
    ).toEqual([
      ['unit', '财政局', 'lead', financeId],
      ['group', '县各部门', 'cooperate', null],
      ['group', '各镇、街道办事处、各园区', 'cooperate', null],
      ['unresolved', '县文联', 'lead', null],
    ]);
    expect(r.json().parties[1].groupId).toEqual(expect.any(Number));
    expect(r.json().cobuilt).toBe(true);
    const unknown = await finance.post('/api/duties/parse', { requirementText: '请高度重视' });
    expect(unknown.json().requirement.cadence).toBe('as_required');
    expect(unknown.json().warnings[0]).toContain('无法识别');
  });
});

describe('who may write where, after the import', () => {
  const draft = (columnId: number) => ({ columnId, title: '2026年部门预算公开', bodyHtml: '<p>预算说明</p>' });

  it('an officer of 财政局 writes in 政务公开/管理公开/财政预决算 but not in 新闻中心/涟水新闻', async () => {
    expect((await finance.post('/api/articles', draft(await col('政务公开/管理公开/财政预决算')))).statusCode).toBe(
      201,
    );
    expect((await finance.post('/api/articles', draft(await col('政务公开/财政预决算领域')))).statusCode).toBe(201);
    const refused = await finance.post('/api/articles', draft(await col('新闻中心/涟水新闻')));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('COLUMN_NOT_ALLOWED');
  });

  it('a town’s officer writes in 新闻中心/乡镇动态 through its group, not in 新闻中心/部门动态', async () => {
    expect((await town.post('/api/articles', draft(await col('新闻中心/乡镇动态')))).statusCode).toBe(201);
    expect((await town.post('/api/articles', draft(await col('新闻中心/部门动态')))).json().code).toBe(
      'COLUMN_NOT_ALLOWED',
    );
  });
});
