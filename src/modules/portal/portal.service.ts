import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import { highlight, snippet } from '../../platform/search/highlight.js';
import type { SearchFilters } from '../../platform/search/engine.js';
import type { SearchService } from '../../platform/search/search.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../platform/time.js';
import type { ArticleView } from '../content/article-view.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ColumnView } from '../sites/columns.repository.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { SitesService } from '../sites/sites.service.js';
import type { SiteView } from '../sites/sites.repository.js';
import type { PageCache } from './page-cache.js';
import {
  articleUrl,
  breadcrumb,
  buildContext,
  clampPage,
  columnUrl,
  dayOf,
  distinctChildren,
  formatSize,
  HOST_HEADER,
  isExternalUrl,
  itemsColumnOf,
  pagination,
  publicHtml,
  publicFileLinks,
  filesInBody,
  sectionOf,
  toItem,
  toLink,
  type ArticleModel,
  type BlockModel,
  type ColumnResult,
  type ItemModel,
  type LinkModel,
  type ProposedText,
  type SiteContext,
  type TreeNode,
} from './portal.models.js';
import type { PortalRepository } from './portal.repository.js';
import { filtersModel, searchParamsOf, type SearchModel, type SearchPageFilters } from './portal-search-model.js';
import { listPager, NEWEST } from './list-pages.js';

export const SEARCH_PAGE_SIZE = 10;
/** Longer queries are cut: nobody types more into a site search box, and the cost grows with it. */
export const MAX_QUERY_CHARS = 50;

// Column names the county portal uses for its home page when the site has not chosen blocks.
const DEFAULT_NEWS = ['热点头条', '涟水新闻', '部门动态', '乡镇动态'];
const NEWS_CENTRE = '新闻中心';
const NOTICES = ['公告公示', '通知公告'];
const ENTRIES = ['政务公开', '政民互动'];

export type { SearchModel, SearchPageFilters } from './portal-search-model.js';

/** The public site's view models. No actor: only published content, chosen in PortalRepository. */
export class PortalService {
  constructor(
    private readonly repo: PortalRepository,
    private readonly sites: SitesService,
    private readonly columns: ColumnsService,
    private readonly articles: ArticlesService,
    private readonly search: SearchService,
    private readonly cache: PageCache,
  ) {}

  /** The site a request's Host names (the default site for unknown hosts), with its column tree. */
  async context(host: string | undefined): Promise<SiteContext> {
    // The Host header is whatever the client sent: anything that is not a host name (a NUL byte would
    // make PostgreSQL refuse the query) is treated like an unknown host.
    const name = host && HOST_HEADER.test(host) ? host.toLowerCase() : '';
    const site = await this.cache.remember(null, `host:${name}`, () => this.sites.forHost(name || undefined));
    if (!site) throw new AppError('UNAVAILABLE', '网站尚未建立站点，请先在管理后台创建站点');
    return this.contextOf(site);
  }

  contextOf(site: SiteView): Promise<SiteContext> {
    return this.cache.remember(site.id, `site:${site.id}`, async () =>
      buildContext(site, await this.columns.listBySite(site.id)),
    );
  }

