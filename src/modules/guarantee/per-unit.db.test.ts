import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import type { Services } from '../../services.js';
import { missesOf } from './bulletin.documents.js';
import { insertArticle, runCli } from './guarantee.test-helpers.js';

// Issue 8 item 3: a duty a group of units shares is every unit's own. The 信息公开 rows of the list
// become a per-unit tree (部门和乡镇信息公开/<unit>/指南, 制度, 年报, 法定主动公开内容, 依申请公开), one duty per
// unit and column, kept in step with the unit list; a group row that stays shared judges each unit on
// its own items, on the board and in the 通报. Judged on Wednesday 2026-07-15 (the guarantee clock).

const LIST = [
  '一级栏目,二级栏目,三级栏目,保障部门,相关要求',
  '政务公开,政府信息公开指南,-,县各部门、各镇、街道办事处、各园区,动态维护',
  ',政府信息公开制度,-,县各部门、各镇、街道办事处、各园区,动态维护',
  ',政府信息公开年报,-,县各部门、各镇、街道办事处、各园区,动态维护',
  ',政府信息公开目录,-,县各部门、各镇、街道办事处、各园区,动态维护',
  ',依申请公开,-,县各部门、各镇、街道办事处、各园区,动态维护',
  ',部门和乡镇信息公开,-,县各部门、各镇、街道办事处、各园区,动态维护',
  ',公告公示,-,县各部门、各镇、街道办事处、各园区,动态维护',
].join('\n');
const SUBS = ['政府信息公开指南', '政府信息公开制度', '政府信息公开年报', '法定主动公开内容', '依申请公开'];
const ROOT = '政务公开/部门和乡镇信息公开';

let t: TestApp;
let s: Services;
let siteId: number;
let centre: ApiClient;
const ids: Record<string, number> = {};

const paths = async () => {
  const cols = await s.columns.listBySite(siteId);
  const byId = new Map(cols.map((c) => [c.id, c]));
  const pathOf = (id: number): string => {
    const c = byId.get(id)!;
    return c.parentId === null ? c.name : `${pathOf(c.parentId)}/${c.name}`;
  };
  return new Map(cols.map((c) => [pathOf(c.id), c.id]));
};

