import type { Logger } from 'pino';
import { actorAccountId, systemActor, type Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { Emit, UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid } from '../../platform/errors.js';
import { shanghaiDateTime } from '../../platform/time.js';
import {
  ARTICLE_TRANSITIONS,
  assertState,
  mayScheduleOffline,
  mayTake,
  transition,
  type Facts,
} from '../content/article-status.js';
import type { ArticleView } from '../content/article-view.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ChainsService } from './chains.service.js';
import type { FlowSteps } from './flow-steps.js';
import type { FlowsRepository } from './flows.repository.js';
import type { LedgerService } from './ledger.service.js';
import type { PublishGate } from './publish-gate.js';
import type { ChecksGate } from './workflow.service.js';

/** A scheduled time missed by more than this was missed while the worker was down, and is said so. */
const LATE_MS = 2 * 60_000;

/** The life-cycle table's ways online (each names its path through the publish gate). */
type OnlineAction = 'publish' | 'publish_on_approval' | 'publish_due' | 'emergency_publish';

/**
 * Putting items online and taking them off, all of it: publish now (a publisher, or the last approval
 * of a chain that publishes on approval), at a time (and cancelling it), the scheduler's round, the
 * office leader's emergency publication with its review afterwards, taking offline (下线, now or at a
 * time) and withdrawing (撤稿). Every status change is a transition of the life-cycle table; every way
 * online passes the publish gate first (goOnline). Publish times are the moment of publishing, never a
 * time someone typed in (伪造发稿日期 is a national veto item); a scheduled publish that ran late says so.
 */
export class PublishingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly articles: ArticlesService,
    private readonly flows: FlowsRepository,
    private readonly chains: ChainsService,
    private readonly steps: FlowSteps,
    private readonly ledger: LedgerService,
    private readonly gate: PublishGate,
    private readonly checks: ChecksGate,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A publisher puts a reviewed item online now. */
  async publish(actor: Actor, articleId: number): Promise<ArticleView> {
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.publish', articleId, trx);
      await this.goOnline(trx, emit, actor, article, 'publish', {});
    });
    return this.articles.get(actor, articleId);
  }

  /** Take a published item offline (下线), the reason kept with it. */
  async unpublish(actor: Actor, articleId: number, reason: string): Promise<ArticleView> {
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.publish', articleId, trx);
      const change = transition(article, 'unpublish', actor, { reasonGiven: reason.trim() !== '' });
      await this.articles.takeDownIn(trx, emit, actor, article, change, reason);
    });
    return this.articles.get(actor, articleId);
  }

  /**
   * An item just approved goes online now or at a time. `approval.autoPublish` says the chain publishes
   * on approval, which the last approver may then do without the publish permission.
   */
  async publishApproved(
    trx: Executor,
    emit: Emit,
    actor: Actor,
    article: Article,
    at: string | null,
    approval: { autoPublish: boolean } = { autoPublish: false },
  ): Promise<void> {
    if (at === null) {
      if (approval.autoPublish)
        await this.goOnline(trx, emit, actor, article, 'publish_on_approval', {
          holdsStep: true,
          lastStep: true,
          autoPublish: true,
        });
      else await this.goOnline(trx, emit, actor, article, 'publish', {});
      return;
    }
    const when = Date.parse(at);
    if (!(when > this.clock().getTime())) throw invalid('publishAt', '定时发布时间须晚于当前时间');
    // A time is accepted only for an item that could go online now; the worker asks the gate again then.
    const clearance = await this.gate.assertMayGoOnline(trx, article, 'schedule');
    const change = transition(article, 'schedule', actor, { futureTime: true, clearance });
    const shown = shanghaiDateTime(new Date(when));
    await this.articles.changeStatusIn(
      trx,
      emit,
      actor,
      article,
      change,
      { summary: `“${article.title}”定于 ${shown} 发布` },
      { scheduled_publish_at: new Date(when).toISOString() },
    );
    await this.steps.logOnLatest(trx, actor, article, '发布', 'schedule', `定时发布：${shown}`);
  }

  /** Publish now or schedule publishing and/or taking offline. */
  async schedule(actor: Actor, articleId: number, input: { publishAt?: string | null; offlineAt?: string | null }) {
    await this.articles.rowFor(actor, 'article.publish', articleId); // 404 before any work for others' items
    if (input.publishAt) await this.checks.prepare(articleId);
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.publish', articleId, trx);
      const now = this.clock().getTime();
      if (input.publishAt !== undefined) {
        if (input.publishAt === null) {
          const change = transition(article, 'cancel_schedule', actor, {});
          await this.articles.changeStatusIn(
            trx,
            emit,
            actor,
            article,
            change,
            { summary: `取消“${article.title}”的定时发布` },
            { scheduled_publish_at: null },
          );
        } else {
          assertState(article, 'schedule');
          await this.publishApproved(trx, emit, actor, article, input.publishAt);
        }
      }
      if (input.offlineAt !== undefined) {
        if (input.offlineAt !== null) {
          const off = Date.parse(input.offlineAt);
          if (!(off > now)) throw invalid('offlineAt', '定时下线时间须晚于当前时间');
          const pub = article.scheduled_publish_at ? Date.parse(article.scheduled_publish_at) : null;
          if (pub !== null && off <= pub) throw invalid('offlineAt', '定时下线时间须晚于定时发布时间');
          if (!mayScheduleOffline(article.status))
            throw new AppError('CONFLICT', '只能为已发布或即将发布的信息设置定时下线');
        }
        const offlineAt = input.offlineAt === null ? null : new Date(Date.parse(input.offlineAt)).toISOString();
        await this.articles.setScheduledOfflineIn(trx, articleId, offlineAt);
        await emit({
          type: 'article.offline_scheduled',
          actor,
          entityType: 'article',
          entityId: articleId,
          siteId: article.site_id,
          summary: offlineAt
            ? `“${article.title}”定于 ${shanghaiDateTime(offlineAt)} 下线`
            : `取消“${article.title}”的定时下线`,
        });
      }
    });
    return this.articles.get(actor, articleId);
  }

  async withdraw(actor: Actor, articleId: number, reason: string) {
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.publish', articleId, trx);
      const change = transition(article, 'withdraw', actor, { reasonGiven: reason.trim() !== '' });
      await this.articles.takeDownIn(trx, emit, actor, article, change, reason);
      await this.steps.logOnLatest(trx, actor, article, '撤稿', 'withdraw', reason);
    });
    return this.articles.get(actor, articleId);
  }

  /** An item published in an emergency and refused by its review afterwards must not stay online. */
  async retractIn(trx: Executor, emit: Emit, actor: Actor, article: Article, reason: string): Promise<void> {
    const change = transition(article, 'retract', actor, {
      holdsStep: true,
      retrospective: true,
      reasonGiven: reason.trim() !== '',
    });
    await this.articles.takeDownIn(trx, emit, actor, article, change, `事后审核未通过：${reason}`);
  }

  /**
   * The office leader publishes at once, with a stated reason. The item shows as "未经审核" until its
   * review, which starts now and runs after the fact, clears it; if that review refuses it, it is withdrawn.
   */
  async emergencyPublish(actor: Actor, articleId: number, reason: string) {
    authorize(actor, 'review.emergency');
    await this.articles.rowFor(actor, 'article.publish', articleId);
    // The checks run first, in a transaction of their own: a refused publication still shows its findings.
    await this.checks.prepare(articleId);
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.publish', articleId, trx);
      assertState(article, 'emergency_publish');
      const now = nowIso(this.clock);
      const hash = await this.articles.currentHash(articleId, trx);
      let flow = await this.flows.active(articleId, trx);
      const chain = flow
        ? (await this.chains.chainById(flow.chain_id, trx))!
        : await this.chains.resolve(article.column_id, article.channel as never, trx);
      if (flow) {
        await this.flows.closeTasks(trx, flow.id, 'cancelled', actorAccountId(actor), now);
        await this.flows.update(trx, flow.id, {
          state: 'in_review',
          position: 1,
          retrospective: 1,
          revision: article.revision,
          revision_hash: hash,
          updated_at: now,
          finished_at: null,
        });
      } else {
        const id = await this.steps.startFlow(trx, article, chain, hash, true);
        flow = (await this.flows.get(id, trx))!;
      }
      await this.steps.log(trx, flow.id, actor, 0, '紧急发布', 'emergency_publish', reason, 1, article, hash);
      await this.goOnline(trx, emit, actor, article, 'emergency_publish', { reasonGiven: true }, { unreviewed: 1 });
      await this.steps.openStep(
        trx,
        { ...flow, position: 1, retrospective: 1 },
        chain,
        article,
        `紧急发布理由：${reason}`,
      );
      await emit({
        type: 'review.emergency_published',
        actor,
        entityType: 'article',
        entityId: articleId,
        siteId: article.site_id,
        summary: `紧急发布“${article.title}”（未经审核，事后审核中）：${reason}`,
        details: { reason, flowId: flow.id },
      });
    });
    return this.articles.get(actor, articleId);
  }

  /**
   * Attach the scanned, signed and stamped 审核表 of a paper submission. The file is named with the same
   * scope as reading it (a unit account cannot name another unit's file). Once the item has been online
   * the scan is archived: a new one is a correction, and the old one stays in the item's file history.
   */
  async setReviewFormScan(actor: Actor, articleId: number, attachmentId: number) {
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.write', articleId, trx);
      const { file, previous } = await this.articles.setReviewFormIn(trx, actor, articleId, attachmentId);
      const corrected = previous?.archived_at != null;
      await emit({
        type: corrected ? 'article.review_form_corrected' : 'article.review_form_scanned',
        actor,
        entityType: 'article',
        entityId: articleId,
        siteId: article.site_id,
        summary: corrected
          ? `更正“${article.title}”的纸质审核表扫描件：“${previous.original_name}”（原件存档）→“${file.original_name}”`
          : `上传“${article.title}”的纸质审核表扫描件“${file.original_name}”`,
        details: {
          attachmentId,
          sha256: file.sha256,
          ...(previous && { previousId: previous.id, previousSha256: previous.sha256 }),
        },
      });
    });
    return this.articles.get(actor, articleId);
  }

  /**
   * The worker's round: publish what is due, take offline what is due. Runs at start-up too, so what
   * was due while the service was down happens as soon as it is back, recorded as late.
   */
  async runDue(log?: Logger): Promise<{ published: number; offline: number }> {
    const now = this.clock();
    const nowText = now.toISOString();
    const actor = systemActor('scheduler');
    let published = 0;
    for (const id of await this.articles.dueToPublish(nowText)) {
      try {
        await this.checks.prepare(id);
        await this.uow.run(async (trx, emit) => {
          const a = await this.articles.rowById(id, trx);
          // Another worker took it, or it was cancelled or moved since the list was read.
          if (!a || !mayTake('publish_due', a.status) || !a.scheduled_publish_at || a.scheduled_publish_at > nowText)
            return;
          const planned = a.scheduled_publish_at;
          const late = now.getTime() - Date.parse(planned) > LATE_MS;
          const note = late
            ? `定时发布补发：原定 ${shanghaiDateTime(planned)}，因服务停止未能按时发布，于 ${shanghaiDateTime(now)} 补发`
            : `定时发布：${shanghaiDateTime(planned)}`;
          await this.steps.logOnLatest(trx, actor, a, '发布', late ? 'late_publish' : 'scheduled_publish', note);
          await this.goOnline(trx, emit, actor, a, 'publish_due', { due: true });
          await emit({
            type: late ? 'article.published_late' : 'article.published_scheduled',
            actor,
            entityType: 'article',
            entityId: id,
            siteId: a.site_id,
            summary: `${note}：“${a.title}”`,
            details: { planned, late },
          });
        });
        published++;
      } catch (error) {
        // One item that cannot be published must not stop the rest. A refusal of the gate (no scan, a
        // check that now blocks, an approval that no longer matches) will not pass by retrying: the item
        // goes back to 待发布 with the reason, and the website centre is told.
        if (error instanceof AppError) await this.refuseScheduled(id, actor, error.message);
        else log?.error({ err: error, articleId: id }, 'scheduled publish failed');
      }
    }
    let offline = 0;
    for (const id of await this.articles.dueToGoOffline(nowText)) {
      await this.uow.run(async (trx, emit) => {
        const a = await this.articles.rowById(id, trx);
        if (!a || !mayTake('unpublish_due', a.status) || !a.scheduled_offline_at || a.scheduled_offline_at > nowText)
          return;
        const change = transition(a, 'unpublish_due', actor, { due: true });
        await this.articles.takeDownIn(
          trx,
          emit,
          actor,
          a,
          change,
          `定时下线（${shanghaiDateTime(a.scheduled_offline_at)}）`,
        );
      });
      offline++;
    }
    return { published, offline };
  }

  private async refuseScheduled(id: number, actor: Actor, why: string): Promise<void> {
    await this.uow.run(async (trx, emit) => {
      const a = await this.articles.rowById(id, trx);
      if (!a || !mayTake('refuse_schedule', a.status)) return;
      const planned = a.scheduled_publish_at;
      const note = `定时发布未执行（原定 ${planned ? shanghaiDateTime(planned) : '—'}）：${why}`;
      const change = transition(a, 'refuse_schedule', actor, { due: true, gateRefused: true });
      await this.articles.changeStatusIn(
        trx,
        emit,
        actor,
        a,
        change,
        { summary: `“${a.title}”${note}`, details: { planned, reason: why } },
        { scheduled_publish_at: null, status_reason: note.slice(0, 1000) },
      );
      await this.steps.logOnLatest(trx, actor, a, '发布', 'schedule_refused', note);
      await this.steps.notifyPublishers(trx, a, why);
    });
  }

  /**
   * THE way online. The gate judges the item as it is now on the path the action names; the life-cycle
   * table turns its clearance into the change; content writes it (publish time, 索引号, archive); the
   * review records the publication on the flow and the ledger counts the submission adopted.
   */
  private async goOnline<A extends OnlineAction>(
    trx: Executor,
    emit: Emit,
    actor: Actor,
    article: Article,
    action: A,
    facts: Omit<Facts<A>, 'clearance'>,
    fields: { unreviewed?: number } = {},
  ): Promise<void> {
    assertState(article, action);
    const clearance = await this.gate.assertMayGoOnline(trx, article, ARTICLE_TRANSITIONS[action].gate);
    const change = transition(article, action, actor, { ...facts, clearance } as unknown as Facts<A>);
    const publishedAt = await this.articles.goOnlineIn(trx, emit, actor, article, change, fields);
    const flow = await this.flows.latest(article.id, trx);
    if (!flow) return;
    if (flow.submission_id)
      await this.ledger.decide(trx, flow.submission_id, 'adopted', publishedAt, actorAccountId(actor));
    await this.steps.log(
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
