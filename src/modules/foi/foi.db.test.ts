import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeAccount, makeUnit, multipartFile, PASSWORD, system } from '../../../test/harness/factories.js';

// The unit's side of 依申请公开 over the admin API, on a fixed today (2026-12-01, a Tuesday): paper
// applications registered with their channel's receipt day, every refusal of bad input in words with
// nothing saved, access limited to the handling unit and the 政务公开科 and audited, a 补正, a
// third-party consultation, an extension by the unit's head, the answer and its 告知书 read back from
// the PDF, files kept, and the annual table with its XLSX.

let t: TestApp;
const c: Record<string, ApiClient> = {};
const ids: Record<string, number> = {};

const person = {
  applicantKind: 'person',
  applicantName: '张三',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  address: '涟水县安东北路1号',
  description: '2026年县财政局行政事业性收费项目清单',
  provisionForm: 'paper',
  receiptWay: 'post',
};

beforeAll(async () => {
  t = await createTestApp({ foiClock: () => new Date('2026-12-01T02:00:00.000Z') });
  const s = t.services;
  const czj = await makeUnit(s, '财政局');
  const jyj = await makeUnit(s, '教育局');
  const office = await makeUnit(s, '人民政府办公室');
  for (const u of [czj, jyj])
    await s.foi.putGuide(system, u.id, {
      officeName: '办公室',
      address: '涟水县',
      hours: '工作日',
      phone: null,
      postcode: null,
    });
  await makeAccount(s, 'czj', czj.id, ['unit_officer']);
  await makeAccount(s, 'czj_zy', czj.id, ['unit_head']);
  await makeAccount(s, 'jyj', jyj.id, ['unit_officer']);
  await makeAccount(s, 'gkk', office.id, ['disclosure_reviewer']);
  await makeAccount(s, 'editor', office.id, ['site_editor']);
  for (const name of ['czj', 'czj_zy', 'jyj', 'gkk', 'editor'])
    c[name] = await ApiClient.login(t.server, name, PASSWORD);
  Object.assign(ids, { czj: czj.id, jyj: jyj.id, office: office.id });
});
afterAll(() => t.close());

/** The text of a PDF, without the spaces the layout puts between glyphs. */
async function pdfText(bytes: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++)
    text += (await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('');
  return text.replace(/\s/g, '');
}

