import type { UpdateClass } from '../sites/sites.schemas.js';
import type { ParsedRequirement } from './requirement.js';
import type { ParsedResponsibility } from './responsibility.js';

// The per-unit 信息公开 tree of a county portal (部门和乡镇信息公开): under it a branch per unit of the
// groups its row names, and under each branch the unit's own 政府信息公开指南, 制度, 年报, 法定主动公开内容
// and 依申请公开. A list row such as "政府信息公开年报 — 县各部门、各镇、街道办事处、各园区" means every one of
// those units keeps its own 年报: the row is carried by the tree, one duty per unit, not by one column
// that any unit's item would fill for all. Pure: which rows the tree takes, worked out from the plan.

export const TREE_ROOT = '部门和乡镇信息公开';

export interface TreeSubDefinition {
  /** The column under each unit's branch. */
  name: string;
  /** The list row it carries (政府信息公开目录's content is the unit's 法定主动公开内容). */
  from: string;
  updateClass: UpdateClass;
}

export const TREE_SUBS: readonly TreeSubDefinition[] = [
  { name: '政府信息公开指南', from: '政府信息公开指南', updateClass: 'basic' },
  { name: '政府信息公开制度', from: '政府信息公开制度', updateClass: 'basic' },
  { name: '政府信息公开年报', from: '政府信息公开年报', updateClass: 'annual' },
  { name: '法定主动公开内容', from: '政府信息公开目录', updateClass: 'notice' },
  { name: '依申请公开', from: '依申请公开', updateClass: 'basic' },
];

export interface PlanTreeSub {
  name: string;
  updateClass: UpdateClass;
  requirement: ParsedRequirement;
  /** The list row it comes from; null when the list has no such row (the tree row's requirement then). */
  row: number | null;
}

export interface PlanTree {
  rootKey: string;
  row: number;
  /** Names of the unit groups whose units get a branch. */
  groups: string[];
  subs: PlanTreeSub[];
  /** The list rows the tree carries instead of a column of their own. */
  entries: Array<{ row: number; path: string; sub: string }>;
}

interface DutyLike {
  row: number;
  columnKey: string;
  requirement: ParsedRequirement;
  responsibility: ParsedResponsibility;
}

interface ColumnLike {
  key: string;
  parentKey: string | null;
  name: string;
  mirrorOf: string | null;
}

/** Rows whose leading parties are all unit groups (and there is at least one). */
function groupsOnly(d: DutyLike): string[] | null {
  const lead = d.responsibility.parties.filter((p) => p.role === 'lead');
  if (!lead.length || lead.some((p) => p.kind !== 'group')) return null;
  return lead.flatMap((p) => (p.kind === 'group' ? [p.group] : []));
}

/**
 * Find the tree row and the rows it carries. Returns null when the list has no 部门和乡镇信息公开 row
 * naming unit groups; otherwise the tree, and the keys of the columns and duties the caller drops.
 */
export function planTree(
  columns: readonly ColumnLike[],
  duties: ReadonlyMap<string, DutyLike>,
): { tree: PlanTree; dropColumns: string[]; dropDuties: string[] } | null {
  const root = [...duties.values()].find(
    (d) => columns.find((c) => c.key === d.columnKey)?.name === TREE_ROOT && groupsOnly(d),
  );
  if (!root) return null;
  const rootColumn = columns.find((c) => c.key === root.columnKey)!;
  const dropColumns: string[] = [];
  const dropDuties = [root.columnKey];
  const entries: PlanTree['entries'] = [];
  const subs = TREE_SUBS.map((sub): PlanTreeSub => {
    const key = rootColumn.parentKey === null ? sub.from : `${rootColumn.parentKey}/${sub.from}`;
    const entry = duties.get(key);
    // Only a plain group row is carried: one with columns under it, or shown elsewhere, stays as it is.
    const plain =
      entry &&
      groupsOnly(entry) &&
      !columns.some((c) => c.parentKey === key) &&
      !columns.some((c) => c.mirrorOf === key);
    if (!plain) return { name: sub.name, updateClass: sub.updateClass, requirement: root.requirement, row: null };
    dropColumns.push(key);
    dropDuties.push(key);
    entries.push({ row: entry.row, path: key, sub: sub.name });
    return { name: sub.name, updateClass: sub.updateClass, requirement: entry.requirement, row: entry.row };
  });
  entries.sort((a, b) => a.row - b.row);
  return {
    tree: { rootKey: root.columnKey, row: root.row, groups: groupsOnly(root)!, subs, entries },
    dropColumns,
    dropDuties,
  };
}