  async home(ctx: SiteContext): Promise<{
    headline: ItemModel | null;
    blocks: BlockModel[];
    notices: BlockModel | null;
    entries: Array<LinkModel & { links: LinkModel[] }>;
    /** The columns whose items the page lists (its cache tags). */
    listed: number[];
  }> {
    type Choice = { column: ColumnView; title: string | undefined; limit: number };
    const configured = ctx.site.homeBlocks
      .map((b) => ({ column: ctx.byId.get(b.columnId), title: b.title, limit: b.limit }))
      .filter((b): b is Choice => b.column !== undefined);
    // Blocks the site chose are shown as chosen; a chosen notices column takes the notices place.
    // Without a choice, the county's usual columns are looked up by name.
    const isNotices = (b: Choice) => NOTICES.includes(b.column.name) || NOTICES.includes(b.title ?? '');
    const chosen: Choice[] = configured.length
      ? configured
      : this.defaultBlocks(ctx).map((column) => ({ column, title: undefined, limit: 8 }));
    const defaultNotices = this.findNotices(ctx);
    const noticeChoice = configured.length
      ? configured.find(isNotices)
      : defaultNotices && { column: defaultNotices, title: undefined, limit: 8 };
    const blocks = await Promise.all(
      chosen
        .filter((b) => b !== noticeChoice && b.column.id !== noticeChoice?.column.id)
        .map((b) => this.block(ctx, b.column, b.limit, b.title)),
    );
    const notices = noticeChoice
      ? await this.block(ctx, noticeChoice.column, noticeChoice.limit, noticeChoice.title)
      : null;
    const headline = blocks[0]?.items[0] ?? null;
    const entries = ENTRIES.flatMap((name) => {
      const c = (ctx.children.get(null) ?? []).find((k) => k.name === name);
      return c ? [{ ...toLink(c), links: (ctx.children.get(c.id) ?? []).slice(0, 8).map(toLink) }] : [];
    });
    const listed = [...chosen, ...(noticeChoice ? [noticeChoice] : [])].map((b) => itemsColumnOf(b.column));
    return { headline, blocks, notices, entries, listed };
  }

  private async block(ctx: SiteContext, column: ColumnView, limit: number, title?: string): Promise<BlockModel> {
    const items = await this.repo.latestInColumn(ctx.site.id, itemsColumnOf(column), limit);
    return { title: title || column.name, url: columnUrl(column), items: items.map(toItem) };
  }

  /** Named news columns, preferably under 新闻中心; else the first list columns there or at the top. */
  private defaultBlocks(ctx: SiteContext): ColumnView[] {
    const top = ctx.children.get(null) ?? [];
    const centre = top.find((c) => c.name === NEWS_CENTRE);
    const under = centre ? (ctx.children.get(centre.id) ?? []) : [];
    const named = DEFAULT_NEWS.flatMap((name) => {
      const c = under.find((k) => k.name === name) ?? ctx.columns.find((k) => k.name === name);
      return c ? [c] : [];
    });
    if (named.length) return named;
    const listable = (c: ColumnView) => c.kind !== 'link' && c.kind !== 'page';
    const fallback = under.filter(listable);
    return (fallback.length ? fallback : top.filter(listable)).slice(0, 4);
  }

  /** The notices column: 新闻中心's if it has one (政务公开 may have another of the same name), else the first. */
  private findNotices(ctx: SiteContext): ColumnView | undefined {
    const listable = (c: ColumnView) => NOTICES.includes(c.name) && c.kind !== 'link' && c.kind !== 'page';
    const centre = (ctx.children.get(null) ?? []).find((c) => c.name === NEWS_CENTRE);
    return (centre && (ctx.children.get(centre.id) ?? []).find(listable)) ?? ctx.columns.find(listable);
  }

  async column(ctx: SiteContext, path: string, requestedPage: number): Promise<ColumnResult> {
    const column = ctx.byPath.get(path);
    if (!column) return { kind: 'missing' };
    const section = sectionOf(ctx, column.id);
    const kids = distinctChildren(ctx.children.get(column.id) ?? []).map(toLink);
    if (column.kind === 'link') {
      if (!column.linkUrl) return { kind: 'missing' };
      if (!isExternalUrl(column.linkUrl)) return { kind: 'redirect', location: column.linkUrl };
      return { kind: 'link', column: toLink(column), breadcrumb: breadcrumb(ctx, column.id), section };
    }
    if (column.kind === 'page') {
      const row = await this.columns.findById(column.id);
      return {
        kind: 'page',
        column,
        breadcrumb: breadcrumb(ctx, column.id),
        section,
        bodyHtml: publicHtml(row?.page_html ?? '', false),
        date: dayOf(column.updatedAt),
        subColumns: kids,
      };
    }
    // A leaf shows its siblings beside the list, so a visitor can move along the section.
    const parent = column.parentId === null ? undefined : ctx.byId.get(column.parentId);
    const subColumns = kids.length || !parent ? kids : distinctChildren(ctx.children.get(parent.id) ?? []).map(toLink);
    // Archive pages are counted from the oldest (list-pages.ts): the count comes first, then the range.
    const { items, total, page } = await this.repo.listPage(ctx.site.id, itemsColumnOf(column), requestedPage);
    const base = `/c/${column.path}/`;
    return {
      kind: 'list',
      column,
      breadcrumb: breadcrumb(ctx, column.id),
      section,
      subColumns,
      subHeading: kids.length || !parent ? column.name : parent.name,
      items: items.map(toItem),
      pagination: listPager(page, total, (n) => (n === NEWEST ? base : `${base}?page=${n}`)),
      url: base,
      rssUrl: `${base}rss.xml`,
    };
  }

