import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId } from '../../platform/auth/actor.js';
import { authorize, type Scope } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { Emit, UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { htmlToText, sanitizeBody, summarize } from '../../platform/html/sanitize.js';
import type { SearchService } from '../../platform/search/search.js';
import type { ColumnsService } from '../sites/columns.service.js';
import { entry, isEditable, mayDelete, ONLINE } from './article-status.js';
import type { ArticleListRow, ArticlesRepository } from './articles.repository.js';
import type { AttachmentsService } from './attachments.service.js';
import type { ArticleInput, ArticleListQuery, ArticlePatch } from './content.schemas.js';
import type { IndexNumbersService } from './index-numbers.service.js';
import { disclosureRow, toArticleView, type ArticleView } from './article-view.js';
import { ArticleLifecycle } from './articles.lifecycle.js';
import { ArticleInputRules } from './article-input-rules.js';
import { ListingsRepository } from './listings.repository.js';

export class ArticlesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ArticlesRepository,
    private readonly columns: ColumnsService,
    private readonly attachments: AttachmentsService,
    private readonly search: SearchService,
    indexNumbers: IndexNumbersService, // numbering happens in the life-cycle writes
    private readonly clock: () => Date = () => new Date(),
    private readonly listings = new ListingsRepository(),
  ) {
    this.rules = new ArticleInputRules(repo, columns);
    const life = new ArticleLifecycle(repo, columns, attachments, search, indexNumbers, clock, listings);
    this.changeStatusIn = life.changeStatusIn.bind(life);
    this.goOnlineIn = life.goOnlineIn.bind(life);
    this.takeDownIn = life.takeDownIn.bind(life);
    this.correctIn = life.correctIn.bind(life);
    this.markReviewedIn = life.markReviewedIn.bind(life);
    this.setScheduledOfflineIn = life.setScheduledOfflineIn.bind(life);
    this.recordRevision = life.recordRevision.bind(life);
    this.currentSnapshot = life.currentSnapshot.bind(life);
    this.snapshotOfRow = life.snapshotOfRow.bind(life);
    this.reviseOnlineIn = life.reviseOnlineIn.bind(life);
    this.isDisclosureColumn = life.isDisclosureColumn.bind(life);
  }

  private readonly rules: ArticleInputRules;

  // The life-cycle writes (articles.lifecycle.ts), handed on so other modules keep one articles service.
  readonly changeStatusIn: ArticleLifecycle['changeStatusIn'];
  readonly goOnlineIn: ArticleLifecycle['goOnlineIn'];
  readonly takeDownIn: ArticleLifecycle['takeDownIn'];
  readonly correctIn: ArticleLifecycle['correctIn'];
  readonly markReviewedIn: ArticleLifecycle['markReviewedIn'];
  readonly setScheduledOfflineIn: ArticleLifecycle['setScheduledOfflineIn'];
  readonly recordRevision: ArticleLifecycle['recordRevision'];
  readonly currentSnapshot: ArticleLifecycle['currentSnapshot'];
  readonly snapshotOfRow: ArticleLifecycle['snapshotOfRow'];
  readonly reviseOnlineIn: ArticleLifecycle['reviseOnlineIn'];
  readonly isDisclosureColumn: ArticleLifecycle['isDisclosureColumn'];

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
    const column = await this.rules.assertColumn(trx, scope, input.columnId, 'columnId');
    await this.rules.assertExtraColumns(trx, scope, column.site_id, input.columnId, input.extraColumnIds);
    const unitId = await this.rules.unitFor(trx, actor, scope, input.unitId);
    await this.rules.assertPolicies(trx, scope, input.interpretsPolicyIds, null);
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
        channel: await this.rules.channelFor(actor, input.channel),
        published_at: null,
        revision: 1,
        imported: 0,
        is_top: input.isTop ? 1 : 0,
        index_no: null,
        ...disclosureRow(input.disclosure),
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
        throw new AppError(
          'CONFLICT',
          '已发布的信息不能直接修改：请用“修改（送审，原文保持在线）”提交修改稿，或先下线、修改后重新送审',
        );
      if (patch.expectedRevision !== undefined && patch.expectedRevision !== before.revision) {
        throw new AppError(
          'CONFLICT',
          `该信息已被他人修改（当前为第 ${before.revision} 版，您编辑的是第 ${patch.expectedRevision} 版），请刷新后再改`,
        );
      }
      const columnId = patch.columnId ?? before.column_id;
      const column =
        patch.columnId !== undefined
          ? await this.rules.assertColumn(trx, scope, patch.columnId, 'columnId')
          : (await this.columns.findById(columnId, trx))!;
      if (column.site_id !== before.site_id) throw invalid('columnId', '不能把信息移到其他站点的栏目');
      const extra = patch.extraColumnIds ?? (await this.repo.extraColumns(id, trx));
      if (patch.extraColumnIds !== undefined || patch.columnId !== undefined)
        await this.rules.assertExtraColumns(trx, scope, before.site_id, columnId, extra);
      const policies = patch.interpretsPolicyIds
        ? await this.rules.assertPolicies(trx, scope, patch.interpretsPolicyIds, id)
        : undefined;
      const unitId =
        patch.unitId !== undefined ? await this.rules.unitFor(trx, actor, scope, patch.unitId) : before.unit_id;
      const body = patch.bodyHtml !== undefined ? sanitizeBody(patch.bodyHtml) : before.body_html;
      const text = patch.bodyHtml !== undefined ? htmlToText(body) : before.body_text;
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
        ...(patch.disclosure && disclosureRow(patch.disclosure)),
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
      // Read again: a listener of 'article.updated' may have changed the status (an edit after approval
      // sends the item back under review), and the editor shows what the save really did.
      return this.view((await this.repo.get({ kind: 'all' }, id, trx))!, trx, scope);
    });
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
