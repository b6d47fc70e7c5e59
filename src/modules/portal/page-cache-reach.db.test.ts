import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeColumn, makeDuty, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import type { DomainEvent } from '../../platform/events.js';
import { ArticleInput } from '../content/content.schemas.js';
import { PortalRepository } from './portal.repository.js';

// Exact invalidation (issue 14 item 3): a change of an item clears the cached pages that show it and
// keeps every other page of the site. The app runs with the page cache on, as in production.

let t: TestApp;
let siteId: number;
let siteCode: string;
let unitId: number;
const col: Record<string, { id: number; path: string }> = {};
const ids: Record<string, number> = {};
const HOST = 'www.reach.example.test';
const origin = `http://${HOST}`;

const get = (url: string) => t.server.inject({ method: 'GET', url, headers: { host: HOST } });

async function publish(columnId: number, title: string, extra: Record<string, unknown> = {}) {
  const a = await t.services.articles.create(
    system,
    ArticleInput.parse({ columnId, unitId, title, bodyHtml: `<p>${title}的正文。</p>`, ...extra }),
  );
  return (await publishForTest(t.services, a.id)).id;
}

/** Every page the test looks at, by its cache key. */
const pages = () => ({
  home: { url: '/', key: 'home' },
  news: { url: `/c/${col.news!.path}/`, key: `c:${col.news!.path}:0` },
  centre: { url: `/c/${col.centre!.path}/`, key: `c:${col.centre!.path}:0` },
  policies: { url: `/c/${col.policies!.path}/`, key: `c:${col.policies!.path}:0` },
  open: { url: `/c/${col.open!.path}/`, key: `c:${col.open!.path}:0` },
  newsFeed: { url: `/c/${col.news!.path}/rss.xml`, key: `rss:${origin}:${col.news!.path}` },
  a1: { url: `/a/${ids.a1}.html`, key: `a:${ids.a1}` },
  a2: { url: `/a/${ids.a2}.html`, key: `a:${ids.a2}` },
  policy: { url: `/a/${ids.policy}.html`, key: `a:${ids.policy}` },
  sitemapXml: { url: '/sitemap.xml', key: `sitemap:${origin}` },
  sitemapHtml: { url: '/sitemap.html', key: 'sitemap.html' },
});
type PageName = keyof ReturnType<typeof pages>;

/** Load every page (but `gone`, which no longer exists) so that each is in the cache. */
async function warm(gone: PageName[] = []): Promise<void> {
  const names = (Object.keys(pages()) as PageName[]).filter((n) => !gone.includes(n));
  for (const n of names) expect((await get(pages()[n].url)).statusCode, pages()[n].url).toBe(200);
  for (const n of names) expect(cached(n), `${n} cached`).toBe(true);
}

const cached = (name: PageName) => t.services.portal.cache.get(siteId, pages()[name].key) !== undefined;
const cleared = () => (Object.keys(pages()) as PageName[]).filter((n) => !cached(n)).sort();

beforeAll(async () => {
  t = await createTestApp({ publicCacheSeconds: 60 });
  const s = t.services;
  const site = await makeSite(s, { hosts: [HOST] });
  siteId = site.id;
  siteCode = site.code;
  unitId = (await makeUnit(s, '县政府办公室')).id;
  col.centre = await makeColumn(s, siteId, '新闻中心');
  col.news = await makeColumn(s, siteId, '涟水新闻', col.centre.id);
  col.open = await makeColumn(s, siteId, '政务公开');
  col.policies = await makeColumn(s, siteId, '政策文件', col.open.id);
  for (const c of [col.news, col.policies]) await makeDuty(s, c.id, { unitId });
  ids.a1 = await publish(col.news.id, '全县秋粮收购工作会议召开');
  ids.a2 = await publish(col.news.id, '县领导调研农村公路建设');
  ids.policy = await publish(col.policies.id, '关于印发农村公路养护办法的通知');
});
afterAll(() => t?.close());

