import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { startCrawlSite, type CrawlSite } from '../../../test/harness/crawl-server.js';
import { disclosure, reviewCounty } from '../../../test/harness/review.js';
import { CrawlRepository } from './crawl.repository.js';

// Issue 11 item 3 end to end: the website centre adds department sources through the API, runs them
// against a real site on loopback; items land in the owning unit's column as drafts of the 抓取
// channel, nothing comes twice, a failing source keeps its health and log, the poller keeps running,
// and a crawled item submitted for review reaches the ledger under 网站抓取 for its unit.

let t: TestApp;
let site: CrawlSite;
let county: Awaited<ReturnType<typeof reviewCounty>>;
// The crawl's today (buildApp's guarantee clock): a week after the fixtures' items, moved by tests.
let now = new Date('2018-11-25T02:00:00.000Z');

beforeAll(async () => {
  site = await startCrawlSite();
  t = await createTestApp({
    fetch: { allow: `127.0.0.1:${site.port}`, maxBytes: 5 * 1024 * 1024 },
    // The deadline is well under the slow page's 5 s and well over a busy CI machine's answer time (800 ms
    // failed under load on MariaDB).
    crawl: { hostIntervalMs: 0, timeoutMs: 2500, maxBytes: 1024 * 1024, maxEntries: 50 },
    guaranteeClock: () => now,
  });
  county = await reviewCounty(t);
});
afterAll(async () => {
  await t.close();
  await site.close();
});

const source = (over: Record<string, unknown>) => ({
  name: '财政局订阅源',
  url: `${site.base}/rss.xml`,
  kind: 'feed',
  mode: 'full',
  unitId: county.units.czj.id,
  columnId: county.columns.finance.id,
  ...over,
});
const articlesOf = (columnId: number) =>
  t.services.database.db
    .selectFrom('articles')
    .select(['id', 'title', 'status', 'channel', 'unit_id', 'link_url', 'body_html'])
    .where('column_id', '=', columnId)
    .orderBy('id')
    .execute();

describe('crawling a department feed into a column', () => {
  let feedId: number;

  it('makes each entry a draft of the 抓取 channel for the owning unit, and keeps health and log', async () => {
    const created = await county.c.wz!.post('/api/crawl/sources', source({}));
    expect(created.statusCode).toBe(200);
    feedId = created.json().id;
    expect(created.json().health).toBe('new');
    const run = (await county.c.wz!.post(`/api/crawl/sources/${feedId}/run`, {})).json();
    expect(run).toMatchObject({ ok: true, found: 2, added: 2 });
    const items = await articlesOf(county.columns.finance.id);
    expect(items.map((a) => a.title)).toEqual(['经信委开展安全生产大检查', '全县工业经济运行情况分析会召开']);
    for (const a of items) expect(a).toMatchObject({ status: 'draft', channel: 'crawl', unit_id: county.units.czj.id });
    expect(items[1]!.body_html).toContain('会议通报了1至10月工业经济运行情况');
    const view = (await county.c.wz!.get(`/api/crawl/sources/${feedId}`)).json();
    expect(view).toMatchObject({
      health: 'ok',
      consecutiveFailures: 0,
      items: 2,
      newestItemAt: '2018-11-21T00:30:00.000Z',
    });
    expect(view.lastSuccessAt).not.toBeNull();
  });

  it('takes nothing twice: not the same URL, not the same content at a new URL', async () => {
    const again = (await county.c.wz!.post(`/api/crawl/sources/${feedId}/run`, {})).json();
    expect(again).toMatchObject({ ok: true, added: 0 });
    // The department moved an item to a new address; its title and text are the same.
    const moved = (await import('node:fs'))
      .readFileSync('test/fixtures/crawl/rss.xml', 'utf8')
      .replace('/t2.html', '/t2-new.html');
    site.pages.set('/rss.xml', ['application/rss+xml', moved]);
    const third = (await county.c.wz!.post(`/api/crawl/sources/${feedId}/run`, {})).json();
    expect(third.added).toBe(0);
    expect(third.message).toContain('1 条内容与已收录的相同');
    site.pages.delete('/rss.xml');
    expect(await articlesOf(county.columns.finance.id)).toHaveLength(2);
  });

  it('a crawled draft submitted for review is counted in the ledger under 网站抓取 for its unit', async () => {
    const [first] = await articlesOf(county.columns.finance.id);
    const row = await t.services.database.db
      .selectFrom('articles')
      .select(['issuer', 'written_on'])
      .where('id', '=', first!.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ issuer: '涟水县财政局', written_on: '2018-11-16' });
    // The unit completes the metadata the department's page did not carry, then submits.
    const patched = await county.c.czj!.patch(`/api/articles/${first!.id}`, { disclosure });
    expect(patched.statusCode, patched.body).toBe(200);
    const submitted = await county.c.czj!.post(`/api/articles/${first!.id}/submit`, { overrides: [] });
    expect(submitted.statusCode, submitted.body).toBeLessThan(300);
    const rows = await t.services.database.db
      .selectFrom('submissions')
      .select(['unit_id', 'channel', 'article_id'])
      .where('article_id', '=', first!.id)
      .execute();
    expect(rows).toEqual([{ unit_id: county.units.czj.id, channel: 'crawl', article_id: first!.id }]);
  });

  it('link mode: a GBK list page becomes link items, with the address kept', async () => {
    const created = (
      await county.c.wz!.post(
        '/api/crawl/sources',
        source({
          name: '国土局通知公告',
          url: `${site.base}/gbk/list.html`,
          kind: 'html',
          mode: 'link',
          linkSelector: '.list li',
          columnId: county.columns.notices.id,
        }),
      )
    ).json();
    const run = (await county.c.wz!.post(`/api/crawl/sources/${created.id}/run`, {})).json();
    expect(run).toMatchObject({ ok: true, added: 3 });
    expect(run.message).toContain('gb18030');
    const items = await articlesOf(county.columns.notices.id);
    expect(items.map((a) => a.link_url)).toContain(`${site.base}/tzgg/201811/t20181120_1.html`);
    expect(items.map((a) => a.title)).toContain('关于开展“镕”字号地块踏勘的通知');
  });
});

