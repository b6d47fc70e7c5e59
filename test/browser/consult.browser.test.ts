import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../harness/app.js';
import { axeViolations, launchBrowser, screenshot } from '../harness/browser.js';
import { PASSWORD } from '../harness/factories.js';
import { publishForTest } from '../harness/publish.js';
import { disclosure, reviewCounty } from '../harness/review.js';
import { checkScreen, eventually, openPage, signIn, startApp } from './admin-helpers.js';

// 在线访谈 as it happens: a resident watches the live page on a phone while the office's moderator, in
// the admin console, approves a question, answers it and writes a line — each appears on the phone
// without a reload (the page keeps a marker set before). 民意征集's page with its form on a phone.
// Both public pages pass axe-core with no serious or critical violation.

let t: TestApp;
let base: string;
let browser: Browser;
let interviewId: number;
let consultationId: number;
const QUESTION = '问：<b>营业执照</b>能当天办好吗？😀';

beforeAll(async () => {
  ({ t, base } = await startApp(async (app) => {
    const w = await reviewCounty(app);
    const a = await w.c.czj!.post('/api/articles', {
      columnId: w.columns.finance.id,
      type: 'notice',
      title: '预算公开办法（征求意见稿）',
      bodyHtml: '<p>第一条 为推进预算公开，制定本办法。</p><p>第二条 本办法自公布之日起施行。</p>',
      disclosure,
    });
    await publishForTest(app.services, a.json().id);
    consultationId = (
      await w.c.czj!.post('/api/consultations', {
        articleId: a.json().id,
        title: '预算公开办法征求意见',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      })
    ).json().id;
    interviewId = (
      await w.c.wz!.post('/api/interviews', {
        siteId: w.site.id,
        title: '县长谈优化营商环境',
        guests: '县长 王某某',
        intro: null,
        startsAt: new Date().toISOString(),
      })
    ).json().id;
    await w.c.wz!.patch(`/api/interviews/${interviewId}`, { status: 'live' });
    await w.c.wz!.post(`/api/interviews/${interviewId}/entries`, {
      speaker: '主持人',
      body: '各位网友大家好，访谈开始。',
    });
    await app.services.consultPublic.submitQuestion(
      w.site.id,
      interviewId,
      { body: QUESTION, author: '网友甲' },
      '203.0.113.5',
    );
  }));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the live interview', () => {
  it('updates on a phone while the moderator approves, answers and writes, without a reload', async () => {
    const phone = await openPage(browser, { width: 390, height: 844 });
    await phone.page.goto(`${base}/interviews/${interviewId}.html`);
    await phone.page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await eventually(() => t.services.interviewLive.listeners(interviewId)).toBe(1);
    expect(await phone.page.locator('#live-record li').count()).toBe(1);
    expect(await axeViolations(phone.page)).toEqual([]);
    await screenshot(phone.page, 'consult', 'interview-live-phone');

    const desk = await openPage(browser);
    await signIn(desk.page, base, 'wz', PASSWORD);
    await desk.page.goto(`${base}/admin/interviews/${interviewId}`);
    const row = desk.page.getByRole('row', { name: /营业执照/ });
    await row.getByRole('button', { name: '公开', exact: true }).click();

    const record = phone.page.locator('#live-record');
    await eventually(() => record.locator('li').count()).toBe(2);
    const question = record.locator('li').nth(1);
    expect(await question.textContent()).toContain(QUESTION);
    // Shown as text: the visitor's tag is in the words, not in the page's elements.
    expect(await question.locator('b').count()).toBe(0);

    await row.getByRole('button', { name: '答复' }).click();
    await desk.page.getByLabel('答复内容').fill('能，企业开办全程网办，当天办结。');
    await desk.page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await eventually(() => record.locator('li').nth(2).textContent()).toContain('当天办结');

    await desk.page.getByLabel('直播内容').fill('感谢各位网友的参与。');
    await desk.page.getByRole('button', { name: '发布', exact: true }).click();
    await eventually(() => record.locator('li').nth(3).textContent()).toContain('感谢各位网友的参与。');
    await checkScreen(desk.page, 'consult-interview-console');

    expect(await phone.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await screenshot(phone.page, 'consult', 'interview-live-phone-updated');
    expect(await axeViolations(phone.page)).toEqual([]);
    expect(phone.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
  });
});

describe('the consultation page', () => {
  it('shows the text, its period and the comment form on a phone, accessibly', async () => {
    const phone = await openPage(browser, { width: 390, height: 844 });
    await phone.page.goto(`${base}/consult/${consultationId}.html`);
    expect(await phone.page.getByRole('heading', { level: 1 }).textContent()).toBe('预算公开办法征求意见');
    expect(await phone.page.locator('.consult-status').textContent()).toContain('征集中');
    await phone.page.getByLabel('意见针对').selectOption('2');
    await phone.page.getByLabel(/意见内容/).fill('建议<script>alert(1)</script>增加公开时限');
    await screenshot(phone.page, 'consult', 'consultation-phone');
    expect(await axeViolations(phone.page)).toEqual([]);
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
