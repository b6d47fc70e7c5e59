import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../harness/app.js';
import { axeViolations, launchBrowser, screenshot } from '../harness/browser.js';
import { PASSWORD, makeAccount, multipartFile, system } from '../harness/factories.js';
import { publishForTest } from '../harness/publish.js';

// Every public page type on the demo county site, checked with axe-core (no serious or critical
// WCAG 2.1 A/AA violations), and the home page's 图片新闻 carousel with and without JavaScript
// (issue 16: a carousel that works without JavaScript and can be paused).

let t: TestApp;
let browser: Browser;
let base: string;
let articleUrl: string;

beforeAll(async () => {
  t = await createTestApp({ publicCacheSeconds: 0 });
  const s = t.services;
  await s.demo.seedIfEmpty();
  const site = (await s.sites.list(system)).find((x) => x.isDefault)!;
  const columns = await s.columns.listBySite(site.id);
  const local = columns.find((c) => c.path === 'xwzx/lsxw')!;
  const png = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/red.png'));
  const unitId = (await s.units.all(s.database.db)).find((u) => u.shortName === '政府办')!.id;
  await makeAccount(s, 'pages_editor', unitId, ['site_editor']);
  const api = await ApiClient.login(t.server, 'pages_editor', PASSWORD);
  const upload = async (name: string) => {
    const { payload, headers } = multipartFile(name, png);
    return (await api.request('POST', '/api/attachments', payload, headers)).json().id as number;
  };
  for (const title of ['县领导调研重点项目现场', '涟水县举办秋季农产品展销会', '高沟镇新建党群服务中心投用']) {
    const file = await upload(`${title}.png`);
    const a = await api.post('/api/articles', {
      columnId: local.id,
      title,
      bodyHtml: `<p>${title}。</p>`,
      attachmentIds: [file],
    });
    expect(a.statusCode, a.body).toBe(201);
    await publishForTest(s, a.json().id);
    articleUrl = `/a/${a.json().id}.html`;
  }
  const saved = await api.put(`/api/sites/${site.id}/home-parts`, {
    pictureColumnId: local.id,
    banners: [{ title: '优化营商环境专栏', linkUrl: '/c/sylm/zt/', attachmentId: await upload('专题.png') }],
    linkGroups: [
      { name: '上级网站', links: [{ name: '中国政府网', url: 'https://www.gov.cn/' }] },
      { name: '部门网站', links: [{ name: '县财政局', url: '/c/zwgk/bmhxzxxgk/lsxczj/' }] },
    ],
  });
  expect(saved.statusCode, saved.body).toBe(200);
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(url: string, status = 200): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const response = await page.goto(base + url);
  expect(response?.status(), url).toBe(status);
  return page;
}

describe('every public page type passes axe', () => {
  const pages: Array<[string, () => string, number?]> = [
    ['home', () => '/'],
    ['column list', () => '/c/xwzx/lsxw/'],
    ['article', () => articleUrl],
    ['政务公开 目录', () => '/c/zwgk/bmhxzxxgk/lsxczj/fdzdgknr/'],
    ['search', () => `/search?q=${encodeURIComponent('涟政发〔2026〕45号')}`],
    ['sitemap.html', () => '/sitemap.html'],
    ['政民互动', () => '/hudong/'],
    ['政民互动 查询', () => '/hudong/chaxun'],
    ['依申请公开', () => '/ysqgk/'],
    ['依申请公开指引', () => '/ysqgk/guide/'],
    ['民意征集', () => '/consult/'],
    ['在线访谈', () => '/interviews/'],
    ['404', () => '/c/no-such-column/', 404],
  ];
  for (const [name, url, status] of pages) {
    it(`${name}: no serious or critical violations`, async () => {
      const page = await open(url(), status);
      // Open every 目录 branch, so the rules see the whole tree.
      await page.evaluate(() => {
        const doc = (
          globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ open: boolean }> } }
        ).document;
        for (const d of Array.from(doc.querySelectorAll('details'))) d.open = true;
      });
      await screenshot(page, 'portal-pages', name);
      expect(await axeViolations(page), name).toEqual([]);
      await page.close();
    });
  }
});

describe('the 图片新闻 carousel', () => {
  it('shows the first slide and jumps by number without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const slides = page.locator('.pictures .slide');
    expect(await slides.count()).toBe(3);
    const track = await page.locator('.pictures .slides').boundingBox();
    const first = await slides.nth(0).boundingBox();
    expect(first!.x).toBeCloseTo(track!.x, 0);
    expect(await page.locator('.carousel-pause').isVisible()).toBe(false);
    await page.getByRole('link', { name: /第2张/ }).click();
    await expect.poll(async () => (await slides.nth(1).boundingBox())!.x - track!.x, { timeout: 5000 }).toBeLessThan(2);
    await screenshot(page, 'portal-pages', 'carousel-no-js');
    await context.close();
  });

  it('advances by itself with JavaScript and stops when paused', async () => {
    const page = await open('/');
    const pause = page.getByRole('button', { name: '暂停轮播' });
    expect(await pause.isVisible()).toBe(true);
    const currentDot = () => page.locator('.carousel-dots a[aria-current] span[aria-hidden]').innerText();
    await page.mouse.move(0, 0); // not over the carousel: hovering holds it
    await expect.poll(currentDot, { timeout: 9000 }).toBe('2');
    await pause.click();
    const resume = page.getByRole('button', { name: '继续轮播' });
    expect(await resume.getAttribute('aria-pressed')).toBe('true');
    const held = await currentDot();
    await page.waitForTimeout(6000);
    expect(await currentDot()).toBe(held);
    await screenshot(page, 'portal-pages', 'carousel-paused');
    await page.close();
  }, 30_000);

  it('does not move by itself for a visitor who asks for reduced motion', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.getByRole('button', { name: '继续轮播' }).isVisible()).toBe(true);
    await page.waitForTimeout(6000);
    expect(await page.locator('.carousel-dots a[aria-current] span[aria-hidden]').innerText()).toBe('1');
    await context.close();
  }, 30_000);
});
