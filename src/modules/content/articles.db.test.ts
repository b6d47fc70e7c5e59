import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import {
  PASSWORD,
  makeAccount,
  makeColumn,
  makeDuty,
  makeSite,
  makeUnit,
  multipartFile,
} from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures', name));

let t: TestApp;
let editor: ApiClient;
let finance: ApiClient;
let siteId: number;
let financeId: number;
let budgetCol: number; // 财政预决算, finance's duty
let subCol: number; // a sub-column under it
let newsCol: number; // 涟水新闻, not finance's

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  siteId = (await makeSite(s)).id;
  const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  const fin = await makeUnit(s, '财政局');
  financeId = fin.id;
  await makeUnit(s, '教育局');
  const catalogue = (await makeColumn(s, siteId, '政务公开', null, { kind: 'catalogue' })).id;
  budgetCol = (await makeColumn(s, siteId, '财政预决算', catalogue)).id;
  subCol = (await makeColumn(s, siteId, '部门预算', budgetCol)).id;
  newsCol = (await makeColumn(s, siteId, '涟水新闻')).id;
  await makeDuty(s, budgetCol, { unitId: financeId });
  await makeAccount(s, 'editor', office.id, ['site_editor']);
  await makeAccount(s, 'czj', financeId, ['unit_officer']);
  editor = await ApiClient.login(t.server, 'editor', PASSWORD);
  finance = await ApiClient.login(t.server, 'czj', PASSWORD);
});
afterAll(() => t?.close());

const draft = (columnId: number, extra: Record<string, unknown> = {}) => ({
  columnId,
  type: 'document',
  title: '2026年县级部门预算公开',
  bodyHtml:
    '<p onclick="alert(1)">预算<script>alert(1)</script>说明</p><table><tr><td>项目</td><td>金额</td></tr></table>',
  disclosure: {
    docNo: '涟财发〔2026〕12号',
    writtenOn: '2026-11-20',
    issuer: '涟水县财政局',
    topicCategory: '财政、金融、审计\\财政',
    validity: '有效',
  },
  ...extra,
});