  /** A published article of this site, or where its title links to, or nothing. */
  async article(
    ctx: SiteContext,
    id: number,
  ): Promise<
    | { kind: 'missing' }
    | { kind: 'redirect'; location: string }
    | { kind: 'article'; article: ArticleModel; columnId: number }
  > {
    const row = await this.repo.publishedArticle(ctx.site.id, id);
    if (!row) return { kind: 'missing' };
    if (row.link_url) return { kind: 'redirect', location: row.link_url };
    const [view, near, unitName] = await Promise.all([
      this.articles.view(row),
      this.repo.neighbours(row),
      this.repo.unitName(row.unit_id),
    ]);
    const model = this.articleModel(ctx, view, unitName ?? view.unitName, false);
    return {
      kind: 'article',
      article: { ...model, older: near.older && toItem(near.older), newer: near.newer && toItem(near.newer) },
      columnId: row.column_id,
    };
  }

  /** The article page of any article the actor may read (unit scope applies), published or not; a proposal (a correction under review) laid over it. */
  async preview(
    actor: Actor,
    id: number,
    proposal?: ProposedText,
  ): Promise<{ ctx: SiteContext; article: ArticleModel }> {
    const read = await this.articles.get(actor, id);
    const view = proposal
      ? {
          ...read,
          title: proposal.title,
          subtitle: proposal.subtitle,
          summary: proposal.summary,
          bodyHtml: proposal.bodyHtml,
        }
      : read;
    const [site, unitName] = await Promise.all([this.sites.get(actor, view.siteId), this.repo.unitName(view.unitId)]);
    const ctx = await this.contextOf(site);
    return { ctx, article: this.articleModel(ctx, view, unitName ?? view.unitName, true) };
  }

  private articleModel(ctx: SiteContext, a: ArticleView, unitName: string, preview: boolean): ArticleModel {
    const optional = (label: string, value: string | null) => (value ? [{ label, value }] : []);
    const published = (links: ArticleView['policies']) =>
      links.filter((l) => l.status === 'published').map((l) => ({ title: l.title, url: articleUrl(l.id) }));
    const d = a.disclosure;
    const inBody = filesInBody(a.bodyHtml);
    return {
      id: a.id,
      title: a.title,
      subtitle: a.subtitle,
      date: a.publishedAt ? dayOf(a.publishedAt) : null,
      source: a.source,
      unitName,
      breadcrumb: breadcrumb(ctx, a.columnId, '正文'),
      section: sectionOf(ctx, a.columnId),
      disclosure: a.isDisclosure
        ? [
            { label: '索引号', value: a.indexNo ?? '发布时生成' },
            { label: '发布机构', value: d.issuer ?? unitName },
            { label: '成文日期', value: d.writtenOn ?? '无' },
            { label: '文号', value: d.docNo ?? '无' },
            { label: '主题分类', value: d.topicCategory ?? '无' },
            ...optional('体裁分类', d.genre),
            ...optional('主题词', d.keywords),
            ...optional('有效性', d.validity),
          ]
        : null,
      bodyHtml: publicHtml(preview ? a.bodyHtml : publicFileLinks(a.bodyHtml, a.attachments), true),
      attachments: a.attachments
        .filter((f) => !inBody.has(f.id) || !f.mime.startsWith('image/'))
        .map((f) => ({
          name: f.name,
          // The preview shows files of unpublished items, which only the admin API may hand out.
          url: preview ? f.url : `/files/${f.id}/${encodeURIComponent(f.name)}`,
          size: formatSize(f.size),
          type: f.ext.toUpperCase(),
        })),
      interpretations: published(a.interpretations),
      policies: published(a.policies),
      preview: preview ? { statusLabel: a.statusLabel } : null,
    };
  }

