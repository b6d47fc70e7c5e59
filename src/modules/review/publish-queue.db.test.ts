import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { approvedItem, reviewCounty } from '../../../test/harness/review.js';

// Issue 16 item 1: every state that waits for someone shows in that person's 待办. After the last
// approval an item waits for a publisher: it is in the 待发布 queue of whoever holds article.publish
// (one click publishes it, or sets a time), until it goes online.

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
});
afterAll(async () => {
  await t?.close();
});

type QueueItem = { articleId: number; status: string; scheduledPublishAt: string | null; approvedAt: string | null };
const queueOf = async (who: string) => (await w.c[who]!.get('/api/tasks/publishing')).json() as QueueItem[];

describe('待发布 in the publisher’s 待办', () => {
  it('an approved item waits in the queue of every publisher, and leaves it when it goes online', async () => {
    const id = await approvedItem(w, '待发布队列里的通知');
    for (const who of ['wz', 'ld']) {
      const mine = (await queueOf(who)).find((i) => i.articleId === id);
      expect(mine, who).toMatchObject({ status: 'approved', scheduledPublishAt: null });
      expect(mine!.approvedAt).not.toBeNull();
    }
    // The drafter cannot publish: no queue for them (their item is not lost: it shows 待发布 in their list).
    expect((await w.c.czj!.get('/api/tasks/publishing')).statusCode).toBe(403);
    expect((await w.c.wz!.post(`/api/articles/${id}/publish`)).statusCode).toBe(200);
    expect((await queueOf('wz')).some((i) => i.articleId === id)).toBe(false);
  });

  it('a scheduled item stays visible with its time until the worker publishes it', async () => {
    const id = await approvedItem(w, '定时发布的公告');
    const at = new Date(Date.now() + 3_600_000).toISOString();
    expect((await w.c.wz!.post(`/api/articles/${id}/schedule`, { publishAt: at })).statusCode).toBe(200);
    expect((await queueOf('wz')).find((i) => i.articleId === id)).toMatchObject({
      status: 'scheduled',
      scheduledPublishAt: at,
    });
  });
});

describe('actions offered only when they apply', () => {
  it('an approved item is not published in an emergency (it is published the ordinary way)', async () => {
    const id = await approvedItem(w, '已审核的信息不走紧急发布');
    const r = await w.c.ld!.post(`/api/articles/${id}/emergency-publish`, { reason: '领导要求立即发布' });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('请直接发布');
    expect((await w.c.admin!.get(`/api/articles/${id}`)).json()).toMatchObject({ status: 'approved' });
  });
});

describe('an edit after approval', () => {
  it('the save’s reply says what happened: back under review, from the chain’s restart step', async () => {
    const id = await approvedItem(w, '审核通过后又修改的信息');
    const history = (await w.c.czj!.get(`/api/articles/${id}/review`)).json();
    expect(history.chain.restartPosition).toBe(1);
    const r = await w.c.czj!.patch(`/api/articles/${id}`, { bodyHtml: '<p>改了一句。</p>' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'in_review' });
    expect((await queueOf('wz')).some((i) => i.articleId === id)).toBe(false);
  });
});
