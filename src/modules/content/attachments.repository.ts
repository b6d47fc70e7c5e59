import type { Insertable, Kysely } from 'kysely';
import type { Scope } from '../../platform/auth/policy.js';
import { chunk, insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { Attachment, AttachmentsTable, DB } from '../../platform/db/tables.js';
import { ONLINE } from './article-status.js';
import { unitArticleIds } from './articles.repository.js';

/** Every query of the attachments table: the files of items, their archive and the public's files. */
export class AttachmentsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The files an actor may read, and so name in a write: a unit account reads what its unit uploaded
   * and the files of the articles it sees (the website centre may have attached them).
   */
  private scoped(db: Executor, scope: Scope) {
    const q = db.selectFrom('attachments').selectAll();
    if (scope.kind === 'all') return q;
    return q.where((eb) =>
      eb.or([eb('unit_id', '=', scope.unitId), eb('article_id', 'in', unitArticleIds(db, scope.unitId))]),
    );
  }

  async readable(db: Executor, scope: Scope, ids: readonly number[]): Promise<Attachment[]> {
    const rows: Attachment[] = [];
    for (const part of chunk([...new Set(ids)]))
      rows.push(...(await this.scoped(db, scope).where('id', 'in', part).execute()));
    return rows;
  }

  readableOne(db: Executor, scope: Scope, id: number): Promise<Attachment | undefined> {
    return this.scoped(db, scope).where('id', '=', id).executeTakeFirst();
  }

  insert(db: Executor, row: Insertable<AttachmentsTable>): Promise<number> {
    return insertReturningId(db, 'attachments', row);
  }

  find(db: Executor, id: number): Promise<Attachment | undefined> {
    return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byId(db: Executor, id: number): Promise<Attachment> {
    return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  /** The current files' rows of an item: its attachments, not its 审核表 scan, not retired versions. */
  current(db: Executor, articleId: number): Promise<Attachment[]> {
    return db
      .selectFrom('attachments')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('kind', '=', 'file')
      .where('retired_at', 'is', null)
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
  }

  /** The item's current 审核表 scan, other than `except` when given. */
  reviewForm(db: Executor, articleId: number, except?: number): Promise<Attachment | undefined> {
    let q = db
      .selectFrom('attachments')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('kind', '=', 'review_form')
      .where('retired_at', 'is', null);
    if (except !== undefined) q = q.where('id', '!=', except);
    return q.orderBy('id', 'desc').executeTakeFirst();
  }

  /** Whether this file is the item's own, current 审核表 scan (not deleted or taken out since). */
  async isCurrentReviewForm(db: Executor, articleId: number, attachmentId: number): Promise<boolean> {
    const row = await db
      .selectFrom('attachments')
      .select('id')
      .where('id', '=', attachmentId)
      .where('article_id', '=', articleId)
      .where('kind', '=', 'review_form')
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Every version an item has carried, current and retired, oldest first, with who uploaded and retired it. */
  history(db: Executor, articleId: number) {
    return db
      .selectFrom('attachments')
      .leftJoin('accounts as up', 'up.id', 'attachments.created_by')
      .leftJoin('accounts as rt', 'rt.id', 'attachments.retired_by')
      .selectAll('attachments')
      .select(['up.display_name as uploaded_by', 'rt.display_name as retired_by_name'])
      .where('attachments.article_id', '=', articleId)
      .orderBy('attachments.id')
      .execute();
  }

  async update(
    db: Executor,
    id: number,
    patch: Partial<
      Pick<Attachment, 'article_id' | 'kind' | 'sort_order' | 'retired_at' | 'retired_by' | 'replaced_by'>
    >,
  ): Promise<void> {
    await db.updateTable('attachments').set(patch).where('id', '=', id).execute();
  }

  /** What an item carries now is archived (never to be deleted) from the moment it goes online. */
  async archive(db: Executor, articleId: number, at: string): Promise<void> {
    await db
      .updateTable('attachments')
      .set({ archived_at: at })
      .where('article_id', '=', articleId)
      .where('retired_at', 'is', null)
      .where('archived_at', 'is', null)
      .execute();
  }

  /** A current file of a published article (what the public site serves). */
  publicFile(id: number, db: Executor = this.db): Promise<Attachment | undefined> {
    return db
      .selectFrom('attachments')
      .innerJoin('articles', 'articles.id', 'attachments.article_id')
      .selectAll('attachments')
      .where('attachments.id', '=', id)
      .where('attachments.kind', '=', 'file')
      .where('attachments.retired_at', 'is', null)
      .where('articles.status', '=', ONLINE)
      .executeTakeFirst();
  }

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('attachments').where('id', '=', id).execute();
  }

  async deleteOfArticle(db: Executor, articleId: number): Promise<void> {
    await db.deleteFrom('attachments').where('article_id', '=', articleId).execute();
  }
}
