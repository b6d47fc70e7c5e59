import type { DomainEvent } from '../../platform/events.js';
import type { SiteContext } from './portal.models.js';
import type { PortalRepository } from './portal.repository.js';

// Which cached public pages show what. A page is stored with tags naming what it shows; an article's
// change is turned into the tags of every page that shows it, so a publish, an edit or a take-down
// clears those pages and no others (issue 14 item 3; static publishing will regenerate the same set).
//
//   a:<id>    an article's own page
//   nb:<id>   article pages of a home column (each shows its older and newer neighbour's title)
//   c:<id>    pages listing a column's items: its list pages, its RSS feed, a home block on it
//   sitemap   sitemap.xml (every published item)
//   tree      pages that show only the column tree (sitemap.html, link and page columns)

export const tag = {
  article: (id: number) => `a:${id}`,
  neighbours: (homeColumnId: number) => `nb:${homeColumnId}`,
  column: (columnId: number) => `c:${columnId}`,
  sitemap: 'sitemap',
  tree: 'tree',
} as const;

/** Edits that change where an item is listed or what links to it: the old places are not known. */
const MOVING_FIELDS = new Set(['columnId', 'extraColumnIds', 'interpretsPolicyIds', 'policyIds']);

export class PageDependents {
  constructor(
    private readonly repo: PortalRepository,
    private readonly contextOf: (siteId: number) => Promise<SiteContext | undefined>,
  ) {}

  /**
   * The tags of the pages an event's change shows on, or null when only clearing the whole site is
   * safe (not an article's change, a move between columns, an article that is gone).
   */
  async of(event: DomainEvent): Promise<string[] | null> {
    if (!event.type.startsWith('article.') || event.entityType !== 'article') return null;
    if (typeof event.entityId !== 'number' || event.siteId === undefined) return null;
    const fields = event.details?.fields;
    if (Array.isArray(fields) && fields.some((f) => MOVING_FIELDS.has(String(f)))) return null;
    const reach = await this.repo.articleReach(event.entityId);
    if (!reach || reach.siteId !== event.siteId) return null;
    const ctx = await this.contextOf(reach.siteId);
    if (!ctx) return null;
    const tags = new Set<string>([tag.article(event.entityId), tag.sitemap]);
    for (const id of reach.linkedIds) tags.add(tag.article(id));
    const [home] = reach.columnIds;
    if (home !== undefined) tags.add(tag.neighbours(home));
    for (const columnId of reach.columnIds) {
      // A column lists its whole subtree, so every column above the item's lists it too.
      for (let c = ctx.byId.get(columnId); c; c = c.parentId === null ? undefined : ctx.byId.get(c.parentId))
        tags.add(tag.column(c.id));
    }
    return [...tags];
  }
}
