import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import {
  PASSWORD,
  makeAccount,
  makeColumn,
  makeSite,
  makeUnit,
  multipartFile,
  system,
} from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { ArticleInput } from '../content/content.schemas.js';
import { PUBLIC_CSP } from './portal.routes.js';

// The public site through HTTP: what a visitor sees, and above all what a visitor must not see.

let t: TestApp;
let editor: ApiClient;
let siteId: number;
let officeId: number;
const col: Record<string, { id: number; path: string }> = {};

const get = (url: string, headers: Record<string, string> = {}) => t.server.inject({ method: 'GET', url, headers });

async function publish(columnId: number, title: string, extra: Record<string, unknown> = {}) {
  const a = await t.services.articles.create(
    system,
    ArticleInput.parse({ columnId, unitId: officeId, title, bodyHtml: `<p>${title}的正文。</p>`, ...extra }),
  );
  return publishForTest(t.services, a.id);
}

const draft = (columnId: number, title: string, extra: Record<string, unknown> = {}) =>
  t.services.articles.create(
    system,
    ArticleInput.parse({ columnId, unitId: officeId, title, bodyHtml: '<p>草稿正文</p>', ...extra }),
  );

/** The list items of a page: link, title and the date shown next to it. */
function items(html: string) {
  const list = /<ul class="items">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [
    ...list.matchAll(
      /<li>(?:<span class="badge">置顶<\/span>)?<a href="([^"]+)">([^<]*)<\/a><time datetime="([^"]+)">([^<]+)<\/time><\/li>/g,
    ),
  ].map((m) => ({
    href: m[1],
    title: m[2],
    datetime: m[3],
    date: m[4],
  }));
}

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  siteId = (await makeSite(s, { organizer: '涟水县大数据管理中心', contact: '0517-82321234' })).id;
  officeId = (await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' })).id;
  const add = async (key: string, name: string, parent: string | null, extra: Record<string, unknown> = {}) => {
    const c = await makeColumn(s, siteId, name, parent ? col[parent]!.id : null, extra);
    col[key] = { id: c.id, path: c.path };
  };
  await add('news', '新闻中心', null);
  await add('local', '涟水新闻', 'news');
  await add('depts', '部门动态', 'news');
  await add('notices', '公告公示', 'news');
  await add('home', '首页栏目', null, { inNav: false });
  await add('mirror', '本地要闻', 'home', { sourceColumnId: col.local!.id });
  await add('open', '政务公开', null, { kind: 'catalogue' });
  await add('policies', '政策文件', 'open');
  await add('readings', '政策解读', 'open');
  await add('openNotices', '公告公示', 'open', { sortOrder: 0 }); // a second one, listed before 新闻中心's
  await add('interact', '政民互动', null, { kind: 'interaction' });
  await add('law', '政府信息公开条例', 'open', {
    kind: 'link',
    linkUrl: 'https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm',
  });
  await add('about', '涟水概况', null, {
    kind: 'page',
    pageHtml: '<p style="text-align:center">涟水县位于江苏省北部。</p><script>alert(1)</script>',
  });
  await makeAccount(s, 'editor', officeId, ['site_editor']);
  editor = await ApiClient.login(t.server, 'editor', PASSWORD);
});
afterAll(() => t?.close());

