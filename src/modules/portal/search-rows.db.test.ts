import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeColumn, makeDuty, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { ArticleInput } from '../content/content.schemas.js';
import { PortalRepository } from './portal.repository.js';

// The search page's rows are read by their keys alone (portal.repository.ts); the site and the status
// are tested on the rows read, so an id of another site or an item not (or no longer) published never
// shows on a site's results, whatever the index said.

let t: TestApp;
const ids: Record<string, number> = {};
let siteA: number;

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const unitId = (await makeUnit(s, '县政府办公室')).id;
  const make = async (siteId: number, title: string, publish: boolean) => {
    const column = await makeColumn(s, siteId, `${title}栏目`);
    await makeDuty(s, column.id, { unitId });
    const a = await s.articles.create(
      system,
      ArticleInput.parse({ columnId: column.id, unitId, title, bodyHtml: '<p>正文</p>' }),
    );
    if (publish) await publishForTest(s, a.id);
    return a.id;
  };
  siteA = (await makeSite(s, { code: 'site-a', hosts: ['a.example.test'] })).id;
  const siteB = (await makeSite(s, { code: 'site-b', hosts: ['b.example.test'] })).id;
  ids.a = await make(siteA, '甲站点已发布', true);
  ids.draft = await make(siteA, '甲站点草稿', false);
  ids.gone = await make(siteA, '甲站点已下线', true);
  await s.publishing.unpublish(system, ids.gone, '信息已过时');
  ids.b = await make(siteB, '乙站点已发布', true);
});
afterAll(async () => t?.close());

it("returns only the site's published articles among the ids asked for", async () => {
  const rows = await new PortalRepository(t.services.database.db).searchRows(siteA, [
    ids.b!,
    ids.draft!,
    ids.gone!,
    ids.a!,
  ]);
  expect(rows.map((r) => [r.id, r.title])).toEqual([[ids.a, '甲站点已发布']]);
});
