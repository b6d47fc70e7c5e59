import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../harness/app.js';
import { launchBrowser } from '../harness/browser.js';
import { startCrawlSite, type CrawlSite } from '../harness/crawl-server.js';
import {
  PASSWORD,
  makeAccount,
  makeColumn,
  makeDuty,
  makeSite,
  makeUnit,
  multipartFile,
} from '../harness/factories.js';
import { composeMail } from '../harness/mails.js';
import { checkScreen, eventually, type RunningApp, settle, startApp } from './admin-helpers.js';
import { as, choose, chooseInTree, toast } from './admin-review-helpers.js';

// Issue 11 on the admin screens. 网站抓取: the website centre adds a department's list page (a saved page
// served on loopback), tries it with 试抓取 (nothing kept), saves it, runs it, and its items are drafts.
// 邮件与纸质报送: a mail from an unknown sender waits in 待认领; the centre assigns the unit and column
// (remembering the address) and the draft appears; a paper submission is registered with its scan; the
// unit sees both, with where each stands, under its 报送台账.

let app: RunningApp;
let site: CrawlSite;
let browser: Browser;
let czjId: number;
let dutyId: number;
let zwbId: number;
const MAIL_SUBJECT = '财政局关于预算公开的信息';
const SENDER = 'czj_office@163.com';
const PDF = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/sample.pdf'));

beforeAll(async () => {
  site = await startCrawlSite();
  app = await startApp(
    async (t) => {
      const siteId = (await makeSite(t.services, { name: '涟水县人民政府' })).id;
      const dept = await makeColumn(t.services, siteId, '部门动态');
      await makeColumn(t.services, siteId, '财政信息');
      const office = await makeUnit(t.services, '涟水县人民政府办公室', 'gov_dept', { shortName: '县政府办' });
      const czj = await makeUnit(t.services, '涟水县财政局', 'gov_dept', { shortName: '财政局' });
      const zwb = await makeUnit(t.services, '涟水县政务服务管理办公室', 'gov_dept', { shortName: '政务办' });
      zwbId = zwb.id;
      czjId = czj.id;
      dutyId = await makeDuty(t.services, dept.id, { unitId: office.id });
      await makeAccount(t.services, 'wz', office.id, ['site_editor']);
      await makeAccount(t.services, 'czj', czj.id, ['unit_officer']);
    },
    {
      fetch: { allow: `127.0.0.1:${site.port}`, maxBytes: 5 * 1024 * 1024 },
      crawl: { hostIntervalMs: 0, timeoutMs: 5000, maxBytes: 1024 * 1024, maxEntries: 50 },
    } as never,
  );
  // A mail from an address no unit has registered: it waits for the centre.
  const raw = await composeMail({ from: `财政局办公室 <${SENDER}>`, subject: MAIL_SUBJECT, text: '预算公开的正文。' });
  const wz = await ApiClient.login(app.t.server, 'wz', PASSWORD);
  const { payload, headers } = multipartFile('mail.eml', raw);
  expect((await wz.request('POST', '/api/intake/eml', payload, headers)).statusCode).toBe(201);
  browser = await launchBrowser();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
  await site?.close();
});

describe('网站抓取 on the admin screens', { timeout: 240_000 }, () => {
  it('adds a source, tries it with 试抓取 (nothing kept), saves it, runs it and sees its items', async () => {
    const wz = await as(browser, app.base, 'wz', PASSWORD);
    const page = wz.page;
    await page.goto(`${app.base}/admin/crawl`);
    await page.getByRole('button', { name: '新建抓取源' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    await drawer.getByLabel('名称').fill('政务办工作动态');
    await drawer.getByLabel('地址（信息列表页或订阅源）').fill(`${site.base}/utf8/list.html`);
    await choose(page, drawer, '所属单位', '政务办');
    await chooseInTree(page, drawer, '栏目', '部门动态');
    await drawer.getByLabel('链接选择器（CSS）').fill('td.t a');
    await drawer.getByRole('button', { name: '试抓取' }).click();
    const preview = page.getByTestId('crawl-preview');
    await eventually(() => preview.textContent()).toContain('县政务服务中心开展“不见面审批”业务培训');
    expect(await preview.textContent()).toContain('县政务办召开窗口工作人员作风建设推进会');
    expect(await preview.textContent()).not.toContain('无效链接');
    await checkScreen(page, 'crawl-source-preview');
    // 试抓取 kept nothing: no source, no item.
    const db = app.t.services.database.db;
    expect(await db.selectFrom('crawl_sources').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('articles').selectAll().execute()).toEqual([]);

    await drawer.getByRole('button', { name: '保存' }).click();
    await toast(page, '已保存抓取源“政务办工作动态”');
    await drawer.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: /政务办工作动态/ });
    await eventually(() => row.textContent()).toContain('尚未抓取');
    await row.getByRole('button', { name: '立即抓取 政务办工作动态' }).click();
    await toast(page, '新增 2 条');
    // The page's newest item (2018-11-21) is the source's newest; items that old make it 长期未更新.
    await eventually(() => row.textContent()).toContain('2018-11-21');
    await checkScreen(page, 'crawl-sources');

    await page.goto(`${app.base}/admin/articles`);
    await settle(page);
    await eventually(() => page.locator('main').textContent()).toContain('县政务服务中心开展“不见面审批”业务培训');
    expect(wz.errors).toEqual([]);
    await wz.done();
  });
});

