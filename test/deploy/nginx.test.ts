import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderStandalone } from '../../deploy/nginx/render.js';
import { PUBLIC_CSP } from '../../src/modules/portal/portal.routes.js';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeColumn, makeSite } from '../harness/factories.js';
import { freePort } from '../harness/server-process.js';

// The shipped nginx configuration (deploy/nginx/govportal.conf, rendered with a scratch folder and
// ports) run by the real nginx in front of the real app: files of the static layout are served from
// disk with the Node server's headers, compressed; what is not on disk, and /api, reach Node with the
// visitor's address forwarded.

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const hasNginx = fs.existsSync(NGINX);

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: fetch would undo the compression this test wants to see. */
function get(port: number, url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: url, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
  });
}

async function listening(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx 退出（${child.exitCode}）：${fs.readFileSync(log, 'utf8')}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false)); // not listening yet
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx 未在端口 ${port} 就绪：${fs.readFileSync(log, 'utf8')}`);
}

describe.skipIf(!hasNginx)(
  hasNginx
    ? 'nginx in front of the Node server (deploy/nginx/govportal.conf)'
    : `nginx in front of the Node server — skipped: ${NGINX} is missing (apt-get install nginx; test/run.sh installs it)`,
  () => {
    let app: TestApp;
    let upstream: http.Server;
    let nginx: ChildProcess;
    let port: number;
    let scratch: string;
    const seen: http.IncomingHttpHeaders[] = [];
    const page2 = `<!doctype html><html><body>${'第二页的列表 '.repeat(200)}</body></html>\n`;
    const page1 = '<!doctype html><html><body>最早的一页</body></html>\n';
    const article = `<!doctype html><html><body>${'静态文章正文 '.repeat(200)}</body></html>\n`;

    beforeAll(async () => {
      app = await createTestApp();
      const site = await makeSite(app.services);
      await makeColumn(app.services, site.id, '涟水新闻', null, { slug: 'news' });
      // The real app behind a plain http server that notes the headers each request arrived with.
      upstream = http.createServer((req, res) => {
        seen.push(req.headers);
        app.server.routing(req, res);
      });
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
      const appPort = (upstream.address() as net.AddressInfo).port;

      // nginx's workers run as nobody when the tests run as root: the folders must be readable.
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-nginx-'));
      fs.chmodSync(scratch, 0o755);
      const root = path.join(scratch, 'public', site.code);
      fs.mkdirSync(path.join(root, 'a'), { recursive: true });
      fs.mkdirSync(path.join(root, 'c', 'news'), { recursive: true });
      fs.writeFileSync(path.join(root, 'a', '1.html'), article);
      fs.writeFileSync(path.join(root, 'a', '1.html.gz'), zlib.gzipSync(article));
      fs.writeFileSync(path.join(root, 'c', 'news', 'index_2.html'), page2);
      fs.writeFileSync(path.join(root, 'c', 'news', 'index_1.html'), page1);

      port = await freePort();
      const conf = path.join(scratch, 'nginx.conf');
      fs.writeFileSync(
        conf,
        renderStandalone(scratch, {
          listen: `127.0.0.1:${port}`,
          staticDir: path.join(scratch, 'public'),
          upstreams: [`127.0.0.1:${appPort}`],
          defaultSite: site.code,
        }),
      );
      const log = path.join(scratch, 'error.log');
      fs.writeFileSync(log, '');
      nginx = spawn(NGINX, ['-p', scratch, '-c', conf, '-e', log], { stdio: 'ignore' });
      await listening(port, nginx, log);
    });

    afterAll(async () => {
      if (nginx && nginx.exitCode === null) {
        const gone = new Promise((r) => nginx.once('exit', r));
        nginx.kill('SIGTERM');
        await gone;
      }
      await new Promise((r) => upstream?.close(r));
      await app?.close();
      if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    });

    const security = (r: Reply) => ({
      csp: r.headers['content-security-policy'],
      nosniff: r.headers['x-content-type-options'],
      referrer: r.headers['referrer-policy'],
    });
    const nodeHeaders = { csp: PUBLIC_CSP, nosniff: 'nosniff', referrer: 'strict-origin-when-cross-origin' };

    it('serves a published file with the Node server’s headers, compressed, without asking Node', async () => {
      const before = seen.length;
      const plain = await get(port, '/a/1.html');
      expect(plain.status).toBe(200);
      expect(plain.body.toString()).toBe(article);
      expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(plain.headers['cache-control']).toBe('public, max-age=60');
      expect(security(plain)).toEqual(nodeHeaders);
      expect(plain.headers.etag).toBeTruthy();

      const gz = await get(port, '/a/1.html', { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.body).toString()).toBe(article);
      expect(gz.headers.vary).toMatch(/Accept-Encoding/);
      expect(security(gz)).toEqual(nodeHeaders);
      expect(seen.length).toBe(before);
    });

    it('maps ?page=N of a column list to index_N.html, compressing on the fly', async () => {
      const r = await get(port, '/c/news/?page=2', { 'accept-encoding': 'gzip' });
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(r.body).toString()).toBe(page2);
      expect(security(r)).toEqual(nodeHeaders);
      // Archive pages are numbered from the oldest: ?page=1 is a file of its own, not the newest page.
      expect((await get(port, '/c/news/?page=01')).body.toString()).toBe(page1);
    });

    it('falls back to Node for a page not on disk, with the same security headers', async () => {
      const before = seen.length;
      const list = await get(port, '/c/news/');
      expect(list.status).toBe(200);
      expect(list.body.toString()).toContain('涟水新闻');
      expect(security(list)).toEqual(nodeHeaders);
      const missing = await get(port, '/a/999999.html');
      expect(missing.status).toBe(404);
      expect(security(missing)).toEqual(nodeHeaders);
      // ?page=3 has no file: Node answers (with the newest page), not nginx's own 404.
      const page3 = await get(port, '/c/news/?page=3');
      expect(page3.status).toBe(200);
      expect(page3.body.toString()).toContain('涟水新闻');
      // The address without its slash is Node's redirect.
      const bare = await get(port, '/c/news');
      expect(bare.status).toBe(301);
      expect(bare.headers.location).toBe('/c/news/');
      expect(seen.length).toBe(before + 4);
    });

    it('proxies /api to Node with the visitor’s address and scheme forwarded', async () => {
      const r = await get(port, '/api/auth/me', { 'x-forwarded-for': '203.0.113.7' });
      expect(r.status).toBe(401);
      expect(r.headers['content-type']).toMatch(/application\/json/);
      const h = seen[seen.length - 1]!;
      expect(h['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
      expect(h['x-forwarded-proto']).toBe('http');
      expect(h.host).toBe(`127.0.0.1:${port}`);
    });
  },
);
