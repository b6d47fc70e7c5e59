import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import {
  PASSWORD,
  makeAccount,
  makeColumn,
  makeDuty,
  makeSite,
  makeUnit,
  system,
} from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';

// Issue 11 item 4, 栏目共建: a column built by several units, each owing at least one item a month.
// The check judges each unit on its own share: the one that published is met, the other is due soon
// while the month runs and breached once it has ended; a unit sees its own line.

let t: TestApp;
let now = new Date('2026-11-20T02:00:00.000Z');
let editor: ApiClient;
let officer: ApiClient;
let dutyId: number;
let units: { zwb: number; jxw: number };

beforeAll(async () => {
  t = await createTestApp({ guaranteeClock: () => now });
  const s = t.services;
  const site = await makeSite(s);
  const column = await makeColumn(s, site.id, '优化营商环境');
  const zwb = await makeUnit(s, '政务服务管理办公室', 'gov_dept', { shortName: '政务办' });
  const jxw = await makeUnit(s, '经济和信息化委员会', 'gov_dept', { shortName: '经信委' });
  const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  units = { zwb: zwb.id, jxw: jxw.id };
  dutyId = await makeDuty(s, column.id, { unitId: zwb.id });
  await s.database.db
    .insertInto('duty_units')
    .values({ duty_id: dutyId, unit_id: jxw.id, group_id: null, role: 'cooperate', label: '经信委' })
    .execute();
  await s.database.db.updateTable('duties').set({ effective_from: '2026-01-01' }).where('id', '=', dutyId).execute();
  await makeAccount(s, 'wz', office.id, ['site_editor']);
  await makeAccount(s, 'jxw', jxw.id, ['unit_officer']);
  editor = await ApiClient.login(t.server, 'wz', PASSWORD);
  officer = await ApiClient.login(t.server, 'jxw', PASSWORD);
  const item = await s.articles.create(system, {
    columnId: column.id,
    unitId: zwb.id,
    type: 'news',
    title: '政务办优化营商环境工作动态',
    bodyHtml: '<p>正文</p>',
    isTop: false,
    disclosure: {},
    attachmentIds: [],
    interpretsPolicyIds: [],
    extraColumnIds: [],
    channel: 'backoffice',
  } as never);
  await publishForTest(s, item.id);
  // Published through the real path today; dated into the month judged here.
  await s.database.db
    .updateTable('articles')
    .set({ published_at: '2026-11-10T02:00:00.000Z' })
    .where('id', '=', item.id)
    .execute();
});
afterAll(() => t.close());

const line = (
  body: { duties: Array<{ dutyId: number; units: Array<{ unitId: number; status: string }> }> },
  unitId: number,
) => body.duties.find((d) => d.dutyId === dutyId)!.units.find((u) => u.unitId === unitId);

describe('栏目共建 shares', () => {
  it('are kept per unit and refused for a unit that does not exist or twice', async () => {
    const put = await editor.put(`/api/duties/${dutyId}/shares`, {
      shares: [
        { unitId: units.zwb, minItems: 1, period: 'month' },
        { unitId: units.jxw, minItems: 1 },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().shares.map((s: { unitId: number; period: string }) => [s.unitId, s.period])).toEqual([
      [units.zwb, 'month'],
      [units.jxw, 'month'],
    ]);
    expect(
      (await editor.put(`/api/duties/${dutyId}/shares`, { shares: [{ unitId: 999999, minItems: 1 }] })).statusCode,
    ).toBe(400);
    expect(
      (
        await editor.put(`/api/duties/${dutyId}/shares`, {
          shares: [
            { unitId: units.jxw, minItems: 1 },
            { unitId: units.jxw, minItems: 2 },
          ],
        })
      ).statusCode,
    ).toBe(400);
    expect((await officer.put(`/api/duties/${dutyId}/shares`, { shares: [] })).statusCode).toBe(403);
  });

  it('judge each unit on its share: met, due soon while the month runs, breached after it', async () => {
    const during = (await editor.get('/api/guarantee/status?at=2026-11-20')).json();
    expect(line(during, units.zwb)).toMatchObject({ status: 'met', count: 1 });
    expect(line(during, units.jxw)).toMatchObject({ status: 'due_soon', count: 0 });
    now = new Date('2026-12-01T02:00:00.000Z');
    const after = (await editor.get('/api/guarantee/status?at=2026-11-30&final=true')).json();
    expect(line(after, units.jxw)).toMatchObject({
      status: 'breached',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    const duty = after.duties.find((d: { dutyId: number }) => d.dutyId === dutyId);
    expect(duty.status).toBe('breached');
    expect(duty.notes.join('')).toContain('栏目共建：2 个单位各按份额考核');
    // The unit's own view has its line only.
    const own = (await officer.get('/api/guarantee/status?at=2026-11-30&final=true')).json();
    const mine = own.duties.find((d: { dutyId: number }) => d.dutyId === dutyId);
    expect(mine.units.map((u: { unitId: number }) => u.unitId)).toEqual([units.jxw]);
  });

  it('are shown in the monthly 通报: each unit judged on its share, in the page and the workbook', async () => {
    const made = await editor.post('/api/guarantee/bulletins', { month: '2026-11' });
    expect(made.statusCode, made.body).toBe(201);
    const html = (await editor.get(`/api/guarantee/bulletins/${made.json().id}/html`)).body;
    expect(html).toContain('附：栏目共建份额完成情况');
    expect(html).toMatch(
      /优化营商环境<\/td><td class="l">政务办<\/td><td class="l">每月至少 1 条<\/td><td>2026-11-01 至 2026-11-30<\/td><td>1<\/td><td>达标/,
    );
    expect(html).toMatch(
      /经信委<\/td><td class="l">每月至少 1 条<\/td><td>2026-11-01 至 2026-11-30<\/td><td>0<\/td><td>未达标/,
    );
    expect(html).toMatch(/经信委[^<]*等 \d+ 个单位存在未按要求保障的栏目/);
    const xlsx = await editor.get(`/api/guarantee/bulletins/${made.json().id}/xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const sheet = wb.getWorksheet('栏目共建')!;
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '优化营商环境',
      '经信委',
      '每月至少 1 条',
      '2026-11-01 至 2026-11-30',
      0,
      '未达标',
    ]);
  });
});