describe('栏目共建 shares on the admin screens', { timeout: 240_000 }, () => {
  it('sets each co-building unit’s share in the duty drawer', async () => {
    const wz = await as(browser, app.base, 'wz', PASSWORD);
    const page = wz.page;
    await page.goto(`${app.base}/admin/guarantee?duty=${dutyId}`);
    const drawer = page.getByRole('dialog').filter({ hasText: '保障责任：部门动态' });
    const shares = drawer.getByRole('form', { name: '栏目共建份额' });
    await shares.getByRole('button', { name: '添加共建单位' }).click();
    await shares.getByRole('button', { name: '添加共建单位' }).click();
    await choose(page, shares, '第 1 个共建单位', '政务办');
    await choose(page, shares, '第 2 个共建单位', '财政局');
    await choose(page, shares, '第 2 个单位的考核周期', '每季度');
    await shares.getByLabel('第 2 个单位至少（条）').fill('3');
    await checkScreen(page, 'guarantee-shares');
    await shares.getByRole('button', { name: '保存共建份额' }).click();
    await toast(page, '已保存 2 个单位的共建份额');
    const rows = await app.t.services.database.db
      .selectFrom('duty_shares')
      .select(['unit_id', 'min_items', 'period'])
      .where('duty_id', '=', dutyId)
      .orderBy('unit_id')
      .execute();
    expect(rows).toEqual(
      [
        { unit_id: zwbId, min_items: 1, period: 'month' },
        { unit_id: czjId, min_items: 3, period: 'quarter' },
      ].sort((a, b) => a.unit_id - b.unit_id),
    );
    // The check now judges each unit on its share: the drawer lists both.
    await eventually(() => drawer.textContent()).toContain('栏目共建：2 个单位各按份额考核');
    expect(wz.errors).toEqual([]);
    await wz.done();
  });
});

describe('邮件与纸质报送 on the admin screens', { timeout: 240_000 }, () => {
  it('the centre claims a mail from 待认领, remembering the address, and the draft appears', async () => {
    const wz = await as(browser, app.base, 'wz', PASSWORD);
    const page = wz.page;
    await page.goto(`${app.base}/admin/intake`);
    await page.getByRole('tab', { name: '待认领' }).click();
    const row = page.getByRole('row', { name: new RegExp(MAIL_SUBJECT) });
    await eventually(() => row.textContent()).toContain(SENDER);
    await row.getByRole('button', { name: '认领' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await choose(page, dialog, '报送单位', '财政局');
    await chooseInTree(page, dialog, '栏目', '财政信息');
    expect(await dialog.getByRole('checkbox').isChecked()).toBe(true);
    await checkScreen(page, 'intake-claim');
    await dialog.getByRole('button', { name: '认领并生成草稿' }).click();
    await toast(page, `已认领，生成草稿“${MAIL_SUBJECT}”`);
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: '邮件报送' }).click();
    const drafted = page.getByRole('row', { name: new RegExp(MAIL_SUBJECT) }).first();
    await eventually(() => drafted.textContent()).toContain('已生成草稿');
    await drafted.getByRole('link', { name: MAIL_SUBJECT }).click();
    await page.waitForURL(/\/admin\/articles\/\d+/);
    await eventually(() => page.getByLabel('标题', { exact: true }).inputValue()).toBe(MAIL_SUBJECT);
    // The address now belongs to the unit, so its next mail needs no claim.
    const addresses = await app.t.services.database.db
      .selectFrom('unit_emails')
      .select('email')
      .where('unit_id', '=', czjId)
      .execute();
    expect(addresses.map((u) => u.email)).toContain(SENDER);
    expect(wz.errors).toEqual([]);
    await wz.done();
  });

  it('registers a paper submission with its scan; the draft opens', async () => {
    const wz = await as(browser, app.base, 'wz', PASSWORD);
    const page = wz.page;
    await page.goto(`${app.base}/admin/intake`);
    await page.getByRole('tab', { name: '纸质登记' }).click();
    const form = page.getByRole('form', { name: '登记纸质报送' });
    await choose(page, form, '报送单位', '财政局');
    await chooseInTree(page, form, '栏目', '财政信息');
    await form.getByLabel('收到日期').fill('2026-11-02');
    await form.getByLabel('收到日期').press('Enter');
    await form.getByLabel('页数').fill('3');
    await form.getByLabel('标题').fill('财政局纸质报送的通知');
    await form.getByLabel('正文（录入或粘贴，保存后可在编辑页排版）').fill('纸质报送的正文。');
    await page.setInputFiles('#paper-scan', { name: '审核表.pdf', mimeType: 'application/pdf', buffer: PDF });
    await checkScreen(page, 'intake-paper');
    await form.getByRole('button', { name: '登记并生成草稿' }).click();
    await toast(page, '已登记纸质报送“财政局纸质报送的通知”');
    await page.waitForURL(/\/admin\/articles\/\d+/);
    await eventually(() => page.getByLabel('标题', { exact: true }).inputValue()).toBe('财政局纸质报送的通知');
    expect(wz.errors).toEqual([]);
    await wz.done();
  });

  it('the unit sees its mailed and paper items with where each stands', async () => {
    const czj = await as(browser, app.base, 'czj', PASSWORD);
    const page = czj.page;
    await page.goto(`${app.base}/admin/submissions`);
    const own = page.locator('.section-card', { hasText: '本单位邮件与纸质报送' });
    await eventually(() => own.textContent()).toContain(MAIL_SUBJECT);
    expect(await own.textContent()).toContain('财政局纸质报送的通知');
    expect(await own.getByRole('row', { name: new RegExp(MAIL_SUBJECT) }).textContent()).toContain('已接收');
    await checkScreen(page, 'intake-own');
    expect(czj.errors).toEqual([]);
    await czj.done();
  });
});
