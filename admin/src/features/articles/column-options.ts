import type { ColumnNode } from '@contract/sites';

export interface ColumnOption {
  value: number;
  title: string;
  disabled?: boolean;
  children: ColumnOption[];
}

/**
 * The column tree as TreeSelect options. Columns that `pick` refuses stay visible (greyed) when
 * they lead to ones it accepts, so people still see where a column sits.
 */
export function columnTreeData(tree: readonly ColumnNode[], pick: (c: ColumnNode) => boolean): ColumnOption[] {
  const walk = (nodes: readonly ColumnNode[]): ColumnOption[] =>
    nodes.flatMap((n) => {
      const children = walk(n.children);
      const ok = pick(n);
      if (!ok && children.length === 0) return [];
      return [{ value: n.id, title: n.name, disabled: !ok, children }];
    });
  return walk(tree);
}
