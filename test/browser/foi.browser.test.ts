import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot } from '../harness/browser.js';
import { makeAccount, makeSite, makeUnit, PASSWORD, system } from '../harness/factories.js';
import { checkScreen, eventually, openPage, signIn, startApp, type RunningApp } from './admin-helpers.js';
import { choose } from './admin-review-helpers.js';

// 依申请公开 in chromium: a citizen applies on a phone without JavaScript help (the challenge read off
// the page), gets a 申请编号 and follows it; the town's officer finds it, sees the whole application,
// answers it and gets the 告知书; the citizen then sees the answer. Every screen passes axe-core.

let app: RunningApp;
let browser: Browser;
let unitId = 0;
const PHONE = { width: 390, height: 844 };
const DIGITS = '零一二三四五六七八九十';

beforeAll(async () => {
  app = await startApp(
    async ({ services: s }) => {
      await makeSite(s, { name: '涟水县人民政府', isDefault: true });
      const town = await makeUnit(s, '高沟镇人民政府', 'town', { shortName: '高沟镇' });
      unitId = town.id;
      await s.foi.putGuide(system, town.id, {
        officeName: '高沟镇党政办公室',
        address: '涟水县高沟镇人民路8号',
        hours: '工作日 8:30-12:00，14:00-17:30',
        phone: '0517-80000000',
        postcode: '223411',
      });
      await makeAccount(s, 'ggz', town.id, ['unit_officer']);
    },
    { foiClock: () => new Date('2026-11-02T02:00:00.000Z') },
  );
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

let number = '';

describe('依申请公开 journey', () => {
  it('a citizen applies on a phone, in 大字版, and gets a 申请编号', { timeout: 120_000 }, async () => {
    // axe-core runs in the page, so the page is checked with scripts on (also in 大字版) …
    const checked = await browser.newPage({ viewport: PHONE });
    await checked.goto(`${app.base}/ysqgk/${unitId}/`);
    await screenshot(checked, 'foi', 'unit-page-phone');
    expect(await axeViolations(checked)).toEqual([]);
    await checked.getByRole('button', { name: '大字版' }).click();
    await screenshot(checked, 'foi', 'unit-page-elder');
    expect(await axeViolations(checked)).toEqual([]);
    await checked.close();
    // … and the application is made with them off.
    const page = await browser.newPage({ viewport: PHONE, javaScriptEnabled: false });
    await page.goto(`${app.base}/ysqgk/${unitId}/`);
    await page.getByLabel('姓名（公民）或名称（法人或者其他组织）').fill('王五');
    await page.getByLabel('证件号码').fill('11010519491231002X');
    await page.getByLabel('联系电话').fill('139 0000 1111');
    await page.getByLabel('所需政府信息的名称或者内容描述').fill('2026年高沟镇农村道路建设项目资金拨付情况');
    await page.getByRole('radio', { name: '电子邮件' }).first().check();
    const question = (await page.locator('label[for="f-challengeAnswer"]').textContent()) ?? '';
    const m = /(\S) (加|减) (\S) /.exec(question)!;
    const [a, b] = [DIGITS.indexOf(m[1]!), DIGITS.indexOf(m[3]!)];
    await page.getByLabel(/验证问题/).fill(String(m[2] === '加' ? a + b : a - b));
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForLoadState();
    await screenshot(page, 'foi', 'submitted');
    expect(await page.locator('h1').textContent()).toBe('申请已提交');
    number = (await page.locator('.foi-number strong').textContent()) ?? '';
    expect(number).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await page.textContent('body')).toContain('2026-11-30');
    await page.close();
  });

  it('a refused form says why beside the field and keeps what was typed', async () => {
    const page = await browser.newPage({ viewport: PHONE, javaScriptEnabled: false });
    await page.goto(`${app.base}/ysqgk/${unitId}/`);
    await page.getByLabel('姓名（公民）或名称（法人或者其他组织）').fill('赵六');
    await page.getByLabel('证件号码').fill('110105194912310021');
    await page.getByLabel('联系电话').fill('13900002222');
    await page.getByLabel('所需政府信息的名称或者内容描述').fill('某项信息');
    await page.getByLabel(/验证问题/).fill('1');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.form-errors').textContent()).toContain('校验位不正确');
    expect(await page.getByLabel('姓名（公民）或名称（法人或者其他组织）').inputValue()).toBe('赵六');
    await page.close();
  });

  it('the town answers it in the admin app and the 告知书 is produced', { timeout: 180_000 }, async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, app.base, 'ggz', PASSWORD);
    await page.goto(`${app.base}/admin/foi`);
    await eventually(() => page.getByRole('link', { name: number }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: '王*' }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: '139****1111' }).count()).toBe(1);
    await checkScreen(page, 'foi-list');
    await page.getByRole('link', { name: number }).click();
    await eventually(() => page.getByText('11010519491231002X').count()).toBe(1);
    await checkScreen(page, 'foi-detail');
    await page.getByRole('button', { name: '作出答复' }).click();
    const dialog = page.getByRole('dialog');
    await choose(page, dialog, '答复类型', '予以公开');
    await dialog.getByRole('button', { name: '确定' }).click();
    await eventually(() => page.getByText('予以公开（2026-11-02）').count()).toBe(1);
    const pdfLink = page.getByRole('link', { name: '下载告知书 PDF' });
    expect(await pdfLink.getAttribute('href')).toMatch(/notice\.pdf$/);
    const pdf = await page.request.get(`${app.base}${await pdfLink.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await checkScreen(page, 'foi-answered');

    // The annual table counts it; the unit enters its 行政复议 by hand.
    await page.goto(`${app.base}/admin/foi`);
    await page.getByRole('tab', { name: '年度报告数据' }).click();
    await eventually(() => page.getByText('合计核对通过', { exact: false }).count()).toBe(1);
    await page.getByLabel('行政复议 结果维持').fill('2');
    await page.getByRole('button', { name: '保存复议、诉讼数量' }).click();
    await eventually(async () => (await app.t.services.foiReports.annual(system, 2026)).appeals.review.join(',')).toBe(
      '2,0,0,0,2',
    );
    await checkScreen(page, 'foi-annual');
    expect(errors).toEqual([]);
  });

  it('the town edits its 政府信息公开指南 and its public page shows it', { timeout: 120_000 }, async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, app.base, 'ggz', PASSWORD);
    await page.goto(`${app.base}/admin/foi`);
    await page.getByRole('tab', { name: '公开指南' }).click();
    await eventually(() => page.getByLabel('办公地址').inputValue()).toBe('涟水县高沟镇人民路8号');
    await page.getByLabel('传真').fill('0517-80000001');
    await page.getByLabel('指南正文').fill('一、信息分类\n按主题分类编排。\n\n二、获取方式\n在线申请或者当面提交。');
    await page.getByRole('button', { name: '保存指南' }).click();
    await eventually(() => page.getByText('指南已保存').count()).toBe(1);
    await checkScreen(page, 'foi-guide');
    expect(errors).toEqual([]);
    await page.close();

    const pub = await browser.newPage({ viewport: PHONE });
    await pub.goto(`${app.base}/ysqgk/${unitId}/`);
    expect(await pub.locator('.foi-guide').textContent()).toContain('按主题分类编排。');
    expect(await pub.locator('.foi-guide').textContent()).toContain('0517-80000001');
    await pub.getByRole('link', { name: '申请获取政府信息10项指引' }).click();
    await pub.waitForLoadState();
    expect(await pub.locator('h1').textContent()).toBe('申请获取政府信息10项指引');
    expect(await pub.locator('ol.foi-ten > li').count()).toBe(10);
    await screenshot(pub, 'foi', 'ten-guides');
    expect(await axeViolations(pub)).toEqual([]);
    await pub.close();
  });

  it('the citizen follows the application with its number and phone', async () => {
    const page = await browser.newPage({ viewport: PHONE, javaScriptEnabled: false });
    await page.goto(`${app.base}/ysqgk/query`);
    await page.getByLabel('申请编号').fill(number);
    await page.getByLabel('申请时填写的联系电话').fill('13900001111');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForLoadState();
    await screenshot(page, 'foi', 'query');
    const text = (await page.textContent('.foi-result')) ?? '';
    expect(text).toContain('已答复');
    expect(text).toContain('予以公开');
    expect(text).not.toContain('11010519491231002X');
    await page.close();
  });
});
