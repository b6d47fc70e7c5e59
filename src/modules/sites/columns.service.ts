import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Column } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { sanitizeBody } from '../../platform/html/sanitize.js';
import {
  buildTree,
  toColumnView,
  type ColumnNode,
  type ColumnsRepository,
  type ColumnView,
} from './columns.repository.js';
import type { SitesRepository } from './sites.repository.js';
import type { ColumnInput, ColumnMove, ColumnPatch } from './sites.schemas.js';
import { slugify } from './slug.js';

export class ColumnsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ColumnsRepository,
    private readonly sites: SitesRepository,
  ) {}

  async tree(actor: Actor, siteId: number): Promise<ColumnNode[]> {
    authorize(actor, 'column.read');
    if (!(await this.sites.get(siteId))) throw notFound('站点');
    return buildTree(await this.repo.listBySite(siteId));
  }

  /** Flat list (public site and other modules). */
  listBySite(siteId: number, db?: Executor): Promise<ColumnView[]> {
    return this.repo.listBySite(siteId, db);
  }

  async get(actor: Actor, id: number): Promise<ColumnView & { ancestors: Array<{ id: number; name: string }> }> {
    authorize(actor, 'column.read');
    const row = await this.repo.get(id);
    if (!row) throw notFound('栏目');
    const ancestors = await this.repo.ancestors(id);
    return { ...toColumnView(row), ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })) };
  }

  findById(id: number, db?: Executor): Promise<Column | undefined> {
    return this.repo.get(id, db);
  }

  findByPath(siteId: number, path: string, db?: Executor): Promise<Column | undefined> {
    return this.repo.getByPath(siteId, path, db);
  }

  ancestors(id: number, db?: Executor): Promise<Column[]> {
    return this.repo.ancestors(id, db);
  }

  subtreeIds(id: number, db?: Executor): Promise<number[]> {
    return this.repo.subtreeIds(id, db);
  }

  /**
   * Create within an existing transaction (the guarantee-list import creates many at once). An
   * import may create an external-link column whose address nobody has written down yet; it reports
   * that as a gap instead of failing (`requireLinkUrl: false`), and its update class is a proposal
   * for the office to confirm (`proposedClass: true`); a class a person gives is confirmed.
   */
  async createIn(
    trx: Executor,
    input: ColumnInput,
    options: { requireLinkUrl?: boolean; proposedClass?: boolean } = {},
  ): Promise<Column> {
    if (!(await this.sites.get(input.siteId, trx))) throw invalid('siteId', '站点不存在');
    let parentPath = '';
    if (input.parentId !== null) {
      const parent = await this.repo.get(input.parentId, trx);
      if (!parent || parent.site_id !== input.siteId) throw invalid('parentId', '上级栏目不存在或不属于该站点');
      parentPath = `${parent.path}/`;
    }
    if (input.sourceColumnId) await this.assertSource(trx, input.siteId, input.sourceColumnId, null);
    if (input.kind === 'link' && !input.linkUrl && options.requireLinkUrl !== false)
      throw invalid('linkUrl', '外链栏目须填写链接地址');
    const base = input.slug ?? slugify(input.name);
    const slug = await this.freeSlug(trx, input.siteId, parentPath, base, null, input.slug !== undefined);
    const now = nowIso();
    const id = await this.repo.insert(trx, {
      site_id: input.siteId,
      parent_id: input.parentId,
      name: input.name,
      slug,
      path: parentPath + slug,
      kind: input.kind,
      sort_order: input.sortOrder ?? (await this.repo.nextSortOrder(input.parentId, input.siteId, trx)),
      in_nav: input.inNav ? 1 : 0,
      link_url: input.linkUrl ?? null,
      source_column_id: input.sourceColumnId ?? null,
      update_class: input.updateClass ?? null,
      update_class_proposed: options.proposedClass ? (input.updateClass ?? null) : null,
      update_class_confirmed: !options.proposedClass && input.updateClass ? 1 : 0,
      description: input.description ?? null,
      page_html: input.pageHtml ? sanitizeBody(input.pageHtml) : null,
      created_at: now,
      updated_at: now,
    });
    return (await this.repo.get(id, trx))!;
  }

  async create(actor: Actor, input: ColumnInput): Promise<ColumnView> {
    authorize(actor, 'column.write');
    return this.uow.run(async (trx, emit) => {
      const col = await this.createIn(trx, input);
      await emit({
        type: 'column.created',
        actor,
        entityType: 'column',
        entityId: col.id,
        siteId: col.site_id,
        summary: `新建栏目“${col.name}”（${col.path}）`,
        details: { input },
      });
      return toColumnView(col);
    });
  }

  async update(actor: Actor, id: number, patch: ColumnPatch): Promise<ColumnView> {
    authorize(actor, 'column.write');
    return this.uow.run(async (trx, emit) => {
      const before = await this.updateIn(trx, id, patch);
      await emit({
        type: 'column.updated',
        actor,
        entityType: 'column',
        entityId: id,
        siteId: before.site_id,
        summary: `修改栏目“${before.name}”`,
        details: { patch },
      });
      return toColumnView((await this.repo.get(id, trx))!);
    });
  }

  /**
   * Update within an existing transaction (the guarantee-list import fills in what a column lacks);
   * returns the row as it was before.
   */
  async updateIn(
    trx: Executor,
    id: number,
    patch: ColumnPatch,
    options: { requireLinkUrl?: boolean; proposedClass?: boolean } = {},
  ): Promise<Column> {
    const before = await this.repo.get(id, trx);
    if (!before) throw notFound('栏目');
    const kind = patch.kind ?? before.kind;
    const linkUrl = patch.linkUrl !== undefined ? patch.linkUrl : before.link_url;
    if (kind === 'link' && !linkUrl && options.requireLinkUrl !== false)
      throw invalid('linkUrl', '外链栏目须填写链接地址');
    if (patch.sourceColumnId) await this.assertSource(trx, before.site_id, patch.sourceColumnId, id);
    await this.repo.update(trx, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      kind,
      link_url: linkUrl,
      ...(patch.sortOrder !== undefined && { sort_order: patch.sortOrder }),
      ...(patch.inNav !== undefined && { in_nav: patch.inNav ? 1 : 0 }),
      ...(patch.sourceColumnId !== undefined && { source_column_id: patch.sourceColumnId }),
      // A class set by a person is the office's decision; one the import fills in stays a proposal.
      ...(patch.updateClass !== undefined &&
        (options.proposedClass
          ? { update_class: patch.updateClass, update_class_proposed: patch.updateClass }
          : { update_class: patch.updateClass, update_class_confirmed: 1 })),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.pageHtml !== undefined && { page_html: patch.pageHtml ? sanitizeBody(patch.pageHtml) : null }),
      updated_at: nowIso(),
    });
    if (patch.slug !== undefined && patch.slug !== before.slug) {
      const parentPath = before.path.slice(0, before.path.length - before.slug.length);
      const slug = await this.freeSlug(trx, before.site_id, parentPath, patch.slug, id, true);
      await this.repo.update(trx, id, { slug });
      await this.rewritePaths(trx, id);
    }
    return before;
  }

  /** The office confirms the update class in force as it stands (the guarantee module's class screen). */
  async confirmClassIn(trx: Executor, id: number): Promise<void> {
    await this.repo.update(trx, id, { update_class_confirmed: 1, updated_at: nowIso() });
  }

  /** Move under another parent and/or to another position among its siblings (drag and drop). */
  async move(actor: Actor, id: number, move: ColumnMove): Promise<ColumnView> {
    authorize(actor, 'column.write');
    return this.uow.run(async (trx, emit) => {
      const col = await this.repo.get(id, trx);
      if (!col) throw notFound('栏目');
      if (move.parentId !== null) {
        const parent = await this.repo.get(move.parentId, trx);
        if (!parent || parent.site_id !== col.site_id) throw invalid('parentId', '目标上级栏目不存在或不属于同一站点');
        const subtree = await this.repo.subtreeIds(id, trx);
        if (subtree.includes(move.parentId)) throw invalid('parentId', '不能把栏目移动到它自己或它的下级栏目之下');
      }
      if (move.parentId !== col.parent_id) {
        await this.repo.relink(trx, id, move.parentId);
        const parentPath = move.parentId === null ? '' : `${(await this.repo.get(move.parentId, trx))!.path}/`;
        const slug = await this.freeSlug(trx, col.site_id, parentPath, col.slug, id, false);
        await this.repo.update(trx, id, { slug });
        await this.rewritePaths(trx, id);
      }
      await this.placeAmongSiblings(trx, col.site_id, move.parentId, id, move.sortOrder);
      await emit({
        type: 'column.moved',
        actor,
        entityType: 'column',
        entityId: id,
        siteId: col.site_id,
        summary: `移动栏目“${col.name}”`,
        details: { from: { parentId: col.parent_id, sortOrder: col.sort_order }, to: move },
      });
      return toColumnView((await this.repo.get(id, trx))!);
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'column.write');
    await this.uow.run(async (trx, emit) => {
      const col = await this.repo.get(id, trx);
      if (!col) throw notFound('栏目');
      if ((await this.repo.children(id, col.site_id, trx)).length)
        throw new AppError('IN_USE', '栏目下还有子栏目，请先删除或移走子栏目');
      const n = await this.repo.countArticles(trx, id);
      if (n) throw new AppError('IN_USE', `栏目下还有 ${n} 条信息，请先移走或删除这些信息`);
      if (await this.repo.mirrorsOf(trx, id))
        throw new AppError('IN_USE', '其他栏目正在引用本栏目的信息，请先解除引用');
      await this.repo.delete(trx, id);
      await emit({
        type: 'column.deleted',
        actor,
        entityType: 'column',
        entityId: id,
        siteId: col.site_id,
        summary: `删除栏目“${col.name}”（${col.path}）`,
      });
    });
  }

  /** Renumber siblings so the moved column sits at the requested position (10, 20, 30, ...). */
  private async placeAmongSiblings(
    trx: Executor,
    siteId: number,
    parentId: number | null,
    id: number,
    position: number,
  ) {
    const siblings = (await this.repo.children(parentId, siteId, trx)).filter((c) => c.id !== id);
    const index = Math.max(0, Math.min(position, siblings.length));
    const order = [...siblings.slice(0, index).map((s) => s.id), id, ...siblings.slice(index).map((s) => s.id)];
    for (const [i, cid] of order.entries()) await this.repo.update(trx, cid, { sort_order: (i + 1) * 10 });
  }

  /** Recompute the slug paths of a column's subtree after its slug or parent changed. */
  private async rewritePaths(trx: Executor, id: number) {
    const ids = await this.repo.subtreeIds(id, trx);
    const rows = await this.repo.getMany(ids, trx);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const root = byId.get(id)!;
    const parentPath = root.parent_id === null ? '' : `${(await this.repo.get(root.parent_id, trx))!.path}/`;
    const paths = new Map<number, string>([[id, parentPath + root.slug]]);
    const pathOf = (r: Column): string => {
      const known = paths.get(r.id);
      if (known) return known;
      const p = `${pathOf(byId.get(r.parent_id!)!)}/${r.slug}`;
      paths.set(r.id, p);
      return p;
    };
    // Two passes so a swap of paths inside the subtree cannot hit the unique constraint midway.
    for (const r of rows) await this.repo.update(trx, r.id, { path: `~moving~${r.id}` });
    for (const r of rows) await this.repo.update(trx, r.id, { path: pathOf(r), updated_at: nowIso() });
  }

  private async freeSlug(
    trx: Executor,
    siteId: number,
    parentPath: string,
    base: string,
    exceptId: number | null,
    explicit: boolean,
  ) {
    if (!(await this.repo.pathTaken(siteId, parentPath + base, exceptId, trx))) return base;
    if (explicit) throw invalid('slug', `同级栏目中已有英文路径“${base}”`);
    for (let n = 2; ; n++) {
      const candidate = `${base}${n}`;
      if (!(await this.repo.pathTaken(siteId, parentPath + candidate, exceptId, trx))) return candidate;
    }
  }

  private async assertSource(trx: Executor, siteId: number, sourceId: number, selfId: number | null) {
    const src = await this.repo.get(sourceId, trx);
    if (!src || src.site_id !== siteId) throw invalid('sourceColumnId', '引用的栏目不存在或不属于同一站点');
    if (src.id === selfId) throw invalid('sourceColumnId', '栏目不能引用自身');
    if (src.source_column_id !== null)
      throw invalid('sourceColumnId', '被引用的栏目本身也在引用其他栏目，请直接引用原栏目');
  }
}
