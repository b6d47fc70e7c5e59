import { createTable, longText, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 15 item 4: caches kept in step across server processes (platform/cluster/bus.ts). A process
// that changed something writes what the others must forget (the public pages of a site, the search
// results, a 在线访谈 entry to pass on); every process reads the rows after the last one it saw about
// once a second, sooner when PostgreSQL NOTIFY or Redis pub/sub wakes it. Rows are short-lived: any
// process removes those older than a few minutes (created_at, epoch milliseconds).

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await withId(ctx, createTable(db, ctx, 'cache_invalidations'))
    .addColumn('origin', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel', 'varchar(64)', (c) => c.notNull())
    .addColumn('payload', longText(ctx), (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cache_invalidations_created_idx')
    .on('cache_invalidations')
    .column('created_at')
    .execute();
}
