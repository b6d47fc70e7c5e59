import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendFile } from '../../platform/http/file-reply.js';
import { toErrorResponse } from '../../platform/http/error-handler.js';
import type { AttachmentsService } from '../content/attachments.service.js';
import type { HomePartsService } from './home-parts.service.js';
import type { CachedPage } from './page-cache.js';
import { bareErrorPage, robotsTxt } from './pages.js';
import { NEWEST } from './list-pages.js';
import type { Portal } from './portal.js';
import { HOST_HEADER, type SiteContext } from './portal.models.js';

// The public site's trust zone: no session, no cookies read, only published content, cache headers,
// HTML error pages. Registered at the root in its own encapsulated context (see docs/ARCHITECTURE.md).

/** Only this origin, plus data: images (small inline icons in old article bodies). */
export const PUBLIC_CSP =
  "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

const PATH = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)*$/;
const MAX_PAGE = 100_000;

// Bad query values are not worth an error page: they are clamped to something that exists.
const PageQuery = z.object({ page: z.coerce.number().int().catch(1) });
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const optionalId = z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined);
const optionalDay = z.string().regex(DAY).optional().catch(undefined);
const SearchQuery = PageQuery.extend({
  q: z.string().catch(''),
  column: optionalId,
  unit: optionalId,
  type: z.string().max(32).optional().catch(undefined),
  from: optionalDay,
  to: optionalDay,
});
/**
 * A list page's number as nginx reads it (deploy/nginx: `^0*[1-9][0-9]*$` is the file index_N.html):
 * anything else is the newest page, and so is a number past the last archive page (list-pages.ts).
 */
const LIST_PAGE = /^0*([1-9]\d{0,5})$/;
// A repeated page (`?page=1&page=2`) counts by its first value, as nginx's $arg_page does.
const ListQuery = z.object({
  page: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional()).catch(undefined),
});
const listPageOf = (query: { page?: string }) => {
  const m = query.page === undefined ? null : LIST_PAGE.exec(query.page);
  return m ? Number(m[1]) : NEWEST;
};
const clamp = (page: number) => Math.min(Math.max(1, page), MAX_PAGE);

const INLINE_TYPES = /^(application\/pdf|image\/(png|jpeg|gif|webp|bmp))$/;

export interface PortalRouteOptions {
  portal: Portal;
  attachments: AttachmentsService;
  /** 专题专栏 banner images (absent: none are served). */
  homeParts?: HomePartsService;
  publicCacheSeconds: number;
}

