import { sanitizeBody } from '../../platform/html/sanitize.js';
import { shanghaiDay } from '../../platform/time.js';
import type { ColumnView } from '../sites/columns.repository.js';
import type { SiteView } from '../sites/sites.repository.js';
import type { ListPagerModel } from './list-pages.js';
import type { PublishedItem } from './portal.repository.js';

// View models of the public site: plain data made for the templates, never database rows. Templates
// print them escaped; the only fields printed raw end in `Html` and are built here from sanitised or
// escaped input.

export interface LinkModel {
  name: string;
  url: string;
  external: boolean;
}

export interface NavItem extends LinkModel {
  id: number;
  children: LinkModel[];
}

export interface Crumb {
  name: string;
  url?: string;
}

export interface ItemModel {
  id: number;
  title: string;
  summary: string | null;
  url: string;
  date: string;
  isTop: boolean;
}

export interface PaginationModel {
  page: number;
  pages: number;
  total: number;
  first?: string;
  prev?: string;
  next?: string;
  last?: string;
  numbers: Array<{ n: number; url: string; current: boolean }>;
}

export interface LayoutModel {
  site: {
    id: number;
    name: string;
    sponsor: string | null;
    organizer: string | null;
    contact: string | null;
    siteCode: string | null;
    icp: string | null;
    psb: string | null;
    psbUrl: string | null;
    /** 党政机关网站标识: shown only with the site's verification page. */
    conacUrl: string | null;
    /** 我为政府网站找错: the site's entry, else the national platform's front page. */
    jiucuoUrl: string;
  };
  nav: NavItem[];
}

/** A site with its column tree, built once per change of the site (see PageCache.remember). */
export interface SiteContext {
  site: SiteView;
  columns: ColumnView[];
  byId: Map<number, ColumnView>;
  byPath: Map<string, ColumnView>;
  children: Map<number | null, ColumnView[]>;
  layout: LayoutModel;
}

export const PAGE_SIZE = 20;

/**
 * The national 我为政府网站找错 platform, where the footer entry leads when a site has not set its own
 * address (the checks ask for the entry on every government site's home page; national-rules.md §1.3).
 */
export const JIUCUO_PLATFORM = 'https://zfwzzc.www.gov.cn/';

