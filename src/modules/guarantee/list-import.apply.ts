import type { AuditAction } from '../../contract/audit.js';
import type { ImportChange, ImportSummary } from '../../contract/guarantee-import.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Executor } from '../../platform/db/helpers.js';
import type { Emit } from '../../platform/db/unit-of-work.js';
import type { UnitNameIndex } from '../org/unit-names.js';
import type { UnitsService } from '../org/units.service.js';
import type { ColumnView } from '../sites/columns.repository.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { ColumnInput, ColumnPatch } from '../sites/sites.schemas.js';
import type { PartyValues } from './duties.repository.js';
import type { DutiesService, DutySpec } from './duties.service.js';
import { reworded } from './duty-rule.js';
import type { ListPlan, PlanColumn } from './list-plan.js';
import { UNIT_GROUPS, type PartySpec } from './responsibility.js';
import { UnitCatalogue } from './unit-catalogue.js';
import type { DisclosureTreeService } from './disclosure-tree.service.js';
import { applyTree } from './list-import.tree.js';

// Applies a list plan inside the import's transaction. Everything is matched before anything is made:
// columns by (parent, name), units by every name they answer to, groups by name, duties by column. So
// running the same list twice finds everything in place and changes nothing.

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

// The import's reply is the contract's (contract/guarantee-import.ts), re-exported for this module.
export type { ImportChange, ImportSummary };

export interface ImportDeps {
  columns: ColumnsService;
  units: UnitsService;
  duties: DutiesService;
  catalogue: UnitCatalogue;
  tree: DisclosureTreeService;
}

const counts = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });
const partyKey = (p: PartyValues) => `${p.role}|${p.unitId ?? ''}|${p.groupId ?? ''}|${p.label}`;
const sameParties = (a: readonly PartyValues[], b: readonly PartyValues[]) =>
  a.length === b.length && JSON.stringify(a.map(partyKey).sort()) === JSON.stringify(b.map(partyKey).sort());

export class ImportRun {
  readonly changes: ImportChange[] = [];
  readonly summary: ImportSummary;
  private index!: UnitNameIndex;
  private readonly unitOf = new Map<string, number | null>();
  private readonly groupIds = new Map<string, number>();
  private readonly columnIds = new Map<string, number>();
  private readonly unitNames = new Map<number, string>();

  constructor(
    private readonly trx: Executor,
    private readonly emit: Emit,
    private readonly actor: Actor,
    private readonly deps: ImportDeps,
    site: ImportSummary['site'],
    meta: { format: 'csv' | 'xlsx'; rows: number; effective: ImportSummary['effective'] },
    private readonly plan: ListPlan,
  ) {
    this.summary = {
      site,
      ...meta,
      columns: counts(),
      duties: counts(),
      units: { created: [], matched: [] },
      groups: { created: [], matched: [] },
      aliasesLearned: [],
      unresolved: [],
      gaps: [...plan.gaps],
      mirrors: plan.mirrors,
      warnings: [...plan.warnings],
      unclassified: [],
      tree: null,
    };
  }

  async run(): Promise<void> {
    await this.ensureGroups();
    await this.resolveUnits();
    await this.upsertColumns();
    await this.upsertDuties();
    await this.ensureTree();
    await this.findUnclassified();
  }

  /** The per-unit tree: its template from the list's rows, then a branch for every unit of its groups. */
  private async ensureTree() {
    if (!this.plan.tree) return;
    const done = await applyTree(
      { trx: this.trx, emit: this.emit, actor: this.actor, tree: this.deps.tree, columns: this.deps.columns },
      this.plan.tree,
      {
        siteId: this.summary.site.id,
        columnIds: this.columnIds,
        groupIds: this.groupIds,
        effective: this.summary.effective,
      },
    );
    this.summary.tree = done.summary;
    this.changes.push(...done.changes);
    this.summary.warnings.push(...done.warnings);
  }

  /** Duty columns still without a class: new ones the list could not place, and old ones nobody set. */
  private async findUnclassified() {
    const columns = new Map((await this.deps.columns.listBySite(this.summary.site.id, this.trx)).map((c) => [c.id, c]));
    for (const d of this.plan.duties) {
      const c = columns.get(this.columnIds.get(d.columnKey)!);
      if (c && c.updateClass === null && !c.updateClassConfirmed)
        this.summary.unclassified.push({ row: d.row, path: d.columnKey });
    }
  }

  private async event(
    type: AuditAction,
    entityType: string,
    entityId: number,
    summary: string,
    details?: Record<string, unknown>,
  ) {
    await this.emit({
      type,
      actor: this.actor,
      entityType,
      entityId,
      siteId: this.summary.site.id,
      summary: `导入保障清单：${summary}`,
      details,
    });
  }

