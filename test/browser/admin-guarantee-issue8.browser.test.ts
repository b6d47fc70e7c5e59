import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../harness/browser.js';
import { duty, personOn, row, summary } from './admin-guarantee-helpers.js';
import { NOW, seedGuaranteeCounty, seedIssue8Items, writeIssue8List } from './admin-guarantee-seed.js';
import { checkScreen, eventually, startApp, type RunningApp } from './admin-helpers.js';
import { choose, toast } from './admin-review-helpers.js';

// Issue 8 in the admin app, on the county of admin-guarantee.browser.test.ts (Wednesday 2026-07-15): a
// guarantee list imported with a date in force, the column classes it could not decide confirmed, and a
// column built by several units judged unit by unit, from the website centre's board and 教育局's own.

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp(
    async (t) => {
      await seedGuaranteeCounty(t);
    },
    { guaranteeClock: () => NOW },
  );
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

const person = (username: string, viewport?: { width: number; height: number }) =>
  personOn(browser, app.base, username, viewport);

describe('the guarantee list of issue 8 in the admin app', () => {
  it('issue 8: a list imported with a date in force, its classes confirmed, and each unit judged on its own', async () => {
    const list = writeIssue8List();
    const { page, errors, done } = await person('admin');
    await page.goto(`${app.base}/admin/imports`);
    await page.locator('#list-file').setInputFiles(list);
    await page.getByLabel('生效日期').fill('2026-07-01');
    await page.getByLabel('生效日期').press('Enter');
    await eventually(() => page.getByLabel('生效日期').inputValue()).toBe('2026-07-01');
    await page.getByRole('button', { name: '预览变更' }).click();
    const plan = page.locator('.ant-card').filter({ hasText: '将发生的变更（预览）' });
    await eventually(() => plan.getByTestId('import-effective').textContent()).toBe('生效日期：2026-07-01');
    // The county's four departments each get their own 信息公开 branch; 重点领域信息 has no class yet.
    await eventually(() => plan.textContent()).toContain('4 个单位各有 政府信息公开指南、政府信息公开制度');
    await eventually(() => plan.getByTestId('import-unclassified').textContent()).toContain(
      '第 5 行 政务公开/重点领域信息',
    );
    await plan.getByRole('button', { name: '确认导入' }).click();
    await eventually(() => page.locator('.ant-result-title').textContent()).toBe('保障清单已导入');
    fs.rmSync(path.dirname(list), { recursive: true, force: true }); // uploaded: nothing left behind
    await checkScreen(page, 'guarantee-10-import-effective');

    // What the units did: 财政局 published in the shared 公示公告, 教育局 its own 年报.
    await seedIssue8Items(app.t);

    // The board: the shared row is each unit's own, listed one by one.
    await page.goto(`${app.base}/admin/guarantee?updateClass=notice`);
    const board = page.locator('.ant-table-wrapper').last();
    const shared = duty(board, '政务公开/公示公告');
    await eventually(() => shared.textContent()).toContain('4 个保障单位中 3 个未达标、0 个即将到期');
    await eventually(() => shared.textContent()).toContain('通知公告、政策文件类（待确认）');
    await shared.getByRole('button', { name: /展开/ }).click();
    const lines = page.locator('.unit-lines');
    await eventually(() => row(lines, '财政局').textContent()).toContain(
      '达标本单位最近一次更新 2026-07-10 10:00，下次须在 2027-01-09 前更新',
    );
    await eventually(() => row(lines, '教育局').textContent()).toContain(
      '未达标本单位从未在本栏目发布信息（自 2026-07-01 起）',
    );
    await checkScreen(page, 'guarantee-11-shared-row');

    // The classes: 重点领域信息 given one by hand, the rest confirmed as proposed.
    await page.goto(`${app.base}/admin/guarantee/settings?tab=classes`);
    const classes = page.locator('.section-card').filter({ hasText: '导入保障清单时按栏目名称' });
    await eventually(() => row(classes, '政务公开/重点领域信息').textContent()).toContain('未能归类');
    await choose(page, classes, '更新类别：政务公开/重点领域信息', '通知公告、政策文件类');
    await toast(page, '已确定“政务公开/重点领域信息”的更新类别');
    await eventually(() => row(classes, '政务公开/重点领域信息').textContent()).toContain('6 个月内须更新已确认');
    await classes.getByRole('button', { name: '全部按建议确认（21）' }).click();
    await page.getByRole('button', { name: /^确\s?认$/ }).click();
    await toast(page, '已确认 21 个栏目的更新类别');
    // Only the column decided by hand is left in view, confirmed.
    await eventually(() => classes.locator('tr.ant-table-row').count()).toBe(1);
    await eventually(() => classes.getByRole('button', { name: /全部按建议确认/ }).count()).toBe(0);
    await checkScreen(page, 'guarantee-12-classes');
    await page.goto(`${app.base}/admin/guarantee?updateClass=notice`);
    await eventually(() => duty(board, '政务公开/公示公告').textContent()).not.toContain('待确认');
    await eventually(() => duty(board, '政务公开/重点领域信息').textContent()).toContain('未达标');
    expect(errors).toEqual([]);
    await done();

    // 教育局's own view: its five 信息公开 columns and its own line of the shared row.
    const officer = await person('jyj');
    await officer.page.goto(`${app.base}/admin/guarantee`);
    const mine = officer.page.locator('.section-card', { hasText: '本单位保障责任状态（2026-07-15）' });
    const branch = '政务公开/部门和乡镇信息公开/涟水县教育局';
    // 教育动态 and 部门动态 as before; 年报 met; 指南, 制度, 法定主动公开内容, 依申请公开 and 公示公告 never.
    await eventually(() => summary(officer.page)).toBe('8 6 1 1');
    await eventually(() => duty(mine, `${branch}/政府信息公开年报`).textContent()).toContain('达标');
    await eventually(() => duty(mine, `${branch}/依申请公开`).textContent()).toContain(
      '未达标栏目自开设以来从未发布信息（空白栏目）',
    );
    await eventually(() => duty(mine, '政务公开/公示公告').textContent()).toContain('未达标本单位从未在本栏目发布信息');
    await checkScreen(officer.page, 'guarantee-13-unit-branch');
    expect(officer.errors).toEqual([]);
    await officer.done();
  }, 120_000);
});
