import { createTable, longText, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// 民意征集 and 在线访谈 (issue 12 items 6–8):
// - consultations: a period and the articles that carry its text (征集稿) and its 采纳情况反馈, so both
//   go through the ordinary review and publishing; the state is derived from those articles and the period;
// - consultation_comments: pre-moderated comments on one paragraph (1-based) or on the whole (null);
// - interviews, interview_questions (pre-moderated, answered by the host), interview_entries: the 文字直播
//   record in order (its id is the server-sent event id, so a reconnect replays from the database).

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await withId(ctx, createTable(db, ctx, 'consultations'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('feedback_article_id', 'integer', (c) => c.references('articles.id'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('starts_at', timestamp, (c) => c.notNull())
    .addColumn('ends_at', timestamp, (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultations_article_idx').on('consultations').columns(['article_id']).execute();
  await db.schema.createIndex('consultations_site_idx').on('consultations').columns(['site_id', 'starts_at']).execute();

  await withId(ctx, createTable(db, ctx, 'consultation_comments'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('paragraph', 'integer') // null: on the whole text
    .addColumn('body', longText(ctx), (c) => c.notNull())
    .addColumn('author', 'varchar(100)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull()) // pending | approved | rejected
    .addColumn('ip', 'varchar(64)')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('moderated_by', 'integer')
    .addColumn('moderated_at', timestamp)
    .execute();
  await db.schema
    .createIndex('consultation_comments_idx')
    .on('consultation_comments')
    .columns(['consultation_id', 'status'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'interviews'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('guests', 'varchar(1000)', (c) => c.notNull())
    .addColumn('intro', 'text')
    .addColumn('starts_at', timestamp, (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull()) // scheduled | live | archived
    .addColumn('created_by', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interviews_site_idx').on('interviews').columns(['site_id', 'starts_at']).execute();

  await withId(ctx, createTable(db, ctx, 'interview_questions'))
    .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author', 'varchar(100)')
    .addColumn('phase', 'varchar(16)', (c) => c.notNull()) // before | live
    .addColumn('status', 'varchar(16)', (c) => c.notNull()) // pending | approved | rejected
    .addColumn('answer', 'text')
    .addColumn('ip', 'varchar(64)')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('moderated_by', 'integer')
    .addColumn('moderated_at', timestamp)
    .addColumn('answered_by', 'integer')
    .addColumn('answered_at', timestamp)
    .execute();
  await db.schema
    .createIndex('interview_questions_idx')
    .on('interview_questions')
    .columns(['interview_id', 'status'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'interview_entries'))
    .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // text | photo | question | answer
    .addColumn('speaker', 'varchar(100)')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('question_id', 'integer')
    .addColumn('blob_key', 'varchar(100)') // photos: the stored image
    .addColumn('mime', 'varchar(100)')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('interview_entries_idx')
    .on('interview_entries')
    .columns(['interview_id', 'id'])
    .execute();
}
