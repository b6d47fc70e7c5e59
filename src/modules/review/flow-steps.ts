import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId, actorUnitId } from '../../platform/auth/actor.js';
import { ROLE_LABELS } from '../../platform/auth/roles.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiDateTime } from '../../platform/time.js';
import type { NotifyService } from '../notify/notify.service.js';
import type { ChainView } from './chains.repository.js';
import type { Flow, FlowsRepository } from './flows.repository.js';
import type { LedgerService } from './ledger.service.js';
import type { Channel } from './review.schemas.js';

/**
 * What the workflow, the publishing service and the edit rules all do to a flow: start one, hand its
 * step to the people who may act, record each action, tell the drafter and the website centre. Kept
 * apart so that none of them depends on another for it.
 */
export class FlowSteps {
  constructor(
    private readonly flows: FlowsRepository,
    private readonly ledger: LedgerService,
    private readonly notify: NotifyService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A new flow at step 1 and its submission in the ledger (by the item's channel). */
  async startFlow(
    trx: Executor,
    article: Article,
    chain: ChainView,
    hash: string,
    retrospective: boolean,
  ): Promise<number> {
    const now = nowIso(this.clock);
    const submissionId = await this.ledger.receiveForFlow(trx, {
      unitId: article.unit_id,
      channel: article.channel as Channel,
      columnId: article.column_id,
      articleId: article.id,
      title: article.title,
      receivedAt: now,
    });
    return this.flows.insert(trx, {
      article_id: article.id,
      chain_id: chain.id,
      submission_id: submissionId,
      channel: article.channel,
      state: 'in_review',
      position: 1,
      revision: article.revision,
      revision_hash: hash,
      retrospective: retrospective ? 1 : 0,
      correction_id: null,
      drafter_id: article.created_by,
      started_at: now,
      updated_at: now,
      finished_at: null,
    });
  }

  /** Refuse to start a review that nobody could finish: every step needs someone who may act. */
  async assertStaffed(trx: Executor, chain: ChainView, article: Article, drafter: number | null): Promise<void> {
    for (const step of chain.steps) {
      const who = await this.flows.candidates(
        trx,
        step.role,
        step.scope === 'submitter_unit' ? article.unit_id : null,
        null,
        drafter,
      );
      if (!who.length) {
        throw new AppError(
          'CONFLICT',
          `送审失败：审核流程“${chain.name}”第 ${step.position} 步“${step.name}”没有可处理的账号（需要${step.scope === 'submitter_unit' ? '本单位' : '县政府办'}具有“${ROLE_LABELS[step.role]}”角色且不是拟稿人的账号），请联系系统管理员`,
        );
      }
    }
  }

  /** Hand the flow's current step to the people who may act on it. */
  async openStep(trx: Executor, flow: Flow, chain: ChainView, article: Article, note?: string): Promise<void> {
    const step = chain.steps[flow.position - 1]!;
    const unitId = step.scope === 'submitter_unit' ? article.unit_id : null;
    const now = nowIso(this.clock);
    const mark = flow.retrospective ? '【紧急发布事后审核】' : flow.correction_id !== null ? '【修改已发布信息】' : '';
    const title = `${mark}${step.name}：${article.title}`;
    await this.flows.openTask(trx, {
      flowId: flow.id,
      articleId: article.id,
      position: step.position,
      title,
      role: step.role,
      unitId,
      accountId: null,
      excluded: flow.drafter_id,
      dueAt: this.dueAt(step.dueHours),
      now,
    });
    const who = await this.flows.candidates(trx, step.role, unitId, null, flow.drafter_id);
    await this.notify.notifyIn(trx, {
      accountIds: who,
      kind: 'task',
      title: `待审核：${article.title}`,
      body: `“${article.title}”等待您处理（${step.name}），请在 ${shanghaiDateTime(this.dueAt(step.dueHours))}（北京时间）前完成。${note ? `\n${note}` : ''}`,
      link: `/admin/articles/${article.id}/review`,
    });
  }

  /** Record an action on a flow, with the revision and hash it concerns and where it came from. */
  async log(
    trx: Executor,
    flowId: number,
    actor: Actor,
    position: number,
    stepName: string,
    action: string,
    opinion: string | null,
    toPosition: number | null,
    article: Article,
    hash: string,
  ) {
    await this.flows.addAction(trx, {
      flow_id: flowId,
      position,
      step_name: stepName,
      action,
      actor_id: actorAccountId(actor),
      actor_name: actor.kind === 'account' ? actor.displayName : actor.username,
      actor_unit_id: actorUnitId(actor),
      opinion,
      to_position: toPosition,
      revision: article.revision,
      revision_hash: hash,
      ip: actor.ip,
      at: nowIso(this.clock),
    });
  }

  /** The drafter takes a flow back: its open tasks and the flow are cancelled, the 撤回 recorded. */
  async recall(trx: Executor, flow: Flow, actor: Actor, article: Article, reason: string, now: string): Promise<void> {
    await this.flows.closeTasks(trx, flow.id, 'cancelled', actorAccountId(actor), now);
    await this.log(trx, flow.id, actor, flow.position, '拟稿人', 'recall', reason, 0, article, flow.revision_hash);
    await this.flows.update(trx, flow.id, { state: 'cancelled', updated_at: now, finished_at: now });
  }

  /** Record a publishing action on the item's latest flow, when it has one (imported items have none). */
  async logOnLatest(
    trx: Executor,
    actor: Actor,
    article: Article,
    stepName: string,
    action: string,
    opinion: string | null = null,
  ): Promise<Flow | undefined> {
    const flow = await this.flows.latest(article.id, trx);
    if (flow)
      await this.log(trx, flow.id, actor, flow.position, stepName, action, opinion, null, article, flow.revision_hash);
    return flow;
  }

  async notifyDrafter(trx: Executor, flow: Flow, article: Article, title: string, body: string) {
    if (!flow.drafter_id) return;
    await this.notify.notifyIn(trx, {
      accountIds: [flow.drafter_id],
      kind: 'review',
      title,
      body,
      link: `/admin/articles/${article.id}`,
    });
  }

  /** Tell the website centre an item waits to be published (and, when given, why it is waiting again). */
  async notifyPublishers(trx: Executor, article: Article, why?: string) {
    const who = await this.flows.candidates(trx, 'site_editor', null, null, null);
    await this.notify.notifyIn(trx, {
      accountIds: who,
      kind: 'publish',
      title: `${why ? '定时发布未执行' : '待发布'}：${article.title}`,
      body: why ? `“${article.title}”未能按时发布：${why}` : `“${article.title}”已通过审核，等待发布。`,
      link: `/admin/articles/${article.id}`,
    });
  }

  dueAt(hours: number): string {
    return new Date(this.clock().getTime() + hours * 3600_000).toISOString();
  }
}
