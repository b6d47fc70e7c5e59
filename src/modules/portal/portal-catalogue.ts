import type { ColumnView } from '../sites/columns.repository.js';
import { chainOf, distinctChildren, toLink, type LinkModel, type SiteContext } from './portal.models.js';
import type { PortalRepository } from './portal.repository.js';

// The 目录 of a deep section (政务公开): the whole column tree under the section, shown on the section's
// pages instead of the flat list of its first level. Branches are <details> elements, so the tree opens
// and closes without JavaScript and is announced as such by screen readers; the branch that holds the
// current column is open. Counts come from the listings' kept counts (one read), a column counting its
// whole subtree as its list page does.

export interface CatalogueNode extends LinkModel {
  id: number;
  /** Published items the column lists (its subtree included); null for link columns. */
  count: number | null;
  /** The column whose page this is. */
  current: boolean;
  /** Holds the current column somewhere below: its <details> is open. */
  open: boolean;
  children: CatalogueNode[];
}

export interface CatalogueModel {
  rootId: number;
  title: string;
  url: string;
  nodes: CatalogueNode[];
}

/** The section a column belongs to, if the section is deep enough to want a tree (a child with children). */
export function catalogueRootOf(ctx: SiteContext, columnId: number): ColumnView | undefined {
  const root = chainOf(ctx, columnId)[0];
  if (!root || root.kind === 'link') return undefined;
  const kids = ctx.children.get(root.id) ?? [];
  return kids.some((k) => (ctx.children.get(k.id) ?? []).length > 0) ? root : undefined;
}

/** Every column id under a root (not the root itself), for the one count read. */
export function subtreeIds(ctx: SiteContext, rootId: number): number[] {
  const out: number[] = [];
  const walk = (id: number) => {
    for (const c of ctx.children.get(id) ?? []) {
      out.push(c.id);
      walk(c.id);
    }
  };
  walk(rootId);
  return out;
}

export function buildCatalogue(
  ctx: SiteContext,
  root: ColumnView,
  currentId: number | null,
  counts: ReadonlyMap<number, number>,
): CatalogueModel {
  const openIds = new Set(currentId === null ? [] : chainOf(ctx, currentId).map((c) => c.id));
  const build = (parentId: number): CatalogueNode[] =>
    distinctChildren((ctx.children.get(parentId) ?? []).filter((c) => c.inNav)).map((c) => {
      const children = build(c.id);
      return {
        id: c.id,
        ...toLink(c),
        count: c.kind === 'link' ? null : (counts.get(c.id) ?? 0),
        current: c.id === currentId,
        open: children.length > 0 && openIds.has(c.id),
        children,
      };
    });
  return { rootId: root.id, title: root.name, url: toLink(root).url, nodes: build(root.id) };
}

/** Reads what the tree needs beyond the site's context: the counts. */
export class CatalogueReader {
  constructor(private readonly repo: Pick<PortalRepository, 'listedCounts'>) {}

  /** The 目录 for a column's page, or null when its section is shallow (the flat list says it all). */
  async of(ctx: SiteContext, columnId: number): Promise<CatalogueModel | null> {
    const root = catalogueRootOf(ctx, columnId);
    if (!root) return null;
    const counts = await this.repo.listedCounts(subtreeIds(ctx, root.id));
    return buildCatalogue(ctx, root, columnId, counts);
  }
}
