import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleInput } from '../../src/modules/content/content.schemas.js';
import { ApiClient } from '../harness/app.js';
import { launchBrowser, screenshot } from '../harness/browser.js';
import { makeAccount, makeColumn, makeDuty, makeSite, makeUnit, PASSWORD, system } from '../harness/factories.js';
import { checkScreen, eventually, openPage, signIn, startApp, TABLET, type RunningApp } from './admin-helpers.js';

// An information officer of 财政局 writes an item with a table, a picture and a .docx attachment in a
// column its unit is responsible for, cannot reach another unit's column, meets a revision conflict,
// and finds the item in the list and, once an editor has published it, on the public site.

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const WORD_PASTE = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:宋体}</style></head><body>
<!--StartFragment--><p class=MsoNormal style='text-indent:32pt'><span style='font-family:仿宋_GB2312;mso-bidi-font-weight:bold'><b>一、检查范围</b><o:p></o:p></span></p>
<p class=MsoNormal><span style='font-size:16pt;font-family:仿宋_GB2312'>全县各预算单位。<o:p></o:p></span></p><!--EndFragment--></body></html>`;

/**
 * Nothing goes online unreviewed: the officer submits the item and the website centre approves it
 * with "publish now", both through the API, on the one-step chain bound to the column in the seed.
 */
async function publishThroughApi(officer: ApiClient, editor: ApiClient, id: number): Promise<void> {
  const checks = (await officer.get(`/api/articles/${id}/checks`)).json() as {
    findings: Array<{ id: number; severity: string; checkLabel: string; excerpt: string }>;
  };
  const blocking = checks.findings.filter((f) => f.severity === 'block');
  expect(blocking, '内容检查发现阻止发布的问题').toEqual([]);
  const overrides = checks.findings
    .filter((f) => f.severity === 'warn')
    .map((f) => ({ checkId: f.id, reason: '浏览器测试数据' }));
  const submitted = await officer.post(`/api/articles/${id}/submit`, { overrides });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const approved = await editor.post(`/api/articles/${id}/approve`, {
    opinion: '同意发布',
    overrides: [],
    publishNow: true,
  });
  expect(approved.statusCode, approved.body).toBe(200);
  expect((await editor.get(`/api/articles/${id}`)).json()).toMatchObject({ status: 'published' });
}

let app: RunningApp;
let publishedId = 0;
let browser: Browser;
const ids: { mine: number; theirs: number; othersArticle: number; unit: number } = {
  mine: 0,
  theirs: 0,
  othersArticle: 0,
  unit: 0,
};

beforeAll(async () => {
  app = await startApp(async ({ services: s }) => {
    const site = await makeSite(s, { name: '涟水县人民政府', isDefault: true });
    const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
    const finance = await makeUnit(s, '财政局', 'gov_dept');
    const town = await makeUnit(s, '高沟镇人民政府', 'town', { shortName: '高沟镇' });
    const news = await makeColumn(s, site.id, '新闻中心');
    const mine = await makeColumn(s, site.id, '部门动态', news.id);
    const theirs = await makeColumn(s, site.id, '乡镇动态', news.id);
    await makeDuty(s, mine.id, { unitId: finance.id }, '工作日报送至邮箱，每周至少一篇');
    await makeDuty(s, theirs.id, { unitId: town.id }, '工作日报送至邮箱，每周至少一篇');
    const chain = await s.chains.create(system, {
      name: '测试：网站中心一步审核',
      description: null,
      restartPosition: 1,
      autoPublish: true,
      steps: [{ name: '网站中心审核', role: 'site_editor', scope: 'county', formField: 'proofreader', dueHours: 24 }],
    });
    await s.chains.bind(system, { chainId: chain.id, columnId: mine.id, channel: null });
    await makeAccount(s, 'czj', finance.id, ['unit_officer']);
    await makeAccount(s, 'wzzx', office.id, ['site_editor']);
    const other = await s.articles.create(
      system,
      ArticleInput.parse({
        columnId: theirs.id,
        unitId: town.id,
        title: '高沟镇开展冬季安全检查',
        bodyHtml: '<p>镇里的信息</p>',
      }),
    );
    Object.assign(ids, { mine: mine.id, theirs: theirs.id, othersArticle: other.id, unit: finance.id });
  });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

describe('information officer: writing an item in its own unit’s column', () => {
  it('writes, saves, previews, resolves a conflict, and the item shows in the list and on the public site', async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, app.base, 'czj', PASSWORD);
    await eventually(() => page.getByTestId('acting-unit').textContent()).toBe('涟水县财政局');

    // The dashboard lists the unit's own columns only; navigation offers no management screens.
    const columns = page.locator('.ant-card').filter({ hasText: '本单位负责的栏目' }).locator('table');
    await eventually(() => columns.textContent()).toContain('新闻中心 / 部门动态');
    await eventually(() => columns.textContent()).not.toContain('乡镇动态');
    await eventually(() => columns.locator('tr', { hasText: '部门动态' }).textContent()).toContain(
      '动态维护，后台报送',
    );
    const nav = await page.getByRole('navigation', { name: '主导航' }).textContent();
    expect(nav).toContain('信息管理');
    for (const hidden of ['账号与角色', '数据导入', '操作日志', '栏目与保障责任']) expect(nav).not.toContain(hidden);
    await checkScreen(page, 'officer-01-dashboard');

    // Another unit's column cannot be reached: not offered, refused when named in the address.
    await page.goto(`${app.base}/admin/articles/new?columnId=${ids.theirs}`);
    await eventually(() => page.getByRole('alert').first().textContent()).toContain('本单位不负责栏目“乡镇动态”');
    await page.locator('.ant-form-item:has(label[for="columnId"]) .ant-select').click();
    await eventually(() => page.locator('.ant-select-tree-title').allTextContents()).toContain('部门动态');
    await eventually(() => page.locator('.ant-select-tree-title').allTextContents()).not.toContain('乡镇动态');
    await page.keyboard.press('Escape');
    const refused = await page.evaluate(async (columnId) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/articles', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ columnId, title: '越权' }),
      });
      return { status: res.status, body: (await res.json()) as { message: string } };
    }, ids.theirs);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('本单位不负责栏目');
    await page.goto(`${app.base}/admin/articles/${ids.othersArticle}`);
    await eventually(() => page.getByRole('alert').first().textContent()).toContain('不存在或您无权查看');

    // Write the item from the dashboard's column.
    await page.goto(`${app.base}/admin/`);
    await page.getByRole('button', { name: '在“新闻中心 / 部门动态”写信息' }).click();
    await page.waitForURL(/\/admin\/articles\/new\?columnId=/);
    await eventually(() => page.locator('.ant-form-item:has(label[for="columnId"])').textContent()).toContain(
      '部门动态',
    );
    const title = '县财政局召开2026年度预算执行分析会';
    await page.getByLabel('标题', { exact: true }).fill(title);

    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.keyboard.type('会议通报了前三季度预算执行情况。');
    // Pasted from Word: only structure survives.
    await body.evaluate((el, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', '一、检查范围 全县各预算单位。');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, WORD_PASTE);
    await eventually(() => body.innerHTML()).toContain('<strong>一、检查范围</strong>');
    expect(await body.innerHTML()).not.toMatch(/mso-|Mso|仿宋|font-family|<o:p/);

    await page.keyboard.press('End');
    await page.getByRole('button', { name: '插入表格' }).click();
    for (const [i, cell] of ['阶段', '时间', '责任单位', '自查', '12月', '各单位'].entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      await page.keyboard.type(cell);
    }
    await eventually(() => body.locator('table td, table th').count()).toBe(9);

    // The picture goes below the table, in the paragraph the editor keeps after it.
    await page.keyboard.press('Control+End');
    await page.getByRole('button', { name: '插入图片' }).click();
    const imageDialog = page.getByRole('dialog').filter({ hasText: '插入图片' });
    await imageDialog.locator('#rte-image-file').setInputFiles(path.join(FIXTURES, 'red.png'));
    await imageDialog.getByLabel('图片说明').fill('会议现场');
    await checkScreen(page, 'officer-02-image-dialog');
    await imageDialog.getByRole('button', { name: '上传并插入' }).click();
    await eventually(() => body.locator('img[alt="会议现场"]').count()).toBe(1);

    await page.locator('#attachment-file').setInputFiles(path.join(FIXTURES, 'notice.docx'));
    await eventually(() => page.locator('.attachment-list').textContent()).toContain('notice.docx');
    await eventually(() => page.locator('.attachment-list').textContent()).toContain('正文图片');

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const id = Number(/articles\/(\d+)$/.exec(page.url())![1]);
    await eventually(() => page.locator('.ant-message').textContent()).toContain('已保存（第 1 版）');
    await checkScreen(page, 'officer-03-editor-saved');

    const saved = await app.t.services.articles.get(system, id);
    expect(saved.unitId).toBe(ids.unit);
    expect(saved.columnId).toBe(ids.mine);
    expect(saved.bodyHtml).toContain('<table>');
    expect(saved.bodyHtml).toMatch(/<img[^>]+alt="会议现场"/);
    expect(saved.attachments.map((a) => a.ext).sort()).toEqual(['docx', 'png']);

    // The preview is the public page of the saved version.
    await page.getByRole('button', { name: '保存并预览' }).click();
    const preview = page.frameLocator('iframe[title="信息预览（电脑）"]');
    await eventually(() => preview.locator('h1').first().textContent()).toContain(title);
    await screenshot(page, 'admin', 'officer-04-preview');
    await page.keyboard.press('Escape');
    await page.locator('iframe[title^="信息预览"]').waitFor({ state: 'hidden' });

    // Someone else saves in between: the server's message is shown and their version can be loaded.
    const editor = await ApiClient.login(app.t.server, 'wzzx', PASSWORD);
    const retitled = `${title}（网站中心修改）`;
    expect((await editor.patch(`/api/articles/${id}`, { title: retitled })).statusCode).toBe(200);
    await page.getByLabel('摘要').fill('会议要求加快预算执行进度。');
    await page.locator('.page-heading button', { hasText: /^保存$/ }).click();
    const conflict = page.getByRole('dialog').filter({ hasText: '保存冲突' });
    await eventually(() => conflict.textContent()).toContain('该信息已被他人修改');
    await checkScreen(page, 'officer-05-conflict');
    await conflict.getByRole('button', { name: '重新加载' }).click();
    await eventually(() => page.getByLabel('标题', { exact: true }).inputValue()).toBe(retitled);

    // The list shows it as a draft of the unit.
    await page.goto(`${app.base}/admin/articles`);
    const row = page.locator('tr', { hasText: retitled });
    await eventually(() => row.textContent()).toContain('草稿');
    await eventually(() => row.textContent()).toContain('财政局');
    await eventually(() => page.locator('tbody').textContent()).not.toContain('高沟镇开展冬季安全检查');
    await checkScreen(page, 'officer-06-list');

    // Published through the API, it is on the public site with its table, picture and file.
    await publishThroughApi(await ApiClient.login(app.t.server, 'czj', PASSWORD), editor, id);
    // A resident has no session: the public page must stand on its own.
    const resident = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const response = await resident.goto(`${app.base}/a/${id}.html`);
    expect(response?.status()).toBe(200);
    await eventually(() => resident.locator('h1').first().textContent()).toContain(retitled);
    await eventually(() => resident.locator('main table td').allTextContents()).toEqual(
      expect.arrayContaining(['自查', '12月', '各单位']),
    );
    const file = resident.locator('a', { hasText: 'notice.docx' }).first();
    expect(
      (await resident.request.get(new URL((await file.getAttribute('href'))!, app.base).toString())).status(),
    ).toBe(200);
    await eventually(() => resident.locator('main img[alt="会议现场"]').count()).toBe(1);
    await screenshot(resident, 'admin', 'officer-07-public-page');
    await resident.close();

    publishedId = id;

    await page.goto(`${app.base}/admin/articles`);
    await eventually(() => page.locator('tr', { hasText: retitled }).textContent()).toContain('已发布');
    expect(errors).toEqual([]);
  }, 300_000);

  it('shows the picture of the body to residents on the public page', async () => {
    expect(publishedId, '上一个测试没有发布信息').toBeGreaterThan(0);
    const resident = await browser.newPage();
    await resident.goto(`${app.base}/a/${publishedId}.html`);
    const picture = resident.locator('main img[alt="会议现场"]');
    await eventually(() => picture.evaluate((img) => (img as HTMLImageElement).complete)).toBe(true);
    const src = await picture.getAttribute('src');
    // The editor inserts the attachment's admin address; the public page has to point residents at
    // the public copy (/files/<id>/<name>), which exists once the item is published.
    expect(
      await picture.evaluate((img) => (img as HTMLImageElement).naturalWidth),
      `正文图片对公众不可见（${src}）：公开页面须把 /api/attachments/:id/download 换成 /files/:id/ 地址`,
    ).toBeGreaterThan(0);
    await resident.close();
  });

  it('can be used by keyboard alone: sign in, skip to the content, leave the editor with Esc', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${app.base}/admin/login`);
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('username');
    await page.keyboard.type('czj');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
    await eventually(() => page.getByTestId('acting-unit').textContent()).toBe('涟水县财政局');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await page.goto(`${app.base}/admin/articles/new`);
    const body = page.getByRole('textbox', { name: '正文' });
    await body.focus();
    await page.getByRole('button', { name: '插入表格' }).click();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.rte-content'))).toBe(true);
    await page.keyboard.press('Escape');
    const after = await page.evaluate(() => ({
      inEditor: !!document.activeElement?.closest('.rte'),
      label: document.activeElement?.id,
    }));
    expect(after.inEditor).toBe(false);
    expect(after.label).toBe('summary');
    expect(errors).toEqual([]);
  }, 120_000);

  it('works on a tablet: the editor and the list fit and pass axe', async () => {
    const { page, errors } = await openPage(browser, TABLET);
    await signIn(page, app.base, 'czj', PASSWORD);
    await page.goto(`${app.base}/admin/articles/new`);
    await checkScreen(page, 'officer-08-tablet-editor');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.goto(`${app.base}/admin/articles`);
    await checkScreen(page, 'officer-09-tablet-list');
    expect(errors).toEqual([]);
  }, 120_000);
});