describe('only published content is visible', () => {
  it('a draft is 404 and absent from lists, search, RSS and sitemap; it appears once published and goes when taken offline', async () => {
    const d = await draft(col.local!.id, '涟水县召开草稿保密会议');
    const url = `/a/${d.id}.html`;
    expect((await get(url)).statusCode).toBe(404);
    expect((await get(`/c/${col.local!.path}/`)).body).not.toContain('草稿保密会议');
    expect((await get(`/c/${col.news!.path}/`)).body).not.toContain('草稿保密会议');
    expect((await get('/')).body).not.toContain('草稿保密会议');
    expect((await get(`/search?q=${encodeURIComponent('草稿保密')}`)).body).not.toContain(url);
    expect((await get(`/c/${col.local!.path}/rss.xml`)).body).not.toContain(url);
    expect((await get('/sitemap.xml')).body).not.toContain(url);

    await publishForTest(t.services, d.id);
    expect((await get(url)).statusCode).toBe(200);
    expect((await get(`/c/${col.local!.path}/`)).body).toContain('草稿保密会议');
    expect((await get(`/search?q=${encodeURIComponent('草稿保密')}`)).body).toContain(url);
    expect((await get('/sitemap.xml')).body).toContain(url);

    await t.services.publishing.unpublish(system, d.id, '内容有误，下线修改');
    expect((await get(url)).statusCode).toBe(404);
    expect((await get(`/c/${col.local!.path}/`)).body).not.toContain('草稿保密会议');
    expect((await get(`/search?q=${encodeURIComponent('草稿保密')}`)).body).not.toContain(url);
  });

  it('an article of another site is not shown under this site’s host', async () => {
    const town = await makeSite(t.services, { name: '高沟镇人民政府', code: 'gaogou', hosts: ['gaogou.example.test'] });
    const townCol = await makeColumn(t.services, town.id, '镇村动态');
    const a = await publish(townCol.id, '高沟镇开展秋季植树活动');
    expect((await get(`/a/${a.id}.html`)).statusCode).toBe(404);
    const there = await get(`/a/${a.id}.html`, { host: 'gaogou.example.test' });
    expect(there.statusCode).toBe(200);
    expect(there.body).toContain('高沟镇人民政府');
    // An unknown host gets the default site.
    expect((await get('/', { host: 'unknown.example.test' })).body).toContain('测试县人民政府');
    // So does a Host header that names no host at all (PostgreSQL refuses a NUL byte in a query).
    const odd = await get('/', { host: 'bad\u0000host' });
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain('测试县人民政府');
  });
});

