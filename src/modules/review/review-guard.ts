import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId } from '../../platform/auth/actor.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { Emit } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import { awaitsReview, mayTake, transition } from '../content/article-status.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ChainsService } from './chains.service.js';
import type { FlowSteps } from './flow-steps.js';
import type { FlowsRepository } from './flows.repository.js';
import type { LedgerService } from './ledger.service.js';
import { canActOnStep } from './review-access.js';

/**
 * The review rules content obeys, applied to content's own events in the same transaction (content
 * does not know review; a rule that refuses rolls the change back):
 * - an item under review is locked, except for the people holding its current step (a proofreader
 *   may correct it): anyone else's edit is refused ('article.updated');
 * - an approval holds for the exact revision approved: an edit after approval sends the item back to
 *   the step its chain names (restart position), and the earlier approvals no longer count;
 * - items imported from the old portal count as submitted and adopted in the ledger ('import.articles').
 * The rest of an item's life is the life-cycle table's (content/article-status.ts): a published item is
 * changed by taking it offline, and only what passes the publish gate goes online (PublishingService).
 */
export class ReviewGuard {
  constructor(
    private readonly flows: FlowsRepository,
    private readonly chains: ChainsService,
    private readonly ledger: LedgerService,
    private readonly steps: FlowSteps,
    private readonly articles: ArticlesService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  register(events: EventBus): void {
    events.onTransaction(async (trx, event, emit) => {
      if (event.type === 'article.updated') {
        const article = await this.articles.rowById(Number(event.entityId), trx);
        if (!article) return;
        await this.assertMayEdit(trx, event.actor, article);
        await this.afterEdit(trx, emit, event.actor, article);
      } else if (event.type === 'import.articles') {
        await this.afterImport(trx, (event.data?.articleIds as number[] | undefined) ?? []);
      }
    });
  }

  /** Historical items came in through the import: each counts as submitted and adopted at its publish time. */
  async afterImport(trx: Executor, articleIds: readonly number[]): Promise<void> {
    for (const id of articleIds) {
      const a = await this.articles.rowById(id, trx);
      if (!a?.published_at) continue;
      await this.ledger.recordImported(trx, {
        unitId: a.unit_id,
        columnId: a.column_id,
        articleId: a.id,
        title: a.title,
        publishedAt: a.published_at,
      });
    }
  }

  /** An item under review is locked, except for the people holding its current step. */
  async assertMayEdit(trx: Executor, actor: Actor, article: Article): Promise<void> {
    if (!awaitsReview(article.status)) return;
    const flow = await this.flows.active(article.id, trx);
    if (flow?.state !== 'in_review') return;
    const chain = (await this.chains.chainById(flow.chain_id, trx))!;
    const step = chain.steps[flow.position - 1];
    if (!step || !canActOnStep(actor, step, article, flow)) {
      throw new AppError(
        'CONFLICT',
        `信息正在审核（第 ${flow.position} 步“${step?.name ?? '?'}”），已锁定，不能修改；如需修改请先撤回送审`,
      );
    }
  }

  /** An edit of an item under review or approved: the step keeps it, or its approvals are set aside. */
  async afterEdit(trx: Executor, emit: Emit, actor: Actor, article: Article): Promise<void> {
    if (!awaitsReview(article.status) && !mayTake('invalidate', article.status)) return;
    const flow = await this.flows.active(article.id, trx);
    if (!flow) return;
    const revisionHash = await this.articles.currentHash(article.id, trx);
    const chain = (await this.chains.chainById(flow.chain_id, trx))!;
    const now = nowIso(this.clock);
    const restart = Math.min(chain.restartPosition, chain.steps.length);
    const approvedSteps = flow.state === 'approved' ? chain.steps.length : flow.position - 1;
    if (approvedSteps < restart) {
      // Nobody has approved anything this edit could invalidate: the step keeps the item.
      await this.flows.update(trx, flow.id, {
        revision: article.revision,
        revision_hash: revisionHash,
        updated_at: now,
      });
      const stepName = chain.steps[flow.position - 1]?.name ?? '';
      await this.steps.log(trx, flow.id, actor, flow.position, stepName, 'edit', null, null, article, revisionHash);
      return;
    }
    await this.flows.closeTasks(trx, flow.id, 'cancelled', actorAccountId(actor), now);
    await this.flows.update(trx, flow.id, {
      state: 'in_review',
      position: restart,
      revision: article.revision,
      revision_hash: revisionHash,
      updated_at: now,
      finished_at: null,
    });
    const note = `内容在审核通过后被修改（第 ${article.revision} 版），之前的审核意见失效，退回第 ${restart} 步“${chain.steps[restart - 1]!.name}”重新审核`;
    await this.steps.log(
      trx,
      flow.id,
      actor,
      flow.position,
      '修改',
      'invalidated',
      note,
      restart,
      article,
      revisionHash,
    );
    const audit = { summary: `“${article.title}”${note}`, details: { flowId: flow.id, restart } };
    if (flow.retrospective !== 1 && mayTake('invalidate', article.status)) {
      // Approved or set to go online at a time: back under review, the time cancelled.
      const change = transition(article, 'invalidate', actor, { approvalOutdated: true });
      await this.articles.changeStatusIn(trx, emit, actor, article, change, audit, { scheduled_publish_at: null });
    } else {
      await emit({
        type: 'review.invalidated',
        actor,
        entityType: 'article',
        entityId: article.id,
        siteId: article.site_id,
        ...audit,
      });
    }
    await this.steps.openStep(trx, { ...flow, position: restart, state: 'in_review' }, chain, article, note);
  }
}
