import type { AuditAction } from '../../contract/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId } from '../../platform/auth/actor.js';
import { authorize, can } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid } from '../../platform/errors.js';
import { assertState, transition } from '../content/article-status.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ChainsService } from './chains.service.js';
import type { FlowSteps } from './flow-steps.js';
import type { FlowsRepository } from './flows.repository.js';
import type { LedgerService } from './ledger.service.js';
import type { PublishingService } from './publishing.service.js';
import { assertCanActOnStep } from './review-access.js';
import type { RevisionsService } from './revisions.service.js';
import type { Channel } from './review.schemas.js';
import { currentFlow, type FlowContext } from './flow-context.js';

export type { FlowContext } from './flow-context.js';

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

/**
 * Moves items through their review chain: submit, approve, return, reject, recall. Every step records
 * an action (actor, opinion, revision and its hash, address), closes and opens tasks, notifies the
 * people who must act next, and keeps the submission ledger in step; a change of the item's status is a
 * transition of the life-cycle table (content/article-status.ts), and going online is the publishing
 * service's.
 */
export class WorkflowService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly flows: FlowsRepository,
    private readonly chains: ChainsService,
    private readonly ledger: LedgerService,
    private readonly articles: ArticlesService,
    private readonly steps: FlowSteps,
    private readonly publishing: PublishingService,
    private readonly checks: ChecksGate,
    private readonly clock: () => Date = () => new Date(),
    /** Flows that review a correction of a published item (revisions.service.ts); set once both exist. */
    public revisions?: RevisionsService,
  ) {}

  async submit(actor: Actor, articleId: number, overrides: Array<{ checkId: number; reason: string }>) {
    await this.articles.rowFor(actor, 'article.write', articleId); // 404 before any work for others' items
    await this.checks.prepare(articleId);
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.write', articleId, trx);
      assertState(article, 'submit');
      await this.checks.pass(trx, actor, article, overrides);
      const hash = await this.articles.currentHash(articleId, trx);
      const now = nowIso(this.clock);
      const returned = article.status === 'returned' ? await this.flows.active(articleId, trx) : undefined;
      if (returned && returned.state === 'returned') {
        const chain = (await this.chains.chainById(returned.chain_id, trx))!;
        await this.steps.assertStaffed(trx, chain, article, returned.drafter_id);
        await this.flows.update(trx, returned.id, {
          state: 'in_review',
          position: 1,
          revision: article.revision,
          revision_hash: hash,
          updated_at: now,
        });
        await this.flows.closeTasks(trx, returned.id, 'done', actorAccountId(actor), now);
        await this.steps.log(trx, returned.id, actor, 0, '拟稿人', 'resubmit', null, 1, article, hash);
        if (returned.submission_id) await this.ledger.decide(trx, returned.submission_id, 'received', now, null);
        const change = transition(article, 'resubmit', actor, { checksPassed: true, chainStaffed: true });
        await this.articles.changeStatusIn(
          trx,
          emit,
          actor,
          article,
          change,
          {
            summary: `修改后重新送审“${article.title}”`,
            details: { flowId: returned.id, revision: article.revision, hash },
          },
          { status_reason: null },
        );
        await this.steps.openStep(trx, { ...returned, position: 1 }, chain, article);
        return;
      }
      const chain = await this.chains.resolve(article.column_id, article.channel as Channel, trx);
      await this.steps.assertStaffed(trx, chain, article, article.created_by);
      const flowId = await this.steps.startFlow(trx, article, chain, hash, false);
      await this.steps.log(trx, flowId, actor, 0, '拟稿人', 'submit', null, 1, article, hash);
      const change = transition(article, 'submit', actor, { checksPassed: true, chainStaffed: true });
      await this.articles.changeStatusIn(
        trx,
        emit,
        actor,
        article,
        change,
        {
          summary: `送审“${article.title}”（流程：${chain.name}）`,
          details: { flowId, chainId: chain.id, revision: article.revision, hash },
        },
        { status_reason: null },
      );
      await this.steps.openStep(trx, (await this.flows.get(flowId, trx))!, chain, article);
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
      await this.steps.log(
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
        await this.steps.openStep(trx, next, ctx.chain, ctx.article);
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
      const approved = {
        summary: `审核通过“${ctx.article.title}”（最后一步：${ctx.step.name}）：${input.opinion}`,
        details: { flowId: ctx.flow.id, position: ctx.step.position, hash: ctx.flow.revision_hash, final: true },
      };
      if (ctx.flow.correction_id !== null) {
        // A correction reviewed while the item stayed online: it becomes the item's next revision.
        await this.revisions!.applyIn(trx, emit, actor, ctx.flow, input.opinion);
        await this.notifyDrafter(
          trx,
          ctx,
          '修改稿已通过审核',
          `“${ctx.article.title}”的修改稿已通过审核，已替换原文。`,
        );
        return;
      }
      if (ctx.flow.retrospective === 1) {
        // An emergency publication passed its review after the fact: it stays online, the flag comes off.
        await emit(this.event('review.approved', actor, ctx.article, approved));
        await this.articles.markReviewedIn(trx, articleId);
        await this.notifyDrafter(trx, ctx, '紧急发布的信息已通过事后审核', `“${ctx.article.title}”已通过事后审核。`);
        return;
      }
      const change = transition(ctx.article, 'approve', actor, { holdsStep: true, lastStep: true, checksPassed: true });
      await this.articles.changeStatusIn(trx, emit, actor, ctx.article, change, approved);
      const fresh = (await this.articles.rowById(articleId, trx))!;
      const mayPublish = can(actor, 'article.publish');
      if ((input.publishNow || input.publishAt) && !mayPublish)
        throw invalid('publishNow', '您没有发布权限，请交由网站中心发布');
      if (ctx.chain.autoPublish || input.publishNow || input.publishAt) {
        await this.publishing.publishApproved(
          trx,
          emit,
          actor,
          fresh,
          input.publishNow || ctx.chain.autoPublish ? null : (input.publishAt ?? null),
          { autoPublish: ctx.chain.autoPublish },
        );
      } else {
        await this.steps.notifyPublishers(trx, fresh);
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
      await this.steps.log(
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
      const returned = {
        summary: `“${ctx.step.name}”将“${ctx.article.title}”退回${target}：${reason}`,
        details: { flowId: ctx.flow.id, toPosition },
      };
      if (toPosition === 0) {
        await this.flows.update(trx, ctx.flow.id, { state: 'returned', position: 0, updated_at: now });
        // An item published in an emergency, or online with a correction under review, stays online
        // while its drafter revises it.
        if (ctx.flow.correction_id !== null)
          await this.revisions!.returnedIn(trx, emit, actor, ctx.flow, ctx.article, reason);
        else if (ctx.flow.retrospective !== 1) {
          const change = transition(ctx.article, 'return', actor, {
            holdsStep: true,
            toDrafter: true,
            reasonGiven: reason.trim() !== '',
          });
          await this.articles.changeStatusIn(trx, emit, actor, ctx.article, change, returned, {
            status_reason: reason,
          });
        } else await emit(this.event('review.returned', actor, ctx.article, returned));
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
            dueAt: this.steps.dueAt(48),
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
        await this.steps.openStep(trx, back, ctx.chain, ctx.article, `被“${ctx.step.name}”退回：${reason}`);
        await emit(this.event('review.returned', actor, ctx.article, returned));
      }
    });
  }

  async reject(actor: Actor, articleId: number, reason: string) {
    authorize(actor, 'review.act');
    await this.uow.run(async (trx, emit) => {
      const ctx = await this.current(trx, articleId, actor);
      assertCanActOnStep(actor, ctx.step, ctx.article, ctx.flow);
      const now = nowIso(this.clock);
      await this.flows.closeTasks(trx, ctx.flow.id, 'done', actorAccountId(actor), now);
      await this.steps.log(
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
      const rejected = {
        summary: `“${ctx.step.name}”不予采用“${ctx.article.title}”：${reason}`,
        details: { flowId: ctx.flow.id },
      };
      if (ctx.flow.correction_id !== null) {
        await this.revisions!.rejectedIn(trx, emit, actor, ctx.flow, ctx.article, reason);
        await this.notifyDrafter(trx, ctx, '修改稿未被采用', `“${ctx.article.title}”的修改稿未被采用：${reason}`);
      } else if (ctx.flow.retrospective === 1) {
        // Published in an emergency and refused afterwards: it must not stay online.
        await this.publishing.retractIn(trx, emit, actor, ctx.article, reason);
        await this.notifyDrafter(trx, ctx, '信息未被采用', `“${ctx.article.title}”未被采用：${reason}`);
        await emit(this.event('review.rejected', actor, ctx.article, rejected));
      } else {
        const change = transition(ctx.article, 'reject', actor, { holdsStep: true, reasonGiven: reason.trim() !== '' });
        await this.articles.changeStatusIn(trx, emit, actor, ctx.article, change, rejected, { status_reason: reason });
        await this.notifyDrafter(trx, ctx, '信息未被采用', `“${ctx.article.title}”未被采用：${reason}`);
      }
    });
  }

  /** The drafter takes an item back before anyone decided on it. */
  async recall(actor: Actor, articleId: number, reason: string) {
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.write', articleId, trx);
      const flow = await this.flows.active(articleId, trx);
      if (flow?.state !== 'in_review' || flow.retrospective === 1)
        throw new AppError('CONFLICT', '该信息不在审核中，无需撤回');
      if (flow.correction_id !== null) throw new AppError('CONFLICT', '审核中的是修改稿：请撤回修改稿（原文保持在线）');
      const now = nowIso(this.clock);
      await this.steps.recall(trx, flow, actor, article, reason, now);
      if (flow.submission_id)
        await this.ledger.decide(
          trx,
          flow.submission_id,
          'not_adopted',
          now,
          actorAccountId(actor),
          `报送单位撤回：${reason}`,
        );
      const change = transition(article, 'recall', actor, { reviewOpen: true, reasonGiven: reason.trim() !== '' });
      await this.articles.changeStatusIn(
        trx,
        emit,
        actor,
        article,
        change,
        { summary: `撤回送审“${article.title}”：${reason}`, details: { flowId: flow.id } },
        { status_reason: null },
      );
    });
  }

  // ------------------------------------------------------------------------------------------

  /** The open flow of an item and the step holding it (flow-context.ts). */
  current(trx: Executor, articleId: number, actor: Actor): Promise<FlowContext> {
    const { articles, flows, chains, revisions } = this;
    return currentFlow({ articles, flows, chains, revisions }, trx, articleId, actor);
  }

  private notifyDrafter(trx: Executor, ctx: FlowContext, title: string, body: string) {
    return this.steps.notifyDrafter(trx, ctx.flow, ctx.article, title, body);
  }

  /** A review event about an item that does not change its status (the table's changes emit their own). */
  private event(
    type: AuditAction,
    actor: Actor,
    article: Article,
    audit: { summary: string; details?: Record<string, unknown> },
  ) {
    return { type, actor, entityType: 'article', entityId: article.id, siteId: article.site_id, ...audit };
  }
}
