import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../harness/factories.js';
import { launchBrowser } from '../harness/browser.js';
import { disclosure, reviewCounty } from '../harness/review.js';
import { checkScreen, eventually, startApp, type RunningApp } from './admin-helpers.js';
import { as, toast } from './admin-review-helpers.js';

// Issue 16 item 1 in the browser: each role from its first screen to the end of its main task, no dead
// end. The unit leader lands on 待我审核 and approves; the office leader, at the last step, is offered
// no 紧急发布 on the approved item; the website centre lands on today's queue and publishes with one
// click; an edit of an approved item asks first and the editor then says 审核中; the officer corrects a
// typo of the published item (勘误) without taking it offline, and the public page shows the fix.

let app: RunningApp;
let browser: Browser;
let w: Awaited<ReturnType<typeof reviewCounty>>;
const TITLE = '县财政局关于惠民资金发放的公告';
const SECOND = '县财政局关于预算公开的说明';
const ids = { first: 0, second: 0 };

async function submitted(title: string, body: string) {
  const id = (
    await w.c.czj!.post('/api/articles', {
      columnId: w.columns.finance.id,
      type: 'document',
      title,
      bodyHtml: body,
      disclosure,
    })
  ).json().id as number;
  expect((await w.c.czj!.post(`/api/articles/${id}/submit`, {})).statusCode).toBe(200);
  return id;
}
const approveAs = async (id: number, who: string[]) => {
  for (const u of who)
    expect((await w.c[u]!.post(`/api/articles/${id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
};

beforeAll(async () => {
  app = await startApp(async (t) => {
    w = await reviewCounty(t);
    ids.first = await submitted(TITLE, '<p>惠民资金已按时发放到户，请群众注意查收。如有疑问请咨询财政局。</p>');
    ids.second = await submitted(SECOND, '<p>本局预算已按规定公开。</p>');
    await approveAs(ids.second, ['czj_sc', 'czj_zy', 'gkk', 'gkk2', 'ld']);
    // The office allows 勘误 of up to 10 characters.
    expect((await w.c.gkk!.put('/api/settings/minor-corrections', { enabled: true, maxChars: 10 })).statusCode).toBe(
      200,
    );
  });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

describe('待办 without dead ends (issue 16 item 1)', () => {
  it('leader approves from the first screen; the centre publishes from its queue; the officer corrects a typo online', async () => {
    // The unit leader's first screen is what awaits their approval (no 写信息 there).
    const leader = await as(browser, app.base, 'czj_sc', PASSWORD);
    let page = leader.page;
    const awaiting = page.locator('.section-card', { hasText: '待我审核' });
    await eventually(() => awaiting.locator('h2').first().textContent()).toBe('待我审核（1）');
    expect(await page.getByRole('button', { name: '写信息' }).count()).toBe(0);
    await checkScreen(page, 'todo-01-leader-first-screen');
    await awaiting.getByRole('link', { name: `去审核：${TITLE}` }).click();
    await page.waitForURL(new RegExp(`/articles/${ids.first}/review$`));
    // The full-size preview, desktop then phone.
    await page.getByRole('button', { name: '预览发布页面（电脑 / 手机）' }).click();
    const frame = page.frameLocator('iframe[title="信息预览（电脑）"]');
    await eventually(() => frame.locator('h1').first().textContent()).toContain(TITLE);
    await page.getByRole('dialog').getByText('手机', { exact: true }).click();
    // The page inside is laid out for a phone's 390 px.
    const phone = page.frameLocator('iframe[title="信息预览（手机）"]');
    await eventually(() => phone.locator('html').evaluate(() => window.innerWidth)).toBe(390);
    await page.keyboard.press('Escape');
    await eventually(() => page.getByTestId('current-step').textContent()).toContain('您可以处理此步骤');
    await page.getByLabel('审核意见').fill('同意报送');
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await toast(page, '已通过，转下一步');
    await page.goto(`${app.base}/admin/`);
    await eventually(() => awaiting.locator('h2').first().textContent()).toBe('待我审核（0）');
    expect(leader.errors).toEqual([]);
    await leader.done();
    await approveAs(ids.first, ['czj_zy', 'gkk', 'gkk2']);

    // The office leader approves the last step; the approved item offers no 紧急发布.
    const office = await as(browser, app.base, 'ld', PASSWORD);
    page = office.page;
    const mine = page.locator('.section-card', { hasText: '待我审核' });
    await eventually(() => mine.locator('h2').first().textContent()).toBe('待我审核（1）');
    await mine.getByRole('link', { name: `去审核：${TITLE}` }).click();
    await eventually(() => page.getByTestId('current-step').textContent()).toContain('您可以处理此步骤');
    await page.getByLabel('审核意见').fill('同意');
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await toast(page, '审核通过，等待发布');
    await eventually(() => page.locator('.ant-descriptions').first().textContent()).toContain('待发布');
    expect(await page.getByRole('button', { name: '紧急发布' }).count()).toBe(0);
    expect(office.errors).toEqual([]);
    await office.done();

    // The website centre lands on today's queue and publishes with one click.
    const centre = await as(browser, app.base, 'wz', PASSWORD);
    page = centre.page;
    const queue = page.locator('.section-card', { hasText: '待发布（' });
    await eventually(() => queue.locator('.ant-card-head-title').textContent()).toBe('待发布（2）');
    await eventually(() => page.getByRole('link', { name: /待办，\d+ 项/ }).textContent()).toContain('2');
    await checkScreen(page, 'todo-02-centre-first-screen');
    await queue.getByRole('button', { name: `发布：${TITLE}`, exact: true }).click();
    await page.locator('.ant-popover').getByRole('button', { name: '发布', exact: true }).click();
    await toast(page, `“${TITLE}”已发布`);
    await eventually(() => queue.locator('.ant-card-head-title').textContent()).toBe('待发布（1）');
    expect(centre.errors).toEqual([]);
    await centre.done();

    // The officer edits the approved item: asked first, then the editor says what happened.
    const officer = await as(browser, app.base, 'czj', PASSWORD);
    page = officer.page;
    await page.goto(`${app.base}/admin/articles/${ids.second}`);
    await eventually(() => page.getByRole('alert').filter({ hasText: '须重新审核' }).count()).toBe(1);
    await page.getByLabel('标题', { exact: true }).fill(`${SECOND}（修订）`);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const ask = page.getByRole('dialog').filter({ hasText: '修改后需要重新审核' });
    await eventually(() => ask.textContent()).toContain('退回第 1 步“审查人”重新审核');
    await ask.getByRole('button', { name: '保存并重新审核' }).click();
    await toast(page, '已退回第 1 步“审查人”重新审核');
    await eventually(() => page.getByTestId('editor-status').textContent()).toBe('审核中');

    // …and corrects a typo of the published item without taking it offline.
    await page.goto(`${app.base}/admin/articles/${ids.first}`);
    await page.getByRole('button', { name: '勘误（改错别字）' }).click();
    const fix = page.getByRole('dialog').filter({ hasText: '勘误“' });
    await fix.getByLabel('需改正的文字').fill('咨询财政局');
    await fix.getByLabel('改为', { exact: true }).fill('咨询县财政局');
    await fix.getByLabel('勘误原因').fill('单位名称不完整');
    await checkScreen(page, 'todo-03-correction');
    await fix.getByRole('button', { name: '勘误', exact: true }).click();
    await toast(page, '信息未下线');
    await eventually(() => page.getByTestId('editor-status').textContent()).toBe('已发布');
    const pub = await app.t.server.inject({
      method: 'GET',
      url: `/a/${ids.first}.html`,
      headers: { host: 'www.lianshui.test' },
    });
    expect(pub.body).toContain('咨询县财政局');
    expect(officer.errors).toEqual([]);
    await officer.done();
  }, 360_000);
});
