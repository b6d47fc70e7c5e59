import { DOMParser } from '@xmldom/xmldom';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import {
  PASSWORD,
  makeAccount,
  makeColumn,
  makeDuty,
  makeSite,
  makeUnit,
  system,
} from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { ArticleInput } from '../content/content.schemas.js';

// Search, feeds, the sitemap, the page cache and the admin preview. The app runs with the page cache
// on (60 s), as in production: a change must still show on the very next request.

let t: TestApp;
let siteId: number;
let envId: number; // 环保局
let eduId: number; // 教育局
let newsCol: { id: number; path: string };
let envCol: { id: number; path: string };
const ids: Record<string, number> = {};

const get = (url: string, headers: Record<string, string> = {}) => t.server.inject({ method: 'GET', url, headers });
const search = (q: string, extra = '') => get(`/search?q=${encodeURIComponent(q)}${extra}`);

async function publish(
  columnId: number,
  unitId: number,
  title: string,
  bodyHtml: string,
  extra: Record<string, unknown> = {},
) {
  const a = await t.services.articles.create(
    system,
    ArticleInput.parse({ columnId, unitId, title, bodyHtml, ...extra }),
  );
  return publishForTest(t.services, a.id);
}

/**
 * Check well-formedness with a strict XML 1.0 parser (saxes: a bare & or a control character is an
 * error; xmldom would let both through), then hand back a DOM to query.
 */
function parseXml(text: string) {
  const errors: string[] = [];
  const strict = new SaxesParser();
  strict.on('error', (e) => void errors.push(e.message));
  strict.write(text).close();
  expect(errors).toEqual([]);
  return new DOMParser().parseFromString(text, 'text/xml');
}

beforeAll(async () => {
  t = await createTestApp({ publicCacheSeconds: 60 });
  const s = t.services;
  siteId = (await makeSite(s, { hosts: ['www.lianshui.example.test'] })).id;
  envId = (await makeUnit(s, '生态环境局', 'gov_dept', { shortName: '环保局' })).id;
  eduId = (await makeUnit(s, '教育局')).id;
  const centre = await makeColumn(s, siteId, '新闻中心');
  newsCol = await makeColumn(s, siteId, '涟水新闻', centre.id);
  envCol = await makeColumn(s, siteId, '建设项目环评公示');
  await makeDuty(s, envCol.id, { unitId: envId });
  ids.meeting = (
    await publish(
      newsCol.id,
      envId,
      '涟水县召开生态环境保护工作会议',
      '<p>会议要求，各镇要严格落实环评制度 & 排污许可。</p>',
    )
  ).id;
  ids.eia = (
    await publish(
      envCol.id,
      envId,
      '某化工项目环评公示',
      '<p>根据《环境影响评价法》，现对该项目<b>环评</b>报告进行公示。</p>',
      { summary: '公示期 10 个工作日 <提前结束> & 延期说明' },
    )
  ).id;
  ids.school = (await publish(newsCol.id, eduId, '全县中小学开学工作有序推进', '<p>各学校做好秋季开学准备。</p>')).id;
  ids.draft = (
    await t.services.articles.create(
      system,
      ArticleInput.parse({
        columnId: envCol.id,
        unitId: envId,
        title: '环评草稿：尚未发布',
        bodyHtml: '<p>县环评草稿</p>',
      }),
    )
  ).id;
});
afterAll(() => t?.close());

describe('site search', () => {
  it('finds two-character terms and highlights them in title and snippet', async () => {
    const r = await search('环评');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('找到 2 条与“环评”相关的信息');
    expect(r.body).toContain(`<a href="/a/${ids.eia}.html">某化工项目<mark>环评</mark>公示</a>`);
    expect(r.body).toMatch(/<p class="snippet">[^<]*<mark>环评<\/mark>/);
    expect(r.body).not.toContain(`/a/${ids.draft}.html`);
    const lianshui = await search('涟水');
    expect(lianshui.body).toContain(`<a href="/a/${ids.meeting}.html"><mark>涟水</mark>县召开生态环境保护工作会议</a>`);
    expect(lianshui.body).not.toContain(`/a/${ids.eia}.html`);
  });

  it('finds a single character, and nothing for a term that is not there', async () => {
    const county = await search('县');
    expect(county.body).toContain(`/a/${ids.meeting}.html`);
    expect(county.body).toContain(`/a/${ids.school}.html`);
    expect(county.body).toContain('<mark>县</mark>');
    const none = await search('高铁');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('找到 0 条');
    expect(none.body).not.toContain('<ol class="results">');
    // The bigram 评环 occurs nowhere; 环 and 评 as two separate terms occur in both items about 环评.
    expect((await search('评环')).body).toContain('找到 0 条');
    expect((await search('环 评')).body).toContain('找到 2 条');
  });

  it('escapes what the visitor typed, shows the form for an empty query, cuts a long one, never fails', async () => {
    const xss = await search('<script>alert(1)</script>环评');
    expect(xss.statusCode).toBe(200);
    expect(xss.body).not.toContain('<script>alert(1)');
    expect(xss.body).toContain('&lt;script&gt;');
    const empty = await get('/search');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('请输入要查找的关键词');
    const long = await search('环评'.repeat(500));
    expect(long.statusCode).toBe(200);
    expect(long.body).toContain('关键词过长');
    for (const url of [
      '/search?q=a&q=b',
      '/search?q=%E4',
      '/search?page=abc&q=%E7%8E%AF',
      `/search?q=${encodeURIComponent('县')}&page=-5`,
      '/search?q=%00%01',
    ]) {
      expect((await get(url)).statusCode, url).toBeLessThan(500);
    }
  });
});