beforeAll(async () => {
  t = await createTestApp({ guaranteeClock: () => new Date('2026-07-15T03:00:00.000Z') });
  s = t.services;
  siteId = (await makeSite(s, { name: '涟水县人民政府', code: 'per-unit' })).id;
  const unit = async (...a: Parameters<typeof makeUnit>) => (await makeUnit(...a)).id;
  ids.czj = await unit(s, '财政局');
  ids.jyj = (await makeUnit(s, '教育局')).id;
  ids.gaogou = (await makeUnit(s, '高沟镇', 'town', { shortName: '高沟镇' })).id;
  ids.media = (await makeUnit(s, '融媒体中心', 'direct')).id;
  const office = (await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' })).id;
  ids.office = office;
  await makeAccount(s, 'per-unit-centre', office, ['site_editor']);
  await makeAccount(s, 'per-unit-jyj', ids.jyj, ['unit_officer']);
  centre = await ApiClient.login(t.server, 'per-unit-centre', PASSWORD);
});
afterAll(() => t?.close());
afterEach(() => vi.restoreAllMocks());

describe('the per-unit 信息公开 tree', () => {
  it('is built from the unit list when the list is imported: a branch per unit of the groups, five columns and duties each', async () => {
    const r = await s.guaranteeImport.importList(system, Buffer.from(LIST), {
      siteId,
      apply: true,
      effective: '2025-01-01',
    });
    const p = await paths();
    // Five units of 县各部门 and 各镇…: 财政局, 教育局, 政府办 (gov_dept) and 高沟镇 (town); not 融媒体中心.
    for (const unit of ['涟水县财政局', '涟水县教育局', '涟水县人民政府办公室', '涟水县高沟镇'])
      for (const sub of SUBS) expect(p.has(`${ROOT}/${unit}/${sub}`), `${unit}/${sub}`).toBe(true);
    expect(p.has(`${ROOT}/涟水县融媒体中心`)).toBe(false);
    // The rows the tree carries are not columns of their own.
    expect(p.has('政务公开/政府信息公开年报')).toBe(false);
    expect(p.has('政务公开/公告公示')).toBe(true);
    const duties = await s.duties.list(system, { siteId });
    const mine = duties.filter((d) => d.columnPath.startsWith(`${ROOT}/涟水县财政局/`));
    expect(mine.map((d) => d.columnName).sort()).toEqual([...SUBS].sort());
    for (const d of mine) {
      expect(d.parties.map((x) => [x.kind, x.unitId])).toEqual([['unit', ids.czj]]);
      expect(d.effectiveFrom).toBe('2025-01-01');
      expect(d.requirementText).toBe('动态维护');
    }
    expect(duties).toHaveLength(4 * 5 + 1);
    const classes = (await s.guarantee.classes.list(system, siteId)).columns;
    expect(SUBS.map((sub) => classes.find((c) => c.path === `${ROOT}/涟水县高沟镇/${sub}`)!.updateClass)).toEqual([
      'basic',
      'basic',
      'annual',
      'notice',
      'basic',
    ]);
    expect(r.report).toContain(
      '单位信息公开目录：政务公开/部门和乡镇信息公开，单位分支新建 4 个（每个单位 5 个栏目、5 项保障责任）；共 4 个单位',
    );
    expect(r.report).toContain(
      '  第 4 行 政务公开/政府信息公开年报 → 按单位分设于 政务公开/部门和乡镇信息公开/〈单位〉/政府信息公开年报',
    );
    expect(r.report).toContain(
      '  第 5 行 政务公开/政府信息公开目录 → 按单位分设于 政务公开/部门和乡镇信息公开/〈单位〉/法定主动公开内容',
    );
    const again = await s.guaranteeImport.importList(system, Buffer.from(LIST), { siteId, apply: true });
    expect(again.summary.duties).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(again.summary.tree).toMatchObject({ branchesCreated: 0, dutiesCreated: 0, renamed: 0 });
    expect(await s.duties.list(system, { siteId })).toHaveLength(21);
  });

  it('counts the tree and its branches as answered for, through their columns', async () => {
    const coverage = await s.guarantee.coverage.report(system, siteId);
    const paths = coverage.uncoveredColumns.map((c) => c.columnPath);
    expect(paths.some((p) => p.startsWith(ROOT))).toBe(false);
  });

  it('gives a new unit its branch and renames a renamed unit’s branch, in the same transaction', async () => {
    const created = await centre.post('/api/units', {
      name: '涟水县红窑镇人民政府',
      shortName: '红窑镇',
      category: 'town',
      code: 'HYZ0000001',
    });
    expect(created.statusCode).toBe(201);
    ids.hongyao = created.json().id;
    let p = await paths();
    for (const sub of SUBS) expect(p.has(`${ROOT}/涟水县红窑镇人民政府/${sub}`)).toBe(true);
    const hy = (await s.duties.list(system, { unitId: ids.hongyao })).filter((d) => d.columnPath.startsWith(ROOT));
    expect(hy).toHaveLength(5);
    expect(hy[0]!.effectiveFrom).toBe('2026-07-15');
    const audit = await s.audit.list({ action: 'column.created', limit: 20, offset: 0 });
    expect(audit.rows[0]!.username).toBe('per-unit-centre');
    expect(audit.rows.some((r) => r.summary.includes('涟水县红窑镇人民政府'))).toBe(true);

    const branch = p.get(`${ROOT}/涟水县财政局`)!;
    const renamed = await centre.patch(`/api/units/${ids.czj}`, { name: '涟水县财政局（国有资产管理办公室）' });
    expect(renamed.statusCode).toBe(200);
    p = await paths();
    expect(p.get(`${ROOT}/涟水县财政局（国有资产管理办公室）`)).toBe(branch);
    expect(p.has(`${ROOT}/涟水县财政局`)).toBe(false);
    for (const sub of SUBS) expect(p.has(`${ROOT}/涟水县财政局（国有资产管理办公室）/${sub}`)).toBe(true);
    // A unit outside the groups: nothing; once it joins one by its category, its branch.
    await centre.patch(`/api/units/${ids.media}`, { name: '涟水县融媒体中心（广播电视台）' });
    expect([...(await paths()).keys()].some((k) => k.includes('融媒体中心'))).toBe(false);
    await centre.patch(`/api/units/${ids.media}`, { category: 'gov_dept' });
    expect((await paths()).has(`${ROOT}/涟水县融媒体中心（广播电视台）/依申请公开`)).toBe(true);
  });

  it('judges each unit’s own columns: one unit’s 年报 does not meet another’s', async () => {
    const p = await paths();
    const annual = (unit: string) => p.get(`${ROOT}/${unit}/政府信息公开年报`)!;
    await insertArticle(s, {
      siteId,
      columnId: annual('涟水县高沟镇'),
      unitId: ids.gaogou!,
      publishedAt: '2026-02-01T02:00:00.000Z',
    });
    await insertArticle(s, {
      siteId,
      columnId: annual('涟水县教育局'),
      unitId: ids.jyj!,
      publishedAt: '2025-03-01T02:00:00.000Z',
    });
    const r = await s.guarantee.status.check(system, { siteId });
    const at = (unit: string) => r.duties.find((d) => d.columnId === annual(unit))!;
    expect(at('涟水县高沟镇').status).toBe('met');
    expect(at('涟水县教育局')).toMatchObject({ status: 'breached', since: '2026-03-01' });
    expect(at('涟水县财政局（国有资产管理办公室）')).toMatchObject({ status: 'breached', blank: true });
    // A unit's own 法定主动公开内容 (通知公告类, never used) is not one of the site's 一级栏目 that the
    // 6-month 通知公告 rule of the 单项否决 counts.
    const stale = r.sites[0]!.indicators.find((i) => i.key === 'stale_columns')!.columns.map((c) => c.path);
    expect(stale.some((p) => p.startsWith(ROOT))).toBe(false);
    // A unit's view: its five columns and its own line of the shared row.
    const gaogou = await s.guarantee.status.check(system, { unitId: ids.gaogou });
    expect(gaogou.duties.map((d) => d.columnPath).sort()).toEqual(
      [...SUBS.map((sub) => `${ROOT}/涟水县高沟镇/${sub}`), '政务公开/公告公示'].sort(),
    );
  });
});

describe('a group row that stays shared', () => {
  it('judges each unit of the group on its own items', async () => {
    const column = (await paths()).get('政务公开/公告公示')!;
    ids.notices = column;
    const item = (unitId: number, day: string) =>
      insertArticle(s, { siteId, columnId: column, unitId, publishedAt: `${day}T02:00:00.000Z` });
    await item(ids.czj!, '2026-06-01');
    await item(ids.gaogou!, '2025-10-01'); // 6-month window ran out on 2026-04-01
    const d = (await s.guarantee.status.check(system, { columnId: column })).duties[0]!;
    expect(d.perUnit).toBe(true);
    expect(d.status).toBe('breached');
    const line = (id: number) => d.units.find((u) => u.unitId === id)!;
    expect(line(ids.czj!)).toMatchObject({ status: 'met' });
    expect(line(ids.czj!).found).toBe('本单位最近一次更新 2026-06-01 10:00，下次须在 2026-11-30 前更新');
    expect(line(ids.gaogou!)).toMatchObject({ status: 'breached', since: '2026-04-01' });
    expect(line(ids.jyj!)).toMatchObject({ status: 'breached', since: '2025-01-01' });
    expect(line(ids.jyj!).found).toBe('本单位从未在本栏目发布信息');
    // The column as a whole was updated: not an 应更新未更新 column of the site.
    expect(d.columnStatus).toBe('met');
    // Filtered by a unit, the row is that unit's own.
    const mine = (await s.guarantee.status.check(system, { columnId: column, unitId: ids.czj })).duties[0]!;
    expect(mine.status).toBe('met');
    expect(mine.units.map((u) => u.unitId)).toEqual([ids.czj]);
  });

  it('lists each unit separately in the month’s figures and the 通报', async () => {
    const m = await s.guarantee.report.month(system, '2026-06', siteId);
    const d = m.duties.find((x) => x.columnId === ids.notices);
    if (d?.kind !== 'window') throw new Error('not a window duty');
    expect(d.perUnit).toBe(true);
    const party = (id: number) => d.parties.find((p) => p.unitId === id)!;
    expect(party(ids.czj!)).toMatchObject({ workdaysLate: 0, breachedAtEnd: false, lastUpdateDay: '2026-06-01' });
    // June's 21 working days (端午 06-19 off).
    expect(party(ids.gaogou!)).toMatchObject({ workdaysLate: 21, breachedAtEnd: true });
    const lines = missesOf(m.duties, (id) => m.units.find((u) => u.unitId === id)?.shortName ?? String(id)).filter(
      (l) => l.columnPath === '政务公开/公告公示',
    );
    expect(lines.map((l) => l.unitName).sort()).toEqual(['政府办', '教育局', '红窑镇', '融媒体中心', '高沟镇'].sort());
    expect(lines.find((l) => l.unitName === '高沟镇')).toMatchObject({
      missed: ['最近更新 2025-10-01'],
      workdaysLate: 21,
    });
    expect(lines.find((l) => l.unitName === '教育局')!.missed).toEqual(['从未发布']);
    const unit = (id: number) => m.units.find((u) => u.unitId === id)!;
    expect(unit(ids.gaogou!).dutiesBreached).toBeGreaterThan(0);
    const bulletin = await s.guarantee.bulletins.generate(system, { month: '2026-06', siteId });
    const html = (await s.guarantee.bulletins.download(system, bulletin.id, 'html')).bytes.toString('utf8');
    expect(html).toContain('<td class="l">政务公开/公告公示</td><td class="l">高沟镇</td>');
  });

  it('prints each unit’s line in `govportal guarantee report`', async () => {
    const out = await runCli(s, [
      'guarantee',
      'report',
      '--from',
      '2026-06-01',
      '--to',
      '2026-06-30',
      '--site',
      String(siteId),
    ]);
    expect(out.lines).toContain('    高沟镇：最近更新 2025-10-01，期末已超期，迟报 21 个工作日');
    expect(out.lines).toContain('    财政局：最近更新 2026-06-01，期末未超期，迟报 0 个工作日');
  });

  it('tells each unit of its own breach', async () => {
    const r = await s.guarantee.daily.run('2026-07-15');
    expect(r.notices.created).toBeGreaterThan(0);
    const jyj = await ApiClient.login(t.server, 'per-unit-jyj', PASSWORD);
    const mine = (await jyj.get('/api/guarantee/notices')).json() as { items: Array<{ title: string }> };
    expect(mine.items.map((n) => n.title)).toContain('【内容保障未达标】政务公开/公告公示（教育局）');
    expect(mine.items.map((n) => n.title)).toContain(`【内容保障未达标】${ROOT}/涟水县教育局/政府信息公开年报`);
  });
});
