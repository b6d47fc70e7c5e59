import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialect } from '../../../test/harness/db.js';
import { seedRawArticles } from '../../../test/harness/raw-seed.js';
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
    await seedRawArticles(db, at, [{ id: 1, title: '人力资源招聘公告', status: 'published' }]);
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
