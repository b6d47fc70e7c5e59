import type { Readable } from 'node:stream';
import type { SiteView } from '../sites/sites.repository.js';
import type { AttachmentsService } from '../content/attachments.service.js';
import { tag } from '../portal/dependents.js';
import { PageCache, type CachedPage, type RenderedPage } from '../portal/page-cache.js';
import { robotsTxt } from '../portal/pages.js';
import type { Portal } from '../portal/portal.js';
import { archivePages, NEWEST } from '../portal/list-pages.js';
import { itemsColumnOf, type SiteContext } from '../portal/portal.models.js';
import { fileNameIsSafe, type Target } from './static.paths.js';
import type { StaticRepository } from './static.repository.js';

// A target's bytes, rendered by the very code that answers the URL (portal/pages.ts), so a file is
// byte for byte what Node would send for it. Only 200 answers become files: a missing page, a
// redirect, an error is "no file" (the caller removes one that exists), and nginx hands the URL to Node.

export interface RenderedFile {
  body: Buffer;
  /** What the file shows (portal/dependents.ts tags); a change touching one regenerates the file. */
  tags: string[];
}

/** A page cache that keeps nothing but remembers the tags of the last render (pages.ts sets them). */
class TagRecorder extends PageCache {
  tags: readonly string[] = [];
  constructor() {
    super({ ttlSeconds: 0 });
  }
  override async page(_siteId: number, _key: string, render: () => Promise<RenderedPage>): Promise<CachedPage> {
    const r = await render();
    this.tags = r.tags ?? [];
    return r.page;
  }
}

/** The absolute origin feeds, sitemaps and robots.txt name: the site's first host, the public scheme. */
export function originOf(site: SiteView, publicBaseUrl: string): string {
  const base = new URL(publicBaseUrl);
  return `${base.protocol}//${site.hosts[0] ?? base.host}`;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

export class StaticRenderer {
  constructor(
    private readonly portal: Portal,
    private readonly attachments: AttachmentsService,
    private readonly repo: StaticRepository,
    private readonly publicBaseUrl: string,
  ) {}

  /** The site's context as the public site builds it (the column tree, the layout). */
  context(site: SiteView): Promise<SiteContext> {
    return this.portal.service.contextOf(site);
  }

  async render(ctx: SiteContext, t: Target): Promise<RenderedFile | null> {
    // A fresh recorder per render: renders of one batch may run side by side.
    const recorder = new TagRecorder();
    const pages = this.portal.pagesWith(recorder);
    const origin = originOf(ctx.site, this.publicBaseUrl);
    const ok = (page: CachedPage): RenderedFile | null =>
      page.status === 200 && !page.location ? { body: page.body, tags: [...recorder.tags] } : null;
    switch (t.kind) {
      case 'home':
        return ok(await pages.home(ctx));
      case 'article':
        return ok(await pages.article(ctx, t.id));
      case 'column': {
        // The portal answers a page past the last archive page with the newest page; as a file it must not exist.
        const column = ctx.byPath.get(t.path);
        if (!column) return null;
        if (t.page !== NEWEST && t.page > (await this.archiveCount(ctx, t.path))) return null;
        return ok(await pages.column(ctx, t.path, t.page));
      }
      case 'rss':
        return ok(await pages.rss(ctx, t.path, origin));
      case 'sitemap.xml':
        return ok(await pages.sitemapXml(ctx, origin));
      case 'sitemap.html':
        return ok(await pages.sitemapHtml(ctx));
      case 'robots':
        return { body: Buffer.from(robotsTxt(origin)), tags: [tag.tree] };
      case 'file': {
        const file = await this.attachments.openPublic(t.id);
        if (!file) return null;
        if (file.view.name !== t.name || file.view.articleId === null) {
          file.stream.destroy();
          return null;
        }
        return { body: await readAll(file.stream), tags: [tag.article(file.view.articleId)] };
      }
      case 'asset': {
        if (this.portal.renderer.resolve(ctx.site.theme) !== t.theme) return null;
        const asset = this.portal.renderer.asset(t.theme, t.file);
        return asset ? { body: asset.body, tags: [tag.tree] } : null;
      }
    }
  }

  /** Archive pages a column's list has now (portal/list-pages.ts); none for a single page or link column. */
  async archiveCount(ctx: SiteContext, path: string): Promise<number> {
    const column = ctx.byPath.get(path);
    if (!column || column.kind === 'link' || column.kind === 'page') return 0;
    const id = itemsColumnOf(column);
    return archivePages((await this.repo.listedCounts([id])).get(id) ?? 0);
  }

  /** Every file a site has: its pages, its columns' pages and feeds, its items, their files, the theme. */
  async allTargets(ctx: SiteContext): Promise<Target[]> {
    const out: Target[] = [{ kind: 'home' }, { kind: 'sitemap.xml' }, { kind: 'sitemap.html' }, { kind: 'robots' }];
    out.push(
      ...(await this.columnTargets(
        ctx,
        ctx.columns.map((c) => c.path),
      )),
    );
    for (const id of await this.repo.publishedIds(ctx.site.id)) out.push({ kind: 'article', id });
    out.push(...(await this.fileTargets(ctx.site.id)));
    const theme = this.portal.renderer.resolve(ctx.site.theme);
    for (const file of this.portal.renderer.assetFiles(theme)) out.push({ kind: 'asset', theme, file });
    return out;
  }

  /** The list pages and feed of each column (a single page or link column: its one page). */
  async columnTargets(ctx: SiteContext, paths: readonly string[]): Promise<Target[]> {
    const columns = paths.flatMap((p) => ctx.byPath.get(p) ?? []);
    const lists = columns.filter((c) => c.kind !== 'link' && c.kind !== 'page');
    const counts = await this.repo.listedCounts(lists.map(itemsColumnOf));
    const out: Target[] = [];
    for (const c of columns) {
      out.push({ kind: 'column', path: c.path, page: NEWEST });
      if (c.kind === 'link' || c.kind === 'page') continue;
      const pages = archivePages(counts.get(itemsColumnOf(c)) ?? 0);
      for (let n = 1; n <= pages; n++) out.push({ kind: 'column', path: c.path, page: n });
      out.push({ kind: 'rss', path: c.path });
    }
    return out;
  }

  async fileTargets(siteId: number, articleIds?: readonly number[]): Promise<Target[]> {
    const files = await this.repo.publicFiles(siteId, articleIds);
    return files.filter((f) => fileNameIsSafe(f.name)).map((f) => ({ kind: 'file', id: f.id, name: f.name }));
  }
}
