import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeColumn, makeDuty, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import type { Database } from '../../platform/db/database.js';
import { ArticleInput } from '../content/content.schemas.js';
import { ListingsRepository } from '../content/listings.repository.js';
import type { PortalRepository } from './portal.repository.js';

// An archive page holds a fixed block counted from the oldest (list-pages.ts), found from the column's
// count and then read as a range. Another process's publish that commits between the two reads must not
// shift the block: a static file or cached page rendered so stays wrong, since no later change names it.

let t: TestApp;
let other: Database;
let column: { id: number; path: string };
let unitId: number;
const HOST = 'www.snapshot.example.test';

const create = async (title: string) =>
  (
    await t.services.articles.create(
      system,
      ArticleInput.parse({ columnId: column.id, unitId, title, bodyHtml: `<p>${title}。</p>` }),
    )
  ).id;

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s, { hosts: [HOST] });
  unitId = (await makeUnit(s, '县政府办公室')).id;
  column = await makeColumn(s, site.id, '通知公告');
  await makeDuty(s, column.id, { unitId });
  for (let n = 1; n <= 45; n++) await publishForTest(s, await create(`通知第${n}号`));
  other = t.testDb.reopen();
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

it('reads an archive page’s count and range in one snapshot, whatever commits between them', async () => {
  const late = await create('另一进程发布的通知');
  const repo = (t.services.portal.service as unknown as { repo: PortalRepository }).repo;
  const count = repo.listedCount.bind(repo);
  // Another process publishes once the count has been read (its own connection, its own commit).
  vi.spyOn(repo, 'listedCount').mockImplementationOnce(async (...args) => {
    const n = await count(...args);
    await other.db
      .updateTable('articles')
      .set({ status: 'published', published_at: new Date(Date.now() + 60_000).toISOString() })
      .where('id', '=', late)
      .execute();
    await new ListingsRepository().put(other.db, late);
    return n;
  });
  const page = await t.server.inject({ method: 'GET', url: `/c/${column.path}/?page=1`, headers: { host: HOST } });
  expect(page.statusCode).toBe(200);
  const titles = [...page.body.matchAll(/通知第(\d+)号/g)].map((m) => Number(m[1]));
  // Page 1 is the 20 oldest, newest first; the late item moved nothing.
  expect(titles).toEqual(Array.from({ length: 20 }, (_, k) => 20 - k));
  expect(page.body).not.toContain('另一进程发布的通知');
});