const count = async () =>
  Number(
    (
      await t.services.database.db
        .selectFrom('foi_applications')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('registering paper applications', () => {
  it('takes a registered letter from the day it was signed for and starts its clock', async () => {
    const res = await c.czj!.post('/api/foi/applications', {
      ...person,
      unitId: ids.czj,
      channel: 'registered_mail',
      submittedDay: '2026-11-02',
      signedDay: '2026-11-04',
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.letter = res.json().id;
    const detail = (await c.czj!.get(`/api/foi/applications/${ids.letter}`)).json();
    expect(detail.clock.receivedDay).toBe('2026-11-04');
    // 11-05, 11-06, 11-09 … 11-13, 11-16 … 11-20, 11-23 … 11-27, 11-30, 12-01, 12-02 → 20th working day
    expect(detail.clock.dueDay).toBe('2026-12-02');
    expect(detail.clock.status).toBe('due_soon');
    expect(detail.idNumber).toBe('11010519491231002X');
  });

  it('refuses bad input in Chinese and saves nothing', async () => {
    const before = await count();
    const base = { ...person, unitId: ids.czj, channel: 'in_person', submittedDay: '2026-11-30' };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ idNumber: '110105194912310021' }, /校验位/],
      [
        { applicantKind: 'organisation', orgCategory: 'business', contactName: '李四', idType: null, idNumber: null },
        /统一社会信用代码/,
      ],
      [{ channel: 'registered_mail' }, /签收日期/],
      [{ applicantName: '<script>alert(1)</script>' }, /网页代码/],
      [{ description: '<img src=x onerror=alert(1)>' }, /网页代码/],
      [{ address: '<script>x</script>' }, /网页代码/],
      [{ phone: '<script>' }, /手机号码/],
      // script in every other field the applicant or the unit types
      [{ idType: 'passport', idNumber: '<script>alert(1)</script>' }, /网页代码/],
      [{ legalRep: '<script>alert(1)</script>' }, /网页代码/],
      [{ contactName: '<script>alert(1)</script>' }, /网页代码/],
      [{ docNumber: '<script>alert(1)</script>' }, /网页代码/],
      [{ purpose: 'javascript:alert(1)' }, /网页代码/],
      [{ email: '<script>@x.cn' }, /电子邮箱格式不正确/],
      [{ postcode: '<b>' }, /邮政编码应为6位数字/],
      [
        { applicantKind: 'organisation', orgCategory: 'business', contactName: '李四', orgCode: '<script>' },
        /网页代码|统一社会信用代码/,
      ],
      [{ unitId: ids.office }, /FORBIDDEN|只能登记本单位/],
    ];
    for (const [change, message] of cases) {
      const res = await c.czj!.post('/api/foi/applications', { ...base, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).toMatch(message);
    }
    expect(await count()).toBe(before);
  });
});

describe('access', () => {
  it('is the handling unit’s and the 政务公开科’s only, lists are masked, and every reading is audited', async () => {
    expect((await c.jyj!.get(`/api/foi/applications/${ids.letter}`)).statusCode).toBe(404);
    expect((await c.jyj!.get('/api/foi/applications')).json().items).toEqual([]);
    expect((await c.editor!.get(`/api/foi/applications/${ids.letter}`)).statusCode).toBe(403);
    const list = (await c.gkk!.get('/api/foi/applications')).json().items;
    expect(list[0].applicantName).toBe('张*');
    expect(list[0].phone).toBe('138****5678');
    expect(JSON.stringify(list)).not.toContain('11010519491231002X');
    expect((await c.gkk!.get(`/api/foi/applications/${ids.letter}`)).statusCode).toBe(200);
    const reads = await t.services.database.db
      .selectFrom('audit_log')
      .select(['username'])
      .where('action', '=', 'foi.viewed')
      .where('entity_id', '=', String(ids.letter))
      .execute();
    expect(reads.map((r) => r.username).sort()).toEqual(['czj', 'gkk']);
  });
});

describe('handling', () => {
  const act = (who: string, body: Record<string, unknown>) =>
    c[who]!.post(`/api/foi/applications/${ids.letter}/actions`, body);

  it('asks a 补正 only within 7 working days, then restarts the clock from the corrected application', async () => {
    // received 11-04: the 7th working day is 11-13
    const late = await act('czj', {
      action: 'request_correction',
      day: '2026-11-16',
      dueDay: '2026-11-30',
      note: '请写明年份',
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('2026-11-13');
    expect(
      (await act('czj', { action: 'request_correction', day: '2026-11-10', dueDay: '2026-11-24', note: '请写明年份' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await act('czj', { action: 'request_correction', day: '2026-11-11', dueDay: '2026-11-24', note: '再次' }))
        .statusCode,
    ).toBe(409);
    const asked = await c.czj!.get(`/api/foi/applications/${ids.letter}/correction-notice.html`);
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.body).toContain('政府信息公开申请补正告知书');
    expect(asked.body).toContain('请写明年份');
    expect(asked.body).toContain('请于<strong>2026年11月24日</strong>前将补正后的申请提交本机关');
    expect(asked.body).toContain('《中华人民共和国政府信息公开条例》第三十条');
    expect((await act('czj', { action: 'corrected', day: '2026-11-20' })).statusCode).toBe(204);
    const d = (await c.czj!.get(`/api/foi/applications/${ids.letter}`)).json();
    expect(d.clock.startDay).toBe('2026-11-20');
    // 11-23 … 11-27 (5), 11-30 … 12-04 (10), 12-07 … 12-11 (15), 12-14 … 12-18 (20)
    expect(d.clock.dueDay).toBe('2026-12-18');
  });

  it('does not count the third party’s days, and extends only with the unit head', async () => {
    expect((await act('czj', { action: 'consult', day: '2026-11-23', party: '某建筑公司' })).statusCode).toBe(204);
    expect((await act('czj', { action: 'consult_reply', day: '2026-11-26' })).statusCode).toBe(204);
    // 11-24, 11-25, 11-26 not counted: 12-18 + 3 working days
    expect((await c.czj!.get(`/api/foi/applications/${ids.letter}`)).json().clock.dueDay).toBe('2026-12-23');
    const ext = { action: 'extend', day: '2026-11-30', days: 10, approver: '王局长', reason: '涉及多个科室' };
    expect((await act('czj', ext)).statusCode).toBe(403);
    expect((await act('czj_zy', ext)).statusCode).toBe(204);
    expect((await act('czj_zy', ext)).statusCode).toBe(409);
    // 12-24, 12-25, 12-28 … 12-31, then 2027 (not published yet: Monday to Friday) 01-01, 01-04, 01-05,
    // 01-06 → the 10th working day
    const d = (await c.czj!.get(`/api/foi/applications/${ids.letter}`)).json();
    expect(d.clock.extended).toBe(true);
    expect(d.clock.dueDay).toBe('2027-01-06');
  });

  it('produces the 延期答复告知书 with the due day before and after, as HTML and as a readable PDF', async () => {
    const html = await c.czj!.get(`/api/foi/applications/${ids.letter}/extension-notice.html`);
    expect(html.statusCode, html.body).toBe(200);
    expect(html.body).toContain('政府信息公开申请延期答复告知书');
    expect(html.body).toContain('因涉及多个科室，本机关不能在2026年12月23日前作出答复');
    expect(html.body).toContain('延长10个工作日</strong>，本机关将于<strong>2027年1月6日</strong>前');
    expect(html.body).toContain('《中华人民共和国政府信息公开条例》第三十三条');
    expect(html.body).not.toContain('王局长');
    const pdf = await c.czj!.get(`/api/foi/applications/${ids.letter}/extension-notice.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('延期答复告知书');
    expect(text).toContain('2027年1月6日');
    // another unit cannot read it; an application never extended has none
    expect((await c.jyj!.get(`/api/foi/applications/${ids.letter}/extension-notice.html`)).statusCode).toBe(404);
    const reads = await t.services.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'foi.notice_read')
      .execute();
    expect(reads.some((r) => r.summary.includes('延期答复告知书'))).toBe(true);
  });

  it('answers with a ground and produces the 告知书 as HTML and as a readable PDF', async () => {
    const noGround = await act('czj', { action: 'answer', day: '2026-12-01', type: 'refuse' });
    expect(noGround.statusCode).toBe(400);
    expect(noGround.body).toContain('请选择理由');
    expect(
      (
        await act('czj', {
          action: 'answer',
          day: '2026-12-01',
          type: 'refuse',
          ground: 'third_party',
          note: '经征求第三方意见，第三方不同意公开',
        })
      ).statusCode,
    ).toBe(204);
    const html = await c.czj!.get(`/api/foi/applications/${ids.letter}/notice.html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('保护第三方合法权益');
    expect(html.body).toContain('第十五条、第三十六条第（三）项');
    expect(html.body).toContain('申请行政复议');
    const pdf = await c.czj!.get(`/api/foi/applications/${ids.letter}/notice.pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('不予公开');
    expect(text).toContain('行政诉讼');
  });

  it('keeps the files provided and refuses one over 10 MB', async () => {
    const big = multipartFile('扫描件.pdf', Buffer.alloc(20 * 1024 * 1024, 1));
    const refused = await c.czj!.request('POST', `/api/foi/applications/${ids.letter}/files`, big.payload, big.headers);
    expect(refused.statusCode).toBe(413);
    expect(refused.json().message).toMatch(/不能超过 10 MB/);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const ok = multipartFile('答复材料.png', png);
    const res = await c.czj!.request('POST', `/api/foi/applications/${ids.letter}/files`, ok.payload, ok.headers);
    expect(res.statusCode, res.body).toBe(201);
    const back = await c.czj!.get(`/api/foi/applications/${ids.letter}/files/${res.json().id}`);
    expect(Buffer.compare(back.rawPayload, png)).toBe(0);
    expect((await c.jyj!.get(`/api/foi/applications/${ids.letter}/files/${res.json().id}`)).statusCode).toBe(404);
  });
});

describe('annual report', () => {
  it('counts the year per unit and for the county, with the appeals entered by hand, and exports XLSX', async () => {
    const org = {
      ...person,
      applicantKind: 'organisation',
      orgCategory: 'legal_service',
      applicantName: '某律师事务所',
      idType: null,
      idNumber: null,
      orgCode: '91350100M000100Y43',
      contactName: '李律师',
      unitId: ids.jyj,
      channel: 'ordinary_mail',
      submittedDay: '2026-11-20',
      confirmedDay: '2026-11-25',
    };
    expect((await c.jyj!.post('/api/foi/applications', org)).statusCode).toBe(201);
    const appeals = { year: 2026, unitId: ids.czj, counts: [{ kind: 'review', outcome: 'upheld', count: 1 }] };
    expect((await c.jyj!.put('/api/foi/appeals', appeals)).statusCode).toBe(403);
    expect((await c.czj!.put('/api/foi/appeals', appeals)).statusCode).toBe(204);

    const county = (await c.gkk!.get('/api/foi/annual?year=2026')).json();
    const row = (key: string) => county.rows.find((r: { key: string }) => r.key === key).cells;
    expect(row('new')).toEqual([1, 0, 0, 0, 1, 0, 2]);
    expect(row('refuse.third_party')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row('carried_out')).toEqual([0, 0, 0, 0, 1, 0, 1]);
    expect(county.appeals.review).toEqual([1, 0, 0, 0, 1]);
    expect(county.problems).toEqual([]);
    const own = (await c.jyj!.get('/api/foi/annual?year=2026')).json();
    expect(own.scope).toBe('涟水县教育局');
    expect(own.rows.find((r: { key: string }) => r.key === 'new').cells[6]).toBe(1);

    const xlsx = await c.gkk!.get('/api/foi/annual/xlsx?year=2026');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.worksheets[0]!;
    let total: unknown[] | null = null;
    ws.eachRow((r) => {
      if (String(r.getCell(1).value).includes('一、本年新收'))
        total = [3, 4, 5, 6, 7, 8, 9].map((i) => r.getCell(i).value);
    });
    expect(total).toEqual(row('new'));
  });
});
