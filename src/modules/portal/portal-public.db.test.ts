import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeColumn, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { ArticleInput } from '../content/content.schemas.js';
import { JIUCUO_PLATFORM } from './portal.models.js';

// Issue 16 item 4, the public portal as a county portal: the 政务公开 目录 tree, no column twice under
// one parent, the footer's national marks, and 文号 search on the public search page.

let t: TestApp;
let siteId: number;
let officeId: number;
const col: Record<string, { id: number; path: string }> = {};

const get = (url: string) => t.server.inject({ method: 'GET', url });

async function publish(columnId: number, title: string, extra: Record<string, unknown> = {}) {
  const a = await t.services.articles.create(
    system,
    ArticleInput.parse({ columnId, unitId: officeId, title, bodyHtml: `<p>${title}的正文。</p>`, ...extra }),
  );
  return publishForTest(t.services, a.id);
}

/** The 目录 of a page: its nav element, or undefined when the page shows the flat list instead. */
const catalogueOf = (html: string) => /<nav class="aside catalogue"[\s\S]*?<\/nav>/.exec(html)?.[0];

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  siteId = (await makeSite(s)).id;
  officeId = (await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' })).id;
  const add = async (key: string, name: string, parent: string | null, extra: Record<string, unknown> = {}) => {
    const c = await makeColumn(s, siteId, name, parent ? col[parent]!.id : null, extra);
    col[key] = { id: c.id, path: c.path };
  };
  await add('news', '新闻中心', null);
  await add('local', '涟水新闻', 'news');
  await add('open', '政务公开', null);
  await add('files', '政府文件', 'open');
  // The same name twice under one parent: a link column made beside the list it stands for.
  await add('filesLink', '政府文件', 'open', { kind: 'link', linkUrl: '/c/elsewhere/' });
  await add('units', '部门和乡镇信息公开', 'open');
  await add('office', '涟水县人民政府办公室', 'units');
  await add('guide', '政府信息公开指南', 'office');
  await add('statutory', '法定主动公开内容', 'office');
  await add('apply', '依申请公开', 'office');
  await publish(col.statutory!.id, '县政府办公室2026年工作要点');
  await publish(col.statutory!.id, '县政府办公室机构职能');
  await publish(col.files!.id, '关于印发工作方案的通知', {
    type: 'document',
    isDisclosure: true,
    disclosure: { docNo: '涟政发〔2026〕45号', topicCategory: '综合政务' },
  });
  await publish(col.files!.id, '关于另一项工作的通知', {
    type: 'document',
    isDisclosure: true,
    disclosure: { docNo: '涟政发〔2026〕4号', topicCategory: '综合政务' },
  });
});

afterAll(() => t.close());

describe('the 政务公开 目录', () => {
  it('shows a deep section as a tree of <details> branches with the published counts', async () => {
    const page = await get(`/c/${col.open!.path}/`);
    expect(page.statusCode).toBe(200);
    const tree = catalogueOf(page.body)!;
    expect(tree).toContain('政务公开目录');
    // Branches open and close without JavaScript; the per-unit branch holds the unit's columns.
    expect(tree).toMatch(/<details>\s*<summary>部门和乡镇信息公开<span class="count">（2条）<\/span><\/summary>/);
    expect(tree).toMatch(/<summary>涟水县人民政府办公室<span class="count">（2条）<\/span><\/summary>/);
    expect(tree).toContain(
      `<a href="/c/${col.statutory!.path}/">法定主动公开内容<span class="count">（2条）</span></a>`,
    );
    expect(tree).toContain(`<a href="/c/${col.apply!.path}/">依申请公开<span class="count">（0条）</span></a>`);
    expect(tree).toContain(`<a href="/c/${col.files!.path}/">政府文件<span class="count">（2条）</span></a>`);
  });

  it('opens the branches above the current column and marks it', async () => {
    const tree = catalogueOf((await get(`/c/${col.guide!.path}/`)).body)!;
    expect(tree).toMatch(/<details open>\s*<summary>部门和乡镇信息公开/);
    expect(tree).toMatch(/<details open>\s*<summary>涟水县人民政府办公室/);
    expect(tree).toContain(`<a href="/c/${col.guide!.path}/" aria-current="page">政府信息公开指南`);
  });

  it('keeps the flat list for a shallow section', async () => {
    const page = await get(`/c/${col.news!.path}/`);
    expect(catalogueOf(page.body)).toBeUndefined();
    expect(page.body).toContain('<aside class="aside"');
  });

  it('shows a column name once under one parent: navigation, 目录 and sitemap', async () => {
    const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;
    const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec((await get('/')).body)![0];
    expect(count(nav, />政府文件</g)).toBe(1);
    expect(nav).not.toContain('/c/elsewhere/');
    expect(count(catalogueOf((await get(`/c/${col.open!.path}/`)).body)!, />政府文件</g)).toBe(1);
    const map = /<div class="sitemap">[\s\S]*?<\/main>/.exec((await get('/sitemap.html')).body)![0];
    expect(count(map, />政府文件</g)).toBe(1);
  });
});

describe('the footer marks', () => {
  it('links 我为政府网站找错 to the national platform and shows the 党政机关 mark only with its verification page', async () => {
    const before = (await get('/')).body;
    expect(before).toContain(`<a class="mark jiucuo" href="${JIUCUO_PLATFORM}"`);
    expect(before).toContain('我为政府网站找错');
    expect(before).not.toContain('党政机关网站标识');

    await makeAccount(t.services, 'marks_editor', officeId, ['site_editor']);
    const api = await ApiClient.login(t.server, 'marks_editor', PASSWORD);
    const bad = await api.patch(`/api/sites/${siteId}`, { conacUrl: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('党政机关网站标识的核验地址须为以 http:// 或 https:// 开头的完整网址');
    const ok = await api.patch(`/api/sites/${siteId}`, {
      conacUrl: 'https://bszs.conac.cn/sitename?method=show&id=TEST',
      jiucuoUrl: 'https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=3208260001',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ conacUrl: 'https://bszs.conac.cn/sitename?method=show&id=TEST' });

    const after = (await get('/')).body;
    expect(after).toContain('href="https://bszs.conac.cn/sitename?method=show&amp;id=TEST"');
    expect(after).toContain('alt="党政机关网站标识（核验本站身份）"');
    expect(after).toContain('href="https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=3208260001"');
    // Cleared, the entry goes back to the platform's front page.
    await api.patch(`/api/sites/${siteId}`, { conacUrl: '', jiucuoUrl: null });
    const cleared = (await get('/')).body;
    expect(cleared).toContain(`href="${JIUCUO_PLATFORM}"`);
    expect(cleared).not.toContain('党政机关网站标识');
  });
});

describe('文号 search on the public site', () => {
  it('finds the item by its 文号 written with 〔〕, [], () or （）, and not its neighbour 4号', async () => {
    for (const q of ['涟政发〔2026〕45号', '涟政发[2026]45号', '涟政发(2026)45号', '涟政发（2026）45号']) {
      const page = await get(`/search?q=${encodeURIComponent(q)}`);
      expect(page.statusCode).toBe(200);
      expect(page.body, q).toContain('找到 1 条');
      expect(page.body, q).toContain('关于印发工作方案的通知');
      expect(page.body, q).not.toContain('关于另一项工作的通知');
    }
    const other = (await get(`/search?q=${encodeURIComponent('涟政发〔2026〕4号')}`)).body;
    expect(other).toContain('找到 1 条');
    expect(other).toContain('关于另一项工作的通知');
  });
});
