import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../harness/browser.js';
import { makeAccount, makeColumn, makeDuty, makeSite, makeUnit, PASSWORD, system } from '../harness/factories.js';
import { checkScreen, eventually, openPage, signIn, startApp, type RunningApp } from './admin-helpers.js';

// Pictures pasted from Word into the article editor (admin/src/features/articles/pasted-images.ts):
// one carried inside the clipboard (a data: address, as Word for the web and WPS paste it) becomes an
// attachment of the item; one Word only points at on the author's disk (file:///) cannot be read by
// the browser, and the editor says so and how to bring it in. The paste is a real ClipboardEvent with
// a DataTransfer, dispatched in the page as the browser dispatches Ctrl+V.

const RED_PNG = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/red.png')).toString('base64');
const WORD_PASTE = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->
<p class=MsoNormal><span style='font-family:仿宋_GB2312'>会议现场如下。<o:p></o:p></span></p>
<p class=MsoNormal><img width=120 height=80 src="data:image/png;base64,${RED_PNG}" alt="会议现场"></p>
<p class=MsoNormal><img width=120 height=80 src="file:///C:/Users/czj/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png"></p>
<!--EndFragment--></body></html>`;

let app: RunningApp;
let browser: Browser;
let columnId = 0;

beforeAll(async () => {
  app = await startApp(async ({ services: s }) => {
    const site = await makeSite(s, { name: '涟水县人民政府', isDefault: true });
    const finance = await makeUnit(s, '财政局', 'gov_dept');
    const news = await makeColumn(s, site.id, '新闻中心');
    const mine = await makeColumn(s, site.id, '部门动态', news.id);
    await makeDuty(s, mine.id, { unitId: finance.id }, '工作日报送至邮箱，每周至少一篇');
    await makeAccount(s, 'czj', finance.id, ['unit_officer']);
    columnId = mine.id;
  });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

describe('pictures pasted from Word', () => {
  it('keeps the clipboard’s picture as an attachment and says the one on the author’s disk was lost', async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, app.base, 'czj', PASSWORD);
    await page.goto(`${app.base}/admin/articles/new?columnId=${columnId}`);
    await page.getByLabel('标题', { exact: true }).fill('县财政局召开预算执行分析会');
    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await body.evaluate((el, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', '会议现场如下。');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, WORD_PASTE);

    const messages = page.locator('.ant-message');
    await eventually(() => messages.textContent()).toContain('有 1 张图片未能随粘贴带入');
    await eventually(() => messages.textContent()).toContain(
      '请用工具栏的“图片”按钮逐张插入，或用“导入 Word 文档”上传',
    );
    await eventually(() => messages.textContent()).toContain('已将粘贴的 1 张图片保存为附件');
    // The picture now points at its attachment; nothing of the clipboard's or the disk's address is left.
    const images = body.locator('img');
    await eventually(() => images.count()).toBe(1);
    await eventually(() => images.first().getAttribute('src')).toMatch(/^\/api\/attachments\/\d+\//);
    expect(await body.innerHTML()).not.toMatch(/data:|file:/);
    await eventually(() => page.locator('.attachment-list').textContent()).toContain('粘贴图片1.png');
    await checkScreen(page, 'word-paste-01-pictures');

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const id = Number(/articles\/(\d+)$/.exec(page.url())![1]);
    await eventually(() => messages.textContent()).toContain('已保存（第 1 版）');
    const saved = await app.t.services.articles.get(system, id);
    expect(saved.attachments.map((a) => [a.name, a.ext])).toEqual([['粘贴图片1.png', 'png']]);
    expect(saved.bodyHtml).toContain(`src="${saved.attachments[0]!.url}"`);
    expect(saved.bodyHtml).not.toMatch(/data:|file:/);
    expect(errors).toEqual([]);
  }, 180_000);
});