/** A Host header that names a host: a DNS name or an IPv6 literal, with an optional port. */
export const HOST_HEADER = /^(?:[a-z0-9.-]{1,253}|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;

export const isExternalUrl = (url: string) => /^https?:\/\//i.test(url);

/** Where a column's links go: a link column straight to its address, every other kind to its page. */
export function columnUrl(c: ColumnView): string {
  return c.kind === 'link' && c.linkUrl ? c.linkUrl : `/c/${c.path}/`;
}

export const toLink = (c: ColumnView): LinkModel => ({
  name: c.name,
  url: columnUrl(c),
  external: c.kind === 'link' && !!c.linkUrl && isExternalUrl(c.linkUrl),
});

export const articleUrl = (id: number) => `/a/${id}.html`;

/** The date every list item and detail page shows (national rule: an item without a date counts as not updated). */
export const dayOf = (instant: string) => shanghaiDay(instant);

export const toItem = (i: PublishedItem): ItemModel => ({
  id: i.id,
  title: i.title,
  summary: i.summary,
  url: articleUrl(i.id),
  date: dayOf(i.publishedAt),
  isTop: i.isTop,
});

/**
 * A parent's children as a visitor sees them: one entry per name. Two siblings of the same name come
 * from a tree merged from several sources (a list import over hand-made columns, a link column beside
 * the list it points to); the visitor sees the first in order, preferring a column with its own page
 * over a link.
 */
export function distinctChildren(columns: readonly ColumnView[]): ColumnView[] {
  const byName = new Map<string, ColumnView>();
  for (const c of columns) {
    const seen = byName.get(c.name);
    if (!seen || (seen.kind === 'link' && c.kind !== 'link')) byName.set(c.name, c);
  }
  const kept = new Set(byName.values());
  return columns.filter((c) => kept.has(c));
}

export function buildContext(site: SiteView, columns: ColumnView[]): SiteContext {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const byPath = new Map(columns.map((c) => [c.path, c]));
  const children = new Map<number | null, ColumnView[]>();
  for (const c of columns) {
    const parent = c.parentId !== null && byId.has(c.parentId) ? c.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(c);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const shown = (parentId: number | null) => distinctChildren((children.get(parentId) ?? []).filter((c) => c.inNav));
  const nav = shown(null).map((c) => ({ id: c.id, ...toLink(c), children: shown(c.id).map(toLink) }));
  const psbDigits = site.psb?.match(/\d{8,}/)?.[0];
  return {
    site,
    columns,
    byId,
    byPath,
    children,
    layout: {
      site: {
        id: site.id,
        name: site.name,
        sponsor: site.sponsor,
        organizer: site.organizer,
        contact: site.contact,
        siteCode: site.siteCode,
        icp: site.icp,
        psb: site.psb,
        psbUrl: psbDigits ? `https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${psbDigits}` : null,
        conacUrl: site.conacUrl,
        jiucuoUrl: site.jiucuoUrl || JIUCUO_PLATFORM,
      },
      nav,
    },
  };
}

/** The column and its ancestors, root first. */
export function chainOf(ctx: SiteContext, columnId: number): ColumnView[] {
  const out: ColumnView[] = [];
  const seen = new Set<number>();
  for (
    let c = ctx.byId.get(columnId);
    c && !seen.has(c.id);
    c = c.parentId === null ? undefined : ctx.byId.get(c.parentId)
  ) {
    seen.add(c.id);
    out.unshift(c);
  }
  return out;
}

export function breadcrumb(ctx: SiteContext, columnId: number, current?: string): Crumb[] {
  const chain = chainOf(ctx, columnId);
  const crumbs: Crumb[] = [{ name: '首页', url: '/' }, ...chain.map((c) => ({ name: c.name, url: columnUrl(c) }))];
  if (current) crumbs.push({ name: current });
  else if (crumbs.length > 1) delete crumbs[crumbs.length - 1]!.url;
  return crumbs;
}

/** The top-level column a page belongs to, to mark the current section in the navigation. */
export const sectionOf = (ctx: SiteContext, columnId: number) => chainOf(ctx, columnId)[0]?.id ?? null;

/** The column whose items a column lists: a mirror column shows its source's items. */
export const itemsColumnOf = (c: ColumnView) => c.sourceColumnId ?? c.id;

export function pagination(
  page: number,
  total: number,
  pageSize: number,
  urlOf: (n: number) => string,
): PaginationModel {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = Math.max(1, Math.min(page - 2, pages - 4));
  const to = Math.min(pages, from + 4);
  const numbers = [];
  for (let n = from; n <= to; n++) numbers.push({ n, url: urlOf(n), current: n === page });
  return {
    page,
    pages,
    total,
    ...(page > 1 && { first: urlOf(1), prev: urlOf(page - 1) }),
    ...(page < pages && { next: urlOf(page + 1), last: urlOf(pages) }),
    numbers,
  };
}

/** A requested page number kept inside the pages that exist. */
export const clampPage = (page: number, total: number, pageSize: number) =>
  Math.min(Math.max(1, page), Math.max(1, Math.ceil(total / pageSize)));

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * HTML for the public page from sanitised markup. The sanitiser keeps only `text-align` styles; the
 * Content-Security-Policy forbids inline styles, so they become classes of the theme. Column page
 * HTML is sanitised here because columns store it as the editor sent it.
 */
export function publicHtml(html: string, alreadySanitised: boolean): string {
  const clean = alreadySanitised ? html : sanitizeBody(html);
  return clean
    .replace(/ style="text-align:(left|right|center|justify)"/g, ' class="align-$1"')
    .replace(/ style="[^"]*"/g, '');
}

const ADMIN_FILE = /\/api\/attachments\/(\d+)\/download/g;

/**
 * The editor inserts pictures and file links with their admin address (which needs a session); on the
 * public page they point at the public copy of a published item's file instead.
 */
export function publicFileLinks(html: string, files: ReadonlyArray<{ id: number; name: string }>): string {
  const names = new Map(files.map((f) => [f.id, f.name]));
  return html.replace(
    ADMIN_FILE,
    (_, id: string) => `/files/${id}/${encodeURIComponent(names.get(Number(id)) ?? 'file')}`,
  );
}

/** Ids of files the body itself shows or links to (they need not be listed again below it). */
export function filesInBody(html: string): Set<number> {
  return new Set([...html.matchAll(ADMIN_FILE)].map((m) => Number(m[1])));
}

/** A correction under review, previewed as the page would be once approved (review/revisions.service.ts). */
export interface ProposedText {
  title: string;
  subtitle: string | null;
  summary: string | null;
  bodyHtml: string;
}

export interface BlockModel {
  title: string;
  url: string;
  items: ItemModel[];
}

export interface ArticleModel {
  id: number;
  title: string;
  subtitle: string | null;
  date: string | null;
  source: string | null;
  unitName: string;
  breadcrumb: Crumb[];
  section: number | null;
  disclosure: Array<{ label: string; value: string }> | null;
  bodyHtml: string;
  attachments: Array<{ name: string; url: string; size: string; type: string }>;
  interpretations: Array<{ title: string; url: string }>;
  policies: Array<{ title: string; url: string }>;
  older?: ItemModel;
  newer?: ItemModel;
  preview: { statusLabel: string } | null;
}

export type ColumnResult =
  | { kind: 'missing' }
  | { kind: 'redirect'; location: string }
  | { kind: 'link'; column: LinkModel; breadcrumb: Crumb[]; section: number | null }
  | {
      kind: 'page';
      column: ColumnView;
      breadcrumb: Crumb[];
      section: number | null;
      bodyHtml: string;
      date: string;
      subColumns: LinkModel[];
    }
  | {
      kind: 'list';
      column: ColumnView;
      breadcrumb: Crumb[];
      section: number | null;
      subColumns: LinkModel[];
      subHeading: string;
      items: ItemModel[];
      pagination: ListPagerModel;
      url: string;
      rssUrl: string;
    };

export interface TreeNode extends LinkModel {
  children: TreeNode[];
}
