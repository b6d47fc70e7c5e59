import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeColumn, makeSite, makeUnit } from '../../../test/harness/factories.js';
import { backdate, insertArticle, insertDuty, insertSubmission } from './guarantee.test-helpers.js';

// The admin API over a small county: October 2026 (National Day 10-01 … 10-07 off, Saturday 10-10 a
// working day). 财政局 submits to 部门动态 by e-mail and paper; 教育局 once; the 通报 of October is
// generated, archived, downloaded and read back.

let t: TestApp;
let editor: ApiClient;
let officer: ApiClient;
let other: ApiClient;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s, { sponsor: '涟水县人民政府办公室' });
  const dept = await makeColumn(s, site.id, '部门动态', null, { updateClass: 'news' });
  const finance = await makeColumn(s, site.id, '财政信息', null, { updateClass: 'notice' });
  const topic = await makeColumn(s, site.id, '双拥工作专栏', null, { kind: 'topic' });
  const policy = await makeColumn(s, site.id, '政策解读', null, { updateClass: 'notice' });
  await makeColumn(s, site.id, '无人负责', null);
  await backdate(s, 'columns', [dept.id, finance.id, policy.id], '2025-01-01T00:00:00.000Z');
  const czj = await makeUnit(s, '财政局');
  const jyj = await makeUnit(s, '教育局');
  const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  await backdate(s, 'units', [czj.id, jyj.id, office.id], '2025-01-01T00:00:00.000Z');
  await makeAccount(s, 'editor', office.id, ['site_editor']);
  await makeAccount(s, 'czj', czj.id, ['unit_officer']);
  await makeAccount(s, 'jyj', jyj.id, ['unit_officer']);
  editor = await ApiClient.login(t.server, 'editor', PASSWORD);
  officer = await ApiClient.login(t.server, 'czj', PASSWORD);
  other = await ApiClient.login(t.server, 'jyj', PASSWORD);
  Object.assign(ids, { site: site.id, czj: czj.id, jyj: jyj.id, dept: dept.id, finance: finance.id });
  ids.weekly = await insertDuty(s, dept.id, { cadence: 'weekly_min', minPerWeek: 1 }, [
    { unitId: czj.id },
    { unitId: jyj.id },
  ]);
  ids.window = await insertDuty(s, finance.id, { cadence: 'dynamic' }, [{ unitId: czj.id }]);
  // Weeks of October 2026 by Monday: 09-28 (09-28, 09-29, 09-30 working), 10-05 (10-08, 10-09, 10-10),
  // 10-12, 10-19, 10-26 (ends 11-01, after the month: pending).
  for (const at of [
    '2026-09-30T02:00:00.000Z',
    '2026-10-09T02:00:00.000Z',
    '2026-10-14T02:00:00.000Z',
    '2026-10-21T02:00:00.000Z',
  ]) {
    await insertSubmission(s, {
      unitId: czj.id,
      columnId: dept.id,
      receivedAt: at,
      channel: 'email',
      state: 'adopted',
    });
  }
  await insertSubmission(s, {
    unitId: czj.id,
    columnId: dept.id,
    receivedAt: '2026-10-22T02:00:00.000Z',
    channel: 'paper',
    state: 'not_adopted',
  });
  await insertSubmission(s, {
    unitId: jyj.id,
    columnId: dept.id,
    receivedAt: '2026-10-13T02:00:00.000Z',
    channel: 'backoffice',
    state: 'adopted',
  });
  await insertArticle(s, {
    siteId: site.id,
    columnId: finance.id,
    unitId: czj.id,
    publishedAt: '2026-10-15T02:00:00.000Z',
  });
  // Published and taken offline since (a 公示 at the end of its period): a publication of its week and
  // year in trends and annual figures. Withdrawn (撤稿): retracted, counted nowhere.
  const offline = await insertArticle(s, {
    siteId: site.id,
    columnId: finance.id,
    unitId: czj.id,
    publishedAt: '2026-10-20T02:00:00.000Z',
  });
  const withdrawn = await insertArticle(s, {
    siteId: site.id,
    columnId: finance.id,
    unitId: czj.id,
    publishedAt: '2026-10-06T02:00:00.000Z',
  });
  await s.database.db.updateTable('articles').set({ status: 'offline' }).where('id', '=', offline).execute();
  await s.database.db.updateTable('articles').set({ status: 'withdrawn' }).where('id', '=', withdrawn).execute();
  const p = await insertArticle(s, {
    siteId: site.id,
    columnId: policy.id,
    unitId: office.id,
    publishedAt: '2026-03-01T02:00:00.000Z',
  });
  const i = await insertArticle(s, {
    siteId: site.id,
    columnId: policy.id,
    unitId: office.id,
    publishedAt: '2026-03-02T02:00:00.000Z',
  });
  await s.database.db.insertInto('article_relations').values({ policy_id: p, interpretation_id: i }).execute();
  await insertArticle(s, {
    siteId: site.id,
    columnId: topic.id,
    unitId: office.id,
    publishedAt: '2026-05-02T02:00:00.000Z',
  });
});
afterAll(() => t?.close());

