import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { disclosure, reviewCounty } from '../../../test/harness/review.js';

// The 未经审核 list (items published in an emergency, their review after the fact still open) is one
// query with the reader's scope in its WHERE clause, like every other list: a unit's officer sees only
// the unit's items, the county sees all.

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
  const item = async (who: 'czj' | 'xw', columnId: number, title: string) =>
    (
      await w.c[who]!.post('/api/articles', {
        columnId,
        type: 'notice',
        title,
        bodyHtml: `<p>${title}。</p>`,
        disclosure,
      })
    ).json().id as number;
  ids.finance = await item('czj', w.columns.finance.id, '财政局紧急通知');
  ids.news = await item('xw', w.columns.lsxw.id, '新闻中心紧急通知');
  ids.financeDraft = await item('czj', w.columns.finance.id, '财政局普通草稿');
  for (const id of [ids.finance, ids.news]) {
    const r = await w.c.ld!.post(`/api/articles/${id}/emergency-publish`, { reason: '暴雪预警，须立即通知' });
    expect(r.statusCode, r.body).toBe(200);
  }
});
afterAll(() => t?.close());

const listed = async (who: string) =>
  ((await w.c[who]!.get('/api/articles/unreviewed')).json() as Array<{ id: number; title: string }>).map(
    (r) => r.title,
  );

describe('the unreviewed list', () => {
  it('an information officer sees only their own unit’s unreviewed items', async () => {
    expect(await listed('czj')).toEqual(['财政局紧急通知']);
    expect(await listed('xw')).toEqual(['新闻中心紧急通知']);
  });

  it('the county sees every unit’s, newest first, with what the screens show', async () => {
    expect(await listed('wz')).toEqual(['新闻中心紧急通知', '财政局紧急通知']);
    const [row] = (await w.c.ld!.get('/api/articles/unreviewed')).json();
    expect(row).toMatchObject({ id: ids.news, status: 'published', publishedAt: expect.any(String) });
  });

  it('an item leaves the list when its review after the fact clears it', async () => {
    for (const who of ['czj_sc', 'czj_zy', 'gkk', 'gkk2', 'ld']) {
      const r = await w.c[who]!.post(`/api/articles/${ids.finance}/approve`, { opinion: '事后审核同意' });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect(await listed('czj')).toEqual([]);
    expect(await listed('wz')).toEqual(['新闻中心紧急通知']);
  });
});
