import { sql } from 'kysely';
import { timestamp, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 8 items 1 and 2: the publish gate and the archive of what went online (原件存档备查).
//
// attachments.kind        'file' (an item's attachment) | 'review_form' (the signed 审核表 of a paper item)
// attachments.archived_at when the file first went online with its item; from then on it is never deleted
// attachments.retired_at  when a correction took an archived file out of its item; it stays with the item
//                         as history (not public, not checked, not in the revision)
// attachments.retired_by  who made that correction
// attachments.replaced_by the version that took its place (a corrected scan)
// check_runs.config_hash  the check settings and word lists a run used: a run under other settings is stale

export async function up(db: AnyDb, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('attachments')
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().defaultTo('file'))
    .execute();
  await db.schema.alterTable('attachments').addColumn('archived_at', timestamp).execute();
  await db.schema.alterTable('attachments').addColumn('retired_at', timestamp).execute();
  await db.schema.alterTable('attachments').addColumn('retired_by', 'integer').execute();
  await db.schema.alterTable('attachments').addColumn('replaced_by', 'integer').execute();
  await db.schema.alterTable('check_runs').addColumn('config_hash', 'varchar(64)').execute();
  await archiveWhatWentOnline(db);
}

/** The data of earlier releases in the new shape (exported for its test, which runs it on all dialects). */
export async function archiveWhatWentOnline(db: AnyDb): Promise<void> {
  // Scans attached before this release were left unowned (article_id null): they now belong to their item.
  await sql`
    update attachments
    set kind = 'review_form',
        article_id = (select min(a.id) from articles a where a.review_form_attachment_id = attachments.id)
    where id in (select review_form_attachment_id from articles where review_form_attachment_id is not null)
  `.execute(db);
  // What items that have been online carry now is what went online with them.
  await sql`
    update attachments
    set archived_at = (select a.published_at from articles a where a.id = attachments.article_id)
    where archived_at is null and article_id in (select id from articles where published_at is not null)
  `.execute(db);
}
