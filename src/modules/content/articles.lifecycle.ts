import crypto from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId } from '../../platform/auth/actor.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { Emit } from '../../platform/db/unit-of-work.js';
import { htmlToText, sanitizeBody, summarize } from '../../platform/html/sanitize.js';
import type { SearchService } from '../../platform/search/search.js';
import type { ColumnsService } from '../sites/columns.service.js';
import { ONLINE, type StatusChange } from './article-status.js';
import { snapshotOf } from './article-view.js';

/** What a correction under review proposes for a published item (the rest of the item stays as it is). */
export interface CorrectionFields {
  title: string;
  subtitle?: string | null;
  summary?: string | null;
  bodyHtml: string;
}
import type { ArticlesRepository, StatusFields } from './articles.repository.js';
import type { AttachmentsService } from './attachments.service.js';
import type { IndexNumbersService } from './index-numbers.service.js';
import type { ListingsRepository } from './listings.repository.js';

/**
 * The writes of an item's life cycle: a status change the table allowed (article-status.ts), going
 * online and coming down, a correction of what is online, and the revisions they record. The review
 * module reaches them through ArticlesService (which hands these methods on), so every write of the
 * articles table still goes through ArticlesRepository.
 */
export class ArticleLifecycle {
  constructor(
    private readonly repo: ArticlesRepository,
    private readonly columns: ColumnsService,
    private readonly attachments: AttachmentsService,
    private readonly search: SearchService,
    private readonly indexNumbers: IndexNumbersService,
    private readonly clock: () => Date,
    private readonly listings: ListingsRepository,
  ) {}

  /** The review after an emergency publication cleared the item: it no longer shows as 未经审核. */
  async markReviewedIn(trx: Executor, id: number): Promise<void> {
    await this.repo.update(trx, id, { unreviewed: 0, updated_at: nowIso(this.clock) });
  }

  /** Set (or clear, with null) the time an item goes offline; whether it may is the caller's rule. */
  async setScheduledOfflineIn(trx: Executor, id: number, at: string | null): Promise<void> {
    await this.repo.update(trx, id, { scheduled_offline_at: at, updated_at: nowIso(this.clock) });
  }

  /**
   * Write a status change the life-cycle table allowed (article-status.ts transition()), with what
   * changes with it, and emit the change's event with the caller's words for the audit log.
   */
  async changeStatusIn(
    trx: Executor,
    emit: Emit,
    actor: Actor,
    a: Article,
    change: StatusChange,
    audit: { summary: string; details?: Record<string, unknown> },
    fields: Omit<StatusFields, 'updated_at'> = {},
  ): Promise<void> {
    await this.repo.setStatus(trx, change, { ...fields, updated_at: nowIso(this.clock) });
    const listed = change.from === ONLINE || change.to === ONLINE ? await this.listings.put(trx, a.id) : {};
    await emit({
      type: change.event,
      actor,
      entityType: 'article',
      entityId: a.id,
      siteId: a.site_id,
      summary: audit.summary,
      ...(audit.details && { details: audit.details }),
      // For the public pages' dependents (portal/dependents.ts), not the audit record.
      ...(Object.keys(listed).length > 0 && { data: { listed } }),
    });
  }

  /**
   * Put an item online with a change into 'published' (which the table gives only with the publish
   * gate's clearance). The publish time is the moment of publishing: it is never taken from input,
   * because a back-dated item is a national veto item (伪造发稿日期); republishing an item taken offline
   * keeps its first publish time. What the item carries is archived. Returns the publish time.
   */
  async goOnlineIn(
    trx: Executor,
    emit: Emit,
    actor: Actor,
    a: Article,
    change: StatusChange,
    fields: Pick<StatusFields, 'unreviewed'> = {},
  ): Promise<string> {
    if (change.to !== ONLINE) throw new Error(`goOnlineIn takes a change into '${ONLINE}', not '${change.to}'`);
    const publishedAt = a.published_at ?? nowIso(this.clock);
    const indexNo =
      a.index_no ??
      ((await this.isDisclosureColumn(a.column_id, trx))
        ? await this.indexNumbers.assign(trx, a.unit_id, publishedAt)
        : null);
    await this.changeStatusIn(
      trx,
      emit,
      actor,
      a,
      change,
      {
        summary: `发布信息“${a.title}”${indexNo ? `（索引号 ${indexNo}）` : ''}`,
        details: { revision: a.revision, publishedAt, indexNo },
      },
      { ...fields, published_at: publishedAt, index_no: indexNo, scheduled_publish_at: null, status_reason: null },
    );
    await this.search.index(trx, a.id);
    await this.attachments.archiveIn(trx, a.id, nowIso(this.clock));
    return publishedAt;
  }

