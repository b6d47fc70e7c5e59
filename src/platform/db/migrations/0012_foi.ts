import { createTable, longText, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 13: 依申请公开 under the 政府信息公开条例 (2019).
// - foi_applications: one application, its applicant, what is asked, and the dates its clock is
//   computed from (receipt by channel, 补正, 征求第三方意见, extension, answer); days are
//   Asia/Shanghai "YYYY-MM-DD", counted in working days by src/modules/foi/foi-clock.ts;
// - foi_events: every step taken on it (who, when, from which state to which), kept;
// - foi_files: files attached to it (the information provided, the scanned paper application);
// - foi_appeals: the 行政复议 / 行政诉讼 counts of the annual report, entered by hand per unit and year;
// - foi_unit_guides: what a unit's public 依申请公开 page says about its office (address, hours).

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await withId(ctx, createTable(db, ctx, 'foi_applications'))
    .addColumn('number', 'varchar(32)', (c) => c.notNull().unique()) // 申请编号
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('applicant_kind', 'varchar(16)', (c) => c.notNull()) // person | organisation
    .addColumn('applicant_category', 'varchar(16)', (c) => c.notNull()) // annual-report column
    .addColumn('applicant_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('id_type', 'varchar(16)') // person: resident_id | passport | other
    .addColumn('id_number', 'varchar(64)')
    .addColumn('org_code', 'varchar(32)') // organisation: 统一社会信用代码
    .addColumn('legal_rep', 'varchar(100)') // organisation: 法定代表人或负责人
    .addColumn('contact_name', 'varchar(100)')
    .addColumn('phone', 'varchar(32)', (c) => c.notNull())
    .addColumn('email', 'varchar(200)')
    .addColumn('address', 'varchar(300)')
    .addColumn('postcode', 'varchar(16)')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'varchar(200)')
    .addColumn('purpose', 'varchar(1000)')
    .addColumn('provision_form', 'varchar(16)', (c) => c.notNull()) // paper | email | disc | inspect
    .addColumn('receipt_way', 'varchar(16)', (c) => c.notNull()) // post | email | pickup | onsite
    .addColumn('channel', 'varchar(16)', (c) => c.notNull()) // in_person | registered_mail | ordinary_mail | online
    .addColumn('submitted_at', timestamp, (c) => c.notNull())
    .addColumn('received_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('correction_day', 'varchar(10)') // 补正 notice sent
    .addColumn('correction_due_day', 'varchar(10)') // the applicant's time to answer
    .addColumn('correction_note', 'text')
    .addColumn('corrected_day', 'varchar(10)') // corrected application received: the clock restarts
    .addColumn('consult_day', 'varchar(10)') // 征求第三方意见 sent
    .addColumn('consult_party', 'varchar(200)')
    .addColumn('consult_reply_day', 'varchar(10)')
    .addColumn('extension_days', 'integer')
    .addColumn('extension_day', 'varchar(10)')
    .addColumn('extension_approver', 'varchar(100)')
    .addColumn('extension_reason', 'varchar(1000)')
    .addColumn('answer_type', 'varchar(16)')
    .addColumn('answer_ground', 'varchar(32)')
    .addColumn('answer_day', 'varchar(10)')
    .addColumn('answer_link', 'varchar(1000)')
    .addColumn('answer_organ', 'varchar(200)')
    .addColumn('answer_note', 'text')
    .addColumn('concluded_day', 'varchar(10)') // answered or withdrawn: the annual report's 办理结果 year
    .addColumn('created_by', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('foi_applications_unit_idx')
    .on('foi_applications')
    .columns(['unit_id', 'state'])
    .execute();
  await db.schema
    .createIndex('foi_applications_received_idx')
    .on('foi_applications')
    .columns(['received_day'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'foi_events'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('foi_applications.id').onDelete('cascade'))
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(16)')
    .addColumn('to_state', 'varchar(16)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('account_id', 'integer')
    .addColumn('username', 'varchar(100)', (c) => c.notNull())
    .addColumn('at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('foi_events_app_idx').on('foi_events').columns(['application_id']).execute();

  await withId(ctx, createTable(db, ctx, 'foi_files'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('foi_applications.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // provided | incoming | notice
    .addColumn('storage_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('foi_files_app_idx').on('foi_files').columns(['application_id']).execute();

  await withId(ctx, createTable(db, ctx, 'foi_appeals'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull()) // review | suit_direct | suit_after_review
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull()) // upheld | corrected | other | pending
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('foi_appeals_key', ['unit_id', 'year', 'kind', 'outcome'])
    .execute();

  await createTable(db, ctx, 'foi_unit_guides')
    .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id').onDelete('cascade'))
    .addColumn('office_name', 'varchar(200)')
    .addColumn('address', 'varchar(300)')
    .addColumn('hours', 'varchar(300)')
    .addColumn('phone', 'varchar(64)')
    .addColumn('postcode', 'varchar(16)')
    .addColumn('guide_html', longText(ctx))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
}
