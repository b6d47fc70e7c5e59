import { createTable, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Content guarantee (内容保障): the working-day calendar's overrides, probes of external-link columns,
// every warning and escalation sent, the daily site indicators, and the archive of monthly 通报.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  // Corrections to the published holiday data, and later years before a package update carries them.
  await withId(ctx, createTable(db, ctx, 'calendar_overrides'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull().unique())
    .addColumn('workday', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await withId(ctx, createTable(db, ctx, 'link_checks'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addColumn('url', 'varchar(1000)', (c) => c.notNull())
    .addColumn('checked_at', timestamp, (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('final_url', 'varchar(1000)')
    .addColumn('error', 'varchar(500)')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('link_checks_column_idx')
    .on('link_checks')
    .columns(['column_id', 'checked_at'])
    .execute();

  // One row per notice (whatever the number of recipients); dedupe_key makes a second one impossible.
  await withId(ctx, createTable(db, ctx, 'guarantee_notices'))
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('duty_id', 'integer')
    .addColumn('column_id', 'integer')
    .addColumn('unit_id', 'integer')
    .addColumn('indicator', 'varchar(32)')
    .addColumn('level', 'varchar(16)', (c) => c.notNull()) // due_soon | breached | escalated
    .addColumn('period_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull()) // JSON [{ accountId, username, email }]
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('guarantee_notices_site_idx')
    .on('guarantee_notices')
    .columns(['site_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('guarantee_notices_unit_idx')
    .on('guarantee_notices')
    .columns(['unit_id', 'created_at'])
    .execute();

  await createTable(db, ctx, 'guarantee_indicator_days')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('indicator', 'varchar(32)', (c) => c.notNull())
    .addColumn('value', 'integer')
    .addColumn('level', 'varchar(16)', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('computed_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('guarantee_indicator_days_pk', ['site_id', 'day', 'indicator'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'guarantee_reports'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // monthly
    .addColumn('period', 'varchar(16)', (c) => c.notNull()) // 2026-10
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('doc_no', 'varchar(100)', (c) => c.notNull())
    .addColumn('xlsx_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('html_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('pdf_key', 'varchar(80)')
    .addColumn('summary', 'text', (c) => c.notNull()) // JSON: the figures the documents were made from
    .addColumn('generated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('generated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('guarantee_reports_period_idx')
    .on('guarantee_reports')
    .columns(['site_id', 'kind', 'period'])
    .execute();

  // The checks count the ledger by receipt time over every unit and column at once.
  await db.schema.createIndex('submissions_received_idx').on('submissions').columns(['received_at']).execute();
  // ... and each unit's last entry per column and state (where a breach began), from the index alone.
  await db.schema
    .createIndex('submissions_unit_column_idx')
    .on('submissions')
    .columns(['unit_id', 'column_id', 'state', 'received_at'])
    .execute();
}