function send(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  reply.code(page.status).type(page.type);
  if (page.location) return reply.header('location', page.location).send();
  reply.header('etag', page.etag);
  if (page.status === 200 && request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  return reply.send(page.body);
}

/** Absolute links (RSS, sitemap) name the host the visitor used, if it looks like a host at all. */
function originOf(request: FastifyRequest, ctx: SiteContext): string {
  const host = HOST_HEADER.test(request.host) ? request.host : (ctx.site.hosts[0] ?? 'localhost');
  return `${request.protocol}://${host}`;
}

export async function portalRoutes(instance: FastifyInstance, opts: PortalRouteOptions): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { pages, service, renderer } = opts.portal;
  const cacheControl = `public, max-age=${opts.publicCacheSeconds}`;
  const context = (request: FastifyRequest) => service.context(request.host);
  const hide = { hide: true };

  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', PUBLIC_CSP);
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    if (!reply.hasHeader('cache-control'))
      reply.header('cache-control', reply.statusCode >= 500 ? 'no-store' : cacheControl);
    done(null, payload);
  });

  app.setErrorHandler(async (error, request, reply) => {
    const { status } = toErrorResponse(error, request); // logs unexpected errors with their stack
    let page: CachedPage;
    try {
      page = await pages.errorPage(await context(request), status);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'themed error page failed; sending the bare one');
      page = bareErrorPage(status);
    }
    return send(request, reply, page);
  });

  app.setNotFoundHandler(async (request, reply) => send(request, reply, await pages.notFound(await context(request))));

  app.get('/', { schema: hide }, async (request, reply) =>
    send(request, reply, await pages.home(await context(request))),
  );

  app.get('/c/*', { schema: { ...hide, querystring: ListQuery } }, async (request, reply) => {
    const ctx = await context(request);
    const rest = (request.params as { '*': string })['*'];
    if (rest.endsWith('/rss.xml')) {
      const path = rest.slice(0, -'/rss.xml'.length);
      return send(
        request,
        reply,
        PATH.test(path) ? await pages.rss(ctx, path, originOf(request, ctx)) : await pages.notFound(ctx),
      );
    }
    const path = rest.endsWith('/') ? rest.slice(0, -1) : rest;
    if (!PATH.test(path)) return send(request, reply, await pages.notFound(ctx));
    if (!rest.endsWith('/')) {
      const q = request.url.indexOf('?');
      return send(request, reply, await pages.columnWithoutSlash(ctx, path, q === -1 ? '' : request.url.slice(q)));
    }
    return send(request, reply, await pages.column(ctx, path, listPageOf(request.query)));
  });

  // The hottest route: no schema to run, the pattern below is the whole validation.
  app.get('/a/:file', { schema: hide }, async (request, reply) => {
    const ctx = await context(request);
    const m = /^([1-9]\d{0,9})\.html$/.exec((request.params as { file: string }).file);
    const id = m ? Number(m[1]) : NaN;
    return send(
      request,
      reply,
      Number.isSafeInteger(id) && id <= 2_147_483_647 ? await pages.article(ctx, id) : await pages.notFound(ctx),
    );
  });

  app.get('/search', { schema: { ...hide, querystring: SearchQuery } }, async (request, reply) =>
    send(
      request,
      reply,
      await pages.search(await context(request), request.query.q, clamp(request.query.page), {
        columnId: request.query.column,
        unitId: request.query.unit,
        type: request.query.type || undefined,
        fromDay: request.query.from,
        toDay: request.query.to,
      }),
    ),
  );

  app.get('/sitemap.xml', { schema: hide }, async (request, reply) => {
    const ctx = await context(request);
    return send(request, reply, await pages.sitemapXml(ctx, originOf(request, ctx)));
  });

  app.get('/sitemap.html', { schema: hide }, async (request, reply) =>
    send(request, reply, await pages.sitemapHtml(await context(request))),
  );

  app.get('/robots.txt', { schema: hide }, async (request, reply) => {
    const ctx = await context(request);
    return reply.type('text/plain; charset=utf-8').send(robotsTxt(originOf(request, ctx)));
  });

  app.get(
    '/files/:id/:name',
    { schema: { ...hide, params: z.object({ id: z.string(), name: z.string() }) } },
    async (request, reply) => {
      const id = /^[1-9]\d{0,9}$/.test(request.params.id) ? Number(request.params.id) : NaN;
      const file = Number.isSafeInteger(id) ? await opts.attachments.openPublic(id) : null;
      if (!file) return send(request, reply, await pages.notFound(await context(request)));
      return sendFile(reply, file.view, file.stream, INLINE_TYPES.test(file.view.mime) ? 'inline' : 'attachment');
    },
  );

  // A 专题专栏 banner's image, while the banner shows on this site's home page.
  app.get(
    '/banners/:id/image',
    { schema: { ...hide, params: z.object({ id: z.string() }) } },
    async (request, reply) => {
      const ctx = await context(request);
      const id = /^[1-9]\d{0,9}$/.test(request.params.id) ? Number(request.params.id) : NaN;
      const file =
        Number.isSafeInteger(id) && opts.homeParts ? await opts.homeParts.bannerImage(ctx.site.id, id) : null;
      if (!file) return send(request, reply, await pages.notFound(ctx));
      return sendFile(reply, file.view, file.stream, 'inline');
    },
  );

  app.get('/static/:theme/*', { schema: hide }, async (request, reply) => {
    const { theme, '*': file } = request.params as { theme: string; '*': string };
    const asset = renderer.asset(theme, file);
    if (!asset) return send(request, reply, await pages.notFound(await context(request)));
    // Asset URLs carry a content hash (`?v=`), so a year of caching is safe.
    reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').header('etag', asset.etag);
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.send(asset.body);
  });
}
