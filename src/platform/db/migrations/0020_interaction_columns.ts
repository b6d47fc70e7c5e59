import type { AnyDb, MigrationContext } from '../schema-builder.js';

// Issue 12, what 0010 left out:
// - a mailbox names the column of the site that stands for it, and a 共性问题 the column it is shown
//   in, so a published reply or question counts as an update of that column's duty (guarantee checks);
// - the 来信反馈 list and the admin list's deadline filters read indexes instead of scanning the table
//   (bench/: 100,000 letters).

export async function up(db: AnyDb, _ctx: MigrationContext): Promise<void> {
  // No foreign key: SQLite cannot add one to an existing table; the services check the column exists.
  await db.schema.alterTable('mailboxes').addColumn('column_id', 'integer').execute();
  await db.schema.alterTable('letter_faqs').addColumn('column_id', 'integer').execute();
  await db.schema.createIndex('letters_published_idx').on('letters').columns(['published_at']).execute();
  await db.schema.createIndex('letters_reply_due_idx').on('letters').columns(['status', 'reply_due']).execute();
  await db.schema.createIndex('letters_accept_due_idx').on('letters').columns(['status', 'accept_due']).execute();
  await db.schema.createIndex('letter_faq_links_letter_idx').on('letter_faq_links').columns(['letter_id']).execute();
}
