import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Scope } from '../../platform/auth/policy.js';
import { insertReturningId, toInt, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';

// Queries of 民意征集: consultations with the states of their two articles, and their comments. A
// unit's scope sits inside the WHERE clause of every admin query; the public queries only ever see
// consultations whose text article is published.

type From = ExpressionBuilder<DB, 'consultations'>;

const commentCount = (eb: From, status: string) =>
  eb
    .selectFrom('consultation_comments as cc')
    .select(eb.fn.countAll<number>().as('n'))
    .whereRef('cc.consultation_id', '=', 'consultations.id')
    .where('cc.status', '=', status);

export interface ConsultationRow {
  id: number;
  site_id: number;
  unit_id: number;
  unit_name: string;
  title: string;
  article_id: number;
  article_status: string;
  feedback_article_id: number | null;
  feedback_status: string | null;
  starts_at: string;
  ends_at: string;
  pending: number;
  approved: number;
  rejected: number;
}

export class ConsultationsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private base(db: Executor = this.db) {
    return db
      .selectFrom('consultations')
      .innerJoin('articles as a', 'a.id', 'consultations.article_id')
      .innerJoin('units as u', 'u.id', 'consultations.unit_id')
      .leftJoin('articles as f', 'f.id', 'consultations.feedback_article_id')
      .select((eb) => [
        'consultations.id',
        'consultations.site_id',
        'consultations.unit_id',
        'u.name as unit_name',
        'consultations.title',
        'consultations.article_id',
        'a.status as article_status',
        'consultations.feedback_article_id',
        'f.status as feedback_status',
        'consultations.starts_at',
        'consultations.ends_at',
        commentCount(eb, 'pending').as('pending'),
        commentCount(eb, 'approved').as('approved'),
        commentCount(eb, 'rejected').as('rejected'),
      ]);
  }

  private static row(r: ConsultationRow): ConsultationRow {
    return { ...r, pending: toInt(r.pending), approved: toInt(r.approved), rejected: toInt(r.rejected) };
  }

  async list(scope: Scope): Promise<ConsultationRow[]> {
    let q = this.base().orderBy('consultations.starts_at', 'desc').orderBy('consultations.id', 'desc');
    if (scope.kind === 'unit') q = q.where('consultations.unit_id', '=', scope.unitId);
    return (await q.execute()).map((r) => ConsultationsRepository.row(r as ConsultationRow));
  }

  async get(scope: Scope, id: number, db?: Executor): Promise<ConsultationRow | null> {
    let q = this.base(db).where('consultations.id', '=', id);
    if (scope.kind === 'unit') q = q.where('consultations.unit_id', '=', scope.unitId);
    const r = await q.executeTakeFirst();
    return r ? ConsultationsRepository.row(r as ConsultationRow) : null;
  }

  /** The public list: consultations of a site whose text is online, newest first. */
  async listPublic(siteId: number, limit = 100): Promise<ConsultationRow[]> {
    const rows = await this.base()
      .where('consultations.site_id', '=', siteId)
      .where('a.status', '=', 'published')
      .orderBy('consultations.starts_at', 'desc')
      .orderBy('consultations.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ConsultationsRepository.row(r as ConsultationRow));
  }

  async getPublic(siteId: number, id: number): Promise<(ConsultationRow & { body_html: string }) | null> {
    const r = await this.base()
      .select('a.body_html')
      .where('consultations.site_id', '=', siteId)
      .where('consultations.id', '=', id)
      .where('a.status', '=', 'published')
      .executeTakeFirst();
    return r ? { ...ConsultationsRepository.row(r as ConsultationRow), body_html: r.body_html } : null;
  }

  async articleUsed(articleId: number, exceptId: number | null, db: Executor = this.db): Promise<boolean> {
    let q = db
      .selectFrom('consultations')
      .select('id')
      .where((eb) => eb.or([eb('article_id', '=', articleId), eb('feedback_article_id', '=', articleId)]));
    if (exceptId !== null) q = q.where('id', '!=', exceptId);
    return !!(await q.executeTakeFirst());
  }

  insert(db: Executor, values: Parameters<typeof insertReturningId<'consultations'>>[2]): Promise<number> {
    return insertReturningId(db, 'consultations', values);
  }

  async update(
    db: Executor,
    id: number,
    set: Partial<{ title: string; starts_at: string; ends_at: string; feedback_article_id: number | null }> & {
      updated_at: string;
    },
  ): Promise<void> {
    await db.updateTable('consultations').set(set).where('id', '=', id).execute();
  }

  insertComment(db: Executor, values: Parameters<typeof insertReturningId<'consultation_comments'>>[2]) {
    return insertReturningId(db, 'consultation_comments', values);
  }

  async comments(scope: Scope, filter: { status?: string; consultationId?: number }, limit = 500) {
    let q = this.db
      .selectFrom('consultation_comments as cc')
      .innerJoin('consultations as c', 'c.id', 'cc.consultation_id')
      .select([
        'cc.id',
        'cc.consultation_id',
        'c.title as consultation_title',
        'cc.paragraph',
        'cc.body',
        'cc.author',
        'cc.status',
        'cc.created_at',
      ])
      .orderBy('cc.id', 'desc')
      .limit(limit);
    if (scope.kind === 'unit') q = q.where('c.unit_id', '=', scope.unitId);
    if (filter.status) q = q.where('cc.status', '=', filter.status);
    if (filter.consultationId) q = q.where('cc.consultation_id', '=', filter.consultationId);
    return q.execute();
  }

  /** The comment if it belongs to a consultation in the scope (to moderate it). */
  async comment(db: Executor, scope: Scope, id: number) {
    let q = db
      .selectFrom('consultation_comments as cc')
      .innerJoin('consultations as c', 'c.id', 'cc.consultation_id')
      .select(['cc.id', 'cc.consultation_id', 'cc.status', 'c.site_id', 'c.title'])
      .where('cc.id', '=', id);
    if (scope.kind === 'unit') q = q.where('c.unit_id', '=', scope.unitId);
    return q.executeTakeFirst();
  }

  async moderate(db: Executor, id: number, status: string, by: number | null, at: string): Promise<void> {
    await db
      .updateTable('consultation_comments')
      .set({ status, moderated_by: by, moderated_at: at })
      .where('id', '=', id)
      .execute();
  }

  publicComments(consultationId: number) {
    return this.db
      .selectFrom('consultation_comments')
      .select(['id', 'paragraph', 'body', 'author', 'created_at'])
      .where('consultation_id', '=', consultationId)
      .where('status', '=', 'approved')
      .orderBy('id')
      .execute();
  }

  /**
   * The annual report's 征集调查 row for [from, to): consultations whose period started in the year and
   * whose text was published, the comments received in the year, and the consultations whose 采纳情况反馈
   * was published in the year.
   */
  async figures(from: string, to: string, siteId?: number) {
    const issues = await this.db
      .selectFrom('consultations as c')
      .innerJoin('articles as a', 'a.id', 'c.article_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('c.starts_at', '>=', from)
      .where('c.starts_at', '<', to)
      .where('a.published_at', 'is not', null)
      .$if(siteId !== undefined, (q) => q.where('c.site_id', '=', siteId!))
      .executeTakeFirstOrThrow();
    const comments = await this.db
      .selectFrom('consultation_comments as cc')
      .innerJoin('consultations as c', 'c.id', 'cc.consultation_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('cc.created_at', '>=', from)
      .where('cc.created_at', '<', to)
      .$if(siteId !== undefined, (q) => q.where('c.site_id', '=', siteId!))
      .executeTakeFirstOrThrow();
    const results = await this.db
      .selectFrom('consultations as c')
      .innerJoin('articles as f', 'f.id', 'c.feedback_article_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('f.status', '=', 'published')
      .where('f.published_at', '>=', from)
      .where('f.published_at', '<', to)
      .$if(siteId !== undefined, (q) => q.where('c.site_id', '=', siteId!))
      .executeTakeFirstOrThrow();
    return { issues: toInt(issues.n), comments: toInt(comments.n), resultsPublished: toInt(results.n) };
  }
}
