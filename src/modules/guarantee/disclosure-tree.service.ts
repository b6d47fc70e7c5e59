import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { Emit } from '../../platform/db/unit-of-work.js';
import type { DomainEvent, EventBus } from '../../platform/events.js';
import type { UnitView } from '../org/units.repository.js';
import type { UnitsService } from '../org/units.service.js';
import { toColumnView, type ColumnView } from '../sites/columns.repository.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { DisclosureTreeRepository, TreeRecord, TreeTemplateColumn } from './disclosure-tree.repository.js';
import type { DutiesService, StoredDuty } from './duties.service.js';
import { reworded as rewordedRule } from './duty-rule.js';

// Keeps each site's per-unit 信息公开 tree (list-tree.ts) in step with the unit list: every active unit
// of the tree's groups has its branch (named after the unit) with the template's columns, and each of
// those columns a duty of that unit alone. The guarantee-list import builds the tree; afterwards the
// unit events keep it: a new unit gets its branch, a renamed unit renames its branch, a unit that joins
// a group (its category, or the group's categories changed) gets one. Branches are never removed here:
// they carry published items, and a unit that left is simply no longer active.

export interface TreeChange {
  action: 'create' | 'update';
  entity: 'column' | 'duty';
  name: string;
  detail?: string;
}

export interface TreeSyncResult {
  units: number;
  branchesCreated: number;
  renamed: number;
  columnsCreated: number;
  dutiesCreated: number;
  dutiesUpdated: number;
  changes: TreeChange[];
}

export interface SyncOptions {
  siteId?: number;
  /** The date in force of duties made now (default today); `explicit` also moves existing ones. */
  effective?: { day: string; explicit: boolean };
}

const UNIT_EVENTS = new Set(['unit.created', 'unit.updated', 'group.created', 'group.updated']);

export class DisclosureTreeService {
  constructor(
    private readonly repo: DisclosureTreeRepository,
    private readonly columns: ColumnsService,
    private readonly units: UnitsService,
    private readonly duties: DutiesService,
    private readonly today: () => string,
  ) {}

  /** Follow the unit list: registered as a transactional listener, so the tree changes with the unit. */
  listen(events: EventBus): void {
    events.onTransaction(async (trx: Transaction<DB>, event: DomainEvent, emit) => {
      if (!UNIT_EVENTS.has(event.type)) return;
      await this.syncIn(trx, emit, event.actor);
    });
  }

  /** The site's tree: where it hangs, whose units get a branch, and the columns each branch has. */
  putIn(
    trx: Executor,
    t: { siteId: number; rootColumnId: number; groupIds: number[]; template: TreeTemplateColumn[] },
  ): Promise<{ id: number; created: boolean }> {
    return this.repo.put(trx, t);
  }

  async syncIn(trx: Executor, emit: Emit, actor: Actor, options: SyncOptions = {}): Promise<TreeSyncResult> {
    const result: TreeSyncResult = {
      units: 0,
      branchesCreated: 0,
      renamed: 0,
      columnsCreated: 0,
      dutiesCreated: 0,
      dutiesUpdated: 0,
      changes: [],
    };
    const trees = await this.repo.trees(trx, options.siteId);
    if (!trees.length) return result;
    const units = await this.units.all(trx);
    const groups = await this.units.groups(trx);
    for (const tree of trees) {
      const categories = new Set(groups.filter((g) => tree.groupIds.includes(g.id)).flatMap((g) => g.categories));
      const members = units.filter((u) => u.active && categories.has(u.category));
      result.units += members.length;
      if (members.length) await new TreeSync(this, trx, emit, actor, tree, options, result).run(members);
    }
    return result;
  }

  /** For TreeSync: the collaborators of one run. */
  get parts() {
    return { repo: this.repo, columns: this.columns, duties: this.duties, today: this.today };
  }
}

/** One tree brought in step within one transaction. */
class TreeSync {
  private columns!: ColumnView[];
  private paths = new Map<number, string>();

  constructor(
    private readonly service: DisclosureTreeService,
    private readonly trx: Executor,
    private readonly emit: Emit,
    private readonly actor: Actor,
    private readonly tree: TreeRecord,
    private readonly options: SyncOptions,
    private readonly result: TreeSyncResult,
  ) {}

  private get p() {
    return this.service.parts;
  }

  async run(members: UnitView[]): Promise<void> {
    this.columns = await this.p.columns.listBySite(this.tree.siteId, this.trx);
    const root = this.columns.find((c) => c.id === this.tree.rootColumnId);
    if (!root) return;
    const branches = await this.p.repo.branches(this.trx, this.tree.id);
    const taken = new Set(branches.values());
    const duties = await this.p.duties.forSiteIn(this.trx, this.tree.siteId);
    for (const unit of members) {
      let branch = this.columns.find((c) => c.id === branches.get(unit.id));
      if (!branch) {
        // A column already named after the unit (a tree made again) is adopted rather than doubled.
        branch =
          this.children(root.id).find((c) => c.name === unit.name && !taken.has(c.id)) ??
          (await this.create(root, unit.name, null, unit.sortOrder, unit));
        await this.p.repo.addBranch(this.trx, this.tree.id, unit.id, branch.id);
        taken.add(branch.id);
        this.result.branchesCreated++;
      } else if (branch.name !== unit.name) await this.rename(branch, unit);
      for (const [i, sub] of this.tree.template.entries()) {
        const column =
          this.children(branch.id).find((c) => c.name === sub.name) ??
          (await this.create(branch, sub.name, sub, (i + 1) * 10, unit));
        await this.ensureDuty(column, sub, unit, duties.get(column.id));
      }
    }
  }

