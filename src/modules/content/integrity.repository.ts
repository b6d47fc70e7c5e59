import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import { ONLINE } from './article-status.js';
import type { ArticleFields, ArticlesRepository } from './articles.repository.js';

/** The queries of the content tamper check (integrity.service.ts). */
export class IntegrityRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly articles: ArticlesRepository,
  ) {}

  /** Published items after `afterId`, a page at a time (the whole catalogue is walked in id order). */
  async publishedAfter(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', ONLINE)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** The item's newest recorded revision: for a published item, the content its review approved. */
  async latestRevision(articleId: number, db: Executor = this.db) {
    return db
      .selectFrom('article_revisions')
      .select(['revision', 'snapshot', 'hash'])
      .where('article_id', '=', articleId)
      .orderBy('revision', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Only ArticlesRepository writes the articles table (status-writes.test.ts); its update cannot carry a status. */
  async restore(db: Executor, articleId: number, fields: ArticleFields): Promise<void> {
    await this.articles.update(db, articleId, fields);
  }

  /** Whom to warn: the website centre's editors and the system administrators (active accounts). */
  async centre(db: Executor = this.db): Promise<number[]> {
    const rows = await db
      .selectFrom('accounts')
      .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
      .select('accounts.id')
      .distinct()
      .where('accounts.active', '=', 1)
      .where('account_roles.role', 'in', ['site_editor', 'sysadmin'])
      .execute();
    return rows.map((r) => r.id);
  }
}
