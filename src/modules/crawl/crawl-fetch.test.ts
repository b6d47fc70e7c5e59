import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigFeed, startCrawlSite, type CrawlSite } from '../../../test/harness/crawl-server.js';
import { AllowList } from '../../platform/net/address-policy.js';
import { GuardedFetcher } from '../../platform/net/guarded-fetch.js';
import { CrawlRunner, type SourceSettings } from './crawl-run.js';
import { decodePage } from './charset.js';
import { parseDate, parseFeed } from './parse.js';
import { DEFAULT_CRAWL_LIMITS, PoliteFetcher } from './polite-fetch.js';

// Issue 11 item 3: the crawler reads a real HTTP server on loopback (allowed for its port only, as
// FETCH_ALLOW would), detects charsets, obeys robots.txt and refuses what it must, with a reason.

let site: CrawlSite;
let pages: PoliteFetcher;
let runner: CrawlRunner;

const html = (path: string, link: string, extra: Partial<SourceSettings> = {}): SourceSettings => ({
  url: `${site.base}${path}`,
  kind: 'html',
  mode: 'link',
  link_selector: link,
  title_selector: null,
  date_selector: null,
  body_selector: null,
  ...extra,
});
const feed = (path: string): SourceSettings => ({ ...html(path, ''), kind: 'feed', link_selector: null });

beforeAll(async () => {
  site = await startCrawlSite();
  const fetcher = new GuardedFetcher({ allow: AllowList.parse(`127.0.0.1:${site.port}`) });
  pages = new PoliteFetcher(fetcher, {
    ...DEFAULT_CRAWL_LIMITS,
    timeoutMs: 800,
    maxBytes: 1024 * 1024,
    hostIntervalMs: 0,
    maxEntries: 50,
  });
  runner = new CrawlRunner(null as never, pages, null as never, null as never);
});
afterAll(() => site.close());

describe('reading list pages and feeds', () => {
  it('reads a GBK list page whose charset only its <meta> names, with titles, absolute URLs and dates', async () => {
    const r = await runner.read(html('/gbk/list.html', '.list li'));
    expect(r.charset).toBe('gb18030');
    expect(r.entries.map((e) => e.title)).toEqual([
      '关于2018年度土地变更调查工作的通知',
      '涟水县国有建设用地使用权挂牌出让公告',
      '关于开展“镕”字号地块踏勘的通知',
    ]);
    expect(r.entries[0]!.url).toBe(`${site.base}/tzgg/201811/t20181120_1.html`);
    expect(r.entries[2]!.url).toBe(`${site.base}/gbk/201811/t20181102_3.html`);
    // 2018-11-20 is a day in Asia/Shanghai: its start is 16:00 UTC the day before.
    expect(r.entries[0]!.publishedAt).toBe('2018-11-19T16:00:00.000Z');
  });

  it('reads a UTF-8 table list with a date selector, skipping javascript: links', async () => {
    const r = await runner.read(html('/utf8/list.html', 'td.t a', { date_selector: 'td.d' }));
    expect(r.charset).toBe('utf8');
    expect(r.entries).toHaveLength(2);
    expect(r.entries[1]).toMatchObject({
      title: '县政务办召开窗口工作人员作风建设推进会',
      url: `${site.base}/gzdt/2018/1119/a2.html`,
      publishedAt: '2018-11-18T16:00:00.000Z',
    });
  });

  it('reads RSS with full content and Atom with its alternate link', async () => {
    const rss = await runner.read(feed('/rss.xml'));
    expect(rss.entries[0]).toMatchObject({
      title: '全县工业经济运行情况分析会召开',
      url: 'http://jxw.example.gov.cn/xwdt/201811/t1.html',
      publishedAt: '2018-11-21T00:30:00.000Z',
    });
    expect(rss.entries[0]!.bodyHtml).toContain('会议通报了1至10月工业经济运行情况');
    expect(rss.entries[1]!.bodyHtml).toContain('安全生产大检查');
    const atom = await runner.read(feed('/atom.xml'));
    expect(atom.entries.map((e) => e.url)).toEqual([
      'http://zgb.example.gov.cn/jyxx/2018/001.html',
      'http://zgb.example.gov.cn/jyxx/2018/002.html',
    ]);
    expect(atom.entries[1]!.publishedAt).toBe('2018-11-20T07:00:00.000Z');
  });
});

