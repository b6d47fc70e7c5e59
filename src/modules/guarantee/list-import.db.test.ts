import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import {
  PASSWORD,
  columnByNames,
  makeAccount,
  makeColumn,
  makeDuty,
  makeSite,
  makeUnit,
  multipartFile,
  system,
} from '../../../test/harness/factories.js';
import type { Services } from '../../services.js';

const SEED_CSV = fs.readFileSync(path.join(import.meta.dirname, '../../../seed/guarantee-list.csv'));

/** An .xlsx of the seed list as people keep it: blank cells where the printed table merged them. */
async function seedAsXlsx(): Promise<Buffer> {
  const lines = SEED_CSV.toString('utf8').trim().split('\n');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('内容保障清单');
  ws.addRow(['涟水县政府门户网站内容保障清单']);
  ws.mergeCells('A1:E1');
  for (const line of lines) ws.addRow(line.split(',').map((c) => (c === '' ? null : c)));
  // Row n of the CSV is row n + 1 here. As in the notice: the 首页栏目 block and its 专题 merged,
  // a wrapped cell, a trailing full-width space.
  ws.mergeCells('A11:A22');
  ws.mergeCells('B15:B22');
  ws.getCell('C84').value = '服务清单\n及指南';
  ws.getCell('B90').value = '公共资源配置领域\u3000';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function counts(s: Services) {
  const db = s.database.db;
  const n = async (
    table: 'columns' | 'units' | 'duties' | 'duty_units' | 'unit_groups' | 'unit_aliases' | 'sites' | 'audit_log',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    columns: await n('columns'),
    units: await n('units'),
    duties: await n('duties'),
    parties: await n('duty_units'),
    groups: await n('unit_groups'),
    aliases: await n('unit_aliases'),
    sites: await n('sites'),
    audit: await n('audit_log'),
  };
}

async function dutyOf(s: Services, columnId: number) {
  const [duty] = await s.duties.list(system, { columnId });
  return duty;
}

describe('importing the seed list into an empty database', () => {
  let t: TestApp;
  let s: Services;
  let siteId: number;
  beforeAll(async () => {
    t = await createTestApp();
    s = t.services;
  });
  afterAll(() => t?.close());

  it('a dry run reports every change and writes nothing', async () => {
    const before = await counts(s);
    const r = await s.guaranteeImport.importList(system, SEED_CSV, { apply: false });
    expect(r.applied).toBe(false);
    expect(r.summary).toMatchObject({
      rows: 108,
      // 125 columns and 104 duties in the list: the five 信息公开 rows every unit keeps for itself and
      // the 部门和乡镇信息公开 row go to the per-unit tree, a branch for each of the 27 units of 县各部门
      // and 各镇、街道办事处、各园区 the list names (5 columns and 5 duties each, under a branch column).
      columns: { created: 120, updated: 0, unchanged: 0 },
      duties: { created: 98 },
      tree: { units: 27, branchesCreated: 27, columnsCreated: 162, dutiesCreated: 135, renamed: 0 },
    });
    expect(r.summary.site).toMatchObject({ code: 'county', created: true });
    expect(r.changes.filter((c) => c.entity === 'column')).toHaveLength(120 + 162);
    expect(r.report[0]).toContain('试运行');
    expect(await counts(s)).toEqual(before);
  });

  it('a malformed file is refused with its row and cell, and leaves the database untouched', async () => {
    const before = await counts(s);
    const lines = SEED_CSV.toString('utf8').split('\n');
    lines[6] = lines[6]!.replace(/,[^,]*$/, ',');
    const bad = Buffer.from(lines.join('\n'));
    const error = await s.guaranteeImport.importList(system, bad, { apply: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details?.issues).toEqual([
      { field: '第7行 相关要求', message: '第 7 行“相关要求”为空' },
    ]);
    expect(await counts(s)).toEqual(before);
  });

  it('creates the site, the tree, the units from the directory, the groups and the duties', async () => {
    const r = await s.guaranteeImport.importList(system, SEED_CSV, { apply: true });
    siteId = r.summary.site.id;
    expect(r.applied).toBe(true);
    expect(r.summary).toMatchObject({
      site: { name: '涟水县人民政府', code: 'county', created: true },
      columns: { created: 120, updated: 0, unchanged: 0 },
      duties: { created: 98, updated: 0, unchanged: 0 },
      unresolved: [],
      aliasesLearned: [],
    });
    expect(r.summary.units.created).toHaveLength(34);
    expect(r.summary.units.created).toEqual(
      expect.arrayContaining([
        '涟水县财政局',
        '涟水县市场监督管理局',
        '国家税务总局涟水县税务局',
        '涟水县“三进三帮”活动领导小组办公室',
      ]),
    );
    expect(r.summary.groups.created).toEqual(['县各单位', '县各部门', '各镇、街道办事处、各园区', '各单位']);
    expect(r.summary.gaps.map((g) => [g.row, g.problem])).toEqual([[106, '未明确保障单位']]);
    expect(await counts(s)).toMatchObject({ sites: 1, columns: 282, units: 34, duties: 233, groups: 4 });
    const audit = await s.audit.list({ action: 'guarantee.list_imported', limit: 5, offset: 0 });
    expect(audit.total).toBe(1);
    expect((await s.audit.list({ action: 'column.created', limit: 1, offset: 0 })).total).toBe(282);
    expect((await s.audit.list({ action: 'unit.created', limit: 1, offset: 0 })).total).toBe(34);
  });

  it('keeps the same name under different parents apart', async () => {
    const a = await columnByNames(s, siteId, '政务公开/决策公开/政府文件');
    const b = await columnByNames(s, siteId, '政务公开/政府文件');
    expect(a.id).not.toBe(b.id);
    const edu1 = await columnByNames(s, siteId, '政务公开/教育科技');
    const edu2 = await columnByNames(s, siteId, '政务公开/社会公益事业建设领域/教育科技');
    expect(edu1.id).not.toBe(edu2.id);
    expect((await dutyOf(s, edu1.id))!.parties.map((p) => p.unitName)).toEqual(['教育局', '科技局']);
    expect((await dutyOf(s, edu2.id))!.parties.map((p) => p.unitName)).toEqual(['教育局']);
    const nature1 = await columnByNames(s, siteId, '走进涟水/自然资源');
    const nature2 = await columnByNames(s, siteId, '政务公开/公共资源配置领域/自然资源');
    expect(nature1.id).not.toBe(nature2.id);
    expect((await dutyOf(s, nature2.id))!.parties.map((p) => p.unitName)).toEqual(['国土局']);
    // 政务公开 appears as three blocks in the list and is one column.
    expect((await s.columns.listBySite(siteId)).filter((c) => c.name === '政务公开')).toHaveLength(1);
  });

  it('sets kinds, navigation, links and update classes', async () => {
    expect(await columnByNames(s, siteId, '政务公开')).toMatchObject({ kind: 'catalogue' });
    expect(await columnByNames(s, siteId, '首页栏目')).toMatchObject({ kind: 'list', inNav: false });
    expect(await columnByNames(s, siteId, '政民互动/在线访谈/往期访谈')).toMatchObject({
      kind: 'interaction',
      updateClass: 'interaction',
    });
    expect(await columnByNames(s, siteId, '首页栏目/专题/水质监测报告')).toMatchObject({
      kind: 'topic',
      updateClass: 'topic',
    });
    expect(await columnByNames(s, siteId, '政务公开/中华人民共和国政府信息公开条例')).toMatchObject({
      kind: 'link',
      linkUrl: 'https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm',
    });
    expect(await columnByNames(s, siteId, '政务公开/申请获取政府信息10项指引')).toMatchObject({
      kind: 'link',
      linkUrl: '/ysqgk/guide/',
    });
    expect((await columnByNames(s, siteId, '新闻中心/热点头条')).updateClass).toBe('news');
    expect((await columnByNames(s, siteId, '政务公开/服务公开/服务清单及指南')).updateClass).toBe('service');
    const top = (await s.columns.listBySite(siteId))
      .filter((c) => c.parentId === null)
      .sort((a, b) => a.sortOrder - b.sortOrder);
    expect(top.map((c) => c.name)).toEqual(['新闻中心', '公共服务', '首页栏目', '政民互动', '走进涟水', '政务公开']);
  });

  it('makes the 首页栏目 entries listed under 政务公开 show those columns, with the duty held once', async () => {
    const home = await columnByNames(s, siteId, '首页栏目');
    const children = (await s.columns.listBySite(siteId))
      .filter((c) => c.parentId === home.id)
      .sort((a, b) => a.sortOrder - b.sortOrder);
    expect(children.map((c) => c.name)).toEqual([
      '财政信息',
      '食品药品',
      '环境保护',
      '中华人民共和国政府信息公开条例',
      '专题',
    ]);
    for (const name of ['财政信息', '食品药品', '环境保护', '中华人民共和国政府信息公开条例']) {
      const mirror = await columnByNames(s, siteId, `首页栏目/${name}`);
      const source = await columnByNames(s, siteId, `政务公开/${name}`);
      expect(mirror.sourceColumnId, name).toBe(source.id);
      expect(await dutyOf(s, mirror.id), name).toBeUndefined();
      expect(await dutyOf(s, source.id), name).toBeDefined();
    }
    expect((await columnByNames(s, siteId, '首页栏目/中华人民共和国政府信息公开条例')).linkUrl).toMatch(
      /^https:\/\/www\.gov\.cn\//,
    );
  });

  it('resolves every spelling of a unit to one unit', async () => {
    const index = await s.units.nameIndex();
    const same = (...names: string[]) => {
      const ids = names.map((n) => index.resolve(n));
      expect(ids[0], names[0]).not.toBeNull();
      expect(new Set(ids).size, names.join('=')).toBe(1);
    };
    same('市场局', '市场监管局', '市场监督管理局', '涟水县市场监督管理局');
    same('招标办', '招管办');
    same('国土局', '国土资源局');
    same('电视台', '广电台', '广播电视台');
    same('民政局（双拥办）', '民政局', '双拥办');
    const disasterDuty = await dutyOf(
      s,
      (await columnByNames(s, siteId, '政务公开/社会公益事业建设领域/灾害事故救援')).id,
    );
    const market = disasterDuty!.parties.find((p) => p.label === '市场局')!;
    const lawDuty = await dutyOf(s, (await columnByNames(s, siteId, '政务公开/管理公开/执法监管信息')).id);
    expect(lawDuty!.parties.find((p) => p.label === '市场监督管理局')!.unitId).toBe(market.unitId);
    const fish = await dutyOf(s, (await columnByNames(s, siteId, '首页栏目/专题/双拥工作专栏')).id);
    expect(fish!.parties).toEqual([
      expect.objectContaining({ kind: 'unit', unitName: '民政局', label: '民政局（双拥办）', role: 'lead' }),
    ]);
    const units = await s.units.all();
    expect(units.find((u) => u.shortName === '税务局')).toMatchObject({
      category: 'vertical',
      name: '国家税务总局涟水县税务局',
    });
    for (const u of units) expect(u.code).toMatch(/^[0-9A-Z]{18}$/);
  });

  it('records groups, lead-plus-cooperating phrases, and the column with no unit', async () => {
    const notices = await dutyOf(s, (await columnByNames(s, siteId, '新闻中心/公告公示')).id);
    expect(notices!.parties.map((p) => [p.kind, p.groupName, p.role])).toEqual([
      ['group', '县各部门', 'lead'],
      ['group', '各镇、街道办事处、各园区', 'lead'],
    ]);
    expect(notices).toMatchObject({ cadence: 'dynamic', channel: 'paper', channelLabel: '介质报送（纸质）' });
    const groups = await s.units.groups();
    expect(groups.find((g) => g.name === '县各部门')!.categories.sort()).toEqual([
      'gov_dept',
      'party_dept',
      'vertical',
    ]);
    const overview = await dutyOf(s, (await columnByNames(s, siteId, '走进涟水/涟水概况')).id);
    expect(overview!.parties).toEqual([
      expect.objectContaining({ kind: 'unit', unitName: '政府办', role: 'lead', label: '政府办' }),
      expect.objectContaining({ kind: 'vague', unitId: null, groupId: null, role: 'cooperate', label: '相关单位' }),
    ]);
    expect(overview!.channel).toBe('cobuilt');
    const towns = await dutyOf(s, (await columnByNames(s, siteId, '新闻中心/乡镇动态')).id);
    expect(towns).toMatchObject({
      cadence: 'weekly_min',
      minPerWeek: 1,
      cadenceLabel: '每周至少1篇',
      channel: 'email',
      requirementText: '工作日报送至邮箱，每周至少一篇',
    });
    const gap = await dutyOf(
      s,
      (await columnByNames(s, siteId, '政务公开/重大建设项目批准和实施领域/施工竣工信息')).id,
    );
    expect(gap).toMatchObject({ parties: [], requirementText: '动态维护' });
  });

  it('changes nothing when the same list is imported again', async () => {
    const before = await counts(s);
    const r = await s.guaranteeImport.importList(system, SEED_CSV, { apply: true });
    expect(r.summary).toMatchObject({
      site: { created: false },
      columns: { created: 0, updated: 0, unchanged: 120 },
      duties: { created: 0, updated: 0, unchanged: 98 },
      tree: { branchesCreated: 0, columnsCreated: 0, dutiesCreated: 0, dutiesUpdated: 0, renamed: 0 },
      units: { created: [] },
      groups: { created: [] },
      aliasesLearned: [],
    });
    expect(r.summary.units.matched).toHaveLength(34);
    expect(r.changes).toEqual([]);
    // Only the import itself is recorded.
    expect(await counts(s)).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('reads the XLSX variant the same way, into a second site', async () => {
    const second = await makeSite(s, { name: '涟水县政务公开专题站', code: 'xlsx-site' });
    const xlsx = await seedAsXlsx();
    const r = await s.guaranteeImport.importList(system, xlsx, { siteId: second.id, apply: true });
    expect(r.summary).toMatchObject({
      format: 'xlsx',
      rows: 108,
      columns: { created: 120 },
      duties: { created: 98 },
      units: { created: [] },
    });
    const names = async (id: number) =>
      (await s.duties.list(system, { siteId: id }))
        .map(
          (d) =>
            `${d.columnPath}|${d.requirementText}|${d.parties.map((p) => `${p.role}:${p.label}:${p.unitId ?? p.groupId ?? '-'}`).join(',')}`,
        )
        .sort();
    expect(await names(second.id)).toEqual(await names(siteId));
    expect(
      (await s.guaranteeImport.importList(system, xlsx, { siteId: second.id, apply: true })).summary.duties,
    ).toEqual({ created: 0, updated: 0, unchanged: 98 });
  });
});

describe('importing into a database that already has some of it', () => {
  let t: TestApp;
  let s: Services;
  let siteId: number;
  let civil: number;
  beforeAll(async () => {
    t = await createTestApp();
    s = t.services;
    siteId = (await makeSite(s)).id;
    civil = (await makeUnit(s, '民政局')).id;
    await makeUnit(s, '国土资源局', 'gov_dept', { shortName: '国土资源局' });
    const home = await makeColumn(s, siteId, '首页栏目');
    await makeColumn(s, siteId, '财政信息', home.id);
    const news = await makeColumn(s, siteId, '新闻中心');
    const local = await makeColumn(s, siteId, '涟水新闻', news.id, { updateClass: 'news' });
    await makeDuty(s, local.id, { unitId: civil }, '每周至少两篇');
  });
  afterAll(() => t?.close());

  it('matches existing units and columns, learns their other names, and fills in what columns lack', async () => {
    const r = await s.guaranteeImport.importList(system, SEED_CSV, { apply: true });
    expect(r.summary.site.created).toBe(false);
    expect(r.summary.units.matched).toEqual(expect.arrayContaining(['涟水县民政局', '涟水县国土资源局']));
    expect(r.summary.units.created).toHaveLength(32);
    expect(r.summary.aliasesLearned).toEqual(
      expect.arrayContaining([
        { unit: '民政局', alias: '双拥办' },
        { unit: '国土资源局', alias: '国土局' },
      ]),
    );
    // 首页栏目 and 涟水新闻 stay as they were; 财政信息 now shows 政务公开/财政信息, 新闻中心 gets its class.
    expect(r.summary.columns).toEqual({ created: 116, updated: 2, unchanged: 2 });
    expect(
      r.changes.filter((c) => c.entity === 'column' && c.action === 'update').map((c) => [c.name, c.detail]),
    ).toEqual([
      ['新闻中心', '补充更新类别'],
      // 财政信息 is yearly (财政预决算类): the mirror takes its source's class too.
      ['首页栏目/财政信息', '补充显示“政务公开/财政信息”的信息、更新类别'],
    ]);
    expect((await columnByNames(s, siteId, '首页栏目/财政信息')).sourceColumnId).toBe(
      (await columnByNames(s, siteId, '政务公开/财政信息')).id,
    );
    // The duty written by hand follows the list now.
    expect(r.summary.duties).toEqual({ created: 97, updated: 1, unchanged: 0 });
    const local = await dutyOf(s, (await columnByNames(s, siteId, '新闻中心/涟水新闻')).id);
    expect(local).toMatchObject({ requirementText: '工作日每天维护', cadence: 'workday_daily' });
    expect(local!.parties.map((p) => p.unitName)).toEqual(['新闻中心']);
    expect((await s.units.nameIndex()).resolve('双拥办')).toBe(civil);
  });

  it('reports names it cannot resolve and keeps them on the duty as written', async () => {
    const csv = Buffer.from(
      '一级栏目,二级栏目,三级栏目,保障部门,相关要求\n新闻中心,涟水新闻,-,新闻中心,工作日每天维护\n,图片新闻,-,县摄影家协会、新闻中心,动态维护\n',
    );
    const r = await s.guaranteeImport.importList(system, csv, { siteId, apply: true });
    expect(r.summary.unresolved).toEqual([{ name: '县摄影家协会', rows: [3] }]);
    expect(r.summary.duties).toEqual({ created: 1, updated: 0, unchanged: 1 });
    const duty = await dutyOf(s, (await columnByNames(s, siteId, '新闻中心/图片新闻')).id);
    expect(duty!.parties.map((p) => [p.kind, p.label, p.unitName])).toEqual([
      ['unresolved', '县摄影家协会', null],
      ['unit', '新闻中心', '新闻中心'],
    ]);
    expect(r.report.join('\n')).toContain('“县摄影家协会”（第 3 行）');
  });
});

describe('importing over HTTP', () => {
  let t: TestApp;
  let admin: ApiClient;
  let officer: ApiClient;
  beforeAll(async () => {
    t = await createTestApp();
    const office = await makeUnit(t.services, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
    await makeSite(t.services);
    await makeAccount(t.services, 'admin', office.id, ['sysadmin']);
    await makeAccount(t.services, 'editor', office.id, ['site_editor']);
    admin = await ApiClient.login(t.server, 'admin', PASSWORD);
    officer = await ApiClient.login(t.server, 'editor', PASSWORD);
  });
  afterAll(() => t?.close());

  const upload = (client: ApiClient, name: string, bytes: Buffer, query: string) => {
    const { payload, headers } = multipartFile(name, bytes);
    return client.request('POST', `/api/imports/guarantee-list${query}`, payload, headers);
  };

  it('previews, then applies, an uploaded list', async () => {
    const preview = await upload(admin, '保障清单.csv', SEED_CSV, '?apply=false');
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      applied: false,
      summary: { columns: { created: 120 }, duties: { created: 98 } },
    });
    expect(preview.json().changes.length).toBeGreaterThan(200);
    expect(preview.json().summary.units.matched).toEqual(['涟水县人民政府办公室']);
    expect((await t.services.duties.list(system, {})).length).toBe(0);
    const applied = await upload(admin, '保障清单.xlsx', await seedAsXlsx(), '?apply=true');
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, summary: { format: 'xlsx', duties: { created: 98 } } });
    expect(applied.json().report[0]).toMatch(/^已导入/);
    expect((await t.services.duties.list(system, {})).length).toBe(98 + 27 * 5);
  });

  it('refuses a malformed upload with a 422 naming the row and cell', async () => {
    const r = await upload(
      admin,
      'bad.csv',
      Buffer.from('一级栏目,二级栏目,三级栏目,保障部门,相关要求\n,,县委,政府办,动态维护\n'),
      '?apply=true',
    );
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'IMPORT_INVALID' });
    expect(r.json().issues.map((i: { field: string }) => i.field)).toEqual(['第2行 一级栏目', '第2行 二级栏目']);
  });

  it('refuses people without the import permission, bodies that are not uploads, and unknown sites', async () => {
    expect((await upload(officer, 'list.csv', SEED_CSV, '?apply=true')).statusCode).toBe(403);
    const json = await admin.post('/api/imports/guarantee-list?apply=true', { file: 'x' });
    expect(json.statusCode).toBe(415);
    expect((await upload(admin, 'list.csv', SEED_CSV, '?siteId=99999')).statusCode).toBe(404);
    expect((await upload(admin, 'list.csv', SEED_CSV, '?apply=maybe')).statusCode).toBe(400);
  });
});
