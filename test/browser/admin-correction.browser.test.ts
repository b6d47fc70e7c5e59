import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../harness/factories.js';
import { launchBrowser } from '../harness/browser.js';
import { disclosure, reviewCounty } from '../harness/review.js';
import { eventually, startApp, type RunningApp } from './admin-helpers.js';
import { as, toast } from './admin-review-helpers.js';

// Issue 16 item 1 in the browser: the officer corrects a published item through review while it stays
// online (修改（送审，原文保持在线）); the last reviewer finds it in 待办 marked as a correction, reads the
// proposal beside the text online, approves, and the public page then shows the corrected text.

let app: RunningApp;
let browser: Browser;
let w: Awaited<ReturnType<typeof reviewCounty>>;
let id = 0;
const TITLE = '县财政局关于惠民资金发放的公告';
const pub = () => app.t.server.inject({ method: 'GET', url: `/a/${id}.html`, headers: { host: 'www.lianshui.test' } });

beforeAll(async () => {
  app = await startApp(async (t) => {
    w = await reviewCounty(t);
    id = (
      await w.c.czj!.post('/api/articles', {
        columnId: w.columns.finance.id,
        type: 'document',
        title: TITLE,
        bodyHtml: '<p>惠民资金已按时发放到户。</p>',
        disclosure,
      })
    ).json().id as number;
    expect((await w.c.czj!.post(`/api/articles/${id}/submit`, {})).statusCode).toBe(200);
    for (const u of ['czj_sc', 'czj_zy', 'gkk', 'gkk2', 'ld'])
      expect((await w.c[u]!.post(`/api/articles/${id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
    expect((await w.c.wz!.post(`/api/articles/${id}/publish`)).statusCode).toBe(200);
  });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

describe('a correction reviewed while the item stays online', () => {
  it('officer proposes, reviewers approve, the public page changes only at the end', async () => {
    const officer = await as(browser, app.base, 'czj', PASSWORD);
    let page = officer.page;
    await page.goto(`${app.base}/admin/articles/${id}`);
    await page.getByRole('button', { name: '修改（送审，原文保持在线）' }).click();
    await page.waitForURL(new RegExp(`/articles/${id}/correction$`));
    await eventually(() => page.getByLabel('标题', { exact: true }).inputValue()).toBe(TITLE);
    await page.getByLabel('标题', { exact: true }).fill(`${TITLE}（更正）`);
    await page.getByLabel('修改原因').fill('标题补充更正字样');
    await page.getByRole('button', { name: '送审修改稿' }).click();
    await toast(page, '修改稿已送审');
    await eventually(() => page.getByRole('alert').filter({ hasText: '修改稿审核中' }).count()).toBe(1);
    expect((await pub()).body).not.toContain('（更正）');
    expect(officer.errors).toEqual([]);
    await officer.done();

    for (const u of ['czj_sc', 'czj_zy', 'gkk', 'gkk2'])
      expect((await w.c[u]!.post(`/api/articles/${id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
    expect((await pub()).body).not.toContain('（更正）');

    const office = await as(browser, app.base, 'ld', PASSWORD);
    page = office.page;
    await page.goto(`${app.base}/admin/tasks`);
    const row = page.getByRole('row').filter({ hasText: '修改稿（原文在线）' });
    await row.getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/articles/${id}/review$`));
    await eventually(() => page.locator('.section-card', { hasText: '修改稿（原文第' }).textContent()).toContain(
      `修改稿：${TITLE}（更正）`,
    );
    await eventually(() => page.getByTestId('current-step').textContent()).toContain('您可以处理此步骤');
    await page.getByLabel('审核意见').fill('同意修改');
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await eventually(async () => (await pub()).body.includes(`${TITLE}（更正）`)).toBe(true);
    expect(office.errors).toEqual([]);
    await office.done();
  }, 240_000);
});
