import { dayOfInstant } from '../../platform/calendar/days.js';

import type { ColumnRow, LastFirst } from './evaluation.repository.js';

// The in-memory picture the checks work on: the column tree with mirrors resolved, and the counts the
// repository grouped, added up per duty column. Built once per run from a few queries.

type DayMap = Map<string, number>;

export interface LedgerCell {
  all: number;
  adopted: number;
}

export class ColumnModel {
  readonly byId: Map<number, ColumnRow>;
  private readonly descendants = new Map<number, number[]>();
  private readonly ancestors = new Map<number, Array<{ id: number; depth: number }>>();
  private readonly sources = new Map<number, number[]>();
  private readonly childCount = new Map<number, number>();

  constructor(
    columns: readonly ColumnRow[],
    closure: ReadonlyArray<{ ancestor_id: number; descendant_id: number; depth: number }>,
  ) {
    this.byId = new Map(columns.map((c) => [c.id, c]));
    for (const c of columns)
      if (c.parent_id !== null) this.childCount.set(c.parent_id, (this.childCount.get(c.parent_id) ?? 0) + 1);
    for (const r of closure) {
      const down = this.descendants.get(r.ancestor_id);
      if (down) down.push(r.descendant_id);
      else this.descendants.set(r.ancestor_id, [r.descendant_id]);
      const up = this.ancestors.get(r.descendant_id);
      if (up) up.push({ id: r.ancestor_id, depth: r.depth });
      else this.ancestors.set(r.descendant_id, [{ id: r.ancestor_id, depth: r.depth }]);
    }
  }

  hasChildren(id: number): boolean {
    return (this.childCount.get(id) ?? 0) > 0;
  }

  /**
   * The columns whose items a column shows: itself, its sub-columns, and for a mirror among them
   * (首页栏目/财政信息 showing 政务公开/财政信息) the source column and its sub-columns in turn.
   */
  sourceSet(columnId: number): number[] {
    const known = this.sources.get(columnId);
    if (known) return known;
    const out = new Set<number>();
    const visit = (id: number) => {
      for (const d of this.descendants.get(id) ?? [id]) {
        if (out.has(d)) continue;
        out.add(d);
        const src = this.byId.get(d)?.source_column_id;
        if (src && !out.has(src)) visit(src);
      }
    };
    visit(columnId);
    const list = [...out];
    this.sources.set(columnId, list);
    return list;
  }

  private readonly paths = new Map<number, string>();

  /** "政务公开/管理公开/财政预决算". */
  namePath(id: number): string {
    const known = this.paths.get(id);
    if (known !== undefined) return known;
    const parts = [...(this.ancestors.get(id) ?? [{ id, depth: 0 }])].sort((a, b) => b.depth - a.depth);
    const path = parts.map((p) => this.byId.get(p.id)?.name ?? '').join('/');
    this.paths.set(id, path);
    return path;
  }

  private branches = new Set<number>();

  /** The branch columns of the per-unit 信息公开 trees. */
  setBranches(ids: readonly number[]): void {
    this.branches = new Set(ids);
  }

  /**
   * A notice-class column with no notice-class ancestor (the 一级栏目 of the 2019 rule). A unit's own
   * 法定主动公开内容 under its branch of the 信息公开 tree is not a 一级栏目 of the site.
   */
  isTopNotice(id: number): boolean {
    if (this.byId.get(id)?.update_class !== 'notice') return false;
    const up = this.ancestors.get(id) ?? [];
    if (up.some((a) => this.branches.has(a.id))) return false;
    return !up.some((a) => a.depth > 0 && this.byId.get(a.id)?.update_class === 'notice');
  }
}

export interface TreeLastFirst {
  lastAt: string | null;
  lastId: number | null;
  lastColumnId: number | null;
  firstAt: string | null;
}

export class CountsModel {
  private readonly home = new Map<number, DayMap>();
  private readonly lastFirst = new Map<number, LastFirst>();
  private readonly extraByColumn = new Map<
    number,
    Array<{ articleId: number; homeId: number; unitId: number; day: string }>
  >();
  /** unit → column → newest item / items per day (columns of shared duties only). */
  private readonly unitLastAt = new Map<number, Map<number, string>>();
  private readonly unitHome = new Map<number, Map<number, DayMap>>();
  private readonly ledger = new Map<number, Map<number, Map<string, LedgerCell>>>();
  private readonly lastSubs = new Map<number, Map<number, { all: string | null; adopted: string | null }>>();