  private async ensureGroups() {
    const named = new Set([
      ...this.plan.duties.flatMap((d) =>
        d.responsibility.parties.flatMap((p) => (p.kind === 'group' ? [p.group] : [])),
      ),
      ...(this.plan.tree?.groups ?? []),
    ]);
    for (const def of UNIT_GROUPS.filter((g) => named.has(g.name))) {
      const { id, created } = await this.deps.units.ensureGroupIn(this.trx, def.name, def.description, def.categories);
      this.groupIds.set(def.name, id);
      (created ? this.summary.groups.created : this.summary.groups.matched).push(def.name);
      if (created) {
        this.changes.push({ action: 'create', entity: 'group', name: def.name });
        await this.event('group.created', 'group', id, `新建单位分组“${def.name}”`, { categories: def.categories });
      }
    }
  }

  /** Every unit name of the list: found in the database, else made from the county directory, else reported. */
  private async resolveUnits() {
    this.index = await this.deps.units.nameIndex(this.trx);
    const named = new Map<string, { party: Extract<PartySpec, { kind: 'unit' }>; rows: number[] }>();
    for (const d of this.plan.duties) {
      for (const p of d.responsibility.parties) {
        if (p.kind !== 'unit') continue;
        const seen = named.get(p.label);
        if (seen) seen.rows.push(d.row);
        else named.set(p.label, { party: p, rows: [d.row] });
      }
    }
    const matched = new Set<number>();
    const created = new Set<number>();
    for (const [label, { party, rows }] of named) {
      let id = this.index.resolve(label) ?? this.index.resolve(party.name);
      if (id === null) {
        const entry = this.deps.catalogue.find(party.name);
        if (!entry) {
          this.summary.unresolved.push({ name: label, rows });
          this.unitOf.set(label, null);
          continue;
        }
        // The directory knows the unit; it may already exist under another of its names.
        id =
          UnitCatalogue.namesOf(entry)
            .map((n) => this.index.resolve(n))
            .find((x): x is number => x !== null) ?? null;
        if (id === null) {
          const unit = await this.deps.units.createIn(
            this.trx,
            UnitCatalogue.toInput(entry, (n) => this.index.resolve(n) !== null),
          );
          for (const n of [unit.name, unit.shortName, ...unit.aliases]) this.index.add(unit.id, n);
          id = unit.id;
          created.add(id);
          this.unitNames.set(id, unit.shortName);
          this.summary.units.created.push(unit.name);
          this.changes.push({ action: 'create', entity: 'unit', name: unit.name, row: rows[0] });
          await this.event('unit.created', 'unit', id, `新建单位“${unit.name}”（清单写作“${label}”）`, {
            code: unit.code,
            category: unit.category,
          });
        } else {
          await this.learnAlias(id, party.name, rows[0]!);
        }
      }
      if (!created.has(id)) matched.add(id);
      if (party.alias) await this.learnAlias(id, party.alias, rows[0]!);
      this.unitOf.set(label, id);
    }
    const known = await this.deps.units.findMany([...matched, ...created], this.trx);
    for (const u of known) this.unitNames.set(u.id, u.shortName);
    this.summary.units.matched = known.filter((u) => matched.has(u.id)).map((u) => u.name);
  }

  private async learnAlias(unitId: number, alias: string, row: number) {
    const owner = this.index.resolve(alias);
    if (owner === unitId) return;
    const unitName =
      this.unitNames.get(unitId) ?? (await this.deps.units.find(unitId, this.trx))?.shortName ?? String(unitId);
    if (owner !== null || !(await this.deps.units.addAliasIn(this.trx, unitId, alias))) {
      this.summary.warnings.push({ row, path: '', problem: `“${alias}”已是其他单位的名称，未记为${unitName}的别名` });
      return;
    }
    this.index.add(unitId, alias);
    this.summary.aliasesLearned.push({ unit: unitName, alias });
    this.changes.push({ action: 'create', entity: 'alias', name: alias, row, detail: unitName });
    await this.event('unit.alias_added', 'unit', unitId, `记录单位“${unitName}”的别名“${alias}”`);
  }

  private async upsertColumns() {
    const siteId = this.summary.site.id;
    const existing = await this.deps.columns.listBySite(siteId, this.trx);
    const byPlace = new Map(existing.map((c) => [`${c.parentId ?? 0}|${c.name}`, c]));
    const lastSort = new Map<number, number>();
    for (const c of existing) lastSort.set(c.parentId ?? 0, Math.max(lastSort.get(c.parentId ?? 0) ?? 0, c.sortOrder));
    // Mirrors last: the 首页栏目 rows come before the 政务公开 columns they show. Their place among
    // siblings is fixed by the file order, whatever order they are made in.
    const order = [...this.plan.columns.filter((c) => !c.mirrorOf), ...this.plan.columns.filter((c) => c.mirrorOf)];
    for (const pc of order) {
      const parentId = pc.parentKey === null ? null : this.columnIds.get(pc.parentKey)!;
      const sourceId = pc.mirrorOf === null ? null : this.columnIds.get(pc.mirrorOf)!;
      const found = byPlace.get(`${parentId ?? 0}|${pc.name}`);
      if (found) {
        this.columnIds.set(pc.key, found.id);
        await this.fillIn(found, pc, sourceId);
        continue;
      }
      const input: ColumnInput = {
        siteId,
        parentId,
        name: pc.name,
        kind: pc.kind,
        inNav: pc.inNav,
        linkUrl: pc.linkUrl,
        sourceColumnId: sourceId,
        updateClass: pc.updateClass,
        sortOrder: (lastSort.get(parentId ?? 0) ?? 0) + (pc.position + 1) * 10,
      };
      const col = await this.deps.columns.createIn(this.trx, input, { requireLinkUrl: false, proposedClass: true });
      this.columnIds.set(pc.key, col.id);
      this.summary.columns.created++;
      this.changes.push({
        action: 'create',
        entity: 'column',
        name: pc.key,
        ...(pc.row !== null && { row: pc.row }),
        ...(pc.mirrorOf && { detail: `显示“${pc.mirrorOf}”的信息` }),
      });
      await this.event('column.created', 'column', col.id, `新建栏目“${pc.key}”`, {
        kind: col.kind,
        path: col.path,
        sourceColumnId: sourceId,
      });
    }
  }

