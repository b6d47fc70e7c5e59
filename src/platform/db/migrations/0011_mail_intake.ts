import { createTable, longText, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 11: items that arrive by e-mail (网络报送) or on paper (介质报送) before they become drafts.
// - intake_items: one row per message read from the centre's mailbox or uploaded as .eml, and per
//   paper submission registered by the centre. key_hash (sha256 of the Message-ID, else of the raw
//   bytes) makes a second reading of the same mail find the first. A refused mail keeps its reason.
// - intake_unit_columns: the column a unit's mailed item goes to when the subject names none.
// The raw message is kept in the blob store (raw_key) so a 待认领 item can be drafted once claimed.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await withId(ctx, createTable(db, ctx, 'intake_items'))
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull()) // email | paper
    .addColumn('source', 'varchar(16)', (c) => c.notNull()) // imap | upload | paper
    .addColumn('message_id', 'varchar(1000)')
    .addColumn('sender', 'varchar(320)')
    .addColumn('sender_name', 'varchar(200)')
    .addColumn('subject', 'varchar(1000)', (c) => c.notNull())
    .addColumn('received_at', timestamp, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('raw_key', 'varchar(100)')
    .addColumn('state', 'varchar(16)', (c) => c.notNull()) // drafted | unclaimed | refused
    .addColumn('reason', 'varchar(1000)')
    .addColumn('notes', longText(ctx)) // JSON: what the person should check (conversion messages, skipped files)
    .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('set null'))
    .addColumn('column_id', 'integer', (c) => c.references('columns.id').onDelete('set null'))
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('submission_id', 'integer')
    .addColumn('pages', 'integer')
    .addColumn('receipt_sent_at', timestamp)
    .addColumn('decision_sent_at', timestamp)
    .addColumn('created_by', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intake_items_state_idx').on('intake_items').columns(['state', 'received_at']).execute();
  await db.schema.createIndex('intake_items_article_idx').on('intake_items').columns(['article_id']).execute();

  await createTable(db, ctx, 'intake_unit_columns')
    .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id').onDelete('cascade'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
}
