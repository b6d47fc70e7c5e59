import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/db.js';
import { seedRawArticles } from '../../../test/harness/raw-seed.js';
import { migrateToLatest } from '../db/migrate.js';
import { Settings } from '../settings.js';
import { SearchService } from './search.js';

// Migration 0022 on a database that already has published articles (and the old postings table): the
// new index is built from them in the migration, drafts stay out, and search_postings is gone.

let t: TestDatabase;
const at = '2026-03-01T02:00:00.000Z';

beforeAll(async () => {
  t = await createTestDatabase();
  await migrateToLatest(t.database, '0016_audit_chain');
  await seedRawArticles(t.database.db, at, [
    { id: 1, title: '防汛工作会议', status: 'published' },
    { id: 2, title: '防汛草稿', status: 'draft' },
  ]);
  await migrateToLatest(t.database);
});

afterAll(async () => {
  await t?.database.close();
  await t?.drop();
});

describe('migration 0022', () => {
  it('builds the index from the published articles and drops search_postings', async () => {
    const db = t.database.db;
    const search = new SearchService(db, t.dialect, new Settings(db));
    const found = await search.search('防汛', { siteId: 1 }, { limit: 10, offset: 0 });
    expect(found).toMatchObject({ total: 1, ids: [1] });
    await expect(sql`select count(*) from search_postings`.execute(db)).rejects.toThrow();
  });
});
