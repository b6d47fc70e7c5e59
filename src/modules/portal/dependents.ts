import type { DomainEvent } from '../../platform/events.js';
import type { SiteContext } from './portal.models.js';
import type { PortalRepository } from './portal.repository.js';
import { archivePages, blockOf, SPAN } from './list-pages.js';
import { PAGE_SIZE } from './portal.models.js';

// Which cached public pages show what. A page is stored with tags naming what it shows; an article's
// change is turned into the tags of every page that shows it, so a publish, an edit or a take-down
// clears those pages and no others (issue 14 item 3; static publishing will regenerate the same set).
//
//   a:<id>    an article's own page
//   nb:<id>   article pages of a home column (each shows its older and newer neighbour's title)
//   c:<id>    pages listing a column's newest items: its newest list page, its RSS feed, a home block
//   ca:<id>   every archive page of a column's list (list-pages.ts: blocks of 20 counted from the oldest)
//   cp:<id>:<n>  archive page n of a column's list
//   sitemap   sitemap.xml (every published item)
//   tree      pages that show only the column tree (sitemap.html, link and page columns)

export const tag = {
  article: (id: number) => `a:${id}`,
  neighbours: (homeColumnId: number) => `nb:${homeColumnId}`,
  column: (columnId: number) => `c:${columnId}`,
  archive: (columnId: number) => `ca:${columnId}`,
  archivePage: (columnId: number, page: number) => `cp:${columnId}:${page}`,
  sitemap: 'sitemap',
  tree: 'tree',
} as const;

/** Edits that change where an item is listed or what links to it: the old places are not known. */
const MOVING_FIELDS = new Set(['columnId', 'extraColumnIds', 'interpretsPolicyIds', 'policyIds']);
/** Edits that move an item within its lists (pinning): its old place is not known, every archive page goes. */
const ORDER_FIELDS = new Set(['isTop', 'publishedAt']);
/**
 * Archive pages past the last one that a change clears besides (a page a take-down just emptied; a
 * few more in case several take-downs commit before their tags are worked out).
 */
const PAST_END = 4;
/** How close to a block's edge the count must be for the last pages' pagers to be cleared. */
const NEAR_EDGE = 2;

/** The listed counts (before, after) the change's commit left, by column (content/listings.repository.ts). */
function countsOf(event: DomainEvent): Record<string, [number, number]> | undefined {
  const listed = event.data?.listed;
  return listed && typeof listed === 'object' ? (listed as Record<string, [number, number]>) : undefined;
}

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
    // A column lists its whole subtree, so every column above the item's lists it too.
    const listing = new Set<number>();
    for (const columnId of reach.columnIds)
      for (let c = ctx.byId.get(columnId); c; c = c.parentId === null ? undefined : ctx.byId.get(c.parentId))
        listing.add(c.id);
    const reordered = Array.isArray(fields) && fields.some((f) => ORDER_FIELDS.has(String(f)));
    // Null: never published, so on no list page (a draft's edits cost the archive pages nothing).
    const older = await this.repo.olderInColumns(event.entityId, [...listing]);
    // An edit leaves the item where it was: only the page that shows it changes. A publish or take-down
    // shifts the pages after its place by one item and may open or close the last archive page.
    const inPlace = event.type === 'article.updated';
    for (const columnId of listing) {
      tags.add(tag.column(columnId));
      if (older === null) continue;
      const before = older.get(columnId);
      if (reordered || before === undefined) {
        tags.add(tag.archive(columnId));
        continue;
      }
      const listed = await this.repo.listedCount(columnId);
      const last = archivePages(listed);
      const from = blockOf(before);
      // The last archive page opens or closes when the count crosses a block's edge; then the pagers of
      // the pages before it change too (list-pages.ts). The event says what the count was and became at
      // its commit (an import's: before its first item, after its last); an event without it gets a margin
      // around the count now.
      const atCommit = countsOf(event)?.[columnId];
      const opened = atCommit ? atCommit.map(archivePages) : [];
      const edge = atCommit
        ? opened[0] !== opened[1]
        : listed % PAGE_SIZE <= NEAR_EDGE || listed % PAGE_SIZE >= PAGE_SIZE - NEAR_EDGE - 1;
      const edgeLast = Math.min(last, ...opened);
      const lo = inPlace ? from : Math.min(from, edge ? edgeLast - SPAN : last + 1);
      const hi = inPlace ? from : Math.max(last, ...opened) + PAST_END;
      for (let n = Math.max(1, lo); n <= hi; n++) tags.add(tag.archivePage(columnId, n));
    }
    return [...tags];
  }
}