describe('feeds and sitemaps', () => {
  it('RSS 2.0 per column: well-formed, escaped, absolute links from the request host, published items only', async () => {
    const r = await get(`/c/${envCol.path}/rss.xml`, { host: 'www.lianshui.example.test' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const doc = parseXml(r.body);
    const items = Array.from(doc.getElementsByTagName('item'));
    expect(items).toHaveLength(1);
    const text = (el: Element, tag: string) => el.getElementsByTagName(tag)[0]?.textContent;
    expect(text(items[0]!, 'title')).toBe('某化工项目环评公示');
    expect(text(items[0]!, 'link')).toBe(`http://www.lianshui.example.test/a/${ids.eia}.html`);
    // A description is HTML to feed readers: the plain summary arrives escaped for them (issue 9).
    expect(text(items[0]!, 'description')).toBe('公示期 10 个工作日 &lt;提前结束&gt; &amp; 延期说明');
    expect(new Date(text(items[0]!, 'pubDate')!).getTime()).not.toBeNaN();
    expect((await get('/c/nope/rss.xml')).statusCode).toBe(404);
  });

  it('sitemap.xml has every published article and column; the draft is not there', async () => {
    const doc = parseXml((await get('/sitemap.xml', { host: 'www.lianshui.example.test' })).body);
    const locs = Array.from(doc.getElementsByTagName('loc')).map((l) => l.textContent);
    for (const id of [ids.meeting, ids.eia, ids.school])
      expect(locs).toContain(`http://www.lianshui.example.test/a/${id}.html`);
    expect(locs).toContain(`http://www.lianshui.example.test/c/${newsCol.path}/`);
    expect(locs).not.toContain(`http://www.lianshui.example.test/a/${ids.draft}.html`);
    // A forged Host header does not make it into the links.
    const forged = await get('/sitemap.xml', { host: 'evil.example"><x' });
    expect(forged.body).not.toContain('evil');
  });
});

describe('the page cache', () => {
  it('serves a cached page until a committed change of the site clears it', async () => {
    const url = `/c/${newsCol.path}/`;
    const before = await get(url);
    // A change behind the services' back (no event) stays invisible while the page is cached ...
    await t.services.database.db
      .updateTable('articles')
      .set({ title: '改过的标题' })
      .where('id', '=', ids.school!)
      .execute();
    const cached = await get(url);
    expect(cached.body).toBe(before.body);
    expect(cached.headers.etag).toBe(before.headers.etag);
    expect((await get(url, { 'if-none-match': String(before.headers.etag) })).statusCode).toBe(304);
    // ... and publishing through the service shows the new item on the very next request.
    const fresh = await publish(newsCol.id, eduId, '县教育局召开教师节表彰大会', '<p>表彰优秀教师。</p>');
    const after = await get(url);
    expect(after.body).toContain(`/a/${fresh.id}.html`);
    expect(after.body).toContain('改过的标题');
    const home = await get('/');
    expect(home.body).toContain(`/a/${fresh.id}.html`);
    await t.services.publishing.unpublish(system, fresh.id, '重复发布');
    expect((await get(url)).body).not.toContain(`/a/${fresh.id}.html`);
    expect((await get(`/a/${fresh.id}.html`)).statusCode).toBe(404);
  });

  it('is cleared by column and site changes too', async () => {
    const before = await get('/');
    expect(before.body).not.toContain('县城动态');
    await t.services.columns.update(system, newsCol.id, { name: '县城动态' });
    expect((await get('/')).body).toContain('县城动态');
    await t.services.sites.update(system, siteId, { sponsor: '涟水县人民政府办公室（新）' });
    expect((await get(`/a/${ids.meeting}.html`)).body).toContain('涟水县人民政府办公室（新）');
  });
});

describe('the admin preview', () => {
  it('renders the public page for the unit’s officer, also unpublished; another unit’s officer gets 404', async () => {
    await makeAccount(t.services, 'hbj', envId, ['unit_officer']);
    await makeAccount(t.services, 'jyj', eduId, ['unit_officer']);
    const env = await ApiClient.login(t.server, 'hbj', PASSWORD);
    const edu = await ApiClient.login(t.server, 'jyj', PASSWORD);
    const r = await env.get(`/api/articles/${ids.draft}/preview`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).toContain('<h1>环评草稿：尚未发布</h1>');
    expect(r.body).toContain('预览页面：本信息当前状态为“草稿”');
    expect(r.body).toContain('发布时间：尚未发布');
    const published = await env.get(`/api/articles/${ids.eia}/preview`);
    const pub = await get(`/a/${ids.eia}.html`);
    // Same page as the public one, apart from the preview notice.
    expect(published.body.replace(/\n?<p class="preview-banner"[^\n]*<\/p>/, '')).toBe(pub.body);
    expect((await edu.get(`/api/articles/${ids.draft}/preview`)).statusCode).toBe(404);
    expect((await t.server.inject({ method: 'GET', url: `/api/articles/${ids.draft}/preview` })).statusCode).toBe(401);
  });
});
