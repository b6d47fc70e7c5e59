import { createTable, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Review (审核): chains of steps as data, a flow per submitted item with every action kept, the
// submission ledger over all channels, the task inbox, notifications with an e-mail outbox, the
// results of pre-publish checks, and the word lists those checks use.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await withId(ctx, createTable(db, ctx, 'review_chains'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('restart_position', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('auto_publish', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await withId(ctx, createTable(db, ctx, 'review_steps'))
    .addColumn('chain_id', 'integer', (c) => c.notNull().references('review_chains.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('scope', 'varchar(16)', (c) => c.notNull()) // 'submitter_unit' | 'county'
    .addColumn('form_field', 'varchar(32)') // which line of the 信息发布审核表 it signs
    .addColumn('due_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addUniqueConstraint('review_steps_uq', ['chain_id', 'position'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'review_bindings'))
    .addColumn('chain_id', 'integer', (c) => c.notNull().references('review_chains.id').onDelete('cascade'))
    .addColumn('column_id', 'integer', (c) => c.references('columns.id').onDelete('cascade'))
    .addColumn('channel', 'varchar(16)')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('review_bindings_column_idx')
    .on('review_bindings')
    .columns(['column_id', 'channel'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'submissions'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('channel', 'varchar(16)', (c) => c.notNull()) // backoffice | email | paper | import
    .addColumn('column_id', 'integer', (c) => c.references('columns.id').onDelete('set null'))
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull()) // received | returned | adopted | not_adopted
    .addColumn('reason', 'varchar(1000)')
    .addColumn('source_ref', 'varchar(500)')
    .addColumn('received_at', timestamp, (c) => c.notNull())
    .addColumn('decided_at', timestamp)
    .addColumn('decided_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('submissions_unit_idx').on('submissions').columns(['unit_id', 'received_at']).execute();
  await db.schema
    .createIndex('submissions_column_idx')
    .on('submissions')
    .columns(['column_id', 'received_at'])
    .execute();
  await db.schema.createIndex('submissions_article_idx').on('submissions').columns(['article_id']).execute();

  await withId(ctx, createTable(db, ctx, 'review_flows'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('chain_id', 'integer', (c) => c.notNull().references('review_chains.id'))
    .addColumn('submission_id', 'integer', (c) => c.references('submissions.id').onDelete('set null'))
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull()) // in_review | returned | approved | rejected | cancelled
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('revision_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('retrospective', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('drafter_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('started_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('finished_at', timestamp)
    .execute();
  await db.schema.createIndex('review_flows_article_idx').on('review_flows').columns(['article_id', 'state']).execute();

  await withId(ctx, createTable(db, ctx, 'review_actions'))
    .addColumn('flow_id', 'integer', (c) => c.notNull().references('review_flows.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('step_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('action', 'varchar(24)', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('actor_unit_id', 'integer')
    .addColumn('opinion', 'text')
    .addColumn('to_position', 'integer')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('revision_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_actions_flow_idx').on('review_actions').columns(['flow_id', 'id']).execute();

  await withId(ctx, createTable(db, ctx, 'tasks'))
    .addColumn('flow_id', 'integer', (c) => c.notNull().references('review_flows.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(600)', (c) => c.notNull())
    .addColumn('assignee_role', 'varchar(32)')
    .addColumn('assignee_unit_id', 'integer')
    .addColumn('assignee_account_id', 'integer')
    .addColumn('excluded_account_id', 'integer') // four eyes: the drafter never gets the task
    .addColumn('state', 'varchar(16)', (c) => c.notNull()) // open | done | cancelled
    .addColumn('due_at', timestamp, (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('done_at', timestamp)
    .addColumn('done_by', 'integer')
    .execute();
  await db.schema
    .createIndex('tasks_open_idx')
    .on('tasks')
    .columns(['state', 'assignee_role', 'assignee_unit_id'])
    .execute();
  await db.schema.createIndex('tasks_flow_idx').on('tasks').columns(['flow_id', 'state']).execute();

  await withId(ctx, createTable(db, ctx, 'notifications'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'varchar(500)')
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.unique())
    .addColumn('email_state', 'varchar(16)', (c) => c.notNull()) // none | pending | sent | failed
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_error', 'varchar(500)')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('read_at', timestamp)
    .addColumn('emailed_at', timestamp)
    .execute();
  await db.schema
    .createIndex('notifications_account_idx')
    .on('notifications')
    .columns(['account_id', 'read_at'])
    .execute();
  await db.schema.createIndex('notifications_email_idx').on('notifications').columns(['email_state']).execute();

  await withId(ctx, createTable(db, ctx, 'check_results'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('check_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('severity', 'varchar(8)', (c) => c.notNull())
    .addColumn('location_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('location_label', 'varchar(300)', (c) => c.notNull())
    .addColumn('attachment_id', 'integer')
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('excerpt', 'varchar(500)', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('context_offset', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'varchar(500)', (c) => c.notNull())
    .addColumn('suggestion', 'varchar(500)')
    .addColumn('override_reason', 'varchar(1000)')
    .addColumn('overridden_by', 'integer')
    .addColumn('overridden_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('check_results_article_idx')
    .on('check_results')
    .columns(['article_id', 'revision'])
    .execute();

  // Which revisions were checked (a revision with no findings has no check_results rows).
  await createTable(db, ctx, 'check_runs')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('ran_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('check_runs_pk', ['article_id', 'revision'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'word_lists'))
    .addColumn('kind', 'varchar(24)', (c) => c.notNull()) // sensitive | prohibited | wrong_expression
    .addColumn('word', 'varchar(200)', (c) => c.notNull())
    .addColumn('correct', 'varchar(200)')
    .addColumn('note', 'varchar(500)')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('word_lists_uq', ['kind', 'word'])
    .execute();

  // Articles: scheduling, the emergency flag, withdrawal, and the scanned paper form.
  await db.schema.alterTable('articles').addColumn('scheduled_publish_at', timestamp).execute();
  await db.schema.alterTable('articles').addColumn('scheduled_offline_at', timestamp).execute();
  await db.schema
    .alterTable('articles')
    .addColumn('unreviewed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('articles').addColumn('status_reason', 'varchar(1000)').execute();
  await db.schema
    .alterTable('articles')
    .addColumn('channel', 'varchar(16)', (c) => c.notNull().defaultTo('backoffice'))
    .execute();
  await db.schema.alterTable('articles').addColumn('review_form_attachment_id', 'integer').execute();
  await db.schema
    .createIndex('articles_schedule_idx')
    .on('articles')
    .columns(['status', 'scheduled_publish_at'])
    .execute();
}