  constructor(data: {
    published: ReadonlyArray<{ columnId: number; day: string; n: number }>;
    lastFirst: readonly LastFirst[];
    extra: ReadonlyArray<{
      articleId: number;
      columnId: number;
      homeId: number;
      unitId: number;
      publishedAt: string;
    }>;
    ledger: ReadonlyArray<{ unitId: number; columnId: number | null; state: string; day: string; n: number }>;
    lastSubmissions?: ReadonlyArray<{ unitId: number; columnId: number; all: string | null; adopted: string | null }>;
    unitLast?: ReadonlyArray<{ unitId: number; columnId: number; lastAt: string }>;
    unitPublished?: ReadonlyArray<{ unitId: number; columnId: number; day: string; n: number }>;
  }) {
    for (const r of data.unitLast ?? []) {
      const m = this.unitLastAt.get(r.unitId) ?? new Map<number, string>();
      const known = m.get(r.columnId);
      if (!known || r.lastAt > known) m.set(r.columnId, r.lastAt);
      this.unitLastAt.set(r.unitId, m);
    }
    for (const r of data.unitPublished ?? []) {
      const byColumn = this.unitHome.get(r.unitId) ?? new Map<number, DayMap>();
      const byDay = byColumn.get(r.columnId) ?? new Map<string, number>();
      byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.n);
      byColumn.set(r.columnId, byDay);
      this.unitHome.set(r.unitId, byColumn);
    }
    for (const r of data.lastSubmissions ?? []) {
      const m = this.lastSubs.get(r.unitId) ?? new Map<number, { all: string | null; adopted: string | null }>();
      m.set(r.columnId, { all: r.all, adopted: r.adopted });
      this.lastSubs.set(r.unitId, m);
    }
    for (const r of data.published) {
      const m = this.home.get(r.columnId) ?? new Map<string, number>();
      m.set(r.day, (m.get(r.day) ?? 0) + r.n);
      this.home.set(r.columnId, m);
    }
    for (const r of data.lastFirst) this.lastFirst.set(r.column_id, r);
    for (const r of data.extra) {
      const list = this.extraByColumn.get(r.columnId) ?? [];
      list.push({ articleId: r.articleId, homeId: r.homeId, unitId: r.unitId, day: dayOfInstant(r.publishedAt) });
      this.extraByColumn.set(r.columnId, list);
    }
    for (const r of data.ledger) {
      if (r.columnId === null) continue;
      const byColumn = this.ledger.get(r.unitId) ?? new Map<number, Map<string, LedgerCell>>();
      const byDay = byColumn.get(r.columnId) ?? new Map<string, LedgerCell>();
      const cell = byDay.get(r.day) ?? { all: 0, adopted: 0 };
      cell.all += r.n;
      if (r.state === 'adopted') cell.adopted += r.n;
      byDay.set(r.day, cell);
      byColumn.set(r.columnId, byDay);
      this.ledger.set(r.unitId, byColumn);
    }
  }

  /**
   * Items per day shown in a set of columns. An item counts once: a listing in a further column is
   * added only when its home column is outside the set, and only once per item.
   */
  treeCounts(set: readonly number[]): Map<string, number> {
    const out = new Map<string, number>();
    const inSet = new Set(set);
    for (const id of set) for (const [d, n] of this.home.get(id) ?? []) out.set(d, (out.get(d) ?? 0) + n);
    const seen = new Set<number>();
    for (const id of set) {
      for (const e of this.extraByColumn.get(id) ?? []) {
        if (inSet.has(e.homeId) || seen.has(e.articleId)) continue;
        seen.add(e.articleId);
        out.set(e.day, (out.get(e.day) ?? 0) + 1);
      }
    }
    return out;
  }

  treeLastFirst(set: readonly number[]): TreeLastFirst {
    const out: TreeLastFirst = { lastAt: null, lastId: null, lastColumnId: null, firstAt: null };
    for (const id of set) {
      const r = this.lastFirst.get(id);
      if (!r) continue;
      if (r.last_at && (!out.lastAt || r.last_at > out.lastAt))
        Object.assign(out, { lastAt: r.last_at, lastId: r.last_id, lastColumnId: id });
      if (r.first_at && (!out.firstAt || r.first_at < out.firstAt)) out.firstAt = r.first_at;
    }
    return out;
  }

  /** A unit's own newest published item shown in a set of columns (shared duties). */
  unitTreeLast(unitId: number, set: readonly number[]): string | null {
    const m = this.unitLastAt.get(unitId);
    let best: string | null = null;
    for (const id of set) {
      const at = m?.get(id);
      if (at && (!best || at > best)) best = at;
    }
    return best;
  }

  /** A unit's own published items per day shown in a set of columns, each item once (shared duties). */
  unitTreeCounts(unitId: number, set: readonly number[]): Map<string, number> {
    const out = new Map<string, number>();
    const inSet = new Set(set);
    const byColumn = this.unitHome.get(unitId);
    for (const id of set) for (const [d, n] of byColumn?.get(id) ?? []) out.set(d, (out.get(d) ?? 0) + n);
    const seen = new Set<number>();
    for (const id of set) {
      for (const e of this.extraByColumn.get(id) ?? []) {
        if (e.unitId !== unitId || inSet.has(e.homeId) || seen.has(e.articleId)) continue;
        seen.add(e.articleId);
        out.set(e.day, (out.get(e.day) ?? 0) + 1);
      }
    }
    return out;
  }

  /** The Shanghai day of a unit's last ledger entry for a set of columns (before the cutoff). */
  unitLastDay(unitId: number, set: readonly number[], which: 'all' | 'adopted'): string | null {
    const m = this.lastSubs.get(unitId);
    let best: string | null = null;
    for (const id of set) {
      const at = m?.get(id)?.[which];
      if (at && (!best || at > best)) best = at;
    }
    return best ? dayOfInstant(best) : null;
  }

  /** A unit's ledger entries per day for a set of columns: all of them, or only the adopted ones. */
  unitCounts(unitId: number, set: readonly number[], which: 'all' | 'adopted'): Map<string, number> {
    const out = new Map<string, number>();
    const byColumn = this.ledger.get(unitId);
    if (!byColumn) return out;
    for (const id of set) for (const [d, c] of byColumn.get(id) ?? []) out.set(d, (out.get(d) ?? 0) + c[which]);
    return out;
  }
}
