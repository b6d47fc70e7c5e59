import type { Actor } from '../../platform/auth/actor.js';
import { rss, sitemap } from './feeds.js';
import { tag } from './dependents.js';
import { etagOf, type CachedPage, type PageCache, type RenderedPage } from './page-cache.js';
import type { CatalogueReader } from './portal-catalogue.js';
import type { HomePartsService } from './home-parts.service.js';
import { homeExtras } from './portal-home.js';
import { NEWEST } from './list-pages.js';
import { itemsColumnOf, type SiteContext } from './portal.models.js';
import type { ArticleModel, ProposedText } from './portal.models.js';
import type { PortalService, SearchPageFilters } from './portal.service.js';
import type { ThemeRenderer } from './render.js';

// From view model to finished response: which template, which status, whether the result may be
// cached. Routes stay one line of work each; the preview route of the admin API renders through the
// same code, so a preview is byte for byte what the public page will be.

const HTML = 'text/html; charset=utf-8';

const page = (status: number, type: string, text: string): CachedPage => {
  const body = Buffer.from(text);
  return { status, type, body, etag: etagOf(body) };
};
const redirect = (status: 301 | 302, location: string): CachedPage => ({
  status,
  type: HTML,
  body: Buffer.alloc(0),
  etag: '',
  location,
});

type Rendered = RenderedPage;

/**
 * The other items an article page names (its neighbours, 解读 and policies): a change of one of them
 * changes this page. Static publishing finds the pages to regenerate by these tags (modules/publish).
 */
function shownBy(a: ArticleModel): number[] {
  const linked = [...a.interpretations, ...a.policies].map((l) => /^\/a\/(\d+)\.html$/.exec(l.url)?.[1]);
  return [a.older?.id, a.newer?.id, ...linked.map(Number)].filter((n): n is number => Number.isSafeInteger(n));
}

/** robots.txt: the same for every site but for the sitemap's absolute address. */
export const robotsTxt = (origin: string) =>
  `User-agent: *\nDisallow: /api/\nDisallow: /admin/\nSitemap: ${origin}/sitemap.xml\n`;
const TREE = [tag.tree];
/** The newest list page goes with any change of the column; an archive page with its own block (list-pages.ts). */
const listTags = (columnId: number, pageNo: number) =>
  pageNo === NEWEST ? [tag.column(columnId)] : [tag.archive(columnId), tag.archivePage(columnId, pageNo)];

export class PortalPages {
  constructor(
    private readonly portal: PortalService,
    private readonly renderer: ThemeRenderer,
    private readonly cache: PageCache,
    private readonly catalogue?: CatalogueReader,
    private readonly homeParts?: HomePartsService,
  ) {}

  /** The 目录 of a deep section's pages, and the tag that clears them when a count below changes. */
  private async catalogueOf(ctx: SiteContext, columnId: number) {
    const catalogue = (await this.catalogue?.of(ctx, columnId)) ?? null;
    return { catalogue, tags: catalogue ? [tag.column(catalogue.rootId)] : [] };
  }

  private async render(
    ctx: SiteContext,
    template: string,
    status: number,
    scope: Record<string, unknown>,
  ): Promise<CachedPage> {
    return page(status, HTML, await this.renderer.render(ctx.site.theme, template, { ...ctx.layout, ...scope }));
  }

  home(ctx: SiteContext): Promise<CachedPage> {
    return this.cache.page(ctx.site.id, 'home', async () => {
      const [home, extras] = await Promise.all([this.portal.home(ctx), homeExtras(ctx, this.homeParts)]);
      const listed = extras.pictureColumnId === null ? home.listed : [...home.listed, extras.pictureColumnId];
      return {
        page: await this.render(ctx, 'home', 200, { title: null, section: 'home', ...home, ...extras }),
        cacheable: true,
        tags: listed.map(tag.column),
      };
    });
  }

  column(ctx: SiteContext, path: string, pageNo: number): Promise<CachedPage> {
    return this.cache.page(ctx.site.id, `c:${path}:${pageNo}`, async (): Promise<Rendered> => {
      const r = await this.portal.column(ctx, path, pageNo);
      switch (r.kind) {
        case 'missing':
          return { page: await this.notFound(ctx), cacheable: false };
        case 'redirect':
          return { page: redirect(302, r.location), cacheable: true, tags: TREE };
        case 'link':
          return {
            page: await this.render(ctx, 'link', 200, { title: r.column.name, ...r }),
            cacheable: true,
            tags: TREE,
          };
        case 'page': {
          const { catalogue, tags } = await this.catalogueOf(ctx, r.column.id);
          return {
            page: await this.render(ctx, 'page', 200, { title: r.column.name, ...r, catalogue }),
            cacheable: true,
            tags: [...TREE, ...tags],
          };
        }
        case 'list': {
          const column = ctx.byPath.get(path);
          const { catalogue, tags } = await this.catalogueOf(ctx, r.column.id);
          return {
            page: await this.render(ctx, 'column', 200, {
              title: r.pagination.newest ? r.column.name : `${r.column.name}（第${r.pagination.page}页）`,
              ...r,
              catalogue,
            }),
            cacheable: true,
            // Without the column (cannot happen: it was just found by path) the page goes with any change.
            tags: [...(column ? listTags(itemsColumnOf(column), r.pagination.page) : []), ...tags],
          };
        }
      }
    });
  }

