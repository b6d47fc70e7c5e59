import { createTable, longText, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 12: 政民互动 under the 12345 office — mailboxes, letters and their loop (docs/interaction.md).

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  // A mailbox: 书记信箱, 县长信箱, one 部门信箱 per unit that has one, 在线咨询, 投诉监督.
  await withId(ctx, createTable(db, ctx, 'mailboxes'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // secretary | magistrate | department | consult | complaint
    .addColumn('slug', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id')) // a 部门信箱's unit
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('accept_days', 'integer', (c) => c.notNull()) // working days to 受理
    .addColumn('consult_days', 'integer', (c) => c.notNull()) // working days to 答复 a 咨询
    .addColumn('other_days', 'integer', (c) => c.notNull()) // working days to 答复 建议/投诉/求助
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();

  await withId(ctx, createTable(db, ctx, 'letters'))
    .addColumn('mailbox_id', 'integer', (c) => c.notNull().references('mailboxes.id'))
    .addColumn('query_code', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('category', 'varchar(16)', (c) => c.notNull()) // consult | suggestion | complaint | help
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('writer_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('writer_phone', 'varchar(20)', (c) => c.notNull())
    .addColumn('writer_email', 'varchar(200)')
    .addColumn('writer_ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', longText(ctx), (c) => c.notNull())
    .addColumn('public_allowed', 'integer', (c) => c.notNull())
    .addColumn('received_at', timestamp, (c) => c.notNull())
    .addColumn('accept_due', timestamp, (c) => c.notNull())
    .addColumn('accepted_at', timestamp)
    .addColumn('reject_kind', 'varchar(24)') // duplicate | abusive | out_of_scope
    .addColumn('reject_reason', 'varchar(1000)')
    .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('helper_unit_ids', 'varchar(500)', (c) => c.notNull().defaultTo('[]')) // JSON
    .addColumn('assigned_at', timestamp)
    .addColumn('reply_due', timestamp)
    .addColumn('unit_return_reason', 'varchar(1000)')
    .addColumn('extension_days', 'integer')
    .addColumn('extension_reason', 'varchar(1000)')
    .addColumn('extension_state', 'varchar(16)') // requested | approved | denied
    .addColumn('draft', longText(ctx))
    .addColumn('reply', longText(ctx))
    .addColumn('reply_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('answered_at', timestamp)
    .addColumn('first_answered_at', timestamp)
    .addColumn('rating', 'varchar(16)') // satisfied | basic | unsatisfied
    .addColumn('rating_note', 'varchar(1000)')
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_at', timestamp)
    .addColumn('published_at', timestamp) // 来信反馈: shown publicly (masked) since
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('letters_status_idx').on('letters').columns(['status']).execute();
  await db.schema.createIndex('letters_lead_unit_idx').on('letters').columns(['lead_unit_id', 'status']).execute();
  await db.schema.createIndex('letters_received_idx').on('letters').columns(['received_at']).execute();

  // The history: every step with who and when.
  await withId(ctx, createTable(db, ctx, 'letter_events'))
    .addColumn('letter_id', 'integer', (c) => c.notNull().references('letters.id'))
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(24)')
    .addColumn('to_status', 'varchar(24)', (c) => c.notNull())
    .addColumn('account_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('unit_id', 'integer')
    .addColumn('note', 'varchar(2000)')
    .addColumn('at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('letter_events_letter_idx').on('letter_events').columns(['letter_id']).execute();

  await withId(ctx, createTable(db, ctx, 'letter_attachments'))
    .addColumn('letter_id', 'integer', (c) => c.notNull().references('letters.id'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('mime', 'varchar(120)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('blob_key', 'varchar(80)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('letter_attachments_letter_idx')
    .on('letter_attachments')
    .columns(['letter_id'])
    .execute();

  // 刊登共性问题: one published question and answer made from several similar letters.
  await withId(ctx, createTable(db, ctx, 'letter_faqs'))
    .addColumn('question', 'varchar(500)', (c) => c.notNull())
    .addColumn('answer', longText(ctx), (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('published_at', timestamp)
    .execute();
  await createTable(db, ctx, 'letter_faq_links')
    .addColumn('faq_id', 'integer', (c) => c.notNull().references('letter_faqs.id'))
    .addColumn('letter_id', 'integer', (c) => c.notNull().references('letters.id'))
    .addPrimaryKeyConstraint('letter_faq_links_pk', ['faq_id', 'letter_id'])
    .execute();
}
