import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleInput } from '../../src/modules/content/content.schemas.js';
import { PASSWORD, system } from '../harness/factories.js';
import { launchBrowser, screenshot } from '../harness/browser.js';
import { reviewCounty } from '../harness/review.js';
import { checkScreen, eventually, startApp, TABLET, type RunningApp } from './admin-helpers.js';
import { as, choose, chooseInTree, pdfText, toast } from './admin-review-helpers.js';

// Issue 4 in the admin app: an information officer of 财政局 writes an item and submits it (a warning
// of the checks explained); the unit's 审查人 returns it with a reason; the officer reads the reason
// in the notifications and the inbox, fixes the item and submits again; it is approved by the 审查人,
// the unit head, 政务公开科 (校对, 意见) and the office leader; the website centre publishes it; it is
// on the public site and its 审核表 PDF names every signer. Around it: a paper submission entered by
// the website centre with its scanned form, an emergency publication flagged 未经审核, the chains
// editor, the check settings and word lists, and the submission ledger.

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const NAMES: Record<string, string> = {
  czj: '王芳',
  czj_sc: '李明',
  czj_zy: '张伟',
  gkk: '赵丽',
  gkk2: '陈静',
  ld: '刘强',
  wz: '孙浩',
  admin: '管理员',
};
const TITLE = '县财政局关于2026年惠民资金发放情况的公告';

let app: RunningApp;
let browser: Browser;
const ids = { notices: 0, czj: 0, emergency: 0 };

beforeAll(async () => {
  app = await startApp(async (t) => {
    const w = await reviewCounty(t);
    const db = t.services.database.db;
    for (const [username, name] of Object.entries(NAMES))
      await db.updateTable('accounts').set({ display_name: name }).where('username', '=', username).execute();
    const urgent = await t.services.articles.create(
      system,
      ArticleInput.parse({
        columnId: w.columns.notices.id,
        unitId: w.units.czj.id,
        title: '关于暴雨红色预警期间停课的紧急通知',
        bodyHtml: '<p>全县中小学明日停课。</p>',
      }),
    );
    Object.assign(ids, { notices: w.columns.notices.id, czj: w.units.czj.id, emergency: urgent.id });
  });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

/** One reviewer opens the item from the inbox and approves their step with an opinion. */
async function approveStep(username: string, articleId: number, step: string, opinion: string, screen?: string) {
  const { page, errors, done } = await as(browser, app.base, username, PASSWORD);
  await eventually(() =>
    page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: /待办，\d+ 项/ })
      .count(),
  ).toBe(1);
  await page.goto(`${app.base}/admin/tasks`);
  await page.getByRole('link', { name: `去审核：${TITLE}` }).click();
  await page.waitForURL(new RegExp(`/articles/${articleId}/review$`));
  await eventually(() => page.getByTestId('current-step').textContent()).toContain(step);
  await eventually(() => page.getByTestId('current-step').textContent()).toContain('您可以处理此步骤');
  await page.getByLabel('审核意见').fill(opinion);
  if (screen) await checkScreen(page, screen);
  await page.getByRole('button', { name: '通过', exact: true }).click();
  await toast(page, username === 'ld' ? '审核通过，等待发布' : '已通过，转下一步');
  expect(errors).toEqual([]);
  await done();
}

