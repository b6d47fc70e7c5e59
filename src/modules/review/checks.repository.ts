import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/helpers.js';
import type { CheckResultsTable, CheckRunsTable, DB, WordListsTable } from '../../platform/db/tables.js';
import { ONLINE } from '../content/article-status.js';

export type CheckResult = Selectable<CheckResultsTable>;
export type WordEntry = Selectable<WordListsTable>;

/**
 * Every query of the pre-publish checks: their runs and findings per revision, the office's word
 * lists, and the read-only lookups the dead-link check makes of the site (items, columns, files, hosts).
 */
export class ChecksRepository {
  constructor(private readonly db: Kysely<DB>) {}

  // Runs and findings -----------------------------------------------------------------------------

  /** The run of a revision, if the checks ran on it (and under which settings). */
  run(db: Executor, articleId: number, revision: number) {
    return db
      .selectFrom('check_runs')
      .select(['revision', 'config_hash'])
      .where('article_id', '=', articleId)
      .where('revision', '=', revision)
      .executeTakeFirst();
  }

  /**
   * Record a revision's run (one per revision): update the row the caller found, or insert the first.
   * Never delete-then-insert a row that may not exist: on MariaDB/MySQL, deleting a missing key takes
   * a gap lock, and two submissions doing so at once deadlock on their inserts (ER_LOCK_DEADLOCK).
   */
  async saveRun(db: Executor, row: Insertable<CheckRunsTable>, exists: boolean): Promise<void> {
    if (!exists) {
      await db.insertInto('check_runs').values(row).execute();
      return;
    }
    await db
      .updateTable('check_runs')
      .set({ findings: row.findings, ran_at: row.ran_at, config_hash: row.config_hash })
      .where('article_id', '=', row.article_id)
      .where('revision', '=', row.revision)
      .execute();
  }

  results(db: Executor, articleId: number, revision: number): Promise<CheckResult[]> {
    return db
      .selectFrom('check_results')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('revision', '=', revision)
      .orderBy('id')
      .execute();
  }

  async deleteResults(db: Executor, articleId: number, revision: number): Promise<void> {
    await db.deleteFrom('check_results').where('article_id', '=', articleId).where('revision', '=', revision).execute();
  }

  /** Forget a revision's run and findings (a proposal that ended unapplied: its revision number is free again). */
  async deleteRun(db: Executor, articleId: number, revision: number): Promise<void> {
    await db.deleteFrom('check_results').where('article_id', '=', articleId).where('revision', '=', revision).execute();
    await db.deleteFrom('check_runs').where('article_id', '=', articleId).where('revision', '=', revision).execute();
  }

  async insertResult(db: Executor, row: Insertable<CheckResultsTable>): Promise<void> {
    await db.insertInto('check_results').values(row).execute();
  }

  /** Record the reason given for a warning (an approval or submission passing it). */
  async answer(db: Executor, id: number, reason: string, by: number | null, at: string): Promise<void> {
    await db
      .updateTable('check_results')
      .set({ override_reason: reason, overridden_by: by, overridden_at: at })
      .where('id', '=', id)
      .execute();
  }

  // Word lists ------------------------------------------------------------------------------------

  words(db: Executor = this.db): Promise<WordEntry[]> {
    return db.selectFrom('word_lists').selectAll().orderBy('kind').orderBy('word').execute();
  }

  word(db: Executor, id: number): Promise<WordEntry | undefined> {
    return db.selectFrom('word_lists').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async wordExists(db: Executor, kind: string, word: string): Promise<boolean> {
    const r = await db
      .selectFrom('word_lists')
      .select('id')
      .where('kind', '=', kind)
      .where('word', '=', word)
      .executeTakeFirst();
    return r !== undefined;
  }

  async insertWord(db: Executor, row: Insertable<WordListsTable>): Promise<void> {
    await db.insertInto('word_lists').values(row).execute();
  }

  async deleteWord(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('word_lists').where('id', '=', id).execute();
  }

  // What the dead-link check may look at ----------------------------------------------------------

  async siteHosts(db: Executor, siteId: number): Promise<string[]> {
    return (await db.selectFrom('site_hosts').select('host').where('site_id', '=', siteId).execute()).map(
      (h) => h.host,
    );
  }

  async isPublishedArticle(db: Executor, id: number): Promise<boolean> {
    const r = await db
      .selectFrom('articles')
      .select('id')
      .where('id', '=', id)
      .where('status', '=', ONLINE)
      .executeTakeFirst();
    return r !== undefined;
  }

  async columnExists(db: Executor, path: string): Promise<boolean> {
    return (await db.selectFrom('columns').select('id').where('path', '=', path).executeTakeFirst()) !== undefined;
  }

  /**
   * A file a link of this item may point at: public (a current file of a published item), the item's
   * own, or its unit's unattached upload — never telling a unit about another unit's unpublished files.
   */
  async fileVisibleFrom(db: Executor, item: { id: number; unit_id: number }, fileId: number): Promise<boolean> {
    const r = await db
      .selectFrom('attachments')
      .leftJoin('articles', 'articles.id', 'attachments.article_id')
      .select('attachments.id')
      .where('attachments.id', '=', fileId)
      .where('attachments.kind', '=', 'file')
      .where((eb) =>
        eb.or([
          eb.and([eb('attachments.article_id', 'is', null), eb('attachments.unit_id', '=', item.unit_id)]),
          eb.and([
            eb.or([eb('attachments.article_id', '=', item.id), eb('articles.status', '=', ONLINE)]),
            eb('attachments.retired_at', 'is', null),
          ]),
        ]),
      )
      .executeTakeFirst();
    return r !== undefined;
  }
}
