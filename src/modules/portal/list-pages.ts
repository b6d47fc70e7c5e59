// A column's list pages, numbered so that a publish changes few of them (issue 15: static publishing).
//
// The newest page (`/c/<path>/`, no page number) shows the items that are not yet in a closed block.
// Older items are kept in archive pages of exactly PAGE_SIZE items counted from the oldest: `?page=1`
// holds the 20 oldest items, `?page=2` the next 20, and so on. A new item changes only the newest page;
// when it fills a block, that block becomes the next archive page and the pagers of the two pages
// before it change (their window of numbers reaches it). A take-down shifts the blocks from its own
// onwards by one item, as numbering from either end must. Nothing printed on an archive page depends
// on the column's total: the count of items is on the newest page only, which changes anyway.
//
//   total  archive pages  newest page shows
//   0–39   0              every item
//   40     1              items 21–40 (newest 20)
//   59     1              items 21–59
//   60     2              items 41–60

import { PAGE_SIZE } from './portal.models.js';

/** The newest page's number in code (its URL has no page number). */
export const NEWEST = 0;

/** How many closed archive pages a column of `total` items has (the newest block stays on the newest page). */
export const archivePages = (total: number) => Math.max(0, Math.floor(total / PAGE_SIZE) - 1);

/**
 * Which page a request shows: a number of an archive page that exists, or the newest page for anything
 * else (no number, 0, past the last archive page: the items of a page not yet closed are on the newest).
 */
export const pageShown = (requested: number, total: number) =>
  Number.isSafeInteger(requested) && requested >= 1 && requested <= archivePages(total) ? requested : NEWEST;

/** The range of a page in the newest-first order the listings keep: what to skip and how many to read. */
export function rangeOf(page: number, total: number): { offset: number; limit: number } {
  const archive = archivePages(total);
  if (page === NEWEST) return { offset: 0, limit: total - archive * PAGE_SIZE || PAGE_SIZE };
  return { offset: total - page * PAGE_SIZE, limit: PAGE_SIZE };
}

/** The archive page that holds the item with `older` listed items before it (counted from the oldest). */
export const blockOf = (older: number) => Math.floor(older / PAGE_SIZE) + 1;

export interface ListPagerModel {
  /** NEWEST or the archive page's number. */
  page: number;
  newest: boolean;
  /** Only on the newest page (it changes with every publish anyway). */
  total: number | null;
  /** The newest page, when this is not it. */
  newestUrl?: string;
  /** Toward newer items (上一页) and older ones (下一页). */
  newer?: string;
  older?: string;
  /** The oldest archive page (`?page=1`), when this is not it. */
  oldest?: string;
  /** Page numbers near this one, newest first. */
  numbers: Array<{ n: number; url: string; current: boolean }>;
}

/** Archive page numbers shown either side of the current one. */
export const SPAN = 2;

/**
 * The pager of a list page. An archive page's pager depends on the number of archive pages only when
 * it is one of the last SPAN pages (its window of numbers or its 上一页 reaches the newest end).
 */
export function listPager(page: number, total: number, urlOf: (n: number) => string): ListPagerModel {
  const archive = archivePages(total);
  const numbers = [];
  const top = page === NEWEST ? archive : Math.min(archive, page + SPAN);
  const bottom = page === NEWEST ? Math.max(1, archive - 2 * SPAN + 1) : Math.max(1, page - SPAN);
  for (let n = top; n >= bottom; n--) numbers.push({ n, url: urlOf(n), current: n === page });
  if (page === NEWEST)
    return {
      page,
      newest: true,
      total,
      numbers,
      ...(archive > 0 && { older: urlOf(archive), oldest: urlOf(1) }),
    };
  return {
    page,
    newest: false,
    total: null,
    newestUrl: urlOf(NEWEST),
    newer: urlOf(page < archive ? page + 1 : NEWEST),
    numbers,
    ...(page > 1 && { older: urlOf(page - 1), oldest: urlOf(1) }),
  };
}
