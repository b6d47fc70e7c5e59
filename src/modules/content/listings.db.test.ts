import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeColumn, makeDuty, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import * as m0023 from '../../platform/db/migrations/0023_column_listings.js';
import { PortalRepository } from '../portal/portal.repository.js';
import { ArticleInput } from './content.schemas.js';

// The lists' index (listings.repository.ts) against the question it answers, asked the slow way: which
// published items does a column list (its subtree's home columns and extra columns, on its own site),
// in which order, and how many. Checked for every column after each kind of change, and for the
// migration that fills it from an existing database.

let t: TestApp;
let siteId: number;
let otherSiteId: number;
let unitId: number;
const col: Record<string, number> = {};
let newsPath = '';
const ids: Record<string, number> = {};

async function publish(columnId: number, title: string, extra: Record<string, unknown> = {}) {
  const a = await t.services.articles.create(
    system,
    ArticleInput.parse({ columnId, unitId, title, bodyHtml: `<p>${title}。</p>`, ...extra }),
  );
  return (await publishForTest(t.services, a.id)).id;
}

/** The slow answer: a column's published items in list order, from the articles and the tree. */
async function expected(columnId: number): Promise<number[]> {
  const db = t.testDb.database.db;
  const column = await db.selectFrom('columns').select('site_id').where('id', '=', columnId).executeTakeFirstOrThrow();
  const subtree = (
    await db.selectFrom('column_closure').select('descendant_id').where('ancestor_id', '=', columnId).execute()
  ).map((r) => r.descendant_id);
  const extra = (
    await db.selectFrom('article_columns').select('article_id').where('column_id', 'in', subtree).execute()
  ).map((r) => r.article_id);
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'is_top', 'published_at'])
    .where('status', '=', 'published')
    .where('site_id', '=', column.site_id)
    .where((eb) => eb.or([eb('column_id', 'in', subtree), ...(extra.length ? [eb('id', 'in', extra)] : [])]))
    .execute();
  return rows
    .sort(
      (a, b) =>
        Number(b.is_top) - Number(a.is_top) ||
        String(b.published_at).localeCompare(String(a.published_at)) ||
        b.id - a.id,
    )
    .map((r) => r.id);
}

/** What the public list reads, and its count, for every column of both sites. */
async function checkEveryColumn(): Promise<void> {
  const repo = new PortalRepository(t.testDb.database.db);
  const columns = await t.testDb.database.db.selectFrom('columns').select(['id', 'site_id']).execute();
  for (const c of columns) {
    const want = await expected(c.id);
    const got = await repo.latestInColumn(c.site_id, c.id, 1000);
    expect(
      got.map((i) => i.id),
      `column ${c.id}`,
    ).toEqual(want);
    expect(await repo.listedCount(c.id), `count of column ${c.id}`).toBe(want.length);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  siteId = (await makeSite(s, { hosts: ['www.listings.example.test'] })).id;
  otherSiteId = (await makeSite(s, { hosts: ['bm.listings.example.test'], code: 'listings-other' })).id;
  unitId = (await makeUnit(s, '县政府办公室')).id;
  const news = await makeColumn(s, siteId, '新闻中心');
  col.news = news.id;
  newsPath = news.path;
  col.local = (await makeColumn(s, siteId, '涟水新闻', col.news)).id;
  col.depts = (await makeColumn(s, siteId, '部门动态', col.news)).id;
  col.open = (await makeColumn(s, siteId, '政务公开')).id;
  col.notices = (await makeColumn(s, siteId, '通知公告', col.open)).id;
  col.elsewhere = (await makeColumn(s, otherSiteId, '工作动态')).id;
  for (const c of [col.local, col.depts, col.notices, col.elsewhere]) await makeDuty(s, c, { unitId });
});
afterAll(() => t?.close());

describe('the lists read the listings index', () => {
  it('lists every published item up the tree, pinned first, newest first, with the right counts', async () => {
    ids.a = await publish(col.local!, '县政府召开常务会议');
    ids.b = await publish(col.depts!, '财政局开展业务培训');
    ids.pinned = await publish(col.local!, '关于春节期间值班安排的通知', { isTop: true });
    ids.c = await publish(col.local!, '全县安全生产工作会议', { extraColumnIds: [col.notices] });
    await checkEveryColumn();
    const news = await t.services.portal.service.column(
      await t.services.portal.service.context('www.listings.example.test'),
      newsPath,
      1,
    );
    expect(news.kind === 'list' ? news.items[0]?.title : undefined).toBe('关于春节期间值班安排的通知');
  });

  it('an item taken offline or withdrawn leaves every list and count', async () => {
    await t.services.publishing.unpublish(system, ids.a!, '重复发布');
    await t.services.publishing.withdraw(system, ids.c!, '内容有误');
    await checkEveryColumn();
  });

  it('a column moved under another parent is listed there and no longer under the old one', async () => {
    await t.services.columns.move(system, col.depts!, { parentId: col.open!, sortOrder: 10 });
    await checkEveryColumn();
    const open = await t.testDb.database.db
      .selectFrom('column_listings')
      .select('article_id')
      .where('column_id', '=', col.open!)
      .execute();
    expect(open.map((r) => r.article_id)).toContain(ids.b);
  });

  it('the migration fills the index and the counts from the items of an existing database', async () => {
    ids.d = await publish(col.notices!, '关于开展消防安全检查的通知', { extraColumnIds: [col.local] });
    const db = t.testDb.database.db;
    const before = await db
      .selectFrom('column_listings')
      .selectAll()
      .orderBy('column_id')
      .orderBy('article_id')
      .execute();
    await db.schema.dropTable('column_listings').execute();
    await db.schema.dropTable('column_listing_counts').execute();
    await m0023.up(db, { dialect: t.testDb.dialect });
    const after = await db
      .selectFrom('column_listings')
      .selectAll()
      .orderBy('column_id')
      .orderBy('article_id')
      .execute();
    expect(after).toEqual(before);
    await checkEveryColumn();
  });
});
