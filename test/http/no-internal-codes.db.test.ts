import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/contract/audit.js';
import { ArticleType } from '../../src/contract/articles.js';
import { ArticleStatus } from '../../src/contract/content.js';
import { Cadence, Channel, GuaranteeStatus, NoticeLevel } from '../../src/contract/guarantee.js';
import { SubmissionChannel, SubmissionState } from '../../src/contract/review.js';
import { shanghaiDay } from '../../src/platform/time.js';
import { createTestApp, type TestApp } from '../harness/app.js';
import { disclosure, reviewCounty } from '../harness/review.js';

// Issue 16 item 2: what a person reads, prints or exports names things in words. The 信息发布审核表,
// the 通报, the audit log export and the notices are rendered from a real review and searched for the
// codes behind them: action names (guarantee.bulletin_generated), channel, status and type values
// (backoffice, in_review), and times written as UTC instants.

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;
let itemId: number;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
  const created = await w.c.czj!.post('/api/articles', {
    columnId: w.columns.finance.id,
    type: 'document',
    title: '关于下达2026年财政预算的通知',
    bodyHtml: '<p>各乡镇：现将预算下达。</p>',
    disclosure,
  });
  itemId = created.json().id as number;
  await w.c.czj!.post(`/api/articles/${itemId}/submit`, {});
  // A return and a resubmission, so the notices include both.
  await w.c.czj_sc!.post(`/api/articles/${itemId}/return`, { opinion: '请补充预算表' });
  await w.c.czj!.post(`/api/articles/${itemId}/submit`, {});
  for (const who of ['czj_sc', 'czj_zy', 'gkk', 'gkk2', 'ld'])
    expect((await w.c[who]!.post(`/api/articles/${itemId}/approve`, { opinion: '同意' })).statusCode).toBe(200);
  expect((await w.c.wz!.post(`/api/articles/${itemId}/publish`)).statusCode).toBe(200);
  await t.services.guarantee.daily.run(shanghaiDay(new Date()));
}, 120_000);
afterAll(() => t?.close());

const ENUM_VALUES = new Set<string>([
  ...SubmissionChannel.values,
  ...SubmissionState.values,
  ...ArticleStatus.values,
  ...ArticleType.values,
  ...GuaranteeStatus.values,
  ...NoticeLevel.values,
  ...Cadence.values,
  ...Channel.values,
]);

/** The internal codes found in a text a person reads (addresses, e-mail and file names aside). */
function codesIn(text: string): string[] {
  let words = text
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+|\S+@\S+|[\w-]+(?:\.[\w-]+)+\.(?:test|cn|com|org|pdf|png|docx|xlsx|html)\b/gi, ' ');
  const found = new Set<string>();
  words = words.replace(/\b[a-z][a-z_]*(?:\.[a-z_]+)+\b/g, (m) => {
    found.add(m); // action names
    return ' ';
  });
  // snake_case codes; the test county's sign-in names (czj_sc, shown as signers) are people, not codes
  for (const m of words.matchAll(/\b[a-z]+_[a-z_]+\b/g)) if (!(m[0] in w.c)) found.add(m[0]);
  for (const m of words.matchAll(/\b[a-z]+\b/g)) if (ENUM_VALUES.has(m[0])) found.add(m[0]);
  for (const m of words.matchAll(/\d{4}-\d\d-\d\dT\d\d:\d\d/g)) found.add(m[0]); // UTC instants
  return [...found];
}

describe('no internal code in what people read', () => {
  it('knows a code when it sees one', () => {
    expect(codesIn('<p>报送渠道：backoffice；操作 guarantee.bulletin_generated 于 2026-11-02T05:01:00Z</p>')).toEqual([
      'guarantee.bulletin_generated',
      'backoffice',
      '2026-11-02T05:01',
    ]);
    expect(codesIn('<a href="https://www.lianshui.test/a_b.html">czj@lianshui.test</a> 后台报送')).toEqual([]);
  });

  it('the 信息发布审核表', async () => {
    const html = await w.c.czj!.get(`/api/articles/${itemId}/review-form`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('报送渠道：后台报送');
    expect(codesIn(html.body)).toEqual([]);
  });

  it('the 通报 (HTML and its ranking)', async () => {
    const month = shanghaiDay(new Date()).slice(0, 7);
    const b = await w.c.wz!.post('/api/guarantee/bulletins', { month, siteId: w.site.id });
    expect(b.statusCode, b.body).toBe(201);
    const html = await w.c.wz!.get(`/api/guarantee/bulletins/${b.json().id}/html`);
    expect(html.body).toContain('达标率');
    expect(codesIn(html.body)).toEqual([]);
  });

  it('the audit log export names every action in words', async () => {
    const csv = await w.c.admin!.get('/api/audit/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('审核通过');
    expect(csv.body).toContain('生成通报');
    expect(codesIn(csv.body)).toEqual([]);
  });

  it('the notices, on the screen and by e-mail', async () => {
    const texts: string[] = [];
    for (const c of Object.values(w.c)) {
      const list = (await c.get('/api/notifications')).json() as { items: Array<{ title: string; body: string }> };
      for (const n of list.items) texts.push(`${n.title}\n${n.body}`);
    }
    expect(texts.length).toBeGreaterThan(3);
    expect(codesIn(texts.join('\n'))).toEqual([]);
  });

  it('every action the code can record has a label (the type of DomainEvent is the table)', () => {
    for (const [action, label] of Object.entries(AUDIT_ACTIONS)) {
      expect(label, action).toMatch(/[\u4e00-\u9fff]/);
      expect(codesIn(label), action).toEqual([]);
    }
  });
});