  /**
   * Write a 勘误 of a published item (the review module decides whether it may: the table's
   * correct_minor, the office's setting, the size): its title and body as corrected, a new revision,
   * the search index. The item stays online; the caller then writes the table's change (which puts the
   * listings right and emits the audited event). Emits no 'article.updated': this is not an edit that
   * voids a review, it is the correction the office allowed of what was reviewed.
   */
  async correctIn(trx: Executor, actor: Actor, a: Article, fix: { title: string; bodyHtml: string }): Promise<Article> {
    const body = sanitizeBody(fix.bodyHtml);
    await this.repo.update(trx, a.id, {
      title: fix.title,
      body_html: body,
      body_text: htmlToText(body),
      revision: a.revision + 1,
      updated_by: actorAccountId(actor),
      updated_at: nowIso(this.clock),
    });
    await this.recordRevision(trx, actor, a.id);
    await this.search.index(trx, a.id);
    return (await this.repo.get({ kind: 'all' }, a.id, trx))!;
  }

  /** The fields of a published item a correction under review may change (review/revisions.service.ts). */
  static overlay(a: Article, fix: CorrectionFields): Article {
    const body = sanitizeBody(fix.bodyHtml);
    const text = htmlToText(body);
    return {
      ...a,
      title: fix.title,
      subtitle: fix.subtitle || null,
      summary: fix.summary || summarize(text) || null,
      body_html: body,
      body_text: text,
      revision: a.revision + 1,
    };
  }

  /**
   * Write an approved correction onto a published item as its next revision (the caller then writes the
   * table's apply_correction, which puts the listings right and emits the audited event). The publish
   * time and 索引号 stay; the search index follows.
   */
  async reviseOnlineIn(trx: Executor, actor: Actor, a: Article, fix: CorrectionFields): Promise<Article> {
    const next = ArticleLifecycle.overlay(a, fix);
    await this.repo.update(trx, a.id, {
      title: next.title,
      subtitle: next.subtitle,
      summary: next.summary,
      body_html: next.body_html,
      body_text: next.body_text,
      revision: next.revision,
      updated_by: actorAccountId(actor),
      updated_at: nowIso(this.clock),
    });
    await this.recordRevision(trx, actor, a.id);
    await this.search.index(trx, a.id);
    return (await this.repo.get({ kind: 'all' }, a.id, trx))!;
  }

  /** Take an item off the site with a change out of 'published' (下线 or 撤稿), the reason kept. */
  async takeDownIn(trx: Executor, emit: Emit, actor: Actor, a: Article, change: StatusChange, reason: string) {
    await this.changeStatusIn(
      trx,
      emit,
      actor,
      a,
      change,
      { summary: `${change.to === 'offline' ? '下线' : '撤稿'}信息“${a.title}”：${reason}`, details: { reason } },
      { status_reason: reason, scheduled_offline_at: null },
    );
    await this.search.remove(trx, a.id);
  }

  /** Disclosure items are those in the 信息公开 catalogue (a 'catalogue' column or below one). */
  async isDisclosureColumn(columnId: number, db?: Executor): Promise<boolean> {
    const chain = await this.columns.ancestors(columnId, db);
    return chain.some((c) => c.kind === 'catalogue');
  }

  /** What a revision of the item would record now, and its hash (the tamper check compares the two). */
  async currentSnapshot(id: number, db?: Executor): Promise<{ snapshot: string; hash: string } | undefined> {
    const a = await this.repo.get({ kind: 'all' }, id, db);
    return a ? this.snapshotOfRow(a, db) : undefined;
  }

  /**
   * The revision a row would record, with the item's relations as they are: for a proposed correction
   * (a row with the proposal laid over it) it is the hash the item will have once the proposal is written.
   */
  async snapshotOfRow(a: Article, db?: Executor): Promise<{ snapshot: string; hash: string }> {
    const id = a.id;
    const extra = await this.repo.extraColumns(id, db);
    const attachments = (await this.attachments.ofArticle(id, db)).map((f) => f.id);
    const { policies } = await this.repo.relations(id, db);
    const snapshot = JSON.stringify(snapshotOf(a, extra, attachments, policies));
    return { snapshot, hash: crypto.createHash('sha256').update(snapshot).digest('hex') };
  }

  async recordRevision(trx: Executor, actor: Actor, id: number): Promise<string> {
    const a = (await this.repo.get({ kind: 'all' }, id, trx))!;
    const { snapshot, hash } = (await this.currentSnapshot(id, trx))!;
    await this.repo.insertRevision(trx, {
      article_id: id,
      revision: a.revision,
      snapshot,
      hash,
      created_by: actorAccountId(actor),
      created_at: nowIso(this.clock),
    });
    return hash;
  }
}