describe('review in the admin app (issue 4)', () => {
  it('submit, return with a reason, fix, approve through the unit and the office, publish, public page, 审核表 PDF', async () => {
    // The officer writes the item; the check finds a wrong expression, which needs a reason.
    const officer = await as(browser, app.base, 'czj', PASSWORD);
    let page = officer.page;
    await page.goto(`${app.base}/admin/articles/new?columnId=${ids.notices}`);
    await eventually(() => page.locator('.ant-form-item:has(label[for="columnId"])').textContent()).toContain(
      '公告公示',
    );
    await page.getByLabel('标题', { exact: true }).fill(TITLE);
    await page.getByRole('textbox', { name: '正文' }).click();
    await page.keyboard.type('为认真贯彻党中央国务院关于惠民资金管理的决策部署，现将发放情况公告如下。');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const id = Number(/articles\/(\d+)$/.exec(page.url())![1]);
    await toast(page, '已保存（第 1 版）');

    await page.locator('.page-heading').getByRole('button', { name: '送审', exact: true }).click();
    const submit = page.getByRole('dialog').filter({ hasText: '送审“' });
    await eventually(() => submit.locator('.finding-context mark').textContent()).toBe('党中央国务院');
    await eventually(() => submit.textContent()).toContain('党中央、国务院');
    // Without a reason the dialog refuses, naming the field.
    await submit.getByRole('button', { name: '送审', exact: true }).click();
    await eventually(() => submit.textContent()).toContain('请说明忽略该提示的理由');
    await submit.getByLabel(/忽略理由：错误表述/).fill('引用原文件标题，保持原样');
    await checkScreen(page, 'review-01-submit-checks');
    await submit.getByRole('button', { name: '送审', exact: true }).click();
    await toast(page, '已送审');
    await eventually(() => page.locator('.ant-descriptions').first().textContent()).toContain('审核中');
    // Locked while a step holds it; the drafter may recall.
    await eventually(() => page.getByRole('alert').filter({ hasText: '已锁定' }).count()).toBe(1);
    await eventually(() => page.getByRole('button', { name: '撤回送审' }).count()).toBe(1);
    await page.goto(`${app.base}/admin/articles`);
    await eventually(() => page.locator('tr', { hasText: TITLE }).textContent()).toContain('审核中');
    await checkScreen(page, 'review-02-list-in-review');
    await officer.done();

    // The 审查人 returns it to the drafter with a reason.
    const leader = await as(browser, app.base, 'czj_sc', PASSWORD);
    page = leader.page;
    await eventually(() => page.getByRole('link', { name: '待办，1 项' }).count()).toBe(1);
    await page.getByRole('link', { name: '待办，1 项' }).click();
    const task = page.locator('tr', { hasText: `审查人：${TITLE}` });
    await eventually(() => task.textContent()).toContain('单位分管领导');
    await checkScreen(page, 'review-03-inbox');
    await page.getByRole('link', { name: `去审核：${TITLE}` }).click();
    await eventually(() => page.getByTestId('current-step').textContent()).toContain('第 1 步“审查人”');
    await eventually(() => page.locator('.findings').textContent()).toContain('已说明理由：引用原文件标题，保持原样');
    await eventually(() => page.locator('.findings mark').first().textContent()).toBe('党中央国务院');
    await checkScreen(page, 'review-04-review-page');
    await page.getByRole('button', { name: '退回修改' }).click();
    const ret = page.getByRole('dialog').filter({ hasText: '退回修改' });
    await ret.getByLabel('退回理由').fill('“党中央国务院”应写作“党中央、国务院”，请修改后重新报送');
    await checkScreen(page, 'review-05-return-dialog');
    await ret.getByRole('button', { name: '退回', exact: true }).click();
    await toast(page, '已退回拟稿人');
    await eventually(() => page.locator('.ant-timeline').first().textContent()).toContain('退回');
    // The preview is the public page of the item, opened on demand (last: a frame keeps the page from
    // ever counting as idle for checkScreen).
    await page.getByRole('button', { name: /信息预览/ }).click();
    await eventually(() => page.frameLocator('iframe[title="信息预览"]').locator('h1').first().textContent()).toContain(
      TITLE,
    );
    await screenshot(page, 'admin', 'review-05b-preview');
    await leader.done();

    // The officer reads the reason in the notifications and the inbox, fixes the text and resubmits.
    const officer2 = await as(browser, app.base, 'czj', PASSWORD);
    page = officer2.page;
    const bell = page.getByRole('button', { name: '通知，1 条未读' });
    await eventually(() => bell.count()).toBe(1);
    await bell.click();
    const drawer = page.getByRole('dialog').filter({ hasText: '信息被退回修改' });
    await eventually(() => drawer.textContent()).toContain('请修改后重新报送');
    await checkScreen(page, 'review-06-notifications');
    await drawer.getByRole('button', { name: '标为已读：信息被退回修改' }).click();
    await eventually(() => page.getByRole('button', { name: '通知', exact: true }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.goto(`${app.base}/admin/tasks`);
    const mine = page.locator('tr', { hasText: `修改后重新送审：${TITLE}` });
    await eventually(() => mine.textContent()).toContain('退回理由：“党中央国务院”应写作“党中央、国务院”');
    await checkScreen(page, 'review-07-inbox-returned');
    await mine.getByRole('link', { name: `去修改：${TITLE}` }).click();
    await eventually(() => page.getByRole('alert').filter({ hasText: '退回理由' }).count()).toBe(1);
    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('为认真贯彻党中央、国务院关于惠民资金管理的决策部署，现将发放情况公告如下。');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await toast(page, '已保存（第 2 版）');
    await page.locator('.page-heading').getByRole('button', { name: '送审', exact: true }).click();
    const again = page.getByRole('dialog').filter({ hasText: '送审“' });
    await eventually(() => again.textContent()).toContain('内容检查未发现问题');
    await again.getByRole('button', { name: '送审', exact: true }).click();
    await toast(page, '已送审');
    expect(officer.errors.concat(officer2.errors, leader.errors)).toEqual([]);
    await officer2.done();

    // Approved through the unit and the county office.
    await approveStep('czj_sc', id, '审查人', '内容属实，同意报送');
    await approveStep('czj_zy', id, '单位主要领导', '同意报送', 'review-08-approve');
    await approveStep('gkk', id, '政务公开科校对', '已校对，无误');
    await approveStep('gkk2', id, '政务公开科意见', '符合公开要求，同意发布');
    await approveStep('ld', id, '政府办领导意见', '同意');

    // The website centre publishes it.
    const centre = await as(browser, app.base, 'wz', PASSWORD);
    page = centre.page;
    await page.goto(`${app.base}/admin/articles/${id}/review`);
    await eventually(() => page.getByTestId('current-step').textContent()).toContain('审核已全部通过');
    await checkScreen(page, 'review-09-ready-to-publish');
    await page.getByRole('button', { name: '立即发布' }).click();
    await page.locator('.ant-popover').getByRole('button', { name: '发布', exact: true }).click();
    await toast(page, '已发布');
    await eventually(() => page.locator('.ant-descriptions').first().textContent()).toContain('已发布');
    // The history is a separate query: it may refresh a moment after the status does.
    const timeline = page.locator('.ant-timeline').first();
    await eventually(() => timeline.textContent()).toContain('孙浩');
    const history = await timeline.textContent();
    for (const name of ['王芳', '李明', '张伟', '赵丽', '陈静', '刘强', '孙浩']) expect(history).toContain(name);
    expect(history).toMatch(/SHA-256 [0-9a-f]{12}/);

    // On the public site.
    const resident = await browser.newPage();
    const response = await resident.goto(`${app.base}/a/${id}.html`);
    expect(response?.status()).toBe(200);
    await eventually(() => resident.locator('h1').first().textContent()).toContain(TITLE);
    await resident.close();

    // The 审核表 names the drafter and every signer with their opinions.
    const pdf = await page.request.get(`${app.base}/api/articles/${id}/review-form.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await pdf.body()));
    for (const signed of [
      '王芳',
      '李明',
      '内容属实，同意报送',
      '张伟',
      '赵丽',
      '已校对，无误',
      '陈静',
      '符合公开要求，同意发布',
      '刘强',
    ])
      expect(text).toContain(signed);
    expect(text).toContain(TITLE);
    expect(centre.errors).toEqual([]);
    await centre.done();
  }, 600_000);

  it('paper submissions entered by the website centre, an emergency publication flagged 未经审核, the ledger', async () => {
    const { page, errors, done } = await as(browser, app.base, 'wz', PASSWORD);
    await page.goto(`${app.base}/admin/articles/new?columnId=${ids.notices}`);
    await eventually(() => page.locator('.ant-form-item:has(label[for="columnId"])').textContent()).toContain(
      '公告公示',
    );
    await choose(page, page, '报送渠道', '介质报送（纸质）');
    // A paper item belongs to the unit that signed it: the form asks for it.
    await page.getByLabel('标题', { exact: true }).fill('财政局纸质报送：2026年政府采购意向公开');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await eventually(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain(
      '代录邮箱或纸质报送的信息须选择报送单位',
    );
    await choose(page, page, '报送单位', '财政局');
    await checkScreen(page, 'review-10-paper-entry');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const paperId = Number(/articles\/(\d+)$/.exec(page.url())![1]);
    await eventually(() => page.locator('.ant-descriptions').first().textContent()).toContain('介质报送（纸质）');
    const saved = await app.t.services.articles.get(system, paperId);
    expect(saved).toMatchObject({ channel: 'paper', unitId: ids.czj });
    await page.goto(`${app.base}/admin/articles/${paperId}/review`);
    await page.locator('#review-form-scan').setInputFiles(path.join(FIXTURES, 'sample.pdf'));
    await page.getByRole('button', { name: '上传扫描件' }).click();
    await toast(page, '已上传审核表扫描件');
    await eventually(() => page.locator('.ant-card', { hasText: '纸质审核表扫描件' }).textContent()).toContain(
      '当前扫描件：sample.pdf',
    );
    await eventually(() => page.getByRole('list', { name: '附件历史' }).textContent()).toContain(
      '信息发布审核表扫描件',
    );
    await checkScreen(page, 'review-11-paper-scan');
    const row = await app.t.services.database.db
      .selectFrom('articles')
      .select('review_form_attachment_id')
      .where('id', '=', paperId)
      .executeTakeFirstOrThrow();
    expect(row.review_form_attachment_id).toBeGreaterThan(0);
    await done();

    // The office leader publishes an urgent item at once, with a reason; it shows as 未经审核.
    const leader = await as(browser, app.base, 'ld', PASSWORD);
    await leader.page.goto(`${app.base}/admin/articles/${ids.emergency}/review`);
    await leader.page.getByRole('button', { name: '紧急发布' }).click();
    const dialog = leader.page.getByRole('dialog').filter({ hasText: '紧急发布“' });
    await dialog.getByLabel('紧急发布理由').fill('暴雨红色预警，停课通知须立即发布');
    await checkScreen(leader.page, 'review-12-emergency');
    await dialog.getByRole('button', { name: '紧急发布', exact: true }).click();
    await toast(leader.page, '已紧急发布');
    await eventually(() => leader.page.locator('.ant-descriptions').first().textContent()).toContain('未经审核');
    expect(leader.errors).toEqual([]);
    await leader.done();

    const centre = await as(browser, app.base, 'wz', PASSWORD);
    await centre.page.goto(`${app.base}/admin/articles`);
    await eventually(() =>
      centre.page.locator('tr', { hasText: '关于暴雨红色预警期间停课的紧急通知' }).textContent(),
    ).toContain('未经审核');
    // The ledger: every submission with its fate, filtered by unit, and the counts per unit.
    await centre.page.goto(`${app.base}/admin/submissions`);
    await choose(centre.page, centre.page, '单位', '财政局');
    await eventually(() => centre.page.locator('tbody').last().textContent()).toContain(TITLE);
    await eventually(() => centre.page.locator('tr', { hasText: TITLE }).textContent()).toContain('已采用');
    await eventually(() => centre.page.locator('.ant-card', { hasText: '各单位报送与采用' }).textContent()).toContain(
      '财政局',
    );
    await checkScreen(centre.page, 'review-13-ledger');
    expect(errors.concat(centre.errors)).toEqual([]);
    await centre.done();
  }, 300_000);

  it('the administrator edits chains and bindings, check modes and the word lists; the inbox works on a tablet', async () => {
    const { page, errors, done } = await as(browser, app.base, 'admin', PASSWORD);
    await page.goto(`${app.base}/admin/review/chains`);
    const standard = page.locator('.chain-card', { hasText: '标准审核流程（附件2）' });
    await eventually(() => standard.textContent()).toContain('政府办领导意见');
    await checkScreen(page, 'review-14-chains');
    // A chain for the notices column: two steps, restarting at the first; bound to 公告公示.
    await page.getByRole('button', { name: '新建审核流程' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '新建审核流程' });
    await drawer.getByLabel('流程名称').fill('公告公示两级审核');
    await drawer.getByRole('button', { name: '添加步骤' }).click();
    await drawer.getByLabel('第 2 步名称').fill('网站中心审核');
    await choose(page, drawer, '第 2 步角色', '网站中心编辑');
    // A new step belongs to the county office unless changed.
    await eventually(() => drawer.locator('.chain-step').nth(1).textContent()).toContain('县政府办');
    await drawer.getByLabel('修改后从第几步重新审核').fill('3');
    await drawer.getByRole('button', { name: '保存流程' }).click();
    await eventually(() => drawer.textContent()).toContain('重新审核的起点不能超过步骤数（2）');
    await drawer.getByLabel('修改后从第几步重新审核').fill('1');
    await checkScreen(page, 'review-15-chain-form');
    await drawer.getByRole('button', { name: '保存流程' }).click();
    await toast(page, '审核流程“公告公示两级审核”已保存');
    // The drawer hands focus back when it has finished closing; a list opened before would close then.
    await drawer.waitFor({ state: 'hidden' });
    const binding = page.getByRole('form', { name: '新增流程绑定' });
    await choose(page, binding, '审核流程', '公告公示两级审核');
    await chooseInTree(page, binding, '栏目', '公告公示');
    await binding.getByRole('button', { name: '绑定' }).click();
    await toast(page, '已绑定');
    await eventually(() => page.locator('.chain-card', { hasText: '公告公示两级审核' }).textContent()).toContain(
      '栏目“公告公示”及其下级',
    );
    const chains = await app.t.services.chains.list(system);
    const made = chains.find((c) => c.name === '公告公示两级审核')!;
    expect(made.steps.map((s) => [s.name, s.role, s.scope])).toEqual([
      ['审查人', 'unit_leader', 'submitter_unit'],
      ['网站中心审核', 'site_editor', 'county'],
    ]);
    expect(made.bindings).toEqual([expect.objectContaining({ columnId: ids.notices, channel: null })]);

    // Check modes and the word lists.
    await page.goto(`${app.base}/admin/review/checks`);
    const group = page.getByRole('radiogroup', { name: '敏感词的处理方式' });
    await eventually(() => group.count()).toBe(1);
    await group.getByText('阻止').click();
    await page.getByRole('button', { name: '保存设置' }).click();
    await toast(page, '检查设置已保存');
    const words = page.getByRole('form', { name: '新增词条' });
    await choose(page, words, '类别', '错误表述');
    await words.getByLabel('错误写法').fill('国务院办公厅秘书局');
    await words.getByRole('button', { name: '添加词条' }).click();
    await eventually(() => words.textContent()).toContain('错误表述须填写正确写法');
    await words.getByLabel('正确写法').fill('国务院办公厅秘书二局');
    await words.getByRole('button', { name: '添加词条' }).click();
    await toast(page, '已添加“国务院办公厅秘书局”');
    await checkScreen(page, 'review-16-check-settings');
    expect((await app.t.services.checks.modes(system)).find((m) => m.check === 'sensitive-word')?.mode).toBe('block');
    expect(errors).toEqual([]);
    await done();

    // The inbox and the review page on a tablet: nothing wider than the screen.
    const tablet = await as(browser, app.base, 'gkk', PASSWORD, TABLET);
    await tablet.page.goto(`${app.base}/admin/tasks`);
    await tablet.page.waitForLoadState('networkidle');
    expect(
      await tablet.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await checkScreen(tablet.page, 'review-17-tablet-inbox');
    expect(tablet.errors).toEqual([]);
    await tablet.done();
  }, 300_000);
});