describe('refusals, each with a reason', () => {
  const refused = async (s: SourceSettings) => {
    try {
      await runner.read(s);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error(`${s.url} was read`);
  };

  it('a slow page, a 500, a redirect loop', async () => {
    expect(await refused(html('/slow', 'a'))).toMatch(/超时/);
    expect(await refused(html('/error', 'a'))).toBe('服务器返回 HTTP 500');
    expect(await refused(html('/loop', 'a'))).toBe('重定向次数过多');
  });

  it('redirects to a private address, and to a name that resolves to loopback on another port', async () => {
    expect(await refused(html('/to-private', 'a'))).toMatch(/10\.0\.0\.1.*内网地址，不予访问/);
    expect(await refused(html('/to-localhost', 'a'))).toMatch(/localhost 解析为 127\.0\.0\.1.*本机地址/);
    // Without the allowance the test server itself is loopback and refused before any request.
    const strict = new CrawlRunner(
      null as never,
      new PoliteFetcher(new GuardedFetcher()),
      null as never,
      null as never,
    );
    await expect(strict.read(html('/gbk/list.html', 'li'))).rejects.toThrow(/本机地址/);
    await expect(strict.read({ ...html('', 'a'), url: 'file:///etc/passwd' })).rejects.toThrow(/只访问 http 和 https/);
  });

  it('a path robots.txt disallows is not fetched', async () => {
    const before = site.hits.filter((h) => h.path.startsWith('/private/')).length;
    expect(await refused(html('/private/list.html', 'a'))).toBe('robots.txt 不允许抓取 /private/list.html');
    expect(site.hits.filter((h) => h.path.startsWith('/private/')).length).toBe(before);
  });

  it('a huge page is refused, not half-read; invalid HTML finds no links', async () => {
    expect(await refused(html('/huge', 'li'))).toBe('页面超过 1024 KB 的上限，未处理');
    expect(await refused(html('/invalid', '.list li'))).toMatch(/没有与选择器“\.list li”匹配的链接/);
    expect(await refused(feed('/utf8/list.html'))).toMatch(/不是 RSS 或 Atom/);
  });

  it('a feed of 100,000 entries is limited to the first entries, and says how many it had', async () => {
    const big = new PoliteFetcher(new GuardedFetcher({ allow: AllowList.parse(`127.0.0.1:${site.port}`) }), {
      ...DEFAULT_CRAWL_LIMITS,
      maxBytes: 32 * 1024 * 1024,
      hostIntervalMs: 0,
      maxEntries: 200,
    });
    const r = await new CrawlRunner(null as never, big, null as never, null as never).read(feed('/big-feed.xml'));
    expect(r.total).toBe(100_000);
    expect(r.entries).toHaveLength(200);
    expect(r.entries[199]!.title).toBe('第 199 条');
  });
});

describe('politeness', () => {
  it('spaces requests to one host by the interval', async () => {
    // The starts are taken where the request leaves for the network: the arrival times at the test
    // server also carry the machine's scheduling and could come closer together on a busy machine.
    const guarded = new GuardedFetcher({ allow: AllowList.parse(`127.0.0.1:${site.port}`) });
    const starts: number[] = [];
    const fetch = guarded.fetch.bind(guarded);
    guarded.fetch = (...args: Parameters<typeof fetch>) => {
      starts.push(Date.now());
      return fetch(...args);
    };
    const polite = new PoliteFetcher(guarded, { ...DEFAULT_CRAWL_LIMITS, hostIntervalMs: 150 });
    site.pages.set('/p1', ['text/html', '<a href="/a">一</a>']);
    const from = site.hits.length;
    await Promise.all([polite.page(`${site.base}/p1`), polite.page(`${site.base}/p1`), polite.page(`${site.base}/p1`)]);
    expect(site.hits.length - from).toBe(4); // robots.txt, then the three pages
    expect(starts.length).toBe(4);
    // Each start at least the interval after the one before (1 ms: the two clock readings' rounding).
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(149);
  });
});

describe('pure parts', () => {
  it('detects charsets from BOM, header and XML declaration', () => {
    expect(decodePage(Buffer.from([0xef, 0xbb, 0xbf, 0xe4, 0xb8, 0xad])).text).toBe('中');
    expect(decodePage(Buffer.from([0xd6, 0xd0]), 'text/html; charset=GBK')).toEqual({ text: '中', charset: 'gb18030' });
    expect(decodePage(Buffer.from([0xd6, 0xd0])).text).toBe('中'); // not UTF-8, nothing declared: GBK
    expect(
      decodePage(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="gb2312"?>'), Buffer.from([0xd6, 0xd0])]))
        .charset,
    ).toBe('gb18030');
  });
  it('parses the dates department sites write', () => {
    expect(parseDate('2018年11月2日')).toBe('2018-11-01T16:00:00.000Z');
    expect(parseDate('[2018/11/02 09:30]')).toBe('2018-11-02T01:30:00.000Z');
    expect(parseDate('2018-11-02T09:30:00+08:00')).toBe('2018-11-02T01:30:00.000Z');
    expect(parseDate('不是日期')).toBeNull();
  });
  it('limits a feed in memory too', () => {
    expect(parseFeed(bigFeed(1000), 'http://x/', 10).entries).toHaveLength(10);
  });
});