  /** `/c/<path>` without its trailing slash: the canonical URL if the column exists. */
  async columnWithoutSlash(ctx: SiteContext, path: string, search: string): Promise<CachedPage> {
    if (!ctx.byPath.has(path)) return this.notFound(ctx);
    return redirect(301, `/c/${path}/${search}`);
  }

  article(ctx: SiteContext, id: number): Promise<CachedPage> {
    return this.cache.page(ctx.site.id, `a:${id}`, async (): Promise<Rendered> => {
      const r = await this.portal.article(ctx, id);
      if (r.kind === 'missing') return { page: await this.notFound(ctx), cacheable: false };
      if (r.kind === 'redirect') return { page: redirect(302, r.location), cacheable: true, tags: [tag.article(id)] };
      return {
        page: await this.render(ctx, 'article', 200, {
          title: r.article.title,
          section: r.article.section,
          article: r.article,
        }),
        cacheable: true,
        tags: [tag.article(id), tag.neighbours(r.columnId), ...shownBy(r.article).map(tag.article)],
      };
    });
  }

  async preview(actor: Actor, id: number, proposal?: ProposedText): Promise<string> {
    const { ctx, article } = await this.portal.preview(actor, id, proposal);
    return this.renderer.render(ctx.site.theme, 'article', {
      ...ctx.layout,
      title: article.title,
      section: article.section,
      article,
    });
  }

  /** Not cached: the keys are whatever visitors type. */
  async search(ctx: SiteContext, q: string, pageNo: number, filters: SearchPageFilters = {}): Promise<CachedPage> {
    const search = await this.portal.searchPage(ctx, q, pageNo, filters);
    return this.render(ctx, 'search', 200, {
      title: search.query ? `“${search.query}”的搜索结果` : '站内搜索',
      search,
    });
  }

  rss(ctx: SiteContext, path: string, origin: string): Promise<CachedPage> {
    return this.cache.page(ctx.site.id, `rss:${origin}:${path}`, async (): Promise<Rendered> => {
      const feed = await this.portal.feed(ctx, path);
      if (!feed) return { page: await this.notFound(ctx), cacheable: false };
      const xml = rss({
        title: `${feed.column.name} - ${ctx.site.name}`,
        link: `${origin}/c/${feed.column.path}/`,
        description: feed.column.description ?? `${ctx.site.name}“${feed.column.name}”栏目的最新信息`,
        items: feed.items.map((i) => ({
          title: i.title,
          link: origin + i.url,
          description: i.summary,
          publishedAt: i.publishedAt,
        })),
      });
      return {
        page: page(200, 'application/rss+xml; charset=utf-8', xml),
        cacheable: true,
        tags: [tag.column(itemsColumnOf(feed.column))],
      };
    });
  }

  sitemapXml(ctx: SiteContext, origin: string): Promise<CachedPage> {
    return this.cache.page(ctx.site.id, `sitemap:${origin}`, async () => {
      const entries = await this.portal.sitemapEntries(ctx);
      const urls = [
        { loc: `${origin}/` },
        ...entries.columns.map((c) => ({ loc: origin + c })),
        ...entries.articles.map((a) => ({ loc: origin + a.url, lastModified: a.lastModified })),
      ];
      return { page: page(200, 'application/xml; charset=utf-8', sitemap(urls)), cacheable: true, tags: [tag.sitemap] };
    });
  }

  sitemapHtml(ctx: SiteContext): Promise<CachedPage> {
    return this.cache.page(ctx.site.id, 'sitemap.html', async () => ({
      page: await this.render(ctx, 'sitemap', 200, {
        title: '网站地图',
        crumbs: [{ name: '首页', url: '/' }, { name: '网站地图' }],
        tree: this.portal.tree(ctx),
      }),
      cacheable: true,
      tags: TREE,
    }));
  }

  notFound(ctx: SiteContext): Promise<CachedPage> {
    return this.render(ctx, '404', 404, { title: '页面不存在' });
  }

  /** An error page in the site's theme; `status` 4xx says the request was wrong, 5xx that we failed. */
  errorPage(ctx: SiteContext, status: number): Promise<CachedPage> {
    if (status === 404) return this.notFound(ctx);
    return this.render(ctx, 'error', status, {
      title: status < 500 ? '请求有误' : '服务暂时不可用',
      clientError: status < 500,
    });
  }
}

/** The last resort when even the themed error page cannot be rendered (no site yet, broken theme). */
export function bareErrorPage(status: number): CachedPage {
  const text =
    status === 404
      ? '页面不存在'
      : status === 503
        ? '网站正在建设或维护中，请稍后访问'
        : status < 500
          ? '请求有误，请检查网址'
          : '服务暂时不可用，请稍后再试';
  return page(
    status,
    HTML,
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text}</title></head><body><main><h1>${text}</h1><p><a href="/">返回首页</a></p></main></body></html>`,
  );
}
