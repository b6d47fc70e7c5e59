import type { ConsultationInput, ConsultationPatch, Consultation, Moderation } from '../../contract/consult.js';
import { actorAccountId, type Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { ArticlesService } from '../content/articles.service.js';
import { consultationState } from './consult-rules.js';
import type { ConsultationRow, ConsultationsRepository } from './consultations.repository.js';

/**
 * 民意征集 in the admin API. A consultation names the article that carries its text (and later the
 * one that carries its 采纳情况反馈): those are written, reviewed and published like every other item,
 * so the consultation itself only keeps the period and the comments.
 */
export class ConsultationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ConsultationsRepository,
    private readonly articles: ArticlesService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  view(r: ConsultationRow): Consultation {
    return {
      id: r.id,
      siteId: r.site_id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      title: r.title,
      articleId: r.article_id,
      articleStatus: r.article_status,
      feedbackArticleId: r.feedback_article_id,
      feedbackStatus: r.feedback_status,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      state: consultationState(r, this.clock()),
      comments: { pending: r.pending, approved: r.approved, rejected: r.rejected },
    };
  }

  async list(actor: Actor): Promise<Consultation[]> {
    return (await this.repo.list(authorize(actor, 'consult.read'))).map((r) => this.view(r));
  }

  async get(actor: Actor, id: number): Promise<Consultation> {
    const r = await this.repo.get(authorize(actor, 'consult.read'), id);
    if (!r) throw notFound('意见征集');
    return this.view(r);
  }

  /** An article the actor may use for a consultation: one it can see, of its own unit when unit-scoped. */
  private async article(actor: Actor, id: number, field: string, exceptId: number | null) {
    const scope = authorize(actor, 'consult.write');
    const a = await this.articles.get(actor, id).catch(() => null);
    if (!a || (scope.kind === 'unit' && a.unitId !== scope.unitId))
      throw invalid(field, '所选信息不存在或不属于本单位');
    if (await this.repo.articleUsed(id, exceptId)) throw invalid(field, '该信息已用于其他意见征集');
    return a;
  }

  async create(actor: Actor, input: ConsultationInput): Promise<Consultation> {
    authorize(actor, 'consult.write');
    const a = await this.article(actor, input.articleId, 'articleId', null);
    const id = await this.uow.run(async (trx, emit) => {
      const now = nowIso(this.clock);
      const id = await this.repo.insert(trx, {
        site_id: a.siteId,
        unit_id: a.unitId,
        article_id: a.id,
        feedback_article_id: null,
        title: input.title,
        starts_at: new Date(input.startsAt).toISOString(),
        ends_at: new Date(input.endsAt).toISOString(),
        created_by: actorAccountId(actor),
        created_at: now,
        updated_at: now,
      });
      await emit({
        type: 'consultation.created',
        actor,
        entityType: 'consultation',
        entityId: id,
        summary: `新建意见征集“${input.title}”`,
        siteId: a.siteId,
      });
      return id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, patch: ConsultationPatch): Promise<Consultation> {
    const scope = authorize(actor, 'consult.write');
    const current = await this.repo.get(scope, id);
    if (!current) throw notFound('意见征集');
    if (patch.feedbackArticleId) {
      const f = await this.article(actor, patch.feedbackArticleId, 'feedbackArticleId', id);
      if (f.siteId !== current.site_id) throw invalid('feedbackArticleId', '反馈信息应与征集稿在同一网站');
    }
    const startsAt = patch.startsAt ? new Date(patch.startsAt).toISOString() : current.starts_at;
    const endsAt = patch.endsAt ? new Date(patch.endsAt).toISOString() : current.ends_at;
    if (endsAt <= startsAt) throw invalid('endsAt', '截止时间应晚于开始时间');
    await this.uow.run(async (trx, emit) => {
      await this.repo.update(trx, id, {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        starts_at: startsAt,
        ends_at: endsAt,
        ...(patch.feedbackArticleId !== undefined ? { feedback_article_id: patch.feedbackArticleId } : {}),
        updated_at: nowIso(this.clock),
      });
      await emit({
        type: 'consultation.updated',
        actor,
        entityType: 'consultation',
        entityId: id,
        summary: `修改意见征集“${patch.title ?? current.title}”${patch.feedbackArticleId ? '，关联采纳情况反馈' : ''}`,
        details: { ...patch },
        siteId: current.site_id,
      });
    });
    return this.get(actor, id);
  }

  async comments(actor: Actor, filter: { status?: string; consultationId?: number }) {
    const rows = await this.repo.comments(authorize(actor, 'consult.read'), filter);
    return rows.map((r) => ({
      id: r.id,
      consultationId: r.consultation_id,
      consultationTitle: r.consultation_title,
      paragraph: r.paragraph,
      body: r.body,
      author: r.author,
      status: r.status as 'pending' | 'approved' | 'rejected',
      createdAt: r.created_at,
    }));
  }

  async moderate(actor: Actor, commentId: number, m: Moderation): Promise<void> {
    const scope = authorize(actor, 'consult.write');
    await this.uow.run(async (trx, emit) => {
      const c = await this.repo.comment(trx, scope, commentId);
      if (!c) throw notFound('意见');
      if (c.status === m.status) throw new AppError('CONFLICT', '该意见已是此状态');
      await this.repo.moderate(trx, commentId, m.status, actorAccountId(actor), nowIso(this.clock));
      await emit({
        type: `consultation.comment.${m.status}`,
        actor,
        entityType: 'consultation_comment',
        entityId: commentId,
        summary: `${m.status === 'approved' ? '公开' : '不予公开'}意见征集“${c.title}”的一条意见`,
        siteId: c.site_id,
      });
    });
  }
}
