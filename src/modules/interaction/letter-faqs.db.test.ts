import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeSite, makeUnit } from '../../../test/harness/factories.js';
import { insertLetter } from './letters.test-helpers.js';

// Issue 12 item 5, 刊登共性问题: the 12345 office turns similar letters into one question and answer.

let t: TestApp;
let office: ApiClient;
let officer: ApiClient;
const ids: Record<string, number> = {};

const letter = (title: string, status: string, extra: Record<string, unknown> = {}) =>
  insertLetter(t.services, title, status, extra);

beforeAll(async () => {
  t = await createTestApp();
  await makeSite(t.services);
  const hotline = await makeUnit(t.services, '12345政府公共服务热线办公室', 'gov_dept');
  const unit = await makeUnit(t.services, '教育局');
  await makeAccount(t.services, 'rx12345', hotline.id, ['hotline_operator']);
  await makeAccount(t.services, 'jyj_xxy', unit.id, ['unit_officer']);
  office = await ApiClient.login(t.server, 'rx12345', PASSWORD);
  officer = await ApiClient.login(t.server, 'jyj_xxy', PASSWORD);
  ids.a = await letter('学区划分咨询一', 'answered', {
    reply: '见公告',
    answered_at: '2025-09-03T02:00:00.000Z',
    published_at: '2025-09-04T02:00:00.000Z',
  });
  ids.b = await letter('学区划分咨询二', 'assigned');
  ids.refused = await letter('重复来信', 'rejected');
});
afterAll(async () => {
  await t?.close();
});

describe('刊登共性问题', () => {
  let faqId: number;
  const body = () => ({
    question: '城区小学学区如何划分？',
    answer: '按户籍和房产划分，咨询电话 13812345678。',
    letterIds: [ids.a, ids.b],
  });

  it('only the office makes one, from two or more letters that were accepted', async () => {
    expect((await officer.post('/api/letter-faqs', body())).statusCode).toBe(403);
    const one = await office.post('/api/letter-faqs', { ...body(), letterIds: [ids.a] });
    expect(one.statusCode).toBe(400);
    expect(one.json().message).toContain('至少两件');
    const refused = await office.post('/api/letter-faqs', { ...body(), letterIds: [ids.a, ids.refused] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('不予受理');
    const missing = await office.post('/api/letter-faqs', { ...body(), letterIds: [ids.a, 999_999] });
    expect(missing.statusCode).toBe(400);
    const made = await office.post('/api/letter-faqs', body());
    expect(made.statusCode).toBe(200);
    faqId = made.json().id;
    expect(
      made
        .json()
        .letters.map((l: { id: number }) => l.id)
        .sort(),
    ).toEqual([ids.a, ids.b].sort());
    expect(made.json().publishedAt).toBeNull();
  });

  it('is not public until published; then listed, masked, linking only the published letters', async () => {
    expect((await t.server.inject({ url: '/hudong/gongxing/' })).body).toContain('暂无刊登的共性问题');
    expect((await t.server.inject({ url: `/hudong/gongxing/${faqId}` })).statusCode).toBe(404);
    const pub = await office.post(`/api/letter-faqs/${faqId}/publish`, { publish: true });
    expect(pub.json().publishedAt).toBeTruthy();
    const list = await t.server.inject({ url: '/hudong/gongxing/' });
    expect(list.body).toContain('城区小学学区如何划分？');
    expect(list.body).toContain('归纳自 2 件来信');
    const page = await t.server.inject({ url: `/hudong/gongxing/${faqId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('13812345678');
    expect(page.body).toContain(`/hudong/fankui/${ids.a}`);
    expect(page.body).not.toContain(`/hudong/fankui/${ids.b}`);
  });

  it('edits relink the letters; taking it down hides it; every step is audited', async () => {
    const c = await letter('学区划分咨询三', 'closed');
    const edited = await office.put(`/api/letter-faqs/${faqId}`, { ...body(), letterIds: [ids.b, c] });
    expect(
      edited
        .json()
        .letters.map((l: { id: number }) => l.id)
        .sort(),
    ).toEqual([ids.b, c].sort());
    await office.post(`/api/letter-faqs/${faqId}/publish`, { publish: false });
    expect((await t.server.inject({ url: `/hudong/gongxing/${faqId}` })).statusCode).toBe(404);
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'letter_faq')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'letter_faq.created',
      'letter_faq.published',
      'letter_faq.updated',
      'letter_faq.unpublished',
    ]);
  });
});
