import { sql } from 'kysely';
import { engineFor, rebuildIndex } from '../../search/search.js';
import { createTable, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 14 item 1: search on each database's own full-text engine (docs/search.md) replaces the
// hand-made table of characters and pairs (search_postings, dropped here). The index is rebuilt from
// the published articles in this migration, so the site's search works as soon as the server starts;
// `govportal search reindex` rebuilds it again at any time.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  switch (ctx.dialect) {
    case 'sqlite':
      await sql`create virtual table search_fts using fts5(title, body, content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 0', prefix='1')`.execute(db);
      // What the search's join needs of an article, so each match costs an index entry, not a page
      // of the table (whose rows carry the whole text); engine-sqlite.ts names it with INDEXED BY.
      await db.schema
        .createIndex('articles_search_idx')
        .on('articles')
        .columns(['id', 'site_id', 'status', 'published_at', 'column_id', 'unit_id', 'type'])
        .execute();
      break;
    case 'postgres':
      await createTable(db, ctx, 'search_docs')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('tsv', sql`tsvector`, (c) => c.notNull())
        .execute();
      await sql`create index search_docs_tsv_idx on search_docs using gin (tsv)`.execute(db);
      break;
    case 'mysql':
      await createTable(db, ctx, 'search_docs')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('title_tokens', 'text', (c) => c.notNull())
        .addColumn('body_tokens', sql`longtext`, (c) => c.notNull())
        .execute();
      await sql`create fulltext index search_docs_title_ft on search_docs (title_tokens)`.execute(db);
      await sql`create fulltext index search_docs_all_ft on search_docs (title_tokens, body_tokens)`.execute(db);
      break;
  }
  await db.schema.dropTable('search_postings').execute();
  await rebuildIndex(db as unknown as Parameters<typeof rebuildIndex>[0], engineFor(ctx.dialect));
}
