import { createTable, longText, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 16 item 1: a published item corrected as a new revision that goes through review while the
// published one stays online. The proposal waits in its own row (the public side reads only articles);
// `pending_article_id` is the item's id while the proposal is open and null once it ended, so a unique
// index allows one open proposal per item on every database (NULLs do not collide). The review flow of
// a proposal names it in `review_flows.correction_id`.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await withId(ctx, createTable(db, ctx, 'article_corrections'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('pending_article_id', 'integer')
    .addColumn('base_revision', 'integer', (c) => c.notNull())
    .addColumn('snapshot', longText(ctx), (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('drafted_by', 'integer', (c) => c.notNull())
    .addColumn('applied_revision', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('finished_at', timestamp)
    .execute();
  await db.schema
    .createIndex('article_corrections_pending_uq')
    .on('article_corrections')
    .column('pending_article_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('article_corrections_article_idx')
    .on('article_corrections')
    .column('article_id')
    .execute();
  await db.schema.alterTable('review_flows').addColumn('correction_id', 'integer').execute();
}
