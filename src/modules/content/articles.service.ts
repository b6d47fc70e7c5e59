import crypto from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId } from '../../platform/auth/actor.js';
import { authorize, can, type Scope } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { Emit, UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { htmlToText, sanitizeBody, summarize } from '../../platform/html/sanitize.js';
import type { SearchService } from '../../platform/search/search.js';
import type { ColumnsService } from '../sites/columns.service.js';
import { entry, isEditable, mayDelete, ONLINE, type StatusChange } from './article-status.js';
import type { ArticleListRow, ArticlesRepository, StatusFields } from './articles.repository.js';
import type { AttachmentsService } from './attachments.service.js';
import type { ArticleInput, ArticleListQuery, ArticlePatch } from './content.schemas.js';
import type { IndexNumbersService } from './index-numbers.service.js';
import { snapshotOf, toArticleView, type ArticleView } from './article-view.js';
import { ListingsRepository } from './listings.repository.js';

export class ArticlesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ArticlesRepository,
    private readonly columns: ColumnsService,
    private readonly attachments: AttachmentsService,
    private readonly search: SearchService,
    private readonly indexNumbers: IndexNumbersService,
    private readonly clock: () => Date = () => new Date(),
    private readonly listings = new ListingsRepository(),
  ) {}

  async list(
    actor: Actor,
    q: ArticleListQuery,
  ): Promise<{ items: ArticleListRow[]; total: number; page: number; pageSize: number }> {
    const scope = authorize(actor, 'article.read');
    let columnIds: number[] | null = null;
    if (q.columnId)
      columnIds = q.includeSubcolumns === 'true' ? await this.columns.subtreeIds(q.columnId) : [q.columnId];
    const { rows, total } = await this.repo.list(scope, q, columnIds);
    return { items: rows, total, page: q.page, pageSize: q.pageSize };
  }

  async get(actor: Actor, id: number): Promise<ArticleView> {
    const scope = authorize(actor, 'article.read');
    const row = await this.repo.get(scope, id);
    if (!row) throw notFound('信息');
    return this.view(row, undefined, scope);
  }

  /** Every file version the item has carried: current, and retired by corrections (kept once online). */
  async attachmentHistory(actor: Actor, id: number) {
    const scope = authorize(actor, 'article.read');
    if (!(await this.repo.get(scope, id))) throw notFound('信息');
    return this.attachments.historyOf(id);
  }

  /** The raw row of an article within the actor's scope for a permission (other modules' writes). */
  async rowFor(
    actor: Actor,
    permission: 'article.read' | 'article.write' | 'article.publish',
    id: number,
    db?: Executor,
  ): Promise<Article> {
    const row = await this.repo.get(authorize(actor, permission), id, db);
    if (!row) throw notFound('信息');
    return row;
  }

  rowById(id: number, db?: Executor): Promise<Article | undefined> {
    return this.repo.get({ kind: 'all' }, id, db);
  }

  /** Make a file the item's 审核表 scan (named with the actor's reading scope) and the one the item names. */
  async setReviewFormIn(trx: Executor, actor: Actor, articleId: number, attachmentId: number) {
    const done = await this.attachments.setReviewFormIn(
      trx,
      authorize(actor, 'article.read'),
      articleId,
      attachmentId,
      actorAccountId(actor),
    );
    await this.repo.update(trx, articleId, {
      review_form_attachment_id: attachmentId,
      updated_at: nowIso(this.clock),
    });
    return done;
  }

  /** The item's current files (not its 审核表 scan, not versions retired by a correction): what the checks read. */
  currentFiles(db: Executor, id: number) {
    return this.attachments.currentRows(db, id);
  }

  /** Whether the item names its scanned 审核表 and the file is still its own and current (the publish gate asks). */
  hasReviewFormScan(trx: Executor, article: Article): Promise<boolean> {
    return this.attachments.hasReviewFormScan(trx, article);
  }

  /** The review after an emergency publication cleared the item: it no longer shows as 未经审核. */
  async markReviewedIn(trx: Executor, id: number): Promise<void> {
    await this.repo.update(trx, id, { unreviewed: 0, updated_at: nowIso(this.clock) });
  }

  /** Set (or clear, with null) the time an item goes offline; whether it may is the caller's rule. */
  async setScheduledOfflineIn(trx: Executor, id: number, at: string | null): Promise<void> {
    await this.repo.update(trx, id, { scheduled_offline_at: at, updated_at: nowIso(this.clock) });
  }

  /** Items due to go online, and online items due to go offline, at `now` (the scheduler's round). */
  dueToPublish(now: string): Promise<number[]> {
    return this.repo.dueToPublish(now);
  }

  dueToGoOffline(now: string): Promise<number[]> {
    return this.repo.dueToGoOffline(now);
  }

  /**
   * Items an office leader published in an emergency whose review afterwards has not cleared them yet,
   * within the actor's reading scope (a unit sees its own). The admin app marks them "未经审核" wherever
   * items are listed; there are only ever a handful, so one small list serves every screen.
   */
  async unreviewed(actor: Actor) {
    const rows = await this.repo.unreviewed(authorize(actor, 'article.read'), 200);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      publishedAt: r.published_at,
      reason: r.status_reason,
    }));
  }

  /** Hash of the article's latest revision: what a reviewer's approval refers to. */
  async currentHash(id: number, db?: Executor): Promise<string> {
    return this.repo.latestRevisionHash(id, db);
  }

  async revisions(actor: Actor, id: number) {
    const scope = authorize(actor, 'article.read');
    if (!(await this.repo.get(scope, id))) throw notFound('信息');
    const rows = await this.repo.revisions(id);
    return rows.map((r) => ({
      revision: r.revision,
      hash: r.hash,
      createdAt: r.created_at,
      author: r.author,
      snapshot: JSON.parse(r.snapshot) as unknown,
    }));
  }

  async create(actor: Actor, input: ArticleInput): Promise<ArticleView> {
    return this.uow.run((trx, emit) => this.createIn(trx, emit, actor, input));
  }

  /** A new item inside the caller's transaction (intake records the mail and its draft together). */
  async createIn(trx: Executor, emit: Emit, actor: Actor, input: ArticleInput): Promise<ArticleView> {
    const scope = authorize(actor, 'article.write');
    const column = await this.assertColumn(trx, scope, input.columnId, 'columnId');
    await this.assertExtraColumns(trx, scope, column.site_id, input.columnId, input.extraColumnIds);
    const unitId = await this.unitFor(trx, actor, scope, input.unitId);
    await this.assertPolicies(trx, scope, input.interpretsPolicyIds, null);
    const body = sanitizeBody(input.bodyHtml);
    const text = htmlToText(body);
    const now = nowIso(this.clock);
    const id = await this.repo.insert(
      trx,
      {
        site_id: column.site_id,
        column_id: input.columnId,
        unit_id: unitId,
        type: input.type,
        title: input.title,
        subtitle: input.subtitle ?? null,
        summary: input.summary || summarize(text) || null,
        body_html: body,
        body_text: text,
        source: input.source ?? null,
        author: input.author ?? null,
        link_url: input.linkUrl ?? null,
        channel: await this.channelFor(actor, input.channel),
        published_at: null,
        revision: 1,
        imported: 0,
        is_top: input.isTop ? 1 : 0,
        index_no: null,
        doc_no: input.disclosure.docNo ?? null,
        written_on: input.disclosure.writtenOn ?? null,
        issuer: input.disclosure.issuer ?? null,
        topic_category: input.disclosure.topicCategory ?? null,
        genre: input.disclosure.genre ?? null,
        keywords: input.disclosure.keywords ?? null,
        validity: input.disclosure.validity ?? null,
        created_by: actorAccountId(actor),
        updated_by: actorAccountId(actor),
        created_at: now,
        updated_at: now,
      },
      entry('create', actor),
    );
    await this.repo.replaceExtraColumns(
      trx,
      id,
      input.extraColumnIds.filter((c) => c !== input.columnId),
    );
    await this.attachments.linkIn(trx, scope, id, input.attachmentIds, actorAccountId(actor));
    await this.repo.replacePolicies(trx, id, input.interpretsPolicyIds);
    const hash = await this.recordRevision(trx, actor, id);
    await emit({
      type: 'article.created',
      actor,
      entityType: 'article',
      entityId: id,
      siteId: column.site_id,
      summary: `新建信息“${input.title}”`,
      details: { revision: 1, hash },
    });
    return this.view((await this.repo.get({ kind: 'all' }, id, trx))!, trx, scope);
  }

  async update(actor: Actor, id: number, patch: ArticlePatch): Promise<ArticleView> {
    const scope = authorize(actor, 'article.write');
    return this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(scope, id, trx);
      if (!before) throw notFound('信息');
      // An item online is changed by taking it offline first. Under review, the review module's rules
      // (review-guard.ts, a listener on 'article.updated') lock it and send an approved one back.
      if (!isEditable(before.status))
        throw new AppError('CONFLICT', '已发布的信息不能直接修改：请先下线或撤稿，修改后重新送审');
      if (patch.expectedRevision !== undefined && patch.expectedRevision !== before.revision) {
        throw new AppError(
          'CONFLICT',
          `该信息已被他人修改（当前为第 ${before.revision} 版，您编辑的是第 ${patch.expectedRevision} 版），请刷新后再改`,
        );
      }
      const columnId = patch.columnId ?? before.column_id;
      const column =
        patch.columnId !== undefined
          ? await this.assertColumn(trx, scope, patch.columnId, 'columnId')
          : (await this.columns.findById(columnId, trx))!;
      if (column.site_id !== before.site_id) throw invalid('columnId', '不能把信息移到其他站点的栏目');
      const extra = patch.extraColumnIds ?? (await this.repo.extraColumns(id, trx));
      if (patch.extraColumnIds !== undefined || patch.columnId !== undefined)
        await this.assertExtraColumns(trx, scope, before.site_id, columnId, extra);
      const policies = patch.interpretsPolicyIds
        ? await this.assertPolicies(trx, scope, patch.interpretsPolicyIds, id)
        : undefined;
      const unitId = patch.unitId !== undefined ? await this.unitFor(trx, actor, scope, patch.unitId) : before.unit_id;
      const body = patch.bodyHtml !== undefined ? sanitizeBody(patch.bodyHtml) : before.body_html;
      const text = patch.bodyHtml !== undefined ? htmlToText(body) : before.body_text;
      const d = patch.disclosure;
      await this.repo.update(trx, id, {
        column_id: columnId,
        unit_id: unitId,
        ...(patch.type !== undefined && { type: patch.type }),
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.subtitle !== undefined && { subtitle: patch.subtitle }),
        ...(patch.summary !== undefined && { summary: patch.summary || summarize(text) || null }),
        body_html: body,
        body_text: text,
        ...(patch.source !== undefined && { source: patch.source }),
        ...(patch.author !== undefined && { author: patch.author }),
        ...(patch.linkUrl !== undefined && { link_url: patch.linkUrl }),
        ...(patch.isTop !== undefined && { is_top: patch.isTop ? 1 : 0 }),
        ...(d && {
          doc_no: d.docNo ?? null,
          written_on: d.writtenOn ?? null,
          issuer: d.issuer ?? null,
          topic_category: d.topicCategory ?? null,
          genre: d.genre ?? null,
          keywords: d.keywords ?? null,
          validity: d.validity ?? null,
        }),
        revision: before.revision + 1,
        updated_by: actorAccountId(actor),
        updated_at: nowIso(this.clock),
      });
      if (patch.extraColumnIds !== undefined || patch.columnId !== undefined)
        await this.repo.replaceExtraColumns(
          trx,
          id,
          extra.filter((c) => c !== columnId),
        );
      const retired = patch.attachmentIds
        ? await this.attachments.linkIn(trx, scope, id, patch.attachmentIds, actorAccountId(actor))
        : [];
      if (policies) await this.repo.replacePolicies(trx, id, policies);
      const after = (await this.repo.get({ kind: 'all' }, id, trx))!;
      if (after.status === ONLINE) {
        await this.search.index(trx, id);
        await this.listings.put(trx, id);
      }
      const hash = await this.recordRevision(trx, actor, id);
      for (const f of retired) {
        await emit({
          type: 'article.attachment_retired',
          actor,
          entityType: 'article',
          entityId: id,
          siteId: before.site_id,
          summary: `“${after.title}”第 ${after.revision} 版不再使用已发布过的附件“${f.original_name}”（原件存档，仍在附件历史中）`,
          details: { attachmentId: f.id, sha256: f.sha256, revision: after.revision },
        });
      }
      await emit({
        type: 'article.updated',
        actor,
        entityType: 'article',
        entityId: id,
        siteId: before.site_id,
        summary: `修改信息“${after.title}”（第 ${after.revision} 版）`,
        details: { revision: after.revision, hash, fields: Object.keys(patch).filter((k) => k !== 'expectedRevision') },
      });
      return this.view(after, trx, scope);
    });
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
    if (change.from === ONLINE || change.to === ONLINE) await this.listings.put(trx, a.id);
    await emit({
      type: change.event,
      actor,
      entityType: 'article',
      entityId: a.id,
      siteId: a.site_id,
      summary: audit.summary,
      ...(audit.details && { details: audit.details }),
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

  async remove(actor: Actor, id: number): Promise<void> {
    const scope = authorize(actor, 'article.delete');
    await this.uow.run(async (trx, emit) => {
      const a = await this.repo.get(scope, id, trx);
      if (!a) throw notFound('信息');
      if (a.published_at !== null)
        throw new AppError('CONFLICT', '该信息发布过，须存档备查，不能删除；不再公开的信息请下线或撤稿');
      if (!mayDelete(a.status)) {
        throw new AppError(
          'CONFLICT',
          a.status === ONLINE
            ? '已发布的信息不能直接删除，请先下线'
            : '审核中或待发布的信息不能删除，请先撤回或等待审核结束',
        );
      }
      await this.attachments.removeOfArticleIn(trx, id);
      await this.repo.delete(trx, id);
      await emit({
        type: 'article.deleted',
        actor,
        entityType: 'article',
        entityId: id,
        siteId: a.site_id,
        summary: `删除信息“${a.title}”`,
        details: { indexNo: a.index_no },
      });
    });
  }

  // ------------------------------------------------------------------------------------------

  /** Disclosure items are those in the 信息公开 catalogue (a 'catalogue' column or below one). */
  async isDisclosureColumn(columnId: number, db?: Executor): Promise<boolean> {
    const chain = await this.columns.ancestors(columnId, db);
    return chain.some((c) => c.kind === 'catalogue');
  }

  async recordRevision(trx: Executor, actor: Actor, id: number): Promise<string> {
    const a = (await this.repo.get({ kind: 'all' }, id, trx))!;
    const extra = await this.repo.extraColumns(id, trx);
    const attachments = (await this.attachments.ofArticle(id, trx)).map((f) => f.id);
    const { policies } = await this.repo.relations(id, trx);
    const snapshot = JSON.stringify(snapshotOf(a, extra, attachments, policies));
    const hash = crypto.createHash('sha256').update(snapshot).digest('hex');
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

  /**
   * Only the website centre enters items that arrived by e-mail or on paper (on the unit's behalf);
   * crawled items are made by the crawler alone (the system), never typed in as such.
   */
  private async channelFor(actor: Actor, channel: ArticleInput['channel']): Promise<string> {
    if (channel === 'crawl' && actor.kind !== 'system') throw invalid('channel', '“网站抓取”的信息只能由抓取任务生成');
    if (channel !== 'backoffice' && !can(actor, 'submission.write'))
      throw invalid('channel', '只有网站中心可以代录邮箱或纸质报送的信息');
    return channel;
  }

  private async unitFor(trx: Executor, actor: Actor, scope: Scope, requested: number | undefined): Promise<number> {
    if (scope.kind === 'unit') {
      if (requested !== undefined && requested !== scope.unitId) throw invalid('unitId', '只能以本单位名义发布信息');
      return scope.unitId;
    }
    if (requested !== undefined) {
      if ((await this.repo.unitShortName(requested, trx)) === undefined) throw invalid('unitId', '单位不存在');
      return requested;
    }
    if (actor.kind === 'account') return actor.unitId;
    throw invalid('unitId', '请指定发布单位');
  }

  private async assertColumn(trx: Executor, scope: Scope, columnId: number, field: string) {
    const column = await this.columns.findById(columnId, trx);
    if (!column) throw invalid(field, '栏目不存在');
    if (column.kind === 'link') throw invalid(field, `“${column.name}”是外链栏目，不能在其中发布信息`);
    if (column.kind === 'page') throw invalid(field, `“${column.name}”是单页栏目，请直接编辑栏目内容`);
    if (column.source_column_id !== null)
      throw invalid(field, `“${column.name}”显示的是其他栏目的信息，请发布到原栏目`);
    if (!(await this.repo.columnAllowed(scope, columnId, trx))) {
      throw new AppError('COLUMN_NOT_ALLOWED', `本单位不负责栏目“${column.name}”，不能在此栏目发布信息`, {
        issues: [{ field, message: '无权在此栏目发布' }],
      });
    }
    return column;
  }

  private async assertExtraColumns(
    trx: Executor,
    scope: Scope,
    siteId: number,
    homeId: number,
    ids: readonly number[],
  ) {
    for (const cid of ids) {
      if (cid === homeId) continue;
      const col = await this.assertColumn(trx, scope, cid, 'extraColumnIds');
      if (col.site_id !== siteId) throw invalid('extraColumnIds', `栏目“${col.name}”不属于同一站点`);
    }
  }

  /**
   * The policies an item may name as interpreted: those the actor may read (its scope, or published).
   * Another unit's draft is "not found", exactly as reading it would be. Links the actor cannot see
   * (made by the website centre) are neither revealed nor dropped: they are kept as they are.
   */
  private async assertPolicies(
    trx: Executor,
    scope: Scope,
    ids: readonly number[],
    selfId: number | null,
  ): Promise<number[]> {
    if (selfId !== null && ids.includes(selfId)) throw invalid('interpretsPolicyIds', '信息不能解读它自己');
    const existing = selfId === null ? [] : (await this.repo.relations(selfId, trx)).policies;
    const visible = new Set((await this.repo.titles([...new Set([...ids, ...existing])], trx, scope)).map((t) => t.id));
    const unseen = existing.filter((p) => !visible.has(p));
    if (ids.some((p) => !visible.has(p) && !existing.includes(p)))
      throw invalid('interpretsPolicyIds', '所解读的政策文件不存在');
    return [...new Set([...ids, ...unseen])];
  }

  /** The item as an actor sees it: related items outside the actor's reading scope are left out. */
  async view(a: Article, db?: Executor, scope: Scope = { kind: 'all' }): Promise<ArticleView> {
    const [column, extra, attachments, reviewForm, rel, unit, disclosure] = await Promise.all([
      this.columns.findById(a.column_id, db),
      this.repo.extraColumns(a.id, db),
      this.attachments.ofArticle(a.id, db),
      this.attachments.reviewFormOf(a.id, db),
      this.repo.relations(a.id, db),
      this.repo.unitShortName(a.unit_id, db),
      this.isDisclosureColumn(a.column_id, db),
    ]);
    const titles = await this.repo.titles([...rel.policies, ...rel.interpretations], db, scope);
    const pick = (ids: number[]) => titles.filter((t) => ids.includes(t.id));
    return toArticleView(a, {
      columnName: column?.name ?? '',
      columnPath: column?.path ?? '',
      extraColumnIds: extra,
      unitName: unit ?? '',
      isDisclosure: disclosure,
      attachments,
      reviewForm,
      policies: pick(rel.policies),
      interpretations: pick(rel.interpretations),
    });
  }
}
