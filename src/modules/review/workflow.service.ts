import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId, actorUnitId } from '../../platform/auth/actor.js';
import { authorize, can } from '../../platform/auth/policy.js';
import { ROLE_LABELS } from '../../platform/auth/roles.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { Emit, UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { NotifyService } from '../notify/notify.service.js';
import type { ChainView, StepView } from './chains.repository.js';
import type { ChainsService } from './chains.service.js';
import type { Flow, FlowsRepository } from './flows.repository.js';
import type { LedgerService } from './ledger.service.js';
import { assertCanActOnStep, canActOnStep } from './review-access.js';
import type { Channel } from './review.schemas.js';

/** The pre-publish checks, as the workflow needs them (see checks.service.ts). */
export interface ChecksGate {
  /** Run the checks on the current revision and keep the findings (outside the caller's transaction). */
  prepare(articleId: number): Promise<void>;
  /** Throw when a blocking problem or an unexplained warning remains in the prepared findings. */
  pass(
    trx: Executor,
    actor: Actor,
    article: Article,
    overrides: Array<{ checkId: number; reason: string }>,
  ): Promise<void>;
}

export interface Publisher {
  /** Put an approved item online now (or at its scheduled time); see publishing.service.ts. */
  publishApproved(trx: Executor, emit: Emit, actor: Actor, article: Article, at: string | null): Promise<void>;
}

export interface FlowContext {
  article: Article;
  flow: Flow;
  chain: ChainView;
  step: StepView;
}

/**
 * Moves items through their review chain: submit, approve, return, reject, recall. Every transition
 * records an action (actor, opinion, revision and its hash, address), closes and opens tasks, notifies
 * the people who must act next, and keeps the submission ledger in step.
 */
export class WorkflowService {
  private publisher: Publisher | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly flows: FlowsRepository,
    private readonly chains: ChainsService,
    private readonly ledger: LedgerService,
    private readonly articles: ArticlesService,
    private readonly notify: NotifyService,
    private readonly checks: ChecksGate,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  setPublisher(publisher: Publisher): void {
    this.publisher = publisher;
  }

