import { createTable, longText, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 11 items 3 and 4: department sites crawled into the portal, and columns co-built by units.
// - crawl_sources: a list page or feed owned by a unit and feeding a column, with its health
//   (last success, consecutive failures, newest item date) kept on the row the board reads;
// - crawl_items: what a source already delivered; a URL (by its hash: a 1000-character URL is too long
//   for a MySQL unique index) and a content hash are each unique per source, so nothing comes twice;
// - crawl_logs: one line per fetch, with the reason when a page was refused or limited;
// - duty_shares: a co-built column's share per unit (at least N items a month), judged unit by unit.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await withId(ctx, createTable(db, ctx, 'crawl_sources'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('url', 'varchar(1000)', (c) => c.notNull())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull()) // feed | html
    .addColumn('mode', 'varchar(8)', (c) => c.notNull()) // link | full
    .addColumn('link_selector', 'varchar(300)')
    .addColumn('title_selector', 'varchar(300)')
    .addColumn('date_selector', 'varchar(300)')
    .addColumn('body_selector', 'varchar(300)')
    .addColumn('every_minutes', 'integer', (c) => c.notNull())
    .addColumn('stale_days', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('last_run_at', timestamp)
    .addColumn('last_success_at', timestamp)
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull())
    .addColumn('newest_item_at', timestamp)
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crawl_sources_unit_idx').on('crawl_sources').columns(['unit_id']).execute();

  await withId(ctx, createTable(db, ctx, 'crawl_items'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('crawl_sources.id').onDelete('cascade'))
    .addColumn('url', 'varchar(1000)', (c) => c.notNull())
    .addColumn('url_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('published_at', timestamp)
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('crawl_items_url_uq', ['source_id', 'url_hash'])
    .addUniqueConstraint('crawl_items_content_uq', ['source_id', 'content_hash'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'crawl_logs'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('crawl_sources.id').onDelete('cascade'))
    .addColumn('at', timestamp, (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('found', 'integer', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('message', longText(ctx), (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crawl_logs_source_idx').on('crawl_logs').columns(['source_id', 'at']).execute();

  await createTable(db, ctx, 'duty_shares')
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('min_items', 'integer', (c) => c.notNull())
    .addColumn('period', 'varchar(8)', (c) => c.notNull()) // month | quarter | year
    .addPrimaryKeyConstraint('duty_shares_pk', ['duty_id', 'unit_id'])
    .execute();
}