  /** An existing column keeps what people set on it; the import only fills in what it lacks. */
  private async fillIn(found: ColumnView, pc: PlanColumn, sourceId: number | null) {
    const patch: ColumnPatch = {};
    const what: string[] = [];
    if (found.kind === 'link' && !found.linkUrl && pc.linkUrl) {
      patch.linkUrl = pc.linkUrl;
      what.push('链接地址');
    }
    if (sourceId !== null && found.sourceColumnId === null && found.id !== sourceId) {
      patch.sourceColumnId = sourceId;
      what.push(`显示“${pc.mirrorOf}”的信息`);
    }
    if (found.updateClass === null && pc.updateClass) {
      patch.updateClass = pc.updateClass;
      what.push('更新类别');
    }
    if (!what.length) {
      this.summary.columns.unchanged++;
      return;
    }
    await this.deps.columns.updateIn(this.trx, found.id, patch, { requireLinkUrl: false, proposedClass: true });
    this.summary.columns.updated++;
    this.changes.push({
      action: 'update',
      entity: 'column',
      name: pc.key,
      ...(pc.row !== null && { row: pc.row }),
      detail: `补充${what.join('、')}`,
    });
    await this.event('column.updated', 'column', found.id, `栏目“${pc.key}”补充${what.join('、')}`, { patch });
  }

  private async upsertDuties() {
    const existing = await this.deps.duties.forSiteIn(this.trx, this.summary.site.id);
    for (const d of this.plan.duties) {
      const columnId = this.columnIds.get(d.columnKey)!;
      const parties: PartyValues[] = d.responsibility.parties.map((p) => ({
        unitId: p.kind === 'unit' ? (this.unitOf.get(p.label) ?? null) : null,
        groupId: p.kind === 'group' ? this.groupIds.get(p.group)! : null,
        role: p.role,
        label: p.label,
      }));
      const current = existing.get(columnId);
      const effective = this.summary.effective;
      const spec: DutySpec = {
        columnId,
        requirementText: d.requirement.text,
        rule: d.requirement.rule,
        note: current?.note ?? null,
        // A duty already in place keeps its date unless the import names one.
        effectiveFrom: current && !effective.explicit ? current.effectiveFrom : effective.day,
        parties,
      };
      const who = parties.map((p) => p.label).join('、') || '未明确保障单位';
      if (!current) {
        const id = await this.deps.duties.createIn(this.trx, spec);
        this.summary.duties.created++;
        this.changes.push({
          action: 'create',
          entity: 'duty',
          name: d.columnKey,
          row: d.row,
          detail: `${who}：${d.requirement.text}`,
        });
        await this.event(
          'duty.created',
          'duty',
          id,
          `新建栏目“${d.columnKey}”的保障责任（${who}：${d.requirement.text}）`,
          { row: d.row },
        );
        continue;
      }
      const moved = current.effectiveFrom !== spec.effectiveFrom;
      if (current.requirementText === spec.requirementText && sameParties(current.parties, parties) && !moved) {
        this.summary.duties.unchanged++;
        continue;
      }
      // Same wording: the rule as it stands. New wording: its reading, with what was set by hand kept.
      spec.rule = current.requirementText === spec.requirementText ? current.rule : reworded(current.rule, spec.rule);
      await this.deps.duties.replaceIn(this.trx, current.id, spec);
      this.summary.duties.updated++;
      this.changes.push({
        action: 'update',
        entity: 'duty',
        name: d.columnKey,
        row: d.row,
        detail: `${who}：${d.requirement.text}${moved ? `；生效日期 ${current.effectiveFrom} → ${spec.effectiveFrom}` : ''}`,
      });
      await this.event(
        'duty.updated',
        'duty',
        current.id,
        `按清单更新栏目“${d.columnKey}”的保障责任（${who}：${d.requirement.text}）`,
        {
          row: d.row,
          before: {
            requirementText: current.requirementText,
            parties: current.parties.map((p) => p.label),
            effectiveFrom: current.effectiveFrom,
          },
        },
      );
    }
  }
}
