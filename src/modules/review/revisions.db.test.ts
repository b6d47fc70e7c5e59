import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { COUNTY_APPROVERS, publishedItem as publishItem, reviewCounty } from '../../../test/harness/review.js';

// Issue 16 item 1: a published item corrected as a new revision that goes through the item's review
// chain while the published revision stays online, and replaces it on the last approval.

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;
const CHAIN = COUNTY_APPROVERS;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
});
afterAll(async () => {
  await t?.close();
});

const page = (id: number) =>
  t.server.inject({ method: 'GET', url: `/a/${id}.html`, headers: { host: 'www.lianshui.test' } });

async function publishedItem(title: string, body: string) {
  const id = await publishItem(w, title, body);
  return (await w.c.czj!.get(`/api/articles/${id}`)).json() as {
    id: number;
    revision: number;
    publishedAt: string;
    indexNo: string | null;
  };
}

const propose = (id: number, title: string, bodyHtml: string, who = 'czj') =>
  w.c[who]!.put(`/api/articles/${id}/correction`, { title, bodyHtml, reason: '补充办理时限' });

const auditOf = (id: number, action: string) =>
  t.testDb.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('entity_id', '=', String(id))
    .execute();

describe('a correction reviewed while the published revision stays online', () => {
  it('keeps the old text public while pending, and replaces it with a new revision on the last approval', async () => {
    const before = await publishedItem('关于预算公开的通知', '<p>请各单位按时完成预算公开。</p>');
    const id = before.id;
    const r = await propose(id, '关于预算公开的通知（更正）', '<p>请各单位于6月30日前完成预算公开。</p>');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'in_review', baseRevision: before.revision, position: 1 });
    // The public page and the item itself are unchanged; the reviewers have a task.
    let html = (await page(id)).body;
    expect(html).toContain('按时完成预算公开');
    expect(html).not.toContain('6月30日');
    // The preview of the proposal shows the page as it will be; the ordinary preview, as it is.
    const preview = (q: string) => w.c.czj_sc!.get(`/api/articles/${id}/preview${q}`);
    expect((await preview('?correction=1')).body).toContain('6月30日');
    expect((await preview('')).body).not.toContain('6月30日');
    expect((await w.c.czj!.get(`/api/articles/${id}`)).json()).toMatchObject({
      status: 'published',
      revision: before.revision,
    });
    const inbox = (await w.c.czj_sc!.get('/api/tasks')).json() as Array<{ articleId: number; title: string }>;
    expect(inbox.find((x) => x.articleId === id)?.title).toContain('【修改已发布信息】');
    for (const who of CHAIN.slice(0, -1)) {
      const a = await w.c[who]!.post(`/api/articles/${id}/approve`, { opinion: '同意' });
      expect(a.statusCode, a.body).toBe(200);
      expect((await page(id)).body).not.toContain('6月30日');
    }
    const last = await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意修改' });
    expect(last.statusCode, last.body).toBe(200);
    const after = (await w.c.czj!.get(`/api/articles/${id}`)).json();
    expect(after).toMatchObject({
      status: 'published',
      revision: before.revision + 1,
      title: '关于预算公开的通知（更正）',
      publishedAt: before.publishedAt,
      indexNo: before.indexNo,
    });
    html = (await page(id)).body;
    expect(html).toContain('6月30日');
    expect(html).not.toContain('按时完成预算公开');
    expect((await w.c.czj!.get(`/api/articles/${id}/correction`)).json()).toBeNull();
    expect(await auditOf(id, 'article.correction_proposed')).toHaveLength(1);
    const applied = await auditOf(id, 'article.correction_applied');
    expect(applied).toHaveLength(1);
    expect(JSON.parse(applied[0]!.details!)).toMatchObject({
      fromRevision: before.revision,
      revision: before.revision + 1,
    });
    const revisions = (await w.c.czj!.get(`/api/articles/${id}/revisions`)).json() as Array<{ revision: number }>;
    expect(revisions.map((x) => x.revision)).toContain(before.revision + 1);
  });

  it('a return leaves the item as it is and the correction with its drafter; one open correction per item', async () => {
    const before = await publishedItem('关于决算公开的通知', '<p>决算公开按规定执行。</p>');
    const id = before.id;
    expect((await propose(id, '关于决算公开的通知', '<p>决算公开于7月底前完成。</p>')).statusCode).toBe(200);
    const second = await propose(id, '关于决算公开的通知', '<p>另一份修改稿。</p>');
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('已有修改稿在审核中');
    // Two at the same moment: the unique index refuses the second open row on every database.
    const now = new Date().toISOString();
    const dup = t.testDb.database.db
      .insertInto('article_corrections')
      .values({
        article_id: id,
        pending_article_id: id,
        base_revision: before.revision,
        snapshot: '{}',
        reason: '并发',
        state: 'draft',
        drafted_by: w.ids.czj!,
        applied_revision: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .execute();
    await expect(dup).rejects.toThrow(/unique|duplicate/i);
    expect((await w.c.czj_sc!.post(`/api/articles/${id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
    const back = await w.c.czj_zy!.post(`/api/articles/${id}/return`, { reason: '请写明具体日期', toPosition: 0 });
    expect(back.statusCode, back.body).toBe(200);
    expect((await w.c.czj!.get(`/api/articles/${id}`)).json()).toMatchObject({
      status: 'published',
      revision: before.revision,
    });
    expect((await page(id)).body).toContain('按规定执行');
    expect((await w.c.czj!.get(`/api/articles/${id}/correction`)).json()).toMatchObject({ state: 'returned' });
    expect(await auditOf(id, 'article.correction_returned')).toHaveLength(1);
    // Changed and sent again from the first step; then refused: the item still stands as published.
    const again = await propose(id, '关于决算公开的通知', '<p>决算公开于7月31日前完成。</p>');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ state: 'in_review', position: 1 });
    const no = await w.c.czj_sc!.post(`/api/articles/${id}/reject`, { reason: '无需修改' });
    expect(no.statusCode, no.body).toBe(200);
    expect((await w.c.czj!.get(`/api/articles/${id}`)).json()).toMatchObject({
      status: 'published',
      revision: before.revision,
    });
    expect((await w.c.czj!.get(`/api/articles/${id}/correction`)).json()).toBeNull();
    // A new correction may start once the last one ended; taking the item offline withdraws it.
    expect((await propose(id, '关于决算公开的通知', '<p>决算公开于8月前完成。</p>')).statusCode).toBe(200);
    expect((await w.c.wz!.post(`/api/articles/${id}/unpublish`, { reason: '内容调整' })).statusCode).toBe(200);
    expect((await w.c.czj!.get(`/api/articles/${id}/correction`)).json()).toBeNull();
    expect(await auditOf(id, 'article.correction_withdrawn')).toHaveLength(1);
    const open = (await w.c.czj_sc!.get('/api/tasks')).json() as Array<{ articleId: number }>;
    expect(open.some((x) => x.articleId === id)).toBe(false);
  });

  it("another unit's writer is refused, and a blocked text on the proposal is refused before review", async () => {
    const before = await publishedItem('联系人公告', '<p>联系人：张三。</p>');
    const id = before.id;
    const other = await propose(id, '联系人公告', '<p>联系人：李四。</p>', 'xw');
    expect(other.statusCode).toBe(404);
    expect((await w.c.xw!.get(`/api/articles/${id}/correction`)).statusCode).toBe(404);
    const blocked = await propose(id, '联系人公告', '<p>联系人：张三，机密★。</p>');
    expect(blocked.json().code, blocked.body).toBe('CHECKS_BLOCKED');
    // Kept as the drafter's draft (to fix), never in review, never online.
    expect((await w.c.czj!.get(`/api/articles/${id}/correction`)).json()).toMatchObject({ state: 'draft' });
    expect((await page(id)).body).not.toContain('机密');
    const fixed = await propose(id, '联系人公告', '<p>联系人：张三（电话见办事指南）。</p>');
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ state: 'in_review' });
    const withdrawn = await w.c.czj!.post(`/api/articles/${id}/correction/withdraw`, { reason: '不再修改' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toBeNull();
    expect((await w.c.czj!.get(`/api/articles/${id}`)).json()).toMatchObject({ revision: before.revision });
  });
});
