import type { Logger } from 'pino';
import { actorAccountId, systemActor, type Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { Emit, UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid } from '../../platform/errors.js';
import { shanghaiDateTime } from '../../platform/time.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ChainsService } from './chains.service.js';
import type { FlowsRepository } from './flows.repository.js';
import type { PublishGate } from './publish-gate.js';
import type { ChecksGate, Publisher, WorkflowService } from './workflow.service.js';

/** A scheduled time missed by more than this was missed while the worker was down, and is said so. */
const LATE_MS = 2 * 60_000;

/**
 * Putting reviewed items online and taking them off: publish now or at a time, take offline at a
 * time, withdraw (撤稿), and the office leader's emergency publication with its review afterwards.
 * Publish times are the moment of publishing, never a time someone typed in (伪造发稿日期 is a
 * national veto item); a scheduled publish that ran late says so in the record.
 */
export class PublishingService implements Publisher {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly articles: ArticlesService,
    private readonly flows: FlowsRepository,
    private readonly chains: ChainsService,
    private readonly workflow: WorkflowService,
    private readonly gate: PublishGate,
    private readonly checks: ChecksGate,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async publishApproved(trx: Executor, emit: Emit, actor: Actor, article: Article, at: string | null): Promise<void> {
    if (at === null) {
      await this.articles.publishIn(trx, emit, actor, article, 'publish');
      return;
    }
    const when = Date.parse(at);
    if (!(when > this.clock().getTime())) throw invalid('publishAt', '定时发布时间须晚于当前时间');
    // A time is accepted only for an item that could go online now; the worker asks the gate again then.
    await this.gate.assertMayGoOnline(trx, article, 'schedule');
    await this.articles.setFields(trx, article.id, {
      status: 'scheduled',
      scheduled_publish_at: new Date(when).toISOString(),
    });
    const flow = await this.flows.latest(article.id, trx);
    if (flow)
      await this.workflow.log(
        trx,
        flow.id,
        actor,
        flow.position,
        '发布',
        'schedule',
        `定时发布：${shanghaiDateTime(new Date(when))}`,
        null,
        article,
        flow.revision_hash,
      );
    await emit({
      type: 'article.scheduled',
      actor,
      entityType: 'article',
      entityId: article.id,
      siteId: article.site_id,
      summary: `“${article.title}”定于 ${shanghaiDateTime(new Date(when))} 发布`,
    });
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
          if (article.status !== 'scheduled') throw new AppError('CONFLICT', '该信息没有定时发布，无需取消');
          await this.articles.setFields(trx, articleId, { status: 'approved', scheduled_publish_at: null });
          await emit({
            type: 'article.schedule_cancelled',
            actor,
            entityType: 'article',
            entityId: articleId,
            siteId: article.site_id,
            summary: `取消“${article.title}”的定时发布`,
          });
        } else {
          if (!['approved', 'scheduled'].includes(article.status))
            throw new AppError('CONFLICT', '只有审核通过、等待发布的信息才能定时发布');
          await this.publishApproved(trx, emit, actor, article, input.publishAt);
        }
      }
      if (input.offlineAt !== undefined) {
        if (input.offlineAt !== null) {
          const off = Date.parse(input.offlineAt);
          if (!(off > now)) throw invalid('offlineAt', '定时下线时间须晚于当前时间');
          const pub = article.scheduled_publish_at ? Date.parse(article.scheduled_publish_at) : null;
          if (pub !== null && off <= pub) throw invalid('offlineAt', '定时下线时间须晚于定时发布时间');
          if (['draft', 'returned', 'rejected', 'offline', 'withdrawn'].includes(article.status))
            throw new AppError('CONFLICT', '只能为已发布或即将发布的信息设置定时下线');
        }
        const offlineAt = input.offlineAt === null ? null : new Date(Date.parse(input.offlineAt)).toISOString();
        await this.articles.setFields(trx, articleId, { scheduled_offline_at: offlineAt });
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
      if (article.status !== 'published') throw new AppError('CONFLICT', '只有已发布的信息才能撤稿');
      await this.articles.takeDownIn(trx, emit, actor, article, 'withdrawn', reason);
      const flow = await this.flows.latest(articleId, trx);
      if (flow)
        await this.workflow.log(
          trx,
          flow.id,
          actor,
          flow.position,
          '撤稿',
          'withdraw',
          reason,
          null,
          article,
          flow.revision_hash,
        );
    });
    return this.articles.get(actor, articleId);
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
      if (['published', 'scheduled'].includes(article.status))
        throw new AppError(
          'CONFLICT',
          article.status === 'published' ? '该信息已经发布' : '该信息已定时发布，请先取消定时',
        );
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
        const id = await this.workflow.startFlow(trx, article, chain, hash, true);
        flow = (await this.flows.get(id, trx))!;
      }
      await this.workflow.log(trx, flow.id, actor, 0, '紧急发布', 'emergency_publish', reason, 1, article, hash);
      await this.articles.setFields(trx, articleId, { unreviewed: 1, status_reason: `紧急发布：${reason}` });
      await this.articles.publishIn(trx, emit, actor, (await this.articles.rowById(articleId, trx))!, 'emergency');
      await this.workflow.openStep(
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
      await this.articles.setFields(trx, articleId, { review_form_attachment_id: attachmentId });
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
    const db = this.uow.db;
    const due = await db
      .selectFrom('articles')
      .select(['id'])
      .where('status', '=', 'scheduled')
      .where('scheduled_publish_at', '<=', nowText)
      .execute();
    let published = 0;
    for (const { id } of due) {
      try {
        await this.checks.prepare(id);
        await this.uow.run(async (trx, emit) => {
          const a = await this.articles.rowById(id, trx);
          if (a?.status !== 'scheduled' || !a.scheduled_publish_at || a.scheduled_publish_at > nowText) return; // another worker took it
          const planned = a.scheduled_publish_at;
          const late = now.getTime() - Date.parse(planned) > LATE_MS;
          const flow = await this.flows.latest(id, trx);
          const note = late
            ? `定时发布补发：原定 ${shanghaiDateTime(planned)}，因服务停止未能按时发布，于 ${shanghaiDateTime(now)} 补发`
            : `定时发布：${shanghaiDateTime(planned)}`;
          if (flow)
            await this.workflow.log(
              trx,
              flow.id,
              actor,
              flow.position,
              '发布',
              late ? 'late_publish' : 'scheduled_publish',
              note,
              null,
              a,
              flow.revision_hash,
            );
          await this.articles.publishIn(trx, emit, actor, a, 'scheduled');
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
    const off = await db
      .selectFrom('articles')
      .select(['id'])
      .where('status', '=', 'published')
      .where('scheduled_offline_at', '<=', nowText)
      .execute();
    let offline = 0;
    for (const { id } of off) {
      await this.uow.run(async (trx, emit) => {
        const a = await this.articles.rowById(id, trx);
        if (a?.status !== 'published' || !a.scheduled_offline_at || a.scheduled_offline_at > nowText) return;
        await this.articles.takeDownIn(
          trx,
          emit,
          actor,
          a,
          'offline',
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
      if (a?.status !== 'scheduled') return;
      const planned = a.scheduled_publish_at;
      const note = `定时发布未执行（原定 ${planned ? shanghaiDateTime(planned) : '—'}）：${why}`;
      await this.articles.setFields(trx, id, {
        status: 'approved',
        scheduled_publish_at: null,
        status_reason: note.slice(0, 1000),
      });
      const flow = await this.flows.latest(id, trx);
      if (flow)
        await this.workflow.log(
          trx,
          flow.id,
          actor,
          flow.position,
          '发布',
          'schedule_refused',
          note,
          null,
          a,
          flow.revision_hash,
        );
      await this.workflow.notifyPublishers(trx, a, why);
      await emit({
        type: 'article.schedule_refused',
        actor,
        entityType: 'article',
        entityId: id,
        siteId: a.site_id,
        summary: `“${a.title}”${note}`,
        details: { planned, reason: why },
      });
    });
  }
}