describe('status board and the unit view', () => {
  it('shows the county every duty with its explanation and the site indicators', async () => {
    const res = await editor.get('/api/guarantee/status?at=2026-10-20&final=true');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.duties).toHaveLength(2);
    const weekly = body.duties.find((d: { dutyId: number }) => d.dutyId === ids.weekly);
    // 教育局: week of 10-12 met (10-13), week of 10-19 open with nothing yet on Tuesday → due soon.
    expect(weekly.units.find((u: { unitId: number }) => u.unitId === ids.jyj)).toMatchObject({
      status: 'due_soon',
      periodKey: '2026-10-19',
    });
    expect(body.sites[0].indicators.map((i: { key: string }) => i.key)).toEqual([
      'home_page',
      'stale_columns',
      'overdue_columns',
      'blank_columns',
      'interaction',
      'unreachable',
    ]);
    // Filters narrow the list, not the site indicators.
    const filtered = (await editor.get('/api/guarantee/status?at=2026-10-20&final=true&updateClass=notice')).json();
    expect(filtered.duties.map((d: { dutyId: number }) => d.dutyId)).toEqual([ids.window]);
    expect(filtered.sites).toEqual(body.sites);
  });

  it('shows a unit only its own duties and its own line', async () => {
    const res = await officer.get('/api/guarantee/status?at=2026-10-20&final=true');
    const body = res.json();
    expect(body.duties.map((d: { dutyId: number }) => d.dutyId).sort()).toEqual([ids.weekly, ids.window].sort());
    expect(
      body.duties
        .find((d: { dutyId: number }) => d.dutyId === ids.weekly)
        .units.map((u: { unitId: number }) => u.unitId),
    ).toEqual([ids.czj]);
    expect(body.sites).toEqual([]);
    const theirs = (await other.get('/api/guarantee/status?at=2026-10-20')).json();
    expect(theirs.duties.map((d: { dutyId: number }) => d.dutyId)).toEqual([ids.weekly]);
    // Asking for another unit does not widen the scope.
    expect(
      (await other.get(`/api/guarantee/status?unitId=${ids.czj}`))
        .json()
        .duties.map((d: { dutyId: number }) => d.dutyId),
    ).toEqual([ids.weekly]);
    const overview = (await officer.get('/api/guarantee/overview?at=2026-10-31')).json();
    expect(overview.unit.id).toBe(ids.czj);
    expect(overview.monthToDate).toMatchObject({ submitted: 4, adopted: 3 }); // 10-09, 10-14, 10-21, 10-22 (09-30 is September)
  });

  it('refuses county-only and write endpoints to a unit', async () => {
    expect((await officer.get('/api/guarantee/coverage')).statusCode).toBe(403);
    expect((await officer.post('/api/guarantee/bulletins', { month: '2026-10' })).statusCode).toBe(403);
    expect((await officer.put('/api/guarantee/settings', {})).statusCode).toBe(403);
  });

  it('gives one duty with the items that counted', async () => {
    const res = await editor.get(`/api/guarantee/duties/${ids.window}/status?at=2026-10-20`);
    expect(res.json().duty.items.map((i: { at: string }) => i.at)).toEqual(['2026-10-15T02:00:00.000Z']);
    expect((await editor.get('/api/guarantee/duties/99999/status')).statusCode).toBe(404);
  });
});

