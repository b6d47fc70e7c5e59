// The status board's pure arithmetic: duties counted by column class and status (the
// "columns × red/amber/green" view), and which unit lines of a per-unit duty need attention.
// Imports nothing, so the server's test suite checks it.

export type GStatus = 'met' | 'due_soon' | 'breached' | 'not_in_force';

export interface DutyLike {
  status: GStatus;
  updateClass: string | null;
  updateClassLabel: string | null;
}

export interface MatrixRow {
  updateClass: string;
  label: string;
  met: number;
  due_soon: number;
  breached: number;
  not_in_force: number;
  total: number;
}

/** Duties per column class and status; classless columns under “未分类”, the worst classes first. */
export function classMatrix(duties: readonly DutyLike[]): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  for (const d of duties) {
    const key = d.updateClass ?? '';
    const row = rows.get(key) ?? {
      updateClass: key,
      label: d.updateClassLabel ?? '未分类',
      met: 0,
      due_soon: 0,
      breached: 0,
      not_in_force: 0,
      total: 0,
    };
    row[d.status] += 1;
    row.total += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => b.breached - a.breached || b.due_soon - a.due_soon || a.label.localeCompare(b.label, 'zh-CN'),
  );
}

// Not yet in force last: nothing is asked of those duties yet.
const RANK: Record<GStatus, number> = { breached: 0, due_soon: 1, met: 2, not_in_force: 3 };

/** Breached first, then due soon, then met; within a status by column path. */
export function byUrgency<D extends { status: GStatus; columnPath: string }>(duties: readonly D[]): D[] {
  return [...duties].sort(
    (a, b) => RANK[a.status] - RANK[b.status] || a.columnPath.localeCompare(b.columnPath, 'zh-CN'),
  );
}

/** The unit lines of a per-unit duty, worst first, then by name. */
export function unitsByUrgency<U extends { status: GStatus; unitName: string }>(units: readonly U[]): U[] {
  return [...units].sort((a, b) => RANK[a.status] - RANK[b.status] || a.unitName.localeCompare(b.unitName, 'zh-CN'));
}
