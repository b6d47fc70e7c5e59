import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { disclosure, publishedItem as publishItem, reviewCounty } from '../../../test/harness/review.js';

// 勘误 (issue 16 item 1): a typo in a published item is corrected without taking it offline, where the
// office allowed it: small changes only, through the publish gate's blocking checks, recorded in the
// audit log with the size of the change; the public page shows the corrected text at once.

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
});
afterAll(async () => {
  await t?.close();
});

const page = (id: number) =>
  t.server.inject({ method: 'GET', url: `/a/${id}.html`, headers: { host: 'www.lianshui.test' } });

const publishedItem = (title: string, body: string) => publishItem(w, title, body);

describe('勘误 of a published item', () => {
  it('is refused until the office allows it, and the office alone sets it', async () => {
    const id = await publishedItem('关于预算公开的通知', '<p>请各单位于本月底前完成预算公开工做。</p>');
    const r = await w.c.czj!.post(`/api/articles/${id}/minor-correction`, {
      bodyHtml: '<p>请各单位于本月底前完成预算公开工作。</p>',
      reason: '错别字',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('未开启勘误');
    expect((await w.c.czj!.put('/api/settings/minor-corrections', { enabled: true, maxChars: 10 })).statusCode).toBe(
      403,
    );
    const set = await w.c.gkk!.put('/api/settings/minor-corrections', { enabled: true, maxChars: 10 });
    expect(set.statusCode, set.body).toBe(200);
    expect((await w.c.czj!.get('/api/settings/minor-corrections')).json()).toEqual({ enabled: true, maxChars: 10 });
  });

  it('a typo fix stays online, shows on the public page at once, and is recorded with its size', async () => {
    await w.c.gkk!.put('/api/settings/minor-corrections', { enabled: true, maxChars: 10 });
    const id = await publishedItem('关于决算公开的通知', '<p>请各单位按时完成决算公开工做。</p>');
    const before = (await w.c.czj!.get(`/api/articles/${id}`)).json();
    expect((await page(id)).body).toContain('公开工做');
    const r = await w.c.czj!.post(`/api/articles/${id}/minor-correction`, {
      bodyHtml: '<p>请各单位按时完成决算公开工作。</p>',
      reason: '“工做”应为“工作”',
      expectedRevision: before.revision,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'published', revision: before.revision + 1 });
    expect(r.json().publishedAt).toBe(before.publishedAt);
    const html = (await page(id)).body;
    expect(html).toContain('公开工作');
    expect(html).not.toContain('公开工做');
    const audit = await t.testDb.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'article.corrected')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain('改动 1 字');
    expect(JSON.parse(audit.details!)).toMatchObject({ changedChars: 1, reason: '“工做”应为“工作”' });
    const history = (await w.c.czj!.get(`/api/articles/${id}/review`)).json();
    expect(history.flows.at(-1).actions.at(-1)).toMatchObject({ action: 'correct_minor', actionLabel: '勘误' });
  });

  it('a change beyond the limit, or one that adds a blocked item, is refused and nothing changes', async () => {
    await w.c.gkk!.put('/api/settings/minor-corrections', { enabled: true, maxChars: 10 });
    const id = await publishedItem('关于资金拨付的公告', '<p>资金已拨付到位。</p>');
    const big = await w.c.czj!.post(`/api/articles/${id}/minor-correction`, {
      bodyHtml: '<p>资金已全部拨付到位，请各乡镇做好资金使用台账登记工作。</p>',
      reason: '补充说明',
    });
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('超过勘误允许的 10 字');
    const id2 = await publishedItem('联系人公告', '<p>联系人：张三。</p>');
    const blocked = await w.c.czj!.post(`/api/articles/${id2}/minor-correction`, {
      bodyHtml: '<p>联系人：张三，机密★。</p>',
      reason: '补充',
    });
    expect(blocked.json().code, blocked.body).toBe('CHECKS_BLOCKED');
    const after = (await w.c.czj!.get(`/api/articles/${id2}`)).json();
    expect(after.bodyHtml).toContain('联系人：张三。');
    expect(after.status).toBe('published');
  });

  it('only a published item takes a 勘误 (others are edited the ordinary way)', async () => {
    const id = (
      await w.c.czj!.post('/api/articles', {
        columnId: w.columns.finance.id,
        type: 'document',
        title: '草稿',
        bodyHtml: '<p>草稿正文。</p>',
        disclosure,
      })
    ).json().id as number;
    const r = await w.c.czj!.post(`/api/articles/${id}/minor-correction`, {
      bodyHtml: '<p>草稿正文</p>',
      reason: '改正',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('只有已发布的信息才能勘误');
  });
});