describe('a crash between the draft and its crawl_items row', () => {
  it('leaves no draft behind, so the next run takes the entry once', async () => {
    const created = (
      await county.c.wz!.post(
        '/api/crawl/sources',
        source({ name: '经信委动态', url: `${site.base}/atom.xml`, columnId: county.columns.news.id }),
      )
    ).json();
    const crash = vi.spyOn(CrawlRepository.prototype, 'insertItem').mockRejectedValueOnce(new Error('进程中断'));
    const first = (await county.c.wz!.post(`/api/crawl/sources/${created.id}/run`, {})).json();
    crash.mockRestore();
    expect(first.message).toContain('未能收录');
    const afterCrash = await articlesOf(county.columns.news.id);
    expect(afterCrash).toHaveLength(first.added);
    const second = (await county.c.wz!.post(`/api/crawl/sources/${created.id}/run`, {})).json();
    expect(second.added).toBe(1);
    const titles = (await articlesOf(county.columns.news.id)).map((a) => a.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toHaveLength(first.added + 1);
  });
});

describe('failures: a reason in the log, the health, and the poller keeps running', () => {
  it('refuses a redirect to a private address, a 500 and a huge page, each with its reason, losing nothing', async () => {
    const make = async (name: string, path: string) =>
      (
        await county.c.wz!.post(
          '/api/crawl/sources',
          source({ name, url: `${site.base}${path}`, kind: 'html', mode: 'link', linkSelector: 'a' }),
        )
      ).json().id as number;
    const bad = {
      private: await make('跳转内网', '/to-private'),
      error: await make('服务器错误', '/error'),
      huge: await make('超大页面', '/huge'),
      loop: await make('重定向循环', '/loop'),
    };
    const before = await articlesOf(county.columns.finance.id);
    now = new Date(now.getTime() + 2 * 3600_000); // the good sources are due again
    const results = await t.services.crawl.runDue();
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get(bad.private)!.message).toMatch(/10\.0\.0\.1.*内网地址/);
    expect(byId.get(bad.error)!.message).toBe('服务器返回 HTTP 500');
    expect(byId.get(bad.huge)!.message).toMatch(/页面超过 1024 KB/);
    expect(byId.get(bad.loop)!.message).toBe('重定向次数过多');
    expect(await articlesOf(county.columns.finance.id)).toEqual(before);
    // The good sources ran in the same round (and found nothing new).
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(2);
    const log = (await county.c.wz!.get(`/api/crawl/sources/${bad.error}/log`)).json();
    expect(log.items[0]).toMatchObject({ ok: false, message: '服务器返回 HTTP 500' });
    for (let i = 0; i < 2; i++) await county.c.wz!.post(`/api/crawl/sources/${bad.error}/run`, {});
    const failing = (await county.c.wz!.get(`/api/crawl/sources/${bad.error}`)).json();
    expect(failing).toMatchObject({ health: 'failing', consecutiveFailures: 3, lastError: '服务器返回 HTTP 500' });
    const problems = await t.services.crawl.problems(null);
    expect(problems.find((p) => p.sourceId === bad.error)).toMatchObject({
      unitId: county.units.czj.id,
      health: 'failing',
    });
  });

  it('a failing or stale source counts against its unit on the guarantee board', async () => {
    const board = (await county.c.wz!.get(`/api/guarantee/status?siteId=${county.site.id}`)).json();
    const failing = board.sources.filter((p: { health: string }) => p.health === 'failing');
    expect(failing.map((p: { problem: string }) => p.problem)).toContain(
      '抓取源“服务器错误”连续 3 次抓取失败（服务器返回 HTTP 500）',
    );
    expect(board.summary.sourceProblems).toBe(board.sources.length);
    // The feed's newest item is of 2018-11-21; 40 days on it is stale (30 days), and its unit sees that.
    now = new Date('2018-12-31T02:00:00.000Z');
    const own = (await county.c.czj!.get('/api/guarantee/status')).json();
    expect(own.sources.find((p: { problem: string }) => p.problem.startsWith('抓取源“财政局订阅源”'))).toMatchObject({
      health: 'stale',
      problem: '抓取源“财政局订阅源”超过 30 天没有新信息（最新一条 2018-11-21）',
    });
    expect(own.sources.every((p: { unitId: number }) => p.unitId === county.units.czj.id)).toBe(true);
    expect((await county.c.xw!.get('/api/guarantee/status')).json().sources).toEqual([]);
  });

  it('counts in the day indicators and in the 通报 against its unit, like an overdue column', async () => {
    const round = await t.services.guarantee.daily.run('2018-12-31');
    expect(round.bulletins).toContain(`${county.site.id}:2018-11`);
    const overdue = await t.services.database.db
      .selectFrom('guarantee_indicator_days')
      .selectAll()
      .where('site_id', '=', county.site.id)
      .where('day', '=', '2018-12-31')
      .where('indicator', '=', 'overdue_columns')
      .executeTakeFirstOrThrow();
    const detail = JSON.parse(overdue.detail);
    expect(detail.explanation).toMatch(/其中 \d+ 个因抓取源失败或停更计入/);
    expect(detail.columns).toContain(county.columns.finance.id);
    expect(detail.sources).toContain('抓取源“服务器错误”连续 3 次抓取失败（服务器返回 HTTP 500）');
    const list = (await county.c.wz!.get(`/api/guarantee/bulletins?siteId=${county.site.id}`)).json();
    const bulletin = list.find((b: { period: string }) => b.period === '2018-11');
    const html = (await county.c.wz!.get(`/api/guarantee/bulletins/${bulletin.id}/html`)).body;
    expect(html).toContain('附：网站抓取源异常情况');
    expect(html).toContain('抓取源“财政局订阅源”超过 30 天没有新信息（最新一条 2018-11-21）');
    expect(bulletin.summary.unitsBreached).toBeGreaterThan(0);
  });
});

