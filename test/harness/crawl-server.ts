import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

// A department site on loopback for the crawler's tests: saved list pages (GBK and UTF-8), an RSS and
// an Atom feed, and the bad cases: a page that answers too slowly, a 500, a redirect loop, redirects
// to a private address and to a name that resolves to loopback, a huge page, a feed of 100,000
// entries, a page that is not HTML at all, and a path robots.txt forbids.

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/crawl');
export const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

export interface CrawlSite {
  base: string;
  port: number;
  /** Requests seen, in order (path and arrival time in ms), for politeness checks. */
  hits: Array<{ path: string; at: number }>;
  /** Extra or replaced pages: path → [content-type, body]. */
  pages: Map<string, [string, string | Buffer]>;
  close(): Promise<void>;
}

export function bigFeed(n: number): string {
  const items: string[] = [];
  for (let i = 0; i < n; i++)
    items.push(
      `<item><title>第 ${i} 条</title><link>http://big.example.gov.cn/${i}.html</link><pubDate>Mon, 19 Nov 2018 08:00:00 +0800</pubDate></item>`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>大</title>${items.join('')}</channel></rss>`;
}

export async function startCrawlSite(): Promise<CrawlSite> {
  const hits: CrawlSite['hits'] = [];
  const pages = new Map<string, [string, string | Buffer]>();
  let port = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push({ path: url.pathname, at: Date.now() });
    const send = (type: string, body: string | Buffer, status = 200) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    const extra = pages.get(url.pathname);
    if (extra) return send(extra[0], extra[1]);
    switch (url.pathname) {
      case '/robots.txt':
        return send('text/plain', 'User-agent: *\nDisallow: /private/\n');
      case '/gbk/list.html': // GBK said only in <meta>, as county sites do
        return send('text/html', fixture('gbk-list.html'));
      case '/utf8/list.html':
        return send('text/html; charset=utf-8', fixture('utf8-list.html'));
      case '/rss.xml':
        return send('application/rss+xml', fixture('rss.xml'));
      case '/atom.xml':
        return send('application/atom+xml', fixture('atom.xml'));
      case '/private/list.html':
        return send('text/html; charset=utf-8', fixture('utf8-list.html'));
      case '/slow':
        setTimeout(() => send('text/html', '<a href="/x">迟到</a>'), 5000).unref();
        return;
      case '/error':
        return send('text/html', '<h1>Internal Server Error</h1>', 500);
      case '/loop':
        res.writeHead(302, { location: '/loop2' });
        return res.end();
      case '/loop2':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case '/to-private':
        res.writeHead(302, { location: 'http://10.0.0.1/admin' });
        return res.end();
      case '/to-localhost': // a name, resolved to 127.0.0.1, on a port FETCH_ALLOW does not name
        res.writeHead(302, { location: `http://localhost:${port + 1}/` });
        return res.end();
      case '/huge':
        return send('text/html; charset=utf-8', `<ul>${'<li><a href="/a">很长的页面</a></li>'.repeat(200_000)}</ul>`);
      case '/big-feed.xml':
        return send('application/rss+xml', bigFeed(100_000));
      case '/invalid':
        return send(
          'text/html',
          Buffer.concat([Buffer.from('<<html><body><div <a href=">\u0000'), Buffer.alloc(2000, 0xff)]),
        );
      default:
        if (url.pathname.startsWith('/detail/'))
          return send(
            'text/html; charset=utf-8',
            `<html><body><div class="nav">导航</div><div class="content"><p>正文 ${url.pathname}</p><script>x()</script></div></body></html>`,
          );
        return send('text/html', 'not found', 404);
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    hits,
    pages,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
