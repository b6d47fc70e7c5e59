import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../harness/app.js';
import { launchBrowser } from '../harness/browser.js';
import { PASSWORD, makeAccount, makeSite, makeUnit } from '../harness/factories.js';
import { checkScreen, eventually, type RunningApp, settle, startApp } from './admin-helpers.js';
import { as, choose } from './admin-review-helpers.js';

// Issue 12 item 2, the admin side: a letter written through the public form goes the whole 12345 loop
// on the admin screens — the office 受理 and 转办, the unit's 信息员 drafts, its leader signs, the office
// 审核 → 答复 — and the letter page's history shows every step.

let app: RunningApp;
let browser: Browser;
let letterId: number;
const TITLE = '城南小区路灯不亮';
let unitName: string;

/** Writes in through the public form, answering its challenge as a person would. */
async function writeLetter(a: RunningApp) {
  const page = await a.t.server.inject({ method: 'GET', url: '/hudong/xiexin/xianzhang', remoteAddress: '10.1.1.1' });
  const token = /name="challengeToken" value="([^"]+)"/.exec(page.body)![1]!;
  const q = /验证问题：(\S) (加|减) (\S) /.exec(page.body)!;
  const digits = '零一二三四五六七八九十';
  const [x, y] = [digits.indexOf(q[1]!), digits.indexOf(q[3]!)];
  const fields = {
    name: '王小明',
    phone: '13812345678',
    category: 'complaint',
    title: TITLE,
    body: '城南小区路灯坏了两周，请尽快修复。',
    isPublic: 'yes',
    challengeToken: token,
    challengeAnswer: String(q[2] === '加' ? x + y : x - y),
  };
  const res = await a.t.server.inject({
    method: 'POST',
    url: '/hudong/xiexin/xianzhang',
    remoteAddress: '10.1.1.1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
  expect(res.statusCode).toBe(200);
}

beforeAll(async () => {
  app = await startApp(async (t) => {
    await makeSite(t.services, { name: '涟水县人民政府' });
    const hotline = await makeUnit(t.services, '12345政府公共服务热线办公室', 'gov_dept', { shortName: '12345办公室' });
    const czj = await makeUnit(t.services, '财政局', 'gov_dept', { shortName: '财政局' });
    unitName = czj.name;
    await makeAccount(t.services, 'rx12345', hotline.id, ['hotline_operator']);
    await makeAccount(t.services, 'czj', czj.id, ['unit_officer']);
    await makeAccount(t.services, 'czj_ld', czj.id, ['unit_leader']);
  });
  await writeLetter(app);
  const office = await ApiClient.login(app.t.server, 'rx12345', PASSWORD);
  letterId = (await office.get('/api/letters')).json().items[0].id;
  browser = await launchBrowser();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

/** Opens the step's form from the letter page, fills it, confirms, and waits for the history to show it. */
async function takeStep(page: Page, step: string, fill?: () => Promise<void>) {
  await page.getByRole('button', { name: step, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill?.();
  await dialog.getByRole('button', { name: `确定${step}` }).click();
  await dialog.waitFor({ state: 'detached' });
  await eventually(() => page.getByRole('table', { name: '办理记录' }).textContent()).toContain(step);
}

describe('the 12345 loop on the admin screens', { timeout: 240_000 }, () => {
  it('受理, 转办, 拟写答复, 签发, 审核答复, with the whole history on the letter page', async () => {
    const office = await as(browser, app.base, 'rx12345', PASSWORD);
    await office.page.goto(`${app.base}/admin/letters`);
    const row = office.page.getByRole('row', { name: new RegExp(TITLE) });
    await eventually(() => row.textContent()).toContain('待受理');
    await checkScreen(office.page, 'letters-list');
    await row.getByRole('link', { name: TITLE }).click();
    await office.page.waitForURL(`**/admin/letters/${letterId}`);
    await takeStep(office.page, '受理');
    await takeStep(office.page, '转办', () =>
      choose(office.page, office.page.getByRole('dialog'), '承办单位（主办）', unitName),
    );
    await eventually(() => office.page.locator('.ant-card-extra').first().textContent()).toBe('单位办理中');
    await office.done();

    const officer = await as(browser, app.base, 'czj', PASSWORD);
    await officer.page.goto(`${app.base}/admin/letters/${letterId}`);
    // A form sent empty is refused in words beside the field, before the server is asked.
    await officer.page.getByRole('button', { name: '拟写答复', exact: true }).click();
    await officer.page.getByRole('button', { name: '确定拟写答复' }).click();
    await eventually(() => officer.page.getByRole('dialog').textContent()).toContain('请填写答复内容');
    await officer.page.keyboard.press('Escape');
    await officer.page.getByRole('dialog').waitFor({ state: 'detached' });
    await takeStep(officer.page, '拟写答复', () =>
      officer.page.getByLabel('答复内容').fill('您反映的路灯已于本周修复，感谢您的监督。'),
    );
    expect(officer.errors).toEqual([]);
    await officer.done();

    const leader = await as(browser, app.base, 'czj_ld', PASSWORD);
    await leader.page.goto(`${app.base}/admin/letters/${letterId}`);
    await takeStep(leader.page, '领导签发');
    await leader.done();

    const again = await as(browser, app.base, 'rx12345', PASSWORD);
    await again.page.goto(`${app.base}/admin/letters/${letterId}`);
    await takeStep(again.page, '审核通过并答复');
    await eventually(() => again.page.locator('.ant-card-extra').first().textContent()).toBe('已答复待评价');
    const table = again.page.getByRole('table', { name: '办理记录' });
    // Each step once, in the order taken, with who and which unit.
    expect(await table.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual([
      '来信',
      '受理',
      '转办',
      '拟写答复',
      '领导签发',
      '审核通过并答复',
    ]);
    const units = await table.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(units.slice(3, 5)).toEqual([unitName, unitName]);
    expect(await table.locator('tbody tr td:nth-child(3)').allTextContents()).toContain('rx12345');
    expect(await again.page.getByText('您反映的路灯已于本周修复').count()).toBeGreaterThan(0);
    await settle(again.page);
    await checkScreen(again.page, 'letter-answered');

    // 统计: the letter counts for its unit in this month, answered on time.
    await again.page.goto(`${app.base}/admin/letters`);
    await again.page.getByRole('tab', { name: '统计' }).click();
    const statsRow = again.page.getByRole('tabpanel', { name: '统计' }).getByRole('row', { name: /财政局/ });
    await eventually(() => statsRow.textContent()).toContain('100%');
    await checkScreen(again.page, 'letters-stats');

    // 信箱与时限: the office gives 县长信箱 two working days to 受理; 黑名单: it blocks an address.
    await again.page.getByRole('tab', { name: '信箱与时限' }).click();
    const boxes = again.page.getByRole('tabpanel', { name: '信箱与时限' });
    await boxes
      .getByRole('row', { name: /县长信箱/ })
      .getByRole('button', { name: '修改' })
      .click();
    const boxDialog = again.page.getByRole('dialog');
    await boxDialog.getByLabel('受理时限').fill('2');
    await boxDialog.getByRole('button', { name: '保存' }).click();
    await eventually(() =>
      boxes
        .getByRole('row', { name: /县长信箱/ })
        .locator('td')
        .nth(2)
        .textContent(),
    ).toBe('2');
    await checkScreen(again.page, 'letters-mailboxes');
    await again.page.getByRole('tab', { name: '黑名单' }).click();
    const block = again.page.getByRole('tabpanel', { name: '黑名单' });
    await block.getByLabel('地址或号码').fill('198.51.100.9');
    await block.getByLabel('理由（内部）').fill('一分钟提交上百次');
    await block.getByRole('button', { name: '加入黑名单' }).click();
    await eventually(() => block.getByRole('row', { name: /198\.51\.100\.9/ }).count()).toBe(1);
    await checkScreen(again.page, 'letters-blacklist');
    expect(again.errors).toEqual([]);
    await again.done();
  });
});
