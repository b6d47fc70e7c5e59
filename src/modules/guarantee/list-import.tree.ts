import type { Actor } from '../../platform/auth/actor.js';
import type { Executor } from '../../platform/db/helpers.js';
import type { Emit } from '../../platform/db/unit-of-work.js';
import type { ColumnView } from '../sites/columns.repository.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { DisclosureTreeService } from './disclosure-tree.service.js';
import type { ImportChange, ImportSummary } from './list-import.apply.js';
import type { PlanNote } from './list-plan.js';
import type { PlanTree } from './list-tree.js';

// The guarantee-list import's step for the per-unit 信息公开 tree (list-tree.ts): record the tree's
// template from the list's rows, bring every unit's branch in step, and warn where an older import
// left the rows the tree now carries as columns of their own.

export async function applyTree(
  deps: { trx: Executor; emit: Emit; actor: Actor; tree: DisclosureTreeService; columns: ColumnsService },
  t: PlanTree,
  at: {
    siteId: number;
    columnIds: ReadonlyMap<string, number>;
    groupIds: ReadonlyMap<string, number>;
    effective: ImportSummary['effective'];
  },
): Promise<{ summary: NonNullable<ImportSummary['tree']>; changes: ImportChange[]; warnings: PlanNote[] }> {
  await deps.tree.putIn(deps.trx, {
    siteId: at.siteId,
    rootColumnId: at.columnIds.get(t.rootKey)!,
    groupIds: t.groups.map((g) => at.groupIds.get(g)!),
    template: t.subs.map((sub) => ({
      name: sub.name,
      updateClass: sub.updateClass,
      requirementText: sub.requirement.text,
      rule: sub.requirement.rule,
      row: sub.row,
    })),
  });
  const { changes, ...done } = await deps.tree.syncIn(deps.trx, deps.emit, deps.actor, {
    siteId: at.siteId,
    effective: at.effective,
  });
  const existing = new Set(namePaths(await deps.columns.listBySite(at.siteId, deps.trx)));
  const warnings = t.entries
    .filter((e) => existing.has(e.path))
    .map((e) => ({
      row: e.row,
      path: e.path,
      problem: `已按单位分设到“${t.rootKey}/〈单位〉/${e.sub}”；原栏目及其保障责任仍在，请确认各单位的信息已移入后删除`,
    }));
  return {
    summary: { ...done, root: t.rootKey, row: t.row, entries: t.entries, subs: t.subs.map((x) => x.name) },
    changes: changes.map((c) => ({ ...c, row: t.row })),
    warnings,
  };
}

function namePaths(columns: readonly ColumnView[]): string[] {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const pathOf = (c: ColumnView): string => {
    const parent = c.parentId === null ? undefined : byId.get(c.parentId);
    return parent ? `${pathOf(parent)}/${c.name}` : c.name;
  };
  return columns.map(pathOf);
}