describe('column pages', () => {
  it('keep archive pages of 20 counted from the oldest, the newest items on the first page; bad page values show the newest', async () => {
    // 45 items: archive page 1 holds items 1–20; the newest page 21–45 (list-pages.ts), newest first.
    for (let i = 1; i <= 45; i++) await publish(col.depts!.id, `县教育局部门工作动态第${i}期`);
    const base = `/c/${col.depts!.path}/`;
    const first = await get(base);
    expect(first.statusCode).toBe(200);
    const newest = items(first.body);
    expect(newest.map((i) => i.title)).toEqual(
      Array.from({ length: 25 }, (_, k) => `县教育局部门工作动态第${45 - k}期`),
    );
    for (const i of newest) {
      expect(i.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(i.datetime).toBe(i.date);
    }
    expect(first.body).toContain('共 45 条');
    expect(first.body).toContain(`href="${base}?page=1" rel="next">下一页</a>`);
    const archive = await get(`${base}?page=1`);
    expect(items(archive.body).map((i) => i.title)).toEqual(
      Array.from({ length: 20 }, (_, k) => `县教育局部门工作动态第${20 - k}期`),
    );
    // Nothing on an archive page depends on how many items came after it.
    expect(archive.body).toContain('<title>部门动态（第1页）');
    expect(archive.body).not.toContain('共 45 条');
    expect(archive.body).toContain(`href="${base}" rel="prev">上一页</a>`);
    expect(archive.body).not.toContain('rel="next"');
    for (const bad of ['abc', '-1', '0', '1.5', '+1', '2', '99', '99999999999999999999']) {
      const r = await get(`${base}?page=${bad}`);
      expect(r.statusCode, bad).toBe(200);
      expect(items(r.body), bad).toEqual(newest);
    }
    // A repeated page takes its first value, as nginx's $arg_page does (it picks the static file).
    expect(items((await get(`${base}?page=1&page=2`)).body)).toEqual(items(archive.body));
  });

  it('list a parent’s sub-columns’ items, extra-column items, and put top items first', async () => {
    const extra = await publish(col.local!.id, '县长调研重点项目建设', { extraColumnIds: [col.notices!.id] });
    const top = await publish(col.notices!.id, '关于开展安全生产检查的公告', { isTop: true });
    await publish(col.notices!.id, '关于调整公交线路的通告');
    const parent = items((await get(`/c/${col.news!.path}/`)).body).map((i) => i.title);
    expect(parent).toContain('县长调研重点项目建设');
    expect(parent[0]).toBe('关于开展安全生产检查的公告');
    const notices = await get(`/c/${col.notices!.path}/`);
    expect(items(notices.body).map((i) => i.href)).toEqual([
      `/a/${top.id}.html`,
      expect.any(String),
      `/a/${extra.id}.html`,
    ]);
    expect(notices.body).toContain('<span class="badge">置顶</span>');
  });

  it('show a breadcrumb and the sub-columns', async () => {
    const r = await get(`/c/${col.local!.path}/`);
    expect(r.body).toMatch(
      /<nav class="breadcrumb" aria-label="当前位置">[\s\S]*href="\/"[^>]*>首页<[\s\S]*href="\/c\/[^"]+\/">新闻中心<[\s\S]*aria-current="page">涟水新闻</,
    );
    const parent = await get(`/c/${col.news!.path}/`);
    expect(parent.body).toMatch(/<aside[\s\S]*涟水新闻[\s\S]*部门动态[\s\S]*公告公示[\s\S]*<\/aside>/);
  });

  it('a mirror column lists its source column’s items', async () => {
    const a = await publish(col.local!.id, '涟水县举行重大项目集中开工仪式');
    const r = await get(`/c/${col.mirror!.path}/`);
    expect(r.statusCode).toBe(200);
    expect(items(r.body).map((i) => i.href)).toContain(`/a/${a.id}.html`);
    expect(r.body).toContain('aria-current="page">本地要闻<');
  });

  it('an external-link column shows a leave-site page, and navigation links go straight to the address', async () => {
    const r = await get(`/c/${col.law!.path}/`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(
      '您即将离开本站，前往：<a href="https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm" rel="noopener noreferrer">',
    );
    const nav = (await get(`/c/${col.open!.path}/`)).body;
    expect(nav).toContain(
      '<a href="https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm" rel="noopener noreferrer">政府信息公开条例<span class="sr-only">（外部链接）</span></a>',
    );
  });

  it('a single-page column shows its HTML, sanitised, with the date it was updated', async () => {
    const r = await get(`/c/${col.about!.path}/`);
    expect(r.body).toContain('<p class="align-center">涟水县位于江苏省北部。</p>');
    expect(r.body).not.toContain('alert(1)');
    expect(r.body).toMatch(/更新时间：<time datetime="\d{4}-\d{2}-\d{2}">/);
  });

  it('redirect to the canonical URL, 404 for unknown paths', async () => {
    const r = await get(`/c/${col.local!.path}?page=2`);
    expect(r.statusCode).toBe(301);
    expect(r.headers.location).toBe(`/c/${col.local!.path}/?page=2`);
    for (const bad of ['/c/nope/', '/c/nope', '/c/', '/c/../etc/passwd', '/c/XWZX/', `/c/${col.local!.path}/extra/`]) {
      const x = await get(bad);
      expect(x.statusCode, bad).toBe(404);
      expect(x.headers['content-type']).toBe('text/html; charset=utf-8');
    }
  });
});

describe('article pages', () => {
  it('show breadcrumb, title, meta and the body; a news item has no disclosure table', async () => {
    const a = await publish(col.local!.id, '涟水县召开全县经济工作会议', {
      subtitle: '部署明年重点工作',
      source: '涟水日报',
      bodyHtml: '<p>会议<strong>指出</strong>。</p><p onclick="x()">要抓好落实。</p>',
    });
    const r = await get(`/a/${a.id}.html`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<html lang="zh-CN"');
    expect(r.body).toContain('<h1>涟水县召开全县经济工作会议</h1>');
    expect(r.body).toContain('<p class="subtitle">部署明年重点工作</p>');
    expect(r.body).toMatch(/发布时间：<time datetime="\d{4}-\d{2}-\d{2}">\d{4}-\d{2}-\d{2}<\/time>/);
    expect(r.body).toContain('来源：涟水日报');
    expect(r.body).toContain('发布单位：涟水县人民政府办公室');
    expect(r.body).toContain('<p>会议<strong>指出</strong>。</p>');
    expect(r.body).not.toContain('onclick');
    expect(r.body).toMatch(/aria-label="当前位置">[\s\S]*新闻中心[\s\S]*涟水新闻[\s\S]*aria-current="page">正文</);
    expect(r.body).not.toContain('class="disclosure"');
    expect(r.body).toContain('class="js-print"');
  });

  it('a disclosure item shows 索引号, 发布机构, 成文日期, 文号, 主题分类 and the optional fields present', async () => {
    const a = await publish(col.policies!.id, '涟水县人民政府关于印发安全生产工作要点的通知', {
      type: 'document',
      disclosure: {
        docNo: '涟政发〔2026〕8号',
        writtenOn: '2026-03-02',
        issuer: '涟水县人民政府',
        topicCategory: '安全生产监管',
        validity: '有效',
      },
    });
    const body = (await get(`/a/${a.id}.html`)).body;
    const cell = (label: string) => new RegExp(`<th scope="row">${label}</th><td>([^<]*)</td>`).exec(body)?.[1];
    expect(cell('索引号')).toBe(a.indexNo);
    expect(a.indexNo).toMatch(/\d{4}-\d{5}$/);
    expect(cell('发布机构')).toBe('涟水县人民政府');
    expect(cell('成文日期')).toBe('2026-03-02');
    expect(cell('文号')).toBe('涟政发〔2026〕8号');
    expect(cell('主题分类')).toBe('安全生产监管');
    expect(cell('有效性')).toBe('有效');
    expect(cell('体裁分类')).toBeUndefined();
  });

  it('link a policy and its 解读 both ways, published ones only', async () => {
    const policy = await publish(col.policies!.id, '涟水县促进消费十条措施', {
      type: 'document',
      disclosure: {
        docNo: '涟政发〔2026〕8号',
        writtenOn: '2026-03-01',
        issuer: '涟水县人民政府',
        topicCategory: '综合政务\\政务公开',
      },
    });
    const reading = await publish(col.readings!.id, '一图读懂《涟水县促进消费十条措施》', {
      interpretsPolicyIds: [policy.id],
      disclosure: { writtenOn: '2026-03-02', issuer: '涟水县人民政府办公室', topicCategory: '综合政务\\政务公开' },
    });
    const unpublished = await draft(col.readings!.id, '尚未发布的解读稿', { interpretsPolicyIds: [policy.id] });
    const p = (await get(`/a/${policy.id}.html`)).body;
    expect(p).toMatch(
      new RegExp(`相关解读</h2>[\\s\\S]*<a href="/a/${reading.id}.html">一图读懂《涟水县促进消费十条措施》</a>`),
    );
    expect(p).not.toContain(`/a/${unpublished.id}.html`);
    const r = (await get(`/a/${reading.id}.html`)).body;
    expect(r).toMatch(new RegExp(`政策原文</h2>[\\s\\S]*<a href="/a/${policy.id}.html">涟水县促进消费十条措施</a>`));
  });

  it('an article whose title links elsewhere redirects there; bad ids are 404', async () => {
    const a = await publish(col.local!.id, '转载：省政府新闻发布会', {
      linkUrl: 'https://www.jiangsu.gov.cn/art/2026/1/1/art_1.html',
    });
    const r = await get(`/a/${a.id}.html`);
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('https://www.jiangsu.gov.cn/art/2026/1/1/art_1.html');
    for (const bad of [
      '/a/0.html',
      '/a/abc.html',
      '/a/1',
      '/a/99999999.html',
      '/a/-1.html',
      '/a/1.htm',
      '/a/99999999999.html',
    ]) {
      expect((await get(bad)).statusCode, bad).toBe(404);
    }
  });

  it('attachments download only while the article is published', async () => {
    const pdf = fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/sample.pdf'));
    const { payload, headers } = multipartFile('2026年预算说明.pdf', pdf);
    const file = (await editor.request('POST', '/api/attachments', payload, headers)).json();
    const created = await editor.post('/api/articles', {
      columnId: col.notices!.id,
      title: '2026年县级预算公开',
      bodyHtml: '<p>详见附件。</p>',
      attachmentIds: [file.id],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const fileUrl = `/files/${file.id}/${encodeURIComponent('2026年预算说明.pdf')}`;
    expect((await get(fileUrl)).statusCode).toBe(404);
    // Nothing goes online unreviewed: publishing needs the review first.
    expect((await editor.post(`/api/articles/${id}/publish`)).statusCode).toBe(409);
    await publishForTest(t.services, id);
    const page = (await get(`/a/${id}.html`)).body;
    expect(page).toContain(`<a href="${fileUrl}">2026年预算说明.pdf</a><span class="file-meta">（PDF，`);
    const dl = await get(fileUrl);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2026年预算说明.pdf')}`);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect((await editor.post(`/api/articles/${id}/unpublish`, { reason: '附件需要更新' })).statusCode).toBe(200);
    expect((await get(fileUrl)).statusCode).toBe(404);
    expect((await get('/files/abc/x.pdf')).statusCode).toBe(404);
  });
});

describe('site pages and headers', () => {
  it('home: navigation, default news blocks with dates, notices, 政务公开 and 政民互动 entries, footer', async () => {
    const r = await get('/');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<nav class="site-nav" aria-label="主导航">');
    expect(r.body).not.toMatch(/<a href="\/c\/[^"]+\/">首页栏目</); // not in the navigation
    expect(r.body).toMatch(/<h2 id="block-\d+">涟水新闻<\/h2>/);
    expect(r.body).toMatch(/<h2 id="block-\d+">部门动态<\/h2>/);
    expect(r.body).toContain('<h2 id="block-notices">公告公示</h2>');
    expect(r.body).toContain(
      `<a class="more" href="/c/${col.notices!.path}/">更多<span class="sr-only">公告公示</span></a>`,
    );
    expect(r.body).toMatch(/<section class="entry"[^>]*>\s*<h2[^>]*><a href="\/c\/[^"]+\/">政务公开<\/a>/);
    expect(r.body).toMatch(/<h2[^>]*><a href="\/c\/[^"]+\/">政民互动<\/a>/);
    expect(items(r.body).length).toBeGreaterThan(0);
    for (const label of [
      '主办单位：测试县人民政府办公室',
      '承办单位：涟水县大数据管理中心',
      '联系方式：0517-82321234',
      '网站标识码：3208260001',
      '苏ICP备00000000号',
      '苏公网安备 32082602000001号',
      'https://beian.miit.gov.cn/',
      '跳到主要内容',
    ]) {
      expect(r.body, label).toContain(label);
    }
  });

  it('home blocks chosen in the site settings replace the defaults', async () => {
    await t.services.sites.update(system, siteId, {
      homeBlocks: [{ columnId: col.policies!.id, title: '最新文件', limit: 3 }],
    });
    const body = (await get('/')).body;
    expect(body).toMatch(/<h2 id="block-1">最新文件<\/h2>/);
    expect(body).not.toMatch(/<h2 id="block-\d+">部门动态<\/h2>/);
    expect(body).not.toContain('block-notices');
    // A chosen 公告公示 column takes the notices place, once.
    await t.services.sites.update(system, siteId, {
      homeBlocks: [
        { columnId: col.local!.id, limit: 5 },
        { columnId: col.notices!.id, limit: 5 },
      ],
    });
    const withNotices = (await get('/')).body;
    expect(withNotices.match(/>公告公示<\/h2>/g)).toHaveLength(1);
    expect(withNotices).toContain('<h2 id="block-notices">公告公示</h2>');
    await t.services.sites.update(system, siteId, { homeBlocks: [] });
  });

  it('a site whose theme does not exist is shown in the default theme', async () => {
    await makeSite(t.services, {
      name: '主题缺失的站点',
      code: 'notheme',
      hosts: ['notheme.example.test'],
      theme: 'no-such-theme',
    });
    const r = await get('/', { host: 'notheme.example.test' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('主题缺失的站点');
    expect(r.body).toMatch(/href="\/static\/default\/site\.css\?v=/);
  });

  it('网站地图 lists the whole column tree; 404 is an HTML page', async () => {
    const map = (await get('/sitemap.html')).body;
    for (const name of ['新闻中心', '涟水新闻', '首页栏目', '本地要闻', '政策解读', '涟水概况'])
      expect(map).toContain(`>${name}<`);
    const nf = await get('/no/such/page');
    expect(nf.statusCode).toBe(404);
    expect(nf.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(nf.body).toContain('抱歉，您访问的页面不存在');
  });

  it('public headers: cache, type, nosniff, CSP; theme assets cached for a year', async () => {
    const r = await get('/');
    expect(r.headers['cache-control']).toBe(`public, max-age=${t.config.publicCacheSeconds}`);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toBe(PUBLIC_CSP);
    expect(r.headers['set-cookie']).toBeUndefined();
    const css = /href="(\/static\/default\/site\.css\?v=[^"]+)"/.exec(r.body)![1]!;
    const asset = await get(css);
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(css, { 'if-none-match': String(asset.headers.etag) })).statusCode).toBe(304);
    for (const bad of [
      '/static/default/../templates/layout.liquid',
      '/static/default/nope.css',
      '/static/../package.json',
      '/static/NOPE/site.css',
    ]) {
      expect((await get(bad)).statusCode, bad).toBe(404);
    }
  });
});

describe('malformed public requests', () => {
  it('never get a 5xx: odd paths, query values, methods and headers', async () => {
    const paths = [
      '/',
      '/c/',
      `/c/${col.local!.path}/`,
      `/c/${col.local!.path}/rss.xml`,
      '/a/1.html',
      '/search',
      '/sitemap.xml',
      '/sitemap.html',
      '/files/1/x.pdf',
      '/static/default/site.css',
    ];
    const odd = [
      '?page=%',
      '?page[]=1',
      '?page=1&page=2',
      '?q=%E4%B8',
      `?q=${'x'.repeat(5000)}`,
      '?page=1e309',
      '?__proto__[x]=1',
      '?page=NaN&q=%00',
      '?q[a]=1',
    ];
    const weird = [
      '/c/%2e%2e/',
      '/c/a//b/',
      '/a/%00.html',
      '/files/%2e%2e/etc',
      '/static/default/%2e%2e/templates/layout.liquid',
      `/c/${'a/'.repeat(300)}`,
      '/a/1.html/',
      '/%E4',
      '/static/default/',
    ];
    const requests = [
      ...paths.flatMap((p) => odd.map((q) => ({ method: 'GET' as const, url: p + q }))),
      ...weird.map((url) => ({ method: 'GET' as const, url })),
      ...paths.map((url) => ({ method: 'POST' as const, url })),
      ...paths.map((url) => ({ method: 'HEAD' as const, url })),
    ];
    for (const req of requests) {
      const r = await t.server.inject({ ...req, headers: { host: '\u0000bad host', 'if-none-match': '*' } });
      expect(r.statusCode, `${req.method} ${req.url}`).toBeLessThan(500);
    }
  });
});