  async submit(actor: Actor, articleId: number, overrides: Array<{ checkId: number; reason: string }>) {
    await this.articles.rowFor(actor, 'article.write', articleId); // 404 before any work for others' items
    await this.checks.prepare(articleId);
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.write', articleId, trx);
      if (!['draft', 'returned', 'rejected', 'offline', 'withdrawn'].includes(article.status)) {
        throw new AppError('CONFLICT', `信息当前状态为“${statusLabel(article.status)}”，不能送审`);
      }
      await this.checks.pass(trx, actor, article, overrides);
      const hash = await this.articles.currentHash(articleId, trx);
      const now = nowIso(this.clock);
      const returned = article.status === 'returned' ? await this.flows.active(articleId, trx) : undefined;
      if (returned && returned.state === 'returned') {
        const chain = (await this.chains.chainById(returned.chain_id, trx))!;
        await this.assertStaffed(trx, chain, article, returned.drafter_id);
        await this.flows.update(trx, returned.id, {
          state: 'in_review',
          position: 1,
          revision: article.revision,
          revision_hash: hash,
          updated_at: now,
        });
        await this.flows.closeTasks(trx, returned.id, 'done', actorAccountId(actor), now);
        await this.log(trx, returned.id, actor, 0, '拟稿人', 'resubmit', null, 1, article, hash);
        if (returned.submission_id) await this.ledger.decide(trx, returned.submission_id, 'received', now, null);
        await this.articles.setFields(trx, articleId, { status: 'in_review', status_reason: null });
        await this.openStep(trx, { ...returned, position: 1 }, chain, article);
        await emit({
          type: 'review.resubmitted',
          actor,
          entityType: 'article',
          entityId: articleId,
          siteId: article.site_id,
          summary: `修改后重新送审“${article.title}”`,
          details: { flowId: returned.id, revision: article.revision, hash },
        });
        return;
      }
      const chain = await this.chains.resolve(article.column_id, article.channel as Channel, trx);
      await this.assertStaffed(trx, chain, article, article.created_by);
      const flowId = await this.startFlow(trx, article, chain, hash, false);
      await this.log(trx, flowId, actor, 0, '拟稿人', 'submit', null, 1, article, hash);
      await this.articles.setFields(trx, articleId, { status: 'in_review', status_reason: null });
      await this.openStep(trx, (await this.flows.get(flowId, trx))!, chain, article);
      await emit({
        type: 'review.submitted',
        actor,
        entityType: 'article',
        entityId: articleId,
        siteId: article.site_id,
        summary: `送审“${article.title}”（流程：${chain.name}）`,
        details: { flowId, chainId: chain.id, revision: article.revision, hash },
      });
    });
  }

  async approve(
    actor: Actor,
    articleId: number,
    input: {
      opinion: string;
      overrides: Array<{ checkId: number; reason: string }>;
      publishNow: boolean;
      publishAt?: string | null;
    },
  ) {
    authorize(actor, 'review.act');
    await this.checks.prepare(articleId);
    await this.uow.run(async (trx, emit) => {
      const ctx = await this.current(trx, articleId, actor);
      assertCanActOnStep(actor, ctx.step, ctx.article, ctx.flow);
      await this.checks.pass(trx, actor, ctx.article, input.overrides);
      const now = nowIso(this.clock);
      const last = ctx.flow.position >= ctx.chain.steps.length;
      await this.flows.closeTasks(trx, ctx.flow.id, 'done', actorAccountId(actor), now);
      await this.log(
        trx,
        ctx.flow.id,
        actor,
        ctx.step.position,
        ctx.step.name,
        'approve',
        input.opinion,
        last ? null : ctx.step.position + 1,
        ctx.article,
        ctx.flow.revision_hash,
      );
      if (!last) {
        const next = { ...ctx.flow, position: ctx.flow.position + 1 };
        await this.flows.update(trx, ctx.flow.id, { position: next.position, updated_at: now });
        await this.openStep(trx, next, ctx.chain, ctx.article);
        await emit({
          type: 'review.approved',
          actor,
          entityType: 'article',
          entityId: articleId,
          siteId: ctx.article.site_id,
          summary: `“${ctx.step.name}”通过“${ctx.article.title}”：${input.opinion}`,
          details: { flowId: ctx.flow.id, position: ctx.step.position, hash: ctx.flow.revision_hash },
        });
        return;
      }
      await this.flows.update(trx, ctx.flow.id, { state: 'approved', updated_at: now, finished_at: now });
      await emit({
        type: 'review.approved',
        actor,
        entityType: 'article',
        entityId: articleId,
        siteId: ctx.article.site_id,
        summary: `审核通过“${ctx.article.title}”（最后一步：${ctx.step.name}）：${input.opinion}`,
        details: { flowId: ctx.flow.id, position: ctx.step.position, hash: ctx.flow.revision_hash, final: true },
      });
      if (ctx.flow.retrospective === 1) {
        // An emergency publication passed its review after the fact: the flag comes off.
        await this.articles.setFields(trx, articleId, { unreviewed: 0 });
        await this.notifyDrafter(trx, ctx, '紧急发布的信息已通过事后审核', `“${ctx.article.title}”已通过事后审核。`);
        return;
      }
      await this.articles.setFields(trx, articleId, { status: 'approved' });
      const fresh = (await this.articles.rowById(articleId, trx))!;
      const mayPublish = can(actor, 'article.publish');
      if ((input.publishNow || input.publishAt) && !mayPublish)
        throw invalid('publishNow', '您没有发布权限，请交由网站中心发布');
      if (ctx.chain.autoPublish || input.publishNow || input.publishAt) {
        await this.publisher!.publishApproved(
          trx,
          emit,
          actor,
          fresh,
          input.publishNow || ctx.chain.autoPublish ? null : (input.publishAt ?? null),
        );
      } else {
        await this.notifyPublishers(trx, fresh);
      }
      await this.notifyDrafter(
        trx,
        ctx,
        '信息已通过审核',
        `“${ctx.article.title}”已通过审核${ctx.chain.autoPublish || input.publishNow ? '并发布' : '，等待发布'}。`,
      );
    });
  }

  async returnItem(actor: Actor, articleId: number, reason: string, toPosition: number) {
    authorize(actor, 'review.act');
    await this.uow.run(async (trx, emit) => {
      const ctx = await this.current(trx, articleId, actor);
      assertCanActOnStep(actor, ctx.step, ctx.article, ctx.flow);
      if (toPosition >= ctx.flow.position) throw invalid('toPosition', '只能退回到拟稿人或之前的审核步骤');
      const now = nowIso(this.clock);
      await this.flows.closeTasks(trx, ctx.flow.id, 'done', actorAccountId(actor), now);
      await this.log(
        trx,
        ctx.flow.id,
        actor,
        ctx.step.position,
        ctx.step.name,
        'return',
        reason,
        toPosition,
        ctx.article,
        ctx.flow.revision_hash,
      );
      const target = toPosition === 0 ? '拟稿人' : ctx.chain.steps[toPosition - 1]!.name;
      if (toPosition === 0) {
        await this.flows.update(trx, ctx.flow.id, { state: 'returned', position: 0, updated_at: now });
        if (ctx.flow.retrospective !== 1)
          await this.articles.setFields(trx, articleId, { status: 'returned', status_reason: reason });
        if (ctx.flow.submission_id)
          await this.ledger.decide(trx, ctx.flow.submission_id, 'returned', now, actorAccountId(actor), reason);
        if (ctx.flow.drafter_id) {
          await this.flows.openTask(trx, {
            flowId: ctx.flow.id,
            articleId,
            position: 0,
            title: `修改后重新送审：${ctx.article.title}`,
            role: null,
            unitId: null,
            accountId: ctx.flow.drafter_id,
            excluded: null,
            dueAt: this.dueAt(48),
            now,
          });
        }
        await this.notifyDrafter(
          trx,
          ctx,
          '信息被退回修改',
          `“${ctx.article.title}”被“${ctx.step.name}”退回：${reason}`,
        );
      } else {
        const back = { ...ctx.flow, position: toPosition };
        await this.flows.update(trx, ctx.flow.id, { position: toPosition, updated_at: now });
        await this.openStep(trx, back, ctx.chain, ctx.article, `被“${ctx.step.name}”退回：${reason}`);
      }
      await emit({
        type: 'review.returned',
        actor,
        entityType: 'article',
        entityId: articleId,
        siteId: ctx.article.site_id,
        summary: `“${ctx.step.name}”将“${ctx.article.title}”退回${target}：${reason}`,
        details: { flowId: ctx.flow.id, toPosition },
      });
    });
  }

  async reject(actor: Actor, articleId: number, reason: string) {
    authorize(actor, 'review.act');
    await this.uow.run(async (trx, emit) => {
      const ctx = await this.current(trx, articleId, actor);
      assertCanActOnStep(actor, ctx.step, ctx.article, ctx.flow);
      const now = nowIso(this.clock);
      await this.flows.closeTasks(trx, ctx.flow.id, 'done', actorAccountId(actor), now);
      await this.log(
        trx,
        ctx.flow.id,
        actor,
        ctx.step.position,
        ctx.step.name,
        'reject',
        reason,
        null,
        ctx.article,
        ctx.flow.revision_hash,
      );
      await this.flows.update(trx, ctx.flow.id, { state: 'rejected', updated_at: now, finished_at: now });
      if (ctx.flow.submission_id)
        await this.ledger.decide(trx, ctx.flow.submission_id, 'not_adopted', now, actorAccountId(actor), reason);
      if (ctx.flow.retrospective === 1) {
        // Published in an emergency and refused afterwards: it must not stay online.
        await this.articles.takeDownIn(trx, emit, actor, ctx.article, 'withdrawn', `事后审核未通过：${reason}`);
      } else {
        await this.articles.setFields(trx, articleId, { status: 'rejected', status_reason: reason });
      }
      await this.notifyDrafter(trx, ctx, '信息未被采用', `“${ctx.article.title}”未被采用：${reason}`);
      await emit({
        type: 'review.rejected',
        actor,
        entityType: 'article',
        entityId: articleId,
        siteId: ctx.article.site_id,
        summary: `“${ctx.step.name}”不予采用“${ctx.article.title}”：${reason}`,
        details: { flowId: ctx.flow.id },
      });
    });
  }

  /** The drafter takes an item back before anyone decided on it. */
  async recall(actor: Actor, articleId: number, reason: string) {
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.write', articleId, trx);
      const flow = await this.flows.active(articleId, trx);
      if (flow?.state !== 'in_review' || flow.retrospective === 1)
        throw new AppError('CONFLICT', '该信息不在审核中，无需撤回');
      const now = nowIso(this.clock);
      await this.flows.closeTasks(trx, flow.id, 'cancelled', actorAccountId(actor), now);
      await this.log(trx, flow.id, actor, flow.position, '拟稿人', 'recall', reason, 0, article, flow.revision_hash);
      await this.flows.update(trx, flow.id, { state: 'cancelled', updated_at: now, finished_at: now });
      if (flow.submission_id)
        await this.ledger.decide(
          trx,
          flow.submission_id,
          'not_adopted',
          now,
          actorAccountId(actor),
          `报送单位撤回：${reason}`,
        );
      await this.articles.setFields(trx, articleId, { status: 'draft', status_reason: null });
      await emit({
        type: 'review.recalled',
        actor,
        entityType: 'article',
        entityId: articleId,
        siteId: article.site_id,
        summary: `撤回送审“${article.title}”：${reason}`,
        details: { flowId: flow.id },
      });
    });
  }

  // ------------------------------------------------------------------------------------------

  /** A new flow at step 1 and its submission in the ledger (by the item's channel). */
  async startFlow(
    trx: Executor,
    article: Article,
    chain: ChainView,
    hash: string,
    retrospective: boolean,
  ): Promise<number> {
    const now = nowIso(this.clock);
    const submissionId = await this.ledger.receive(trx, {
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
      drafter_id: article.created_by,
      started_at: now,
      updated_at: now,
      finished_at: null,
    });
  }

  /**
   * The open flow of an item and the step holding it; 409 when nothing is waiting for a decision. An
   * item the actor may neither read nor act on is "not found", as reading it would be: another unit's
   * leader learns nothing of its state or its step from a refusal.
   */
  async current(trx: Executor, articleId: number, actor: Actor): Promise<FlowContext> {
    const article = await this.articles.rowById(articleId, trx);
    if (!article) throw notFound('信息');
    const flow = await this.flows.active(articleId, trx);
    const chain = flow ? await this.chains.chainById(flow.chain_id, trx) : undefined;
    const step = flow?.state === 'in_review' ? chain?.steps[flow.position - 1] : undefined;
    const mayAct = flow !== undefined && step !== undefined && canActOnStep(actor, step, article, flow);
    if (!mayAct && !(await this.readable(trx, actor, articleId))) throw notFound('信息');
    if (flow?.state !== 'in_review') throw new AppError('CONFLICT', '该信息当前没有待审核的步骤');
    if (!step) throw new AppError('CONFLICT', '审核流程已被修改，当前步骤不存在，请联系系统管理员');
    return { article, flow, chain: chain!, step };
  }

  private async readable(trx: Executor, actor: Actor, articleId: number): Promise<boolean> {
    try {
      await this.articles.rowFor(actor, 'article.read', articleId, trx);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
      throw error;
    }
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
    const title = `${flow.retrospective ? '【紧急发布事后审核】' : ''}${step.name}：${article.title}`;
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
      body: `“${article.title}”等待您处理（${step.name}），请在 ${this.dueAt(step.dueHours).slice(0, 16).replace('T', ' ')}（UTC）前完成。${note ? `\n${note}` : ''}`,
      link: `/admin/articles/${article.id}/review`,
    });
  }

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

  private async notifyDrafter(trx: Executor, ctx: FlowContext, title: string, body: string) {
    if (!ctx.flow.drafter_id) return;
    await this.notify.notifyIn(trx, {
      accountIds: [ctx.flow.drafter_id],
      kind: 'review',
      title,
      body,
      link: `/admin/articles/${ctx.article.id}`,
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

  private dueAt(hours: number): string {
    return new Date(this.clock().getTime() + hours * 3600_000).toISOString();
  }
}

const STATUS_LABELS: Record<string, string> = {
  in_review: '审核中',
  approved: '待发布',
  scheduled: '定时发布',
  published: '已发布',
};
const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;
