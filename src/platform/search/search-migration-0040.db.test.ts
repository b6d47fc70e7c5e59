import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialect } from '../../../test/harness/db.js';
import { migrateToLatest } from '../db/migrate.js';
import { Settings } from '../settings.js';
import { SearchService } from './search.js';

// Migration 0040 (PostgreSQL): a four-character query now asks for one quadruple lexeme, which an index
// written before has not got; the migration rebuilds the index so that such items are found again.

let t: TestDatabase;
const at = '2026-03-01T02:00:00.000Z';
const QUAD = /'\p{Script=Han}{4}':[^ ]+ ?/gu;

describe.runIf(testDialect() === 'postgres')('migration 0040', () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    await migrateToLatest(t.database, '0039_search_postgres_titles');
    const db = t.database.db;
    const stamp = { created_at: at, updated_at: at };
    await db
      .insertInto('sites')
      .values({
        id: 1,
        name: '涟水县人民政府',
        code: 'ls',
        theme: 'default',
        is_default: 1,
        home_blocks: '[]',
        ...stamp,
      })
      .execute();
    await db
      .insertInto('units')
      .values({ id: 1, name: '县人社局', short_name: '人社局', category: 'gov_dept', code: 'U1', ...stamp } as never)
      .execute();
    await db
      .insertInto('columns')
      .values({
        id: 1,
        site_id: 1,
        name: '通知公告',
        slug: 'tzgg',
        path: 'tzgg',
        kind: 'list',
        sort_order: 0,
        in_nav: 1,
        ...stamp,
      })
      .execute();
    await db.insertInto('column_closure').values({ ancestor_id: 1, descendant_id: 1, depth: 0 }).execute();
    const title = '人力资源招聘公告';
    await db
      .insertInto('articles')
      .values({
        id: 1,
        site_id: 1,
        column_id: 1,
        unit_id: 1,
        type: 'news',
        title,
        body_html: `<p>${title}正文</p>`,
        body_text: `${title}正文`,
        status: 'published',
        published_at: at,
        revision: 1,
        imported: 0,
        is_top: 0,
        ...stamp,
      })
      .execute();
    // The index as an earlier version wrote it: no quadruples.
    const search = new SearchService(db, t.dialect, new Settings(db));
    await search.index(db, 1);
    const row = await sql<{ tsv: string }>`select tsv::text as tsv from search_docs where article_id = 1`.execute(db);
    const old = row.rows[0]!.tsv.replace(QUAD, '').trim();
    expect(old).not.toMatch(QUAD);
    await sql`update search_docs set tsv = ${old}::tsvector where article_id = 1`.execute(db);
    expect((await search.search('人力资源', { siteId: 1 }, { limit: 10, offset: 0 })).total).toBe(0);
    await migrateToLatest(t.database);
  });

  afterAll(async () => {
    await t?.database.close();
    await t?.drop();
  });

  it('rebuilds the index with the quadruples a four-character query asks for', async () => {
    const db = t.database.db;
    const search = new SearchService(db, t.dialect, new Settings(db));
    for (const q of ['人力资源', '人力资源招聘', '招聘公告', '资源'])
      expect(await search.search(q, { siteId: 1 }, { limit: 10, offset: 0 }), q).toMatchObject({ total: 1, ids: [1] });
    const titles = await sql<{
      n: number;
    }>`select count(*)::int as n from search_titles where tsv @@ '人力资源'::tsquery`.execute(db);
    expect(titles.rows[0]!.n).toBe(1);
  });
});