describe('reports, trends and the 通报', () => {
  it('reports the weeks per unit', async () => {
    const r = (await editor.get(`/api/guarantee/report?from=2026-10-01&to=2026-10-31&siteId=${ids.site}`)).json();
    const weekly = r.duties.find((d: { dutyId: number }) => d.dutyId === ids.weekly);
    const czj = weekly.parties.find((p: { unitId: number }) => p.unitId === ids.czj);
    // Weeks with a Monday in October: 10-05, 10-12, 10-19 complete; 10-26 pending.
    expect(czj).toMatchObject({
      expected: ['2026-10-05', '2026-10-12', '2026-10-19'],
      met: ['2026-10-05', '2026-10-12', '2026-10-19'],
      missed: [],
      pending: ['2026-10-26'],
    });
    const jyj = weekly.parties.find((p: { unitId: number }) => p.unitId === ids.jyj);
    expect(jyj.missed).toEqual(['2026-10-05', '2026-10-19']);
  });

  it('refuses a report over more than 400 days', async () => {
    const res = await editor.get('/api/guarantee/report?from=2000-01-01&to=2026-10-31');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('日期范围不能超过 400 天');
  });

  it('gives weekly trend series per unit', async () => {
    const r = (await editor.get('/api/guarantee/trend?from=2026-10-05&to=2026-10-25')).json();
    expect(r.weeks).toEqual(['2026-10-05', '2026-10-12', '2026-10-19']);
    const czj = r.series.find((x: { unitId: number }) => x.unitId === ids.czj);
    expect(czj).toMatchObject({ submitted: [1, 1, 2], adopted: [1, 1, 1], published: [0, 1, 1] });
  });

  it('generates, archives and serves the monthly 通报, and the XLSX reads back', async () => {
    const res = await editor.post('/api/guarantee/bulletins', { month: '2026-10', siteId: ids.site });
    expect(res.statusCode).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({
      period: '2026-10',
      docNo: '涟政办网保〔2026〕10号',
      title: '关于2026年10月份县政府门户网站内容保障情况的通报',
    });
    expect((await editor.get('/api/guarantee/bulletins')).json().map((x: { id: number }) => x.id)).toEqual([b.id]);

    const xlsx = await editor.get(`/api/guarantee/bulletins/${b.id}/xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('通报')!;
    // Ranked by duties met, then days late (issue 16 item 2); the submission figures beside.
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '排名',
      '单位',
      '达标责任',
      '未达标责任',
      '达标率',
      '迟报工作日',
      '报送合计',
      '采用',
      '采用率',
      '后台报送',
      '邮箱报送',
      '纸质报送',
      '网站抓取',
      '栏目共建',
      '历史导入',
    ]);
    const rows = new Map<string, unknown[]>();
    ws.eachRow((row, n) => {
      if (n > 3) rows.set(String(row.getCell(2).value), (row.values as unknown[]).slice(1));
    });
    // 财政局: October entries 10-09, 10-14, 10-21 (e-mail, adopted) and 10-22 (paper) = 4, adopted 3.
    // Duties: 部门动态 met (3 weeks); 财政信息 had never carried an item before 10-15, so it stood blank
    // (breached) at the end of 10-08, 10-09, 10-10, 10-12, 10-13 and 10-14: 1 met, 1 breached, 6 late.
    expect(rows.get('财政局')).toEqual([1, '财政局', 1, 1, 0.5, 6, 4, 3, 0.75, 0, 3, 1, 0, 0, 0]);
    // 教育局: one entry (back office, adopted, 10-13); weeks of 10-05 and 10-19 missed → breached. Late:
    // the week of 09-28 was missed too, so 10-08, 10-09, 10-10 stand breached; 10-12 (week of 10-05
    // missed, nothing yet); 10-13 … 10-23 not (met, then due soon); 10-26 … 10-30 (5) → 3 + 1 + 5 = 9.
    expect(rows.get('教育局')).toEqual([2, '教育局', 0, 1, 0, 9, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(rows.get('政府办')!.slice(6, 9)).toEqual([0, 0, undefined]); // no submissions: no rate (an empty cell)

    const html = await editor.get(`/api/guarantee/bulletins/${b.id}/html`);
    expect(html.body).toContain('涟水县人民政府办公室');
    expect(html.body).toContain('涟政办网保〔2026〕10号');
    expect(html.body).toContain('本月全县共报送信息 5 条，采用 4 条');
    if (t.services.pdf.available) {
      const pdf = await editor.get(`/api/guarantee/bulletins/${b.id}/pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    // A unit may read the 通报 (it is addressed to every unit).
    expect((await officer.get(`/api/guarantee/bulletins/${b.id}/xlsx`)).statusCode).toBe(200);
  });

  it('counts the annual report figures and exports them', async () => {
    const r = (await editor.get(`/api/guarantee/annual?year=2026&siteId=${ids.site}`)).json();
    // Four online, one taken offline since; the withdrawn one is not counted.
    expect(r.publishing.total).toBe(5);
    expect(r.interpretations.total).toBe(1);
    expect(r.topics).toMatchObject({ maintained: 1, created: 1 });
    expect(r.interaction).toMatchObject({
      available: true,
      received: 0,
      closed: 0,
      averageDays: null,
      publicReplies: 0,
    });
    const x = await editor.get(`/api/guarantee/annual/xlsx?year=2026&siteId=${ids.site}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('年度报表')!.getRow(3).values).toEqual([undefined, '信息发布', '总数（条）', 5]);
  });

  it('reports coverage: the column nobody answers for and the unit without an account', async () => {
    const r = (await editor.get('/api/guarantee/coverage')).json();
    expect(r.uncoveredColumns.map((c: { columnPath: string }) => c.columnPath)).toEqual(
      expect.arrayContaining(['无人负责', '双拥工作专栏', '政策解读']),
    );
    expect(r.dutiesWithoutAccounts).toEqual([]);
    expect(r.roster.map((u: { shortName: string }) => u.shortName)).toEqual(
      expect.arrayContaining(['财政局', '教育局']),
    );
  });
});

describe('calendar, thresholds and duty parameters', () => {
  it('lets the website centre enter a later year and says so', async () => {
    expect(
      (await officer.put('/api/guarantee/calendar/overrides', { day: '2027-01-01', workday: false, name: '元旦' }))
        .statusCode,
    ).toBe(403);
    const put = await editor.put('/api/guarantee/calendar/overrides', {
      day: '2027-01-01',
      workday: false,
      name: '元旦',
    });
    expect(put.statusCode).toBe(200);
    const cal = (await editor.get('/api/guarantee/calendar?from=2027-01-01&to=2027-01-02')).json();
    expect(cal.days[0]).toMatchObject({ day: '2027-01-01', workday: false, name: '元旦', source: 'override' });
    expect(cal.notes).toEqual(['2027 年节假日按管理员录入的日历计算']);
    expect((await editor.get('/api/guarantee/calendar?from=2027-02-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await editor.delete(`/api/guarantee/calendar/overrides/${put.json().id}`)).statusCode).toBe(204);
    expect((await editor.get('/api/guarantee/calendar?from=2028-01-03&to=2028-01-03')).json().notes).toEqual([
      '2028 年节假日数据未录入，按周一至周五计算',
    ]);
  });

  it("edits thresholds and a duty's parameters", async () => {
    const put = await editor.put('/api/guarantee/settings', {
      indicators: { homePage: { limitDays: 14, warnDays: 7 } },
    });
    expect(put.json().settings.indicators.homePage).toEqual({ limitDays: 14, warnDays: 7 });
    expect(put.json().settings.indicators.blankColumns).toEqual({ limit: 5, warnAbove: 2 });
    const p = await editor.put(`/api/guarantee/duties/${ids.weekly}/params`, { minCount: 2 });
    expect(p.json()).toMatchObject({ plan: { type: 'counted', minCount: 2 } });
    const r = (await editor.get(`/api/guarantee/report?from=2026-10-01&to=2026-10-31&siteId=${ids.site}`)).json();
    const czj = r.duties
      .find((d: { dutyId: number }) => d.dutyId === ids.weekly)
      .parties.find((x: { unitId: number }) => x.unitId === ids.czj);
    expect(czj.met).toEqual(['2026-10-19']); // only the week of 10-19 has two entries
    // New wording of the requirement keeps the parameters set by hand.
    expect(
      (await editor.patch(`/api/duties/${ids.weekly}`, { requirementText: '每周不少于1条，报送至政府办' })).statusCode,
    ).toBe(200);
    expect((await editor.get(`/api/guarantee/duties/${ids.weekly}/params`)).json()).toMatchObject({
      overrides: { minCount: 2 },
      plan: { minCount: 2 },
    });
    expect(
      (await editor.put(`/api/guarantee/duties/${ids.weekly}/params`, { window: { days: 3, months: 1, warnDays: 1 } }))
        .statusCode,
    ).toBe(400);
    await editor.put(`/api/guarantee/duties/${ids.weekly}/params`, {});
  });
});
