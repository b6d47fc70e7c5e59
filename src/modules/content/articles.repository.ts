import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Scope } from '../../platform/auth/policy.js';
import { chunk, insertReturningId, type Executor } from '../../platform/db/helpers.js';
import { likeContains } from '../../platform/db/like.js';
import type { Article, ArticleRevisionsTable, DB, NewArticle } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../platform/time.js';
import { unitColumnIds } from '../org/column-scope.js';
import { ARTICLE_TRANSITIONS, ONLINE, redeem, type StatusChange, type StatusEntry } from './article-status.js';
import type { ArticleListQuery } from './content.schemas.js';

/** What an ordinary write may change: anything but the status, which only a table's change writes (setStatus). */
export type ArticleFields = Omit<Partial<NewArticle>, 'status'> & { status?: never };
/** What may change together with the status (the reason, the times, the flag of an emergency publication). */
export type StatusFields = Partial<
  Pick<
    NewArticle,
    'status_reason' | 'scheduled_publish_at' | 'scheduled_offline_at' | 'unreviewed' | 'published_at' | 'index_no'
  >
> & { updated_at: string };

type ArticleQuery = SelectQueryBuilder<DB, 'articles', object>;

/**
 * A unit-scoped actor sees only its own unit's articles in the columns its unit may write in. The
 * condition is part of every query that reads or writes articles here, never a check afterwards.
 */
function inScope(db: Executor, q: ArticleQuery, scope: Scope): ArticleQuery {
  if (scope.kind === 'all') return q;
  return q
    .where('articles.unit_id', '=', scope.unitId)
    .where('articles.column_id', 'in', unitColumnIds(db, scope.unitId));
}

/** The ids of the articles a unit sees, as a subquery (the files of those articles are the unit's to read). */
export function unitArticleIds(db: Executor, unitId: number) {
  return inScope(db, db.selectFrom('articles'), { kind: 'unit', unitId }).select('articles.id');
}

import type { ArticleListItem as ArticleListRow } from '../../contract/articles.js';
export type { ArticleListRow };