describe('who may do what', () => {
  it('a unit sees its own sources but may not add one; 试抓取 shows what would be taken', async () => {
    const mine = (await county.c.czj!.get('/api/crawl/sources')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((s: { unitId: number }) => s.unitId === county.units.czj.id)).toBe(true);
    expect((await county.c.xw!.get('/api/crawl/sources')).json().items).toEqual([]);
    expect((await county.c.czj!.post('/api/crawl/sources', source({}))).statusCode).toBe(403);
    const preview = (
      await county.c.wz!.post(
        '/api/crawl/preview',
        source({ url: `${site.base}/utf8/list.html`, kind: 'html', linkSelector: 'td.t a', mode: 'link' }),
      )
    ).json();
    expect(preview).toMatchObject({ ok: true, charset: 'utf8', total: 3 });
    expect(preview.entries).toHaveLength(2);
    const refused = (await county.c.wz!.post('/api/crawl/preview', source({ url: `${site.base}/slow` }))).json();
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toMatch(/超时/);
    const invalid = await county.c.wz!.post('/api/crawl/sources', source({ kind: 'html', linkSelector: null }));
    expect(invalid.statusCode).toBe(400);
  });

  it('试抓取 of an existing source marks the entries it already took', async () => {
    const feed = (await county.c.wz!.get('/api/crawl/sources'))
      .json()
      .items.find((x: { name: string }) => x.name === '财政局订阅源');
    const r = (await county.c.wz!.post(`/api/crawl/preview?sourceId=${feed.id}`, source({}))).json();
    expect(r.ok).toBe(true);
    expect(r.entries.filter((e: { known: boolean }) => e.known).length).toBeGreaterThan(0);
    const fresh = (await county.c.wz!.post('/api/crawl/preview', source({}))).json();
    expect(fresh.entries.every((e: { known: boolean }) => !e.known)).toBe(true);
  });
});
