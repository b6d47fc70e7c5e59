import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

// The admin web app (admin/, built by Vite into admin/dist) served under /admin/. Vite names every
// asset after its content hash, so assets may be cached for a year; index.html names the current
// assets and must be revalidated on every load, or browsers would keep running an old build.

const ASSET_CACHE = 'public, max-age=31536000, immutable';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>管理后台尚未构建</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.7">
<main><h1>管理后台尚未构建</h1>
<p>服务器没有找到管理后台的构建结果（admin/dist）。请在项目目录运行 <code>npm run build</code>，然后重新启动服务。</p>
</main></body></html>`;

export interface AdminAppOptions {
  /** The Vite output directory (admin/dist). */
  dir: string;
}

/**
 * The admin app's Content-Security-Policy. Scripts only from this origin (the build has no inline
 * script and no eval), so injected markup cannot run code even where the sanitiser missed it. Styles
 * allow inline: Ant Design writes its styles into <style> elements at run time, and the editor shows
 * an item's text-align as a style attribute. Pictures from this origin (attachments), data: and blob:
 * (pasted pictures); requests and frames (the preview, the 审核表) only to this origin.
 */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', ADMIN_CSP)
    .header('cache-control', 'no-cache')
    .header('x-frame-options', 'SAMEORIGIN')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin');
}

export async function registerAdminApp(server: FastifyInstance, opts: AdminAppOptions): Promise<void> {
  const indexFile = path.join(opts.dir, 'index.html');
  server.get('/admin', { schema: { hide: true } }, (_req, reply) => reply.redirect('/admin/'));

  if (!fs.existsSync(indexFile)) {
    server.get('/admin/*', { schema: { hide: true } }, (_req, reply) =>
      pageHeaders(reply)
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(NOT_BUILT_PAGE),
    );
    return;
  }

  await server.register(
    async (scope) => {
      await scope.register(fastifyStatic, {
        root: opts.dir,
        prefix: '/',
        cacheControl: false,
        schemaHide: true,
        // The build writes .br and .gz copies of every asset (admin/vite.config.ts): sent when accepted.
        preCompressed: true,
        setHeaders: (reply, filePath) => {
          if (filePath.startsWith(path.join(opts.dir, 'assets') + path.sep)) reply.header('cache-control', ASSET_CACHE);
          else pageHeaders(reply);
        },
      });
      // Client-side routes (/admin/articles/12) are not files: they get the app's index.html. A
      // missing asset stays a 404, or a stale page would receive HTML where it expects JavaScript.
      scope.setNotFoundHandler((request, reply) => {
        // The path only: a query such as ?action=column.moved must not look like a file name.
        const rest = request.url.slice('/admin/'.length).split(/[?#]/)[0] ?? '';
        if (request.method !== 'GET' && request.method !== 'HEAD')
          return reply.code(404).type('text/plain; charset=utf-8').send('未找到');
        if (rest.startsWith('assets/') || /\.[a-z0-9]{1,8}$/i.test(rest)) {
          return reply.code(404).type('text/plain; charset=utf-8').send('未找到该文件');
        }
        return pageHeaders(reply).type('text/html; charset=utf-8').send(fs.createReadStream(indexFile));
      });
    },
    { prefix: '/admin' },
  );
}