export class ArticlesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async list(
    scope: Scope,
    q: ArticleListQuery,
    columnIds: number[] | null,
  ): Promise<{ rows: ArticleListRow[]; total: number }> {
    const filtered = () => {
      let query = inScope(this.db, this.db.selectFrom('articles'), scope);
      if (q.siteId) query = query.where('articles.site_id', '=', q.siteId);
      if (columnIds) {
        query = query.where((eb) =>
          eb.or([
            eb('articles.column_id', 'in', columnIds),
            eb(
              'articles.id',
              'in',
              eb.selectFrom('article_columns').select('article_id').where('column_id', 'in', columnIds),
            ),
          ]),
        );
      }
      if (q.unitId) query = query.where('articles.unit_id', '=', q.unitId);
      if (q.status) query = query.where('articles.status', '=', q.status);
      if (q.type) query = query.where('articles.type', '=', q.type);
      if (q.from) query = query.where('articles.published_at', '>=', shanghaiDayStart(q.from));
      if (q.to) query = query.where('articles.published_at', '<', shanghaiDayEnd(q.to));
      if (q.q) query = query.where(likeContains('articles.title', q.q));
      return query;
    };
    const [rows, total] = await Promise.all([
      filtered()
        .innerJoin('columns', 'columns.id', 'articles.column_id')
        .innerJoin('units', 'units.id', 'articles.unit_id')
        .select([
          'articles.id',
          'articles.title',
          'articles.type',
          'articles.status',
          'articles.column_id',
          'columns.name as column_name',
          'articles.unit_id',
          'units.short_name as unit_name',
          'articles.published_at',
          'articles.updated_at',
          'articles.revision',
          'articles.imported',
          'articles.is_top',
          'articles.index_no',
        ])
        .orderBy('articles.updated_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      filtered()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      rows: rows.map((r) => ({
        id: r.id,
        title: r.title,
        type: r.type,
        status: r.status,
        columnId: r.column_id,
        columnName: r.column_name,
        unitId: r.unit_id,
        unitName: r.unit_name,
        publishedAt: r.published_at,
        updatedAt: r.updated_at,
        revision: r.revision,
        imported: r.imported === 1,
        isTop: r.is_top === 1,
        indexNo: r.index_no,
      })),
    };
  }

  get(scope: Scope, id: number, db: Executor = this.db): Promise<Article | undefined> {
    return inScope(db, db.selectFrom('articles'), scope)
      .selectAll('articles')
      .where('articles.id', '=', id)
      .executeTakeFirst();
  }

  /** Whether a unit-scoped actor may put articles in this column (always true for 'all'). */
  async columnAllowed(scope: Scope, columnId: number, db: Executor = this.db): Promise<boolean> {
    if (scope.kind === 'all') return true;
    const hit = await db
      .selectFrom('columns')
      .select('id')
      .where('id', '=', columnId)
      .where('id', 'in', unitColumnIds(db, scope.unitId))
      .executeTakeFirst();
    return hit !== undefined;
  }

  /** A new item, in the state its entry in the life-cycle table gives it (article-status.ts entry()). */
  async insert(db: Executor, row: Omit<NewArticle, 'status'>, start: StatusEntry): Promise<number> {
    redeem(start);
    return insertReturningId(db, 'articles', { ...row, status: start.to });
  }

  async update(db: Executor, id: number, patch: ArticleFields): Promise<void> {
    // The type keeps `status` out; this keeps out a cast around it.
    if ('status' in patch)
      throw new Error('An article’s status is written only through article-status.ts transition() and setStatus().');
    await db.updateTable('articles').set(patch).where('id', '=', id).execute();
  }

  /**
   * Write a status change the life-cycle table made (once), with what changes with it. The row must still
   * be in the state the change starts from: two people (or two workers) acting on one item at once do
   * not both win.
   */
  async setStatus(db: Executor, change: StatusChange, fields: StatusFields): Promise<void> {
    redeem(change);
    const r = await db
      .updateTable('articles')
      .set({ ...fields, status: change.to })
      .where('id', '=', change.articleId)
      .where('status', '=', change.from)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '信息状态已被他人改变，请刷新后重试');
  }

  /** Items whose publish time has come (the scheduler's round). */
  async dueToPublish(now: string, db: Executor = this.db): Promise<number[]> {
    const rows = await db
      .selectFrom('articles')
      .select('id')
      .where('status', 'in', [...ARTICLE_TRANSITIONS.publish_due.from])
      .where('scheduled_publish_at', '<=', now)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Online items whose time to go offline has come. */
  async dueToGoOffline(now: string, db: Executor = this.db): Promise<number[]> {
    const rows = await db
      .selectFrom('articles')
      .select('id')
      .where('status', 'in', [...ARTICLE_TRANSITIONS.unpublish_due.from])
      .where('scheduled_offline_at', '<=', now)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Items published in an emergency and not yet cleared by their review after the fact, within a scope. */
  unreviewed(scope: Scope, limit: number, db: Executor = this.db) {
    return inScope(db, db.selectFrom('articles'), scope)
      .select(['articles.id', 'articles.title', 'articles.status', 'articles.published_at', 'articles.status_reason'])
      .where('articles.unreviewed', '=', 1)
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .execute();
  }

  async unitShortName(unitId: number, db: Executor = this.db): Promise<string | undefined> {
    const row = await db.selectFrom('units').select('short_name').where('id', '=', unitId).executeTakeFirst();
    return row?.short_name;
  }

  async unitCode(unitId: number, db: Executor = this.db): Promise<string> {
    return (await db.selectFrom('units').select('code').where('id', '=', unitId).executeTakeFirstOrThrow()).code;
  }

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('articles').where('id', '=', id).execute();
  }

  async extraColumns(id: number, db: Executor = this.db): Promise<number[]> {
    const rows = await db
      .selectFrom('article_columns')
      .select('column_id')
      .where('article_id', '=', id)
      .orderBy('column_id')
      .execute();
    return rows.map((r) => r.column_id);
  }

  async replaceExtraColumns(db: Executor, id: number, columnIds: readonly number[]): Promise<void> {
    await db.deleteFrom('article_columns').where('article_id', '=', id).execute();
    const unique = [...new Set(columnIds)];
    if (unique.length)
      await db
        .insertInto('article_columns')
        .values(unique.map((column_id) => ({ article_id: id, column_id })))
        .execute();
  }

  /** Policies this article interprets, and interpretations of this article. */
  async relations(id: number, db: Executor = this.db): Promise<{ policies: number[]; interpretations: number[] }> {
    const rows = await db
      .selectFrom('article_relations')
      .selectAll()
      .where((eb) => eb.or([eb('policy_id', '=', id), eb('interpretation_id', '=', id)]))
      .execute();
    return {
      policies: rows.filter((r) => r.interpretation_id === id).map((r) => r.policy_id),
      interpretations: rows.filter((r) => r.policy_id === id).map((r) => r.interpretation_id),
    };
  }

  async replacePolicies(db: Executor, interpretationId: number, policyIds: readonly number[]): Promise<void> {
    await db.deleteFrom('article_relations').where('interpretation_id', '=', interpretationId).execute();
    const unique = [...new Set(policyIds)];
    if (unique.length) {
      await db
        .insertInto('article_relations')
        .values(unique.map((policy_id) => ({ policy_id, interpretation_id: interpretationId })))
        .execute();
    }
  }

  /**
   * Titles and states of articles an actor may name: those in its scope, and published ones (the public
   * site shows them to anyone). A unit account never learns the title or state of another unit's draft.
   */
  async titles(
    ids: readonly number[],
    db: Executor = this.db,
    scope: Scope = { kind: 'all' },
  ): Promise<Array<{ id: number; title: string; status: string }>> {
    const out: Array<{ id: number; title: string; status: string }> = [];
    for (const part of chunk([...new Set(ids)])) {
      let q = db.selectFrom('articles').select(['id', 'title', 'status']).where('id', 'in', part);
      if (scope.kind === 'unit')
        q = q.where((eb) => eb.or([eb('status', '=', ONLINE), eb('id', 'in', unitArticleIds(db, scope.unitId))]));
      out.push(...(await q.execute()));
    }
    return out;
  }

  async insertRevision(db: Executor, row: Omit<ArticleRevisionsTable, 'id'>): Promise<void> {
    await db.insertInto('article_revisions').values(row).execute();
  }

  async revisions(id: number, db: Executor = this.db) {
    return db
      .selectFrom('article_revisions')
      .leftJoin('accounts', 'accounts.id', 'article_revisions.created_by')
      .select([
        'article_revisions.revision',
        'article_revisions.hash',
        'article_revisions.created_at',
        'accounts.display_name as author',
        'article_revisions.snapshot',
      ])
      .where('article_revisions.article_id', '=', id)
      .orderBy('article_revisions.revision', 'desc')
      .execute();
  }

  async latestRevisionHash(id: number, db: Executor = this.db): Promise<string> {
    const r = await db
      .selectFrom('article_revisions')
      .select('hash')
      .where('article_id', '=', id)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.hash ?? '';
  }

  async indexNoTaken(db: Executor, indexNo: string): Promise<boolean> {
    return (
      (await db.selectFrom('articles').select('id').where('index_no', '=', indexNo).executeTakeFirst()) !== undefined
    );
  }

  /**
   * Take the next number of a sequence. The UPDATE locks the counter row until the transaction ends
   * on PostgreSQL and MySQL (SQLite serialises writers anyway), so two publishers never share one.
   */
  async nextSequence(db: Executor, prefix: string, year: number): Promise<number> {
    const bumped = await db
      .updateTable('index_sequences')
      .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
      .where('prefix', '=', prefix)
      .where('year', '=', year)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) === 0) {
      await db.insertInto('index_sequences').values({ prefix, year, last_value: 1 }).execute();
      return 1;
    }
    const row = await db
      .selectFrom('index_sequences')
      .select('last_value')
      .where('prefix', '=', prefix)
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    return row.last_value;
  }
}
