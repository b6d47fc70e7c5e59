import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { disclosure, reviewCounty } from '../../../test/harness/review.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
});
afterAll(() => t?.close());

describe('scheduled publishing across a restart', () => {
  it('publishes at the time set; a time missed while the service was down happens on restart and says so', async () => {
    const id = (
      await w.c.czj!.post('/api/articles', {
        columnId: w.columns.finance.id,
        type: 'document',
        title: '定时发布的通知',
        bodyHtml: '<p>正文。</p>',
        disclosure,
      })
    ).json().id as number;
    await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    for (const who of ['czj_sc', 'czj_zy', 'gkk', 'gkk2', 'ld'])
      await w.c[who]!.post(`/api/articles/${id}/approve`, { opinion: '同意' });
    expect(
      (await w.c.wz!.post(`/api/articles/${id}/schedule`, { publishAt: '2020-01-01T08:00:00+08:00' })).statusCode,
    ).toBe(400);
    const at = new Date(Date.now() + 3600_000).toISOString();
    const r = await w.c.wz!.post(`/api/articles/${id}/schedule`, { publishAt: at });
    expect(r.json()).toMatchObject({ status: 'scheduled', scheduledPublishAt: at });
    await t.services.publishing.runDue();
    expect((await t.server.inject({ url: `/a/${id}.html`, headers: { host: 'www.lianshui.test' } })).statusCode).toBe(
      404,
    );

    // The service stops; while it is down the scheduled time passes.
    await t.server.close();
    const planned = new Date(Date.now() - 10 * 60_000).toISOString();
    await t.testDb.database.db
      .updateTable('articles')
      .set({ scheduled_publish_at: planned })
      .where('id', '=', id)
      .execute();
    const restarted = await buildApp({ ...t.config, worker: true }, { database: t.testDb.database });
    try {
      await restarted.services.worker.runNow('publishing.due'); // waits for the start-up round
      const a = await t.testDb.database.db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(a.status).toBe('published');
      expect(Date.parse(a.published_at!)).toBeGreaterThan(Date.parse(planned)); // never back-dated
      const audit = await t.testDb.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'article.published_late')
        .where('entity_id', '=', String(id))
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.summary).toContain('补发');
      expect(
        (await restarted.server.inject({ url: `/a/${id}.html`, headers: { host: 'www.lianshui.test' } })).statusCode,
      ).toBe(200);
    } finally {
      await restarted.server.close();
    }
  });
});
