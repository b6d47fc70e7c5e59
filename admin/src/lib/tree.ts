// Pure helpers over the column tree the server sends (GET /api/sites/:id/columns). No imports, so
// the server's test suite can exercise them (test/admin/tree.test.ts).

export interface TreeColumn {
  id: number;
  parentId: number | null;
  name: string;
  path: string;
  kind: string;
  sourceColumnId: number | null;
  children: TreeColumn[];
}

export function flatten<T extends { children: T[] }>(nodes: readonly T[]): T[] {
  const out: T[] = [];
  const walk = (list: readonly T[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** "政务公开 / 政府信息公开目录 / 通知公告": the names from the root down to a column. */
export function namePath(nodes: readonly TreeColumn[], id: number): string {
  const byId = new Map(flatten(nodes).map((n) => [n.id, n]));
  const names: string[] = [];
  for (let n = byId.get(id); n; n = n.parentId === null ? undefined : byId.get(n.parentId)) names.unshift(n.name);
  return names.join(' / ');
}

/** Whether articles can be written in a column (the server refuses links, single pages and mirrors). */
export function acceptsArticles(c: Pick<TreeColumn, 'kind' | 'sourceColumnId'>): boolean {
  return c.kind !== 'link' && c.kind !== 'page' && c.sourceColumnId === null;
}

export interface MoveTarget {
  parentId: number | null;
  /** Position among the new siblings, counting from 0, with the moved column left out. */
  sortOrder: number;
}

/**
 * Where a drag and drop puts a column, in the terms of POST /api/columns/:id/move.
 * `dropOnNode`: dropped onto the node (becomes its first child); otherwise dropped into the gap
 * before (`after` false) or after the node, among that node's siblings.
 */
export function dropTarget(
  tree: readonly TreeColumn[],
  dragId: number,
  dropId: number,
  dropOnNode: boolean,
  after: boolean,
): MoveTarget | null {
  if (dragId === dropId) return null;
  const all = flatten(tree);
  const byId = new Map(all.map((n) => [n.id, n]));
  const drop = byId.get(dropId);
  const drag = byId.get(dragId);
  if (!drop || !drag) return null;
  // A column cannot go under itself or its own descendants.
  if (flatten([drag]).some((n) => n.id === dropId)) return null;
  if (dropOnNode) return { parentId: dropId, sortOrder: 0 };
  const parentId = drop.parentId;
  const siblings = (parentId === null ? tree : byId.get(parentId)!.children).filter((n) => n.id !== dragId);
  const index = siblings.findIndex((n) => n.id === dropId);
  return { parentId, sortOrder: after ? index + 1 : index };
}

/** Moving a column one place up or down among its siblings (the keyboard alternative to dragging). */
export function stepTarget(tree: readonly TreeColumn[], id: number, delta: -1 | 1): MoveTarget | null {
  const byId = new Map(flatten(tree).map((n) => [n.id, n]));
  const node = byId.get(id);
  if (!node) return null;
  const siblings = node.parentId === null ? tree : byId.get(node.parentId)!.children;
  const index = siblings.findIndex((n) => n.id === id);
  const next = index + delta;
  if (next < 0 || next >= siblings.length) return null;
  return { parentId: node.parentId, sortOrder: next };
}

/** Whether a column sits in the 信息公开 catalogue (itself or an ancestor is a 'catalogue' column). */
export function inCatalogue(nodes: readonly TreeColumn[], id: number): boolean {
  const byId = new Map(flatten(nodes).map((n) => [n.id, n]));
  for (let n = byId.get(id); n; n = n.parentId === null ? undefined : byId.get(n.parentId))
    if (n.kind === 'catalogue') return true;
  return false;
}