describe('a change clears the pages that show the item, and only those', () => {
  it('publishing in 政策文件 clears its list, its parent’s list, its neighbour’s page and the sitemap', async () => {
    await warm();
    const title = '关于进一步做好秋冬季农村公路养护的通知';
    ids.fresh = await publish(col.policies!.id, title);
    expect(cleared()).toEqual(['open', 'policies', 'policy', 'sitemapXml']);
    // What was cleared shows the change on the next request; what was kept is still right.
    expect((await get(pages().policies.url)).body).toContain(title);
    expect((await get(pages().open.url)).body).toContain(title);
    expect((await get(pages().policy.url)).body).toContain(title); // 下一篇
    expect((await get(pages().home.url)).body).not.toContain(title);
  });

  it('a 解读 published in 涟水新闻 clears the news pages, the home page and the policy it explains', async () => {
    await warm();
    const title = '图解：农村公路养护办法';
    ids.reading = await publish(col.news!.id, title, { interpretsPolicyIds: [ids.policy] });
    expect(cleared()).toEqual(['a1', 'a2', 'centre', 'home', 'news', 'newsFeed', 'policy', 'sitemapXml']);
    expect((await get(pages().policy.url)).body).toContain(title);
    expect((await get(pages().home.url)).body).toContain(title);
    expect((await get(pages().newsFeed.url)).body).toContain(title);
  });

  it('taking an item offline clears the pages that showed it', async () => {
    await warm();
    await t.services.publishing.unpublish(system, ids.a1!, '信息已过时');
    expect(cleared()).toEqual(['a1', 'a2', 'centre', 'home', 'news', 'newsFeed', 'sitemapXml']);
    expect((await get(pages().a1.url)).statusCode).toBe(404);
    expect((await get(pages().news.url)).body).not.toContain('全县秋粮收购工作会议召开');
  });

  it('archive pages (numbered from the oldest) are cleared only when their block or pager changes', async () => {
    // 政策文件 and 政务公开 list the same items; 65 of them make archive pages 1 and 2 (list-pages.ts),
    // away from a block's edge (a count near one clears the last pages' pagers: dependents.ts).
    const listed = () => new PortalRepository(t.services.database.db).listedCount(col.policies!.id);
    for (let n = 1; (await listed()) < 65; n++) ids[`p${n}`] = await publish(col.policies!.id, `政策文件第${n}号`);
    const urls = [1, 2].flatMap((n) => [col.policies!.path, col.open!.path].map((p) => `/c/${p}/?page=${n}`));
    const key = (url: string) => `c:${/^\/c\/(.+)\/\?page=(\d+)$/.exec(url)!.slice(1).join(':')}`;
    const cachedArchive = () => urls.filter((u) => t.services.portal.cache.get(siteId, key(u)) !== undefined);
    const warmArchive = async () => {
      for (const u of urls) expect((await get(u)).statusCode).toBe(200);
      expect(cachedArchive()).toEqual(urls);
    };
    /** Every cached archive page is what a fresh render gives. */
    const exact = async () => {
      const kept = new Map(cachedArchive().map((u) => [u, t.services.portal.cache.get(siteId, key(u))!.body]));
      t.services.portal.cache.invalidateAll();
      for (const [u, body] of kept) expect((await get(u)).rawPayload.equals(body), u).toBe(true);
    };
    await warmArchive();
    // A new item goes onto the newest page; no archive page changes (page 2 is the last, still).
    await publish(col.policies!.id, '关于做好冬季森林防火工作的通知');
    expect(cachedArchive()).toEqual(urls);
    await exact();
    // Taking down an item of archive page 2 shifts page 2, not page 1.
    await warmArchive();
    const second = (await get(`/c/${col.policies!.path}/?page=2`)).body;
    const gone = Number(/href="\/a\/(\d+)\.html"/.exec(second.slice(second.indexOf('<ul class="items')))![1]);
    await t.services.publishing.unpublish(system, gone, '信息已过时');
    expect(cachedArchive()).toEqual(urls.filter((u) => u.endsWith('?page=1')));
    await exact();
  });

  it('a publish that opens an archive page names the older pagers, even read after later publishes', async () => {
    // Static publishing works its queue after commit, merged, so an event may be read after more items
    // went online. The pages it names are what its own commit changed, not what the count says by then.
    const listed = () => new PortalRepository(t.services.database.db).listedCount(col.policies!.id);
    for (let n = 1; (await listed()) < 79; n++) await publish(col.policies!.id, `政策文件续第${n}号`);
    const seen: DomainEvent[] = [];
    let recording = true;
    t.services.events.onCommitted((e) => {
      if (recording && e.type === 'article.published') seen.push(e);
    });
    await publish(col.policies!.id, '关于做好元旦春节期间安全生产工作的通知'); // the 80th
    recording = false;
    expect(seen).toHaveLength(1);
    for (let n = 1; n <= 3; n++) await publish(col.policies!.id, `政策文件补第${n}号`);
    // At 80 items archive page 3 opens, and the pagers of pages 1 and 2 now reach it (list-pages.ts).
    const tags = await t.services.portal.dependents.of(seen[0]!);
    for (const c of [col.policies!.id, col.open!.id])
      for (const page of [1, 2, 3]) expect(tags, `cp:${c}:${page}`).toContain(`cp:${c}:${page}`);
  });

  it('an import that opens an archive page names the older pagers, its items replayed after later publishes', async () => {
    // An import's items are worked out one by one from its event (static.service.ts), after commit and
    // so perhaps after more publishes: the event carries the counts its commit left, as a publish's does.
    const listed = () => new PortalRepository(t.services.database.db).listedCount(col.policies!.id);
    const from = await listed(); // 83 after the tests above: archive pages 1–3
    expect(from % 20).toBeGreaterThan(0);
    const count = 100 - from + 1; // to 101: archive page 4 opens
    const seen: DomainEvent[] = [];
    let recording = true;
    t.services.events.onCommitted((e) => {
      if (recording && e.type === 'import.articles') seen.push(e);
    });
    // Dated after every item above (an import of the old portal's latest items), so none lands in an
    // archive page of its own and only the counts can say that page 4 opened.
    await new Promise((r) => setTimeout(r, 100));
    const now = Date.now();
    const lines = Array.from({ length: count }, (_, k) =>
      JSON.stringify({
        id: `recent-${k}`,
        site: siteCode,
        column: '政务公开/政策文件',
        unit: '县政府办公室',
        title: `迁移的政策文件第${k + 1}号`,
        published_at: new Date(now - (count - k)).toISOString(),
      }),
    );
    expect((await t.services.articleImport.run(system, lines.join('\n'))).imported).toBe(count);
    recording = false;
    expect(seen).toHaveLength(1);
    for (let n = 1; n <= 3; n++) await publish(col.policies!.id, `政策文件再补第${n}号`); // 104: mid-block
    const replayed = (seen[0]!.data!.articleIds as number[]).map(
      (id): DomainEvent => ({ ...seen[0]!, siteId, type: 'article.published', entityType: 'article', entityId: id }),
    );
    const tags = new Set<string>();
    for (const e of replayed) for (const tag of (await t.services.portal.dependents.of(e)) ?? []) tags.add(tag);
    for (const c of [col.policies!.id, col.open!.id])
      for (const page of [2, 3, 4]) expect([...tags], `cp:${c}:${page}`).toContain(`cp:${c}:${page}`);
  });

  it('a column change clears the whole site (the navigation is on every page)', async () => {
    await warm(['a1']);
    await t.services.columns.update(system, col.open!.id, { name: '政府信息公开' });
    expect(cleared()).toEqual(Object.keys(pages()).sort());
    expect((await get(pages().home.url)).body).toContain('政府信息公开');
  });
});
