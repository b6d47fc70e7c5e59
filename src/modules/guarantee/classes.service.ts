import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import type { ColumnView } from '../sites/columns.repository.js';
import type { ColumnsService } from '../sites/columns.service.js';
import { UPDATE_CLASS_LABELS, type UpdateClass } from '../sites/sites.schemas.js';
import type { SitesService } from '../sites/sites.service.js';
import type { DutiesService } from './duties.service.js';
import { windowLabel, type GuaranteeSettings } from './rules/params.js';

// The update class of every column, as the office confirms it: the guarantee-list import proposes a
// class from each column's name and place (update-class.ts); the website centre confirms it or picks
// another here, and the checks (应更新未更新, the 6-month 通知公告 rule, ...) use the class in force.

export interface ColumnClassView {
  columnId: number;
  siteId: number;
  path: string;
  kind: string;
  updateClass: UpdateClass | null;
  updateClassLabel: string | null;
  /** The window the class gives (in words), or that there is none. */
  windowLabel: string;
  proposed: UpdateClass | null;
  proposedLabel: string | null;
  confirmed: boolean;
  hasDuty: boolean;
  hasChildren: boolean;
}

const label = (c: UpdateClass | null) => (c ? UPDATE_CLASS_LABELS[c] : null);

export class ClassesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sites: SitesService,
    private readonly columns: ColumnsService,
    private readonly duties: DutiesService,
    private readonly settings: () => Promise<GuaranteeSettings>,
  ) {}

  /** Every column of a site but mirrors (they follow their source), in tree order. */
  async list(actor: Actor, siteId?: number): Promise<{ siteId: number; columns: ColumnClassView[] }> {
    if (authorize(actor, 'guarantee.read').kind !== 'all')
      throw forbidden('栏目更新类别由网站中心确认，请使用县级账号查看');
    const site = siteId ? await this.sites.get(actor, siteId) : await this.sites.forHost(undefined);
    if (!site) throw notFound('站点');
    const [columns, duties, settings] = await Promise.all([
      this.columns.listBySite(site.id),
      this.duties.forSiteIn(this.uow.db, site.id),
      this.settings(),
    ]);
    const byId = new Map(columns.map((c) => [c.id, c]));
    const parents = new Set(columns.map((c) => c.parentId).filter((id): id is number => id !== null));
    const pathOf = (c: ColumnView): string => {
      const parent = c.parentId === null ? undefined : byId.get(c.parentId);
      return parent ? `${pathOf(parent)}/${c.name}` : c.name;
    };
    const order = treeOrder(columns);
    return {
      siteId: site.id,
      columns: order
        .filter((c) => c.sourceColumnId === null)
        .map((c) => {
          const w = c.updateClass ? settings.windows[c.updateClass] : null;
          return {
            columnId: c.id,
            siteId: c.siteId,
            path: pathOf(c),
            kind: c.kind,
            updateClass: c.updateClass,
            updateClassLabel: label(c.updateClass),
            windowLabel: w ? `${windowLabel(w)}内须更新` : '无更新期限，只查空白',
            proposed: c.updateClassProposed,
            proposedLabel: label(c.updateClassProposed),
            confirmed: c.updateClassConfirmed,
            hasDuty: duties.has(c.id),
            hasChildren: parents.has(c.id),
          };
        }),
    };
  }

  /** Choose a column's class (null: no class, only the blank check): the office's decision. */
  async set(actor: Actor, columnId: number, updateClass: UpdateClass | null): Promise<void> {
    authorize(actor, 'guarantee.write');
    await this.uow.run(async (trx, emit) => {
      const before = await this.columns.findById(columnId, trx);
      if (!before) throw notFound('栏目');
      if (before.source_column_id !== null)
        throw invalid('columnId', `“${before.name}”显示的是其他栏目的信息，请设置原栏目的更新类别`);
      await this.columns.updateIn(trx, columnId, { updateClass }, { requireLinkUrl: false });
      await emit({
        type: 'column.class_confirmed',
        actor,
        entityType: 'column',
        entityId: columnId,
        siteId: before.site_id,
        summary: `确定栏目“${before.name}”的更新类别：${label(updateClass) ?? '不分类（只查空白）'}`,
        details: { before: before.update_class, proposed: before.update_class_proposed, after: updateClass },
      });
    });
  }

  /** Confirm the classes in force of several columns as they stand (the import's proposals, mostly). */
  async confirm(actor: Actor, columnIds: readonly number[]): Promise<{ confirmed: number }> {
    authorize(actor, 'guarantee.write');
    return this.uow.run(async (trx, emit) => {
      let confirmed = 0;
      for (const id of new Set(columnIds)) {
        const column = await this.columns.findById(id, trx);
        if (!column) throw notFound(`栏目 ${id}`);
        if (column.update_class_confirmed === 1) continue;
        await this.columns.confirmClassIn(trx, id);
        confirmed++;
        await emit({
          type: 'column.class_confirmed',
          actor,
          entityType: 'column',
          entityId: id,
          siteId: column.site_id,
          summary: `确认栏目“${column.name}”的更新类别：${label(column.update_class as UpdateClass | null) ?? '不分类（只查空白）'}`,
          details: { updateClass: column.update_class, proposed: column.update_class_proposed },
        });
      }
      return { confirmed };
    });
  }
}

/** Columns parent before children, siblings in their order: the order people see the tree in. */
function treeOrder(columns: readonly ColumnView[]): ColumnView[] {
  const children = new Map<number | null, ColumnView[]>();
  for (const c of columns) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  const out: ColumnView[] = [];
  const walk = (parent: number | null) => {
    for (const c of (children.get(parent) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}
