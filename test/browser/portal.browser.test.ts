import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleInput } from '../../src/modules/content/content.schemas.js';
import { createTestApp, type TestApp } from '../harness/app.js';
import { axeViolations, launchBrowser, screenshot } from '../harness/browser.js';
import { makeColumn, makeSite, makeUnit, system } from '../harness/factories.js';
import { publishForTest } from '../harness/publish.js';

// The public site in Debian's chromium: the four kinds of page a resident uses, checked with axe-core
// (no serious or critical WCAG 2.1 A/AA violations), by keyboard, in 适老化 mode and on a phone.

let t: TestApp;
let browser: Browser;
let base: string;
let articleUrl: string;
let columnUrl: string;

beforeAll(async () => {
  t = await createTestApp({ publicCacheSeconds: 60 });
  const s = t.services;
  const site = await makeSite(s, {
    name: '涟水县人民政府',
    sponsor: '涟水县人民政府办公室',
    organizer: '涟水县大数据管理中心',
    contact: '0517-82321234',
  });
  const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  const news = await makeColumn(s, site.id, '新闻中心');
  const local = await makeColumn(s, site.id, '涟水新闻', news.id);
  await makeColumn(s, site.id, '部门动态', news.id);
  const notices = await makeColumn(s, site.id, '公告公示', news.id);
  const open = await makeColumn(s, site.id, '政务公开', null, { kind: 'catalogue' });
  const policies = await makeColumn(s, site.id, '政策文件', open.id);
  await makeColumn(s, site.id, '政民互动', null, { kind: 'interaction' });
  await makeColumn(s, site.id, '中国政府网', null, { kind: 'link', linkUrl: 'https://www.gov.cn/' });
  const publish = async (columnId: number, title: string, extra: Record<string, unknown> = {}) => {
    const a = await s.articles.create(
      system,
      ArticleInput.parse({
        columnId,
        unitId: office.id,
        title,
        bodyHtml: `<p>${title}。涟水县各部门认真落实环评制度，推动高质量发展。</p><p style="text-align:right">涟水县人民政府办公室</p>`,
        ...extra,
      }),
    );
    return publishForTest(s, a.id);
  };
  for (let i = 1; i <= 24; i++) await publish(local.id, `涟水县召开第${i}次重点项目推进会`);
  await publish(notices.id, '关于2026年春节期间安全生产的公告');
  const doc = await publish(policies.id, '涟水县人民政府关于印发环评审批改革实施方案的通知', {
    type: 'document',
    disclosure: {
      docNo: '涟政发〔2026〕3号',
      writtenOn: '2026-02-01',
      issuer: '涟水县人民政府',
      topicCategory: '环境监测、保护与治理',
    },
  });
  articleUrl = `/a/${doc.id}.html`;
  columnUrl = `/c/${local.path}/`;
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const response = await page.goto(base + path);
  expect(response?.status(), path).toBe(200);
  return page;
}

describe('public pages in chromium', () => {
  const pages: Array<[string, () => string]> = [
    ['home', () => '/'],
    ['column', () => columnUrl],
    ['article', () => articleUrl],
    ['search', () => `/search?q=${encodeURIComponent('环评')}`],
  ];
  for (const [name, path] of pages) {
    it(`${name}: no serious or critical axe violations`, async () => {
      const page = await open(path());
      await screenshot(page, 'portal', name);
      expect(await axeViolations(page)).toEqual([]);
      // The same page in 高对比 mode must pass too.
      await page.getByRole('button', { name: '高对比' }).click();
      await screenshot(page, 'portal', `${name}-contrast`);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('search results highlight the term', async () => {
    const page = await open(`/search?q=${encodeURIComponent('环评')}`);
    expect(await page.locator('.results mark').first().textContent()).toBe('环评');
    await page.close();
  });

  it('the skip link is the first thing a keyboard reaches and moves focus to the main content', async () => {
    const page = await open('/');
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    await expect.poll(() => skip.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(
          () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
        ),
      )
      .toBe('main');
    expect(page.url()).toBe(`${base}/#main`);
    await page.close();
  });

  it('a navigation dropdown opens by keyboard and closes with Escape', async () => {
    const page = await open('/');
    const toggle = page.getByRole('button', { name: '展开“新闻中心”的下级栏目' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const sub = page.locator('.site-nav .sub').first().getByRole('link', { name: '涟水新闻', exact: true });
    expect(await sub.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(() => sub.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await sub.isVisible()).toBe(false);
    await page.close();
  });

  it('大字版 enlarges the text and is kept across pages; 字号 buttons change it further', async () => {
    const page = await open(articleUrl);
    const size = () =>
      page
        .locator('.article-body p')
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const normal = await size();
    await page.getByRole('button', { name: '大字版' }).click();
    expect(await page.getByRole('button', { name: '大字版' }).getAttribute('aria-pressed')).toBe('true');
    const large = await size();
    expect(large).toBeGreaterThanOrEqual(normal * 1.2);
    await page.getByRole('button', { name: '放大字号' }).click();
    expect(await size()).toBeGreaterThan(large);
    await screenshot(page, 'portal', 'article-elder');
    await page.goto(base + columnUrl);
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { className: string } } }).document.documentElement
            .className,
      ),
    ).toContain('elder');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '恢复默认' }).click();
    await page.goto(base + articleUrl);
    expect(await size()).toBe(normal);
    await page.close();
  });

  it('on a 375px phone the navigation folds behind a menu button that opens it', async () => {
    const page = await open('/', { width: 375, height: 812 });
    const menu = page.getByRole('button', { name: '栏目导航' });
    expect(await menu.isVisible()).toBe(true);
    const navLink = page.locator('#nav-list').getByRole('link', { name: '政务公开' });
    expect(await navLink.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await navLink.isVisible()).toBe(true);
    const overflow = await page.evaluate(() => {
      const d = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'portal', 'home-phone');
    expect(await axeViolations(page)).toEqual([]);
    const desktop = await open('/');
    expect(await desktop.getByRole('button', { name: '栏目导航' }).isVisible()).toBe(false);
    await desktop.close();
    await page.close();
  });
});
