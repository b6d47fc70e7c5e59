import type { Kysely, Selectable } from 'kysely';
import { insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { ArticleCorrectionsTable, DB } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';

export type CorrectionRow = Selectable<ArticleCorrectionsTable>;
/** States of a proposal: open ones keep `pending_article_id` set (one open proposal per item). */
export const OPEN_CORRECTION_STATES = ['draft', 'in_review', 'returned'] as const;

/** Corrections of published items under review (article_corrections). */
export class RevisionsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The item's open proposal, if any (the unique index allows at most one). */
  open(articleId: number, db: Executor = this.db): Promise<CorrectionRow | undefined> {
    return db
      .selectFrom('article_corrections')
      .selectAll()
      .where('pending_article_id', '=', articleId)
      .executeTakeFirst();
  }

  get(id: number, db: Executor = this.db): Promise<CorrectionRow | undefined> {
    return db.selectFrom('article_corrections').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A new open proposal; a second one for the item (two people at the same moment) breaks the unique index: 409. */
  async insert(db: Executor, row: Omit<CorrectionRow, 'id'>): Promise<number> {
    try {
      return await insertReturningId(db, 'article_corrections', row);
    } catch (error) {
      // SQLite "UNIQUE constraint failed", PostgreSQL "duplicate key … unique constraint", MariaDB "Duplicate entry".
      if (error instanceof Error && /unique|duplicate/i.test(error.message))
        throw new AppError('CONFLICT', '该信息刚刚已有他人提交修改稿，同一信息只能有一份修改稿，请刷新后查看');
      throw error;
    }
  }

  async update(db: Executor, id: number, patch: Partial<Omit<CorrectionRow, 'id' | 'article_id'>>): Promise<void> {
    await db.updateTable('article_corrections').set(patch).where('id', '=', id).execute();
  }

  /** The open flow reviewing a proposal (in review or back with its drafter). */
  flowOf(correctionId: number, db: Executor = this.db) {
    return db
      .selectFrom('review_flows')
      .selectAll()
      .where('correction_id', '=', correctionId)
      .where('state', 'in', ['in_review', 'returned'])
      .executeTakeFirst();
  }

  drafterName(accountId: number, db: Executor = this.db) {
    return db.selectFrom('accounts').select('display_name').where('id', '=', accountId).executeTakeFirst();
  }
}
