import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/db.js';
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
  const db = t.database.db;
  const stamp = { created_at: at, updated_at: at };
  await db
    .insertInto('sites')
    .values({ id: 1, name: '涟水县人民政府', code: 'ls', theme: 'default', is_default: 1, home_blocks: '[]', ...stamp })
    .execute();
  await db
    .insertInto('units')
    .values({ id: 1, name: '县政府办公室', short_name: '政府办', category: 'gov_dept', code: 'U1', ...stamp } as never)
    .execute();
  await db
    .insertInto('columns')
    .values({
      id: 1,
      site_id: 1,
      name: '涟水新闻',
      slug: 'news',
      path: 'news',
      kind: 'list',
      sort_order: 0,
      in_nav: 1,
      ...stamp,
    })
    .execute();
  await db.insertInto('column_closure').values({ ancestor_id: 1, descendant_id: 1, depth: 0 }).execute();
  const article = (id: number, title: string, status: string) => ({
    id,
    site_id: 1,
    column_id: 1,
    unit_id: 1,
    type: 'news',
    title,
    body_html: `<p>${title}正文</p>`,
    body_text: `${title}正文`,
    status,
    published_at: status === 'published' ? at : null,
    revision: 1,
    imported: 0,
    is_top: 0,
    ...stamp,
  });
  await db
    .insertInto('articles')
    .values([article(1, '防汛工作会议', 'published'), article(2, '防汛草稿', 'draft')])
    .execute();
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
