import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId } from '../../platform/auth/actor.js';
import type { EventBus } from '../../platform/events.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { Emit, UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { sanitizeBody } from '../../platform/html/sanitize.js';
import { isOnline, transition } from '../content/article-status.js';
import { ArticleLifecycle, type CorrectionFields } from '../content/articles.lifecycle.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ChainsService } from './chains.service.js';
import type { ChecksService } from './checks.service.js';
import type { FlowSteps } from './flow-steps.js';
import type { Flow, FlowsRepository } from './flows.repository.js';
import type { PublishGate } from './publish-gate.js';
import type { CorrectionRow, OPEN_CORRECTION_STATES, RevisionsRepository } from './revisions.repository.js';
import type { Channel } from './review.schemas.js';

export interface CorrectionInput {
  title: string;
  subtitle?: string | null;
  summary?: string | null;
  bodyHtml: string;
  reason: string;
  overrides: Array<{ checkId: number; reason: string }>;
}

/**
 * A published item corrected as a new revision that goes through the item's review chain while the
 * published revision stays online (issue 16 item 1). The proposal waits in article_corrections (the
 * public site reads only articles, so it shows the old text); its flow (review_flows.correction_id)
 * runs the same steps, the checks read the proposal laid over the item, numbered as the next revision;
 * the last approval writes it onto the item in the same transaction (the table's apply_correction,
 * through the publish gate's 'revision' path). A return or a refusal leaves the item as it is.
 */
