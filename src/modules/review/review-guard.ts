import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId } from '../../platform/auth/actor.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { Emit } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import type { ArticlesService, ContentGuard, PublishPath } from '../content/articles.service.js';
import type { ChainsService } from './chains.service.js';
import type { FlowsRepository } from './flows.repository.js';
import type { LedgerService } from './ledger.service.js';
import type { PublishGate } from './publish-gate.js';
import { canActOnStep } from './review-access.js';
import type { WorkflowService } from './workflow.service.js';

/**
 * The review rules content must obey:
 * - an item under review is locked, except for the people holding its current step (a proofreader
 *   may correct it);
 * - an approval holds for the exact revision approved: an edit after approval sends the item back to
 *   the step its chain names (restart position), and the earlier approvals no longer count;
 * - only what passes the publish gate goes online (publish-gate.ts: reviewed, the paper form, no
 *   blocking check);
 * - a published item is changed by taking it offline and submitting again.
 */
export class ReviewGuard implements ContentGuard {
  constructor(
    private readonly flows: FlowsRepository,
    private readonly chains: ChainsService,
    private readonly ledger: LedgerService,
    private readonly workflow: WorkflowService,
    private readonly articles: () => ArticlesService,
    private readonly gate: PublishGate,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async beforeEdit(trx: Executor, actor: Actor, article: Article): Promise<void> {
    if (article.status === 'published') {
      throw new AppError('CONFLICT', '已发布的信息不能直接修改：请先下线或撤稿，修改后重新送审');
    }
    if (article.status !== 'in_review') return;
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

  async afterEdit(trx: Executor, emit: Emit, actor: Actor, article: Article, revisionHash: string): Promise<void> {
    if (!['in_review', 'approved', 'scheduled'].includes(article.status)) return;
    const flow = await this.flows.active(article.id, trx);
    if (!flow) return;
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
      await this.workflow.log(
        trx,
        flow.id,
        actor,
        flow.position,
        chain.steps[flow.position - 1]?.name ?? '',
        'edit',
        null,
        null,
        article,
        revisionHash,
      );
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
    await this.workflow.log(
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
    if (flow.retrospective !== 1)
      await this.articles().setFields(trx, article.id, { status: 'in_review', scheduled_publish_at: null });
    await this.workflow.openStep(trx, { ...flow, position: restart, state: 'in_review' }, chain, article, note);
    await emit({
      type: 'review.invalidated',
      actor,
      entityType: 'article',
      entityId: article.id,
      siteId: article.site_id,
      summary: `“${article.title}”${note}`,
      details: { flowId: flow.id, restart },
    });
  }

  async beforePublish(trx: Executor, _actor: Actor, article: Article, path: PublishPath): Promise<void> {
    await this.gate.assertMayGoOnline(trx, article, path);
  }

  async afterImport(trx: Executor, article: Article): Promise<void> {
    await this.ledger.recordImported(trx, {
      unitId: article.unit_id,
      columnId: article.column_id,
      articleId: article.id,
      title: article.title,
      publishedAt: article.published_at!,
    });
  }

  async afterPublish(trx: Executor, actor: Actor, article: Article, publishedAt: string): Promise<void> {
    const flow = await this.flows.latest(article.id, trx);
    if (!flow) return;
    if (flow.submission_id)
      await this.ledger.decide(trx, flow.submission_id, 'adopted', publishedAt, actorAccountId(actor));
    await this.workflow.log(
      trx,
      flow.id,
      actor,
      flow.position,
      '发布',
      'publish',
      null,
      null,
      article,
      flow.revision_hash,
    );
  }
}