describe('an information officer', () => {
  it('writes in its unit’s columns and their sub-columns, body sanitised on the server', async () => {
    const r = await finance.post('/api/articles', draft(subCol));
    expect(r.statusCode).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({ status: 'draft', unitId: financeId, revision: 1, isDisclosure: true, indexNo: null });
    expect(a.bodyHtml).not.toMatch(/script|onclick/);
    expect(a.bodyHtml).toContain('<table>');
  });

  it('cannot write in another unit’s column, nor under another unit’s name', async () => {
    const r = await finance.post('/api/articles', draft(newsCol));
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'COLUMN_NOT_ALLOWED' });
    expect(r.json().message).toContain('涟水新闻');
    const other = await finance.post('/api/articles', draft(budgetCol, { unitId: financeId + 1 }));
    expect(other.statusCode).toBe(400);
  });

  it('sees only its own unit’s articles, even when asking for another one by id', async () => {
    const mine = (await finance.post('/api/articles', draft(budgetCol))).json();
    const theirs = (
      await editor.post('/api/articles', { columnId: newsCol, title: '县政府召开常务会议', bodyHtml: '<p>会议</p>' })
    ).json();
    const list = (await finance.get('/api/articles?pageSize=200')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(mine.id);
    expect(list.items.every((i: { unitId: number }) => i.unitId === financeId)).toBe(true);
    expect((await finance.get(`/api/articles/${theirs.id}`)).statusCode).toBe(404);
    expect((await finance.patch(`/api/articles/${theirs.id}`, { title: '改' })).statusCode).toBe(404);
    expect((await finance.delete(`/api/articles/${theirs.id}`)).statusCode).toBe(404);
  });

  it('cannot publish; nobody can publish an unreviewed item; once reviewed, the 索引号 follows the unit code and year', async () => {
    const a = (await finance.post('/api/articles', draft(budgetCol))).json();
    expect((await finance.post(`/api/articles/${a.id}/publish`)).statusCode).toBe(403);
    const unreviewed = await editor.post(`/api/articles/${a.id}/publish`);
    expect(unreviewed.statusCode).toBe(409);
    expect(unreviewed.json().message).toContain('未经审核');
    const p = await publishForTest(t.services, a.id);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(p.indexNo).toMatch(new RegExp(`^TEST\\d{6}/${year}-\\d{5}$`));
    expect(Date.now() - Date.parse(p.publishedAt!)).toBeLessThan(60_000);
    const b = (await finance.post('/api/articles', draft(budgetCol, { title: '第二份' }))).json();
    const pb = await publishForTest(t.services, b.id);
    const seq = (x: string) => Number(x.split('-').pop());
    expect(seq(pb.indexNo!)).toBe(seq(p.indexNo!) + 1);
  });

  it('keeps a revision with a hash on every save and refuses a stale edit', async () => {
    const a = (await finance.post('/api/articles', draft(budgetCol))).json();
    const u = await finance.patch(`/api/articles/${a.id}`, {
      title: '2026年县级部门预算公开（更正）',
      expectedRevision: 1,
    });
    expect(u.json().revision).toBe(2);
    // A partial update changes only what it names (zod 4 defaults must not refill the rest).
    expect(u.json().bodyHtml).toBe(a.bodyHtml);
    expect(u.json().disclosure).toEqual(a.disclosure);
    const stale = await finance.patch(`/api/articles/${a.id}`, { title: '旧版覆盖', expectedRevision: 1 });
    expect(stale.statusCode).toBe(409);
    const revs = (await finance.get(`/api/articles/${a.id}/revisions`)).json() as Array<{
      revision: number;
      hash: string;
    }>;
    expect(revs.map((r) => r.revision)).toEqual([2, 1]);
    expect(revs[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(revs[0]!.hash).not.toBe(revs[1]!.hash);
  });
});

describe('attachments', () => {
  it('accepts a real .docx and a .pdf, sniffed from their bytes, and links them to an article', async () => {
    const up = async (name: string, bytes: Buffer) => {
      const { payload, headers } = multipartFile(name, bytes);
      return finance.request('POST', '/api/attachments', payload, headers);
    };
    const docx = await up('通知.docx', fixture('notice.docx'));
    expect(docx.statusCode).toBe(201);
    expect(docx.json()).toMatchObject({ ext: 'docx', name: '通知.docx', size: fixture('notice.docx').length });
    const pdf = (await up('说明.pdf', fixture('sample.pdf'))).json();
    const a = (
      await finance.post('/api/articles', draft(budgetCol, { attachmentIds: [docx.json().id, pdf.id] }))
    ).json();
    expect(a.attachments.map((f: { name: string }) => f.name)).toEqual(['通知.docx', '说明.pdf']);
    const dl = await finance.get(`/api/attachments/${pdf.id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''%E8%AF%B4%E6%98%8E.pdf");
    expect(Buffer.compare(dl.rawPayload, fixture('sample.pdf'))).toBe(0);
  });

  it('refuses a program disguised as a PDF with a Chinese message', async () => {
    const { payload, headers } = multipartFile('预算.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]));
    const r = await finance.request('POST', '/api/attachments', payload, headers);
    expect(r.statusCode).toBe(415);
    expect(r.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
  });
});

describe('policies and their interpretations', () => {
  it('links both ways', async () => {
    const policy = (
      await editor.post('/api/articles', draft(budgetCol, { unitId: financeId, title: '政策原文' }))
    ).json();
    const interp = (
      await editor.post(
        '/api/articles',
        draft(budgetCol, { unitId: financeId, title: '图解政策', interpretsPolicyIds: [policy.id] }),
      )
    ).json();
    expect(interp.policies.map((p: { id: number }) => p.id)).toEqual([policy.id]);
    const back = (await editor.get(`/api/articles/${policy.id}`)).json();
    expect(back.interpretations.map((p: { id: number }) => p.id)).toEqual([interp.id]);
  });
});

describe('audit', () => {
  it('records who changed what, from where', async () => {
    const a = (await finance.post('/api/articles', draft(budgetCol, { title: '审计测试' }))).json();
    const rows = await t.services.audit.list({ entityType: 'article', entityId: String(a.id), limit: 5, offset: 0 });
    expect(rows.rows[0]).toMatchObject({ action: 'article.created', username: 'czj', unit_id: financeId });
    expect(rows.rows[0]!.summary).toContain('审计测试');
  });
});

describe('the 索引号 pattern', () => {
  it('is a setting the website centre can change, validated, and used for the next number', async () => {
    const bad = await editor.put('/api/settings/index-pattern', { pattern: '{unitCode}/{seq5}' });
    expect(bad.statusCode).toBe(400);
    const ok = await editor.put('/api/settings/index-pattern', { pattern: 'LS-{unitCode}-{year}{month}-{seq4}' });
    expect(ok.json().example).toBe('LS-11320826MB1234567X-202611-0001');
    const a = (await finance.post('/api/articles', draft(budgetCol, { title: '新规则' }))).json();
    const p = await publishForTest(t.services, a.id);
    expect(p.indexNo).toMatch(/^LS-TEST\d{6}-\d{6}-0001$/);
    expect((await finance.put('/api/settings/index-pattern', { pattern: '{unitCode}/{year}-{seq5}' })).statusCode).toBe(
      403,
    );
  });
});