export class RevisionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RevisionsRepository,
    private readonly flows: FlowsRepository,
    private readonly chains: ChainsService,
    private readonly articles: ArticlesService,
    private readonly steps: FlowSteps,
    private readonly checks: ChecksService,
    private readonly gate: PublishGate,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** An item taken off the site (下线, 撤稿) ends its open proposal: there is no online text left to correct. */
  register(events: EventBus): void {
    events.onTransaction(async (trx, event, emit) => {
      if (event.type !== 'article.unpublished' && event.type !== 'article.withdrawn') return;
      const open = await this.repo.open(Number(event.entityId), trx);
      const article = open && (await this.articles.rowById(open.article_id, trx));
      if (open && article) await this.endIn(trx, emit, event.actor, article, open, 'withdrawn', '信息已下线或撤稿');
    });
  }

  /** The item's open proposal with what it proposes, or null (the editor and the item's page ask). */
  async get(actor: Actor, articleId: number) {
    const article = await this.articles.rowFor(actor, 'article.read', articleId);
    const row = await this.repo.open(articleId);
    if (!row) return null;
    const flow = await this.repo.flowOf(row.id);
    const fields = JSON.parse(row.snapshot) as CorrectionFields;
    return {
      id: row.id,
      articleId,
      state: row.state as (typeof OPEN_CORRECTION_STATES)[number], // an open row is in one of these
      baseRevision: row.base_revision,
      publishedRevision: article.revision,
      reason: row.reason,
      draftedBy: row.drafted_by,
      drafterName: (await this.repo.drafterName(row.drafted_by))?.display_name ?? '',
      title: fields.title,
      subtitle: fields.subtitle ?? null,
      summary: fields.summary ?? null,
      bodyHtml: fields.bodyHtml,
      flowId: flow?.id ?? null,
      position: flow?.position ?? null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /**
   * Save the proposal (a new one, or the drafter's own one back for changes) and send it into review.
   * Saved and checked first in a transaction of its own, so a refusal by the checks keeps the text and
   * shows the findings with ids to answer; then submitted.
   */
  async propose(actor: Actor, articleId: number, input: CorrectionInput) {
    await this.articles.rowFor(actor, 'article.write', articleId); // 404 before any work for others' items
    const correctionId = await this.uow.run(async (trx) => {
      const article = await this.articles.rowFor(actor, 'article.write', articleId, trx);
      await this.assertMayPropose(trx, article);
      const open = await this.repo.open(articleId, trx);
      if (open?.state === 'in_review')
        throw new AppError('CONFLICT', '该信息已有修改稿在审核中，审核结束（或撤回修改稿）前不能再送审新的修改稿');
      if (open && open.drafted_by !== actorAccountId(actor)) {
        const who = (await this.repo.drafterName(open.drafted_by, trx))?.display_name ?? '';
        throw new AppError('CONFLICT', `该信息已有待修改的修改稿（拟稿人：${who}），同一信息只能有一份修改稿`);
      }
      const fields: CorrectionFields = {
        title: input.title.trim(),
        subtitle: input.subtitle ?? article.subtitle,
        summary: input.summary ?? article.summary,
        bodyHtml: sanitizeBody(input.bodyHtml), // kept as it would be published: reviewers and the editor read it
      };
      const snapshot = JSON.stringify(fields);
      const now = nowIso(this.clock);
      const changed = !open || open.snapshot !== snapshot || open.base_revision !== article.revision;
      const id = open
        ? open.id
        : await this.repo.insert(trx, {
            article_id: articleId,
            pending_article_id: articleId,
            base_revision: article.revision,
            snapshot,
            reason: input.reason,
            state: 'draft',
            drafted_by: actorAccountId(actor)!,
            applied_revision: null,
            created_at: now,
            updated_at: now,
            finished_at: null,
          });
      if (open)
        await this.repo.update(trx, id, {
          snapshot,
          reason: input.reason,
          base_revision: article.revision,
          updated_at: now,
        });
      await this.checks.refreshIn(trx, ArticleLifecycle.overlay(article, fields), changed);
      return id;
    });
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.write', articleId, trx);
      const row = (await this.repo.get(correctionId, trx))!;
      if (row.pending_article_id !== articleId || row.state === 'in_review')
        throw new AppError('CONFLICT', '修改稿状态已被他人改变，请刷新后重试');
      const proposal = ArticleLifecycle.overlay(article, JSON.parse(row.snapshot) as CorrectionFields);
      await this.checks.pass(trx, actor, proposal, input.overrides);
      const hash = (await this.articles.snapshotOfRow(proposal, trx)).hash;
      const now = nowIso(this.clock);
      const back = await this.repo.flowOf(row.id, trx);
      const chain = back
        ? (await this.chains.chainById(back.chain_id, trx))!
        : await this.chains.resolve(article.column_id, article.channel as Channel, trx);
      await this.steps.assertStaffed(trx, chain, article, row.drafted_by);
      const patch = {
        state: 'in_review',
        position: 1,
        revision: proposal.revision,
        revision_hash: hash,
        updated_at: now,
      };
      let flowId: number;
      if (back) {
        flowId = back.id;
        await this.flows.update(trx, back.id, patch);
        await this.flows.closeTasks(trx, back.id, 'done', actorAccountId(actor), now);
      } else {
        flowId = await this.flows.insert(trx, {
          ...patch,
          article_id: articleId,
          chain_id: chain.id,
          submission_id: null, // a correction is not a new submission of the unit's (the ledger counts items)
          channel: article.channel,
          retrospective: 0,
          correction_id: row.id,
          drafter_id: row.drafted_by,
          started_at: now,
          finished_at: null,
        });
      }
      const action = back ? 'resubmit' : 'submit';
      await this.steps.log(trx, flowId, actor, 0, '拟稿人', action, `修改已发布信息：${row.reason}`, 1, proposal, hash);
      await this.repo.update(trx, row.id, { state: 'in_review', updated_at: now });
      await emit({
        type: 'article.correction_proposed',
        actor,
        entityType: 'article',
        entityId: articleId,
        siteId: article.site_id,
        summary: `送审“${article.title}”的修改稿（第 ${proposal.revision} 版，原文第 ${article.revision} 版保持在线；流程：${chain.name}）：${row.reason}`,
        details: {
          correctionId: row.id,
          flowId,
          baseRevision: article.revision,
          hash,
          resubmitted: back !== undefined,
        },
      });
      await this.steps.openStep(trx, (await this.flows.get(flowId, trx))!, chain, proposal);
    });
    return this.get(actor, articleId);
  }

  /** The drafter (or a writer of the item) takes the proposal back; the published item is untouched. */
  async withdraw(actor: Actor, articleId: number, reason: string) {
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.write', articleId, trx);
      const open = await this.repo.open(articleId, trx);
      if (!open) throw new AppError('CONFLICT', '该信息没有待审核的修改稿');
      await this.endIn(trx, emit, actor, article, open, 'withdrawn', reason);
    });
  }

  /** What the checks of an item read now: its proposal while one is under review, else the item (checks.service.ts). */
  async proposalIn(trx: Executor, article: Article): Promise<Article> {
    const open = await this.repo.open(article.id, trx);
    if (open?.state !== 'in_review') return article;
    return ArticleLifecycle.overlay(article, JSON.parse(open.snapshot) as CorrectionFields);
  }

  // The workflow's hooks (workflow.service.ts) for a flow that reviews a proposal -------------------

  /** What a flow reviews: the item itself, or the item with its proposal laid over it. */
  async subjectIn(trx: Executor, article: Article, flow: Flow | undefined): Promise<Article> {
    if (flow?.correction_id == null) return article;
    const row = (await this.repo.get(flow.correction_id, trx))!;
    return ArticleLifecycle.overlay(article, JSON.parse(row.snapshot) as CorrectionFields);
  }

  /** The last approval: the proposal becomes the item's next revision, still online. */
  async applyIn(trx: Executor, emit: Emit, actor: Actor, flow: Flow, opinion: string): Promise<Article> {
    const row = (await this.repo.get(flow.correction_id!, trx))!;
    const article = (await this.articles.rowById(row.article_id, trx))!;
    if (article.revision !== row.base_revision)
      throw new AppError('CONFLICT', '原文在修改稿送审后已有新版本（如勘误），请退回拟稿人按最新版本修改后再审');
    const fresh = await this.articles.reviseOnlineIn(trx, actor, article, JSON.parse(row.snapshot) as CorrectionFields);
    const clearance = await this.gate.assertMayGoOnline(trx, fresh, 'revision');
    const change = transition(fresh, 'apply_correction', actor, {
      holdsStep: true,
      lastStep: true,
      checksPassed: true,
      clearance,
    });
    const now = nowIso(this.clock);
    await this.articles.changeStatusIn(trx, emit, actor, fresh, change, {
      summary: `修改稿审核通过，“${fresh.title}”第 ${fresh.revision} 版替换第 ${article.revision} 版（发布时间与索引号不变）：${opinion}`,
      details: { correctionId: row.id, flowId: flow.id, fromRevision: article.revision, revision: fresh.revision },
    });
    await this.repo.update(trx, row.id, {
      state: 'applied',
      pending_article_id: null,
      applied_revision: fresh.revision,
      updated_at: now,
      finished_at: now,
    });
    return fresh;
  }

  /** Returned to its drafter: the proposal waits for changes, the item stays as it is online. */
  async returnedIn(trx: Executor, emit: Emit, actor: Actor, flow: Flow, article: Article, reason: string) {
    await this.repo.update(trx, flow.correction_id!, { state: 'returned', updated_at: nowIso(this.clock) });
    await emit(
      this.event(
        'article.correction_returned',
        actor,
        article,
        `修改稿“${article.title}”被退回拟稿人：${reason}`,
        flow,
      ),
    );
  }

  /** Refused (不予采用): the proposal ends, the item stays as it is online. */
  async rejectedIn(trx: Executor, emit: Emit, actor: Actor, flow: Flow, article: Article, reason: string) {
    const row = (await this.repo.get(flow.correction_id!, trx))!;
    await this.close(trx, row, 'rejected');
    await emit(
      this.event('article.correction_rejected', actor, article, `修改稿“${article.title}”不予采用：${reason}`, flow),
    );
  }

  // ------------------------------------------------------------------------------------------

  private async assertMayPropose(trx: Executor, article: Article): Promise<void> {
    if (!isOnline(article.status))
      throw new AppError('CONFLICT', '只有已发布的信息才能送审修改稿；未发布的信息请直接修改');
    const flow = await this.flows.active(article.id, trx);
    if (flow?.retrospective === 1 && flow.state !== 'approved')
      throw new AppError('CONFLICT', '该信息正在紧急发布后的事后审核中，审核结束后再修改');
  }

  private async endIn(
    trx: Executor,
    emit: Emit,
    actor: Actor,
    article: Article,
    row: CorrectionRow,
    state: 'withdrawn',
    reason: string,
  ): Promise<void> {
    const flow = await this.repo.flowOf(row.id, trx);
    const now = nowIso(this.clock);
    if (flow) await this.steps.recall(trx, flow, actor, article, reason, now);
    await this.close(trx, row, state);
    await emit(
      this.event('article.correction_withdrawn', actor, article, `撤回“${article.title}”的修改稿：${reason}`, flow),
    );
  }

  /** End a proposal unapplied: it no longer holds the item's one open place, its findings are forgotten. */
  private async close(trx: Executor, row: CorrectionRow, state: 'withdrawn' | 'rejected'): Promise<void> {
    const now = nowIso(this.clock);
    await this.repo.update(trx, row.id, { state, pending_article_id: null, updated_at: now, finished_at: now });
    await this.checks.forgetIn(trx, row.article_id, row.base_revision + 1);
  }

  private event(
    type: 'article.correction_returned' | 'article.correction_rejected' | 'article.correction_withdrawn',
    actor: Actor,
    article: Article,
    summary: string,
    flow: Flow | undefined,
  ) {
    return {
      type,
      actor,
      entityType: 'article',
      entityId: article.id,
      siteId: article.site_id,
      summary,
      details: { flowId: flow?.id ?? null, correctionId: flow?.correction_id ?? null },
    } as const;
  }
}