  private children(parentId: number): ColumnView[] {
    return this.columns.filter((c) => c.parentId === parentId);
  }

  private pathOf(c: ColumnView): string {
    const known = this.paths.get(c.id);
    if (known) return known;
    const parent = c.parentId === null ? undefined : this.columns.find((x) => x.id === c.parentId);
    const path = parent ? `${this.pathOf(parent)}/${c.name}` : c.name;
    this.paths.set(c.id, path);
    return path;
  }

  private async create(
    parent: ColumnView,
    name: string,
    sub: TreeTemplateColumn | null,
    sortOrder: number,
    unit: UnitView,
  ): Promise<ColumnView> {
    const row = await this.p.columns.createIn(
      this.trx,
      {
        siteId: this.tree.siteId,
        parentId: parent.id,
        name,
        kind: 'list',
        inNav: true,
        sortOrder,
        updateClass: sub?.updateClass ?? null,
      },
      { proposedClass: true },
    );
    const view = toColumnView(row);
    this.columns.push(view);
    const path = this.pathOf(view);
    this.result.columnsCreated++;
    this.result.changes.push({
      action: 'create',
      entity: 'column',
      name: path,
      detail: `${unit.shortName}的信息公开栏目`,
    });
    await this.emit({
      type: 'column.created',
      actor: this.actor,
      entityType: 'column',
      entityId: row.id,
      siteId: this.tree.siteId,
      summary: `单位信息公开目录：为“${unit.name}”新建栏目“${path}”`,
      details: { unitId: unit.id, path: row.path },
    });
    return view;
  }

  private async rename(branch: ColumnView, unit: UnitView): Promise<void> {
    const before = this.pathOf(branch);
    await this.p.columns.updateIn(this.trx, branch.id, { name: unit.name }, { requireLinkUrl: false });
    branch.name = unit.name;
    this.paths.clear();
    this.result.renamed++;
    this.result.changes.push({
      action: 'update',
      entity: 'column',
      name: this.pathOf(branch),
      detail: `单位更名，原为“${before}”`,
    });
    await this.emit({
      type: 'column.updated',
      actor: this.actor,
      entityType: 'column',
      entityId: branch.id,
      siteId: this.tree.siteId,
      summary: `单位信息公开目录：单位更名，栏目“${before}”改为“${unit.name}”`,
      details: { unitId: unit.id, before: before, after: unit.name },
    });
  }

  private async ensureDuty(
    column: ColumnView,
    sub: TreeTemplateColumn,
    unit: UnitView,
    current: StoredDuty | undefined,
  ): Promise<void> {
    const path = this.pathOf(column);
    const effective = this.options.effective;
    if (!current) {
      const id = await this.p.duties.createIn(this.trx, {
        columnId: column.id,
        requirementText: sub.requirementText,
        rule: sub.rule,
        note: null,
        effectiveFrom: effective?.day ?? this.p.today(),
        parties: [{ unitId: unit.id, groupId: null, role: 'lead', label: unit.shortName }],
      });
      this.result.dutiesCreated++;
      this.result.changes.push({
        action: 'create',
        entity: 'duty',
        name: path,
        detail: `${unit.shortName}：${sub.requirementText}`,
      });
      await this.emit({
        type: 'duty.created',
        actor: this.actor,
        entityType: 'duty',
        entityId: id,
        siteId: this.tree.siteId,
        summary: `单位信息公开目录：新建栏目“${path}”的保障责任（${unit.shortName}：${sub.requirementText}）`,
      });
      return;
    }
    const reworded = current.requirementText !== sub.requirementText;
    const moved = !!effective?.explicit && current.effectiveFrom !== effective.day;
    if (!reworded && !moved) return;
    await this.p.duties.replaceIn(this.trx, current.id, {
      columnId: column.id,
      requirementText: sub.requirementText,
      // Same wording: the rule as it stands. New wording: its reading, with what was set by hand kept.
      rule: reworded ? rewordedRule(current.rule, sub.rule) : current.rule,
      note: current.note,
      effectiveFrom: moved ? effective.day : current.effectiveFrom,
      parties: current.parties,
    });
    this.result.dutiesUpdated++;
    const detail = [
      reworded ? `要求改为“${sub.requirementText}”` : null,
      moved ? `生效日期 ${current.effectiveFrom} → ${effective.day}` : null,
    ]
      .filter(Boolean)
      .join('；');
    this.result.changes.push({ action: 'update', entity: 'duty', name: path, detail });
    await this.emit({
      type: 'duty.updated',
      actor: this.actor,
      entityType: 'duty',
      entityId: current.id,
      siteId: this.tree.siteId,
      summary: `单位信息公开目录：更新栏目“${path}”的保障责任（${detail}）`,
      details: { before: { requirementText: current.requirementText, effectiveFrom: current.effectiveFrom } },
    });
  }
}
