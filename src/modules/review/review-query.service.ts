import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { ArticleStatus, mayPublish } from '../content/article-status.js';
import { ROLE_LABELS } from '../../platform/auth/roles.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ChainsService } from './chains.service.js';
import type { FlowsRepository } from './flows.repository.js';
import { canActOnStep } from './review-access.js';

export const ACTION_LABELS: Record<string, string> = {
  submit: '送审',
  resubmit: '修改后重新送审',
  approve: '通过',
  return: '退回',
  reject: '不予采用',
  recall: '撤回送审',
  edit: '修改',
  invalidated: '修改后重新审核',
  publish: '发布',
  schedule: '定时发布',
  scheduled_publish: '定时发布',
  late_publish: '定时发布补发',
  withdraw: '撤稿',
  emergency_publish: '紧急发布',
  schedule_refused: '定时发布未执行',
  correct_minor: '勘误',
  apply_correction: '修改稿替换原文',
};

/** What reviewers and drafters look at: the inbox and an item's review history. */
export class ReviewQueryService {
  constructor(
    private readonly flows: FlowsRepository,
    private readonly chains: ChainsService,
    private readonly articles: ArticlesService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async inbox(actor: Actor) {
    if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
    const rows = await this.flows.inbox({ id: actor.accountId, unitId: actor.unitId, roles: actor.roles });
    const now = this.clock().toISOString();
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      articleTitle: r.article_title,
      articleStatus: r.article_status,
      unitName: r.unit_name,
      position: r.position,
      title: r.title,
      role: r.assignee_role,
      roleLabel: r.assignee_role ? ROLE_LABELS[r.assignee_role as keyof typeof ROLE_LABELS] : '拟稿人',
      dueAt: r.due_at,
      overdue: r.due_at < now,
      createdAt: r.created_at,
      retrospective: r.retrospective === 1,
      correction: r.correction_id !== null,
    }));
  }

  /** The publisher's half of 待办: approved items waiting to go online, and those set to go online at a time. */
  async publishQueue(actor: Actor) {
    const scope = authorize(actor, 'article.publish');
    const rows = await this.flows.awaitingPublication(scope, ArticleStatus.values.filter(mayPublish));
    return rows.map((r) => ({
      articleId: r.id,
      title: r.title,
      status: r.status,
      unitName: r.unit_name,
      columnName: r.column_name,
      approvedAt: r.approved_at ?? null,
      scheduledPublishAt: r.scheduled_publish_at,
    }));
  }

  async history(actor: Actor, articleId: number) {
    const article = await this.articles.rowFor(actor, 'article.read', articleId);
    const flows = await this.flows.flowsOf(articleId);
    const actions = await this.flows.actions(flows.map((f) => f.id));
    const active = [...flows].reverse().find((f) => ['in_review', 'returned', 'approved'].includes(f.state));
    const chain = active ? await this.chains.chainById(active.chain_id) : undefined;
    const step = active && chain && active.state === 'in_review' ? chain.steps[active.position - 1] : undefined;
    const task = active ? await this.flows.openTaskOf(active.id) : undefined;
    const now = this.clock().toISOString();
    return {
      articleId,
      status: article.status,
      unreviewed: article.unreviewed === 1,
      chain: chain
        ? {
            id: chain.id,
            name: chain.name,
            restartPosition: Math.min(chain.restartPosition, chain.steps.length),
            steps: chain.steps.map((s) => ({
              position: s.position,
              name: s.name,
              role: s.role,
              roleLabel: ROLE_LABELS[s.role],
              scope: s.scope,
            })),
          }
        : null,
      current: active
        ? {
            flowId: active.id,
            state: active.state,
            position: active.position,
            stepName: step?.name ?? (active.state === 'returned' ? '拟稿人修改' : null),
            dueAt: task?.due_at ?? null,
            overdue: task ? task.due_at < now : false,
            retrospective: active.retrospective === 1,
            correction: active.correction_id !== null,
            canAct: step ? canActOnStep(actor, step, article, active) : false,
            revision: active.revision,
            revisionHash: active.revision_hash,
          }
        : null,
      flows: flows.map((f) => ({
        id: f.id,
        chainId: f.chain_id,
        channel: f.channel,
        state: f.state,
        startedAt: f.started_at,
        finishedAt: f.finished_at,
        retrospective: f.retrospective === 1,
        correction: f.correction_id !== null,
        actions: actions
          .filter((a) => a.flow_id === f.id)
          .map((a) => ({
            position: a.position,
            stepName: a.step_name,
            action: a.action,
            actionLabel: ACTION_LABELS[a.action] ?? a.action,
            actor: a.actor_name,
            opinion: a.opinion,
            toPosition: a.to_position,
            revision: a.revision,
            revisionHash: a.revision_hash,
            ip: a.ip,
            at: a.at,
          })),
      })),
    };
  }
}