  /**
   * One page of search results: the engine counts every match and pages through all of them in its
   * order (no cap); the rows of the page are read here for their titles and snippets.
   */
  async searchPage(
    ctx: SiteContext,
    rawQuery: string,
    requestedPage: number,
    filters: SearchPageFilters = {},
  ): Promise<SearchModel> {
    const trimmed = rawQuery.trim();
    const query = [...trimmed].slice(0, MAX_QUERY_CHARS).join('');
    const cut = query.length < trimmed.length;
    const form = filtersModel(ctx, filters);
    const empty = { query, maxChars: MAX_QUERY_CHARS, cut, total: 0, results: [], pagination: null, filters: form };
    if (!query) return empty;
    const where: SearchFilters = {
      siteId: ctx.site.id,
      columnId: filters.columnId,
      unitId: filters.unitId,
      type: filters.type,
      from: filters.fromDay && shanghaiDayStart(filters.fromDay),
      to: filters.toDay && shanghaiDayEnd(filters.toDay),
    };
    const at = (page: number) =>
      this.search.search(query, where, { limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE });
    const first = await at(requestedPage);
    const page = clampPage(requestedPage, first.total, SEARCH_PAGE_SIZE);
    const found = page === requestedPage ? first : await at(page);
    if (found.total === 0) return empty;
    const rows = new Map((await this.repo.searchRows(ctx.site.id, found.ids)).map((r) => [r.id, r]));
    const marks = found.marks;
    const q = new URLSearchParams({ q: query, ...searchParamsOf(filters) }).toString();
    return {
      query,
      maxChars: MAX_QUERY_CHARS,
      cut,
      total: found.total,
      results: found.ids.flatMap((id) => {
        const r = rows.get(id);
        if (!r) return [];
        return [
          {
            url: articleUrl(r.id),
            titleHtml: highlight(r.title, marks),
            snippetHtml: highlight(snippet(r.text, marks), marks),
            date: dayOf(r.publishedAt),
            columnName: ctx.byId.get(r.columnId)?.name ?? '',
          },
        ];
      }),
      pagination: pagination(page, found.total, SEARCH_PAGE_SIZE, (n) => `/search?${q}${n === 1 ? '' : `&page=${n}`}`),
      filters: form,
    };
  }

  /** The latest items of a listing column for its RSS feed. */
  async feed(
    ctx: SiteContext,
    path: string,
  ): Promise<{ column: ColumnView; items: Array<ItemModel & { publishedAt: string }> } | null> {
    const column = ctx.byPath.get(path);
    if (!column || column.kind === 'link' || column.kind === 'page') return null;
    const items = await this.repo.latestInColumn(ctx.site.id, itemsColumnOf(column), 20);
    return { column, items: items.map((i) => ({ ...toItem(i), publishedAt: i.publishedAt })) };
  }

  async sitemapEntries(
    ctx: SiteContext,
  ): Promise<{ columns: string[]; articles: Array<{ url: string; lastModified: string }> }> {
    const articles = await this.repo.sitemapArticles(ctx.site.id);
    return {
      columns: ctx.columns.filter((c) => c.kind !== 'link').map((c) => `/c/${c.path}/`),
      articles: articles.map((a) => ({ url: articleUrl(a.id), lastModified: a.lastModified })),
    };
  }

  /** The whole column tree for the 网站地图 page. */
  tree(ctx: SiteContext): TreeNode[] {
    const build = (parentId: number | null): TreeNode[] =>
      distinctChildren(ctx.children.get(parentId) ?? []).map((c) => ({ ...toLink(c), children: build(c.id) }));
    return build(null);
  }
}
