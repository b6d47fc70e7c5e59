import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleInput } from '../../src/modules/content/content.schemas.js';
import { launchBrowser } from '../harness/browser.js';
import { makeAccount, makeColumn, makeDuty, makeSite, makeUnit, PASSWORD, system } from '../harness/factories.js';
import { publishForTest } from '../harness/publish.js';
import { checkScreen, eventually, openPage, signIn, startApp, TABLET, type RunningApp } from './admin-helpers.js';
import { choose } from './admin-review-helpers.js';

// The website centre keeps the column tree and its duties: it sees the whole site on its dashboard,
// rewrites a column's requirement (the rule is read back live), reorders columns by dragging and by
// keyboard, and finds its changes in the columns screen and the audit log.

const RED_PNG = path.resolve(import.meta.dirname, '../fixtures/red.png');
let app: RunningApp;
let browser: Browser;
const ids = { site: 0, news: 0, local: 0, dept: 0, towns: 0 };

beforeAll(async () => {
  app = await startApp(async ({ services: s }) => {
    const site = await makeSite(s, { name: '涟水县人民政府', isDefault: true });
    const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
    const newsUnit = await makeUnit(s, '新闻中心', 'direct');
    const finance = await makeUnit(s, '财政局');
    const news = await makeColumn(s, site.id, '新闻中心');
    const local = await makeColumn(s, site.id, '涟水新闻', news.id);
    const dept = await makeColumn(s, site.id, '部门动态', news.id);
    const towns = await makeColumn(s, site.id, '乡镇动态', news.id);
    const open = await makeColumn(s, site.id, '政务公开', null, { kind: 'catalogue' });
    const money = await makeColumn(s, site.id, '财政信息', open.id);
    await makeDuty(s, local.id, { unitId: newsUnit.id }, '工作日每天维护');
    // Written as the list has it: the lead unit by its old name, and a phrase naming nobody in particular.
    const deptDuty = await makeDuty(s, dept.id, { unitId: finance.id });
    await s.database.db.deleteFrom('duty_units').where('duty_id', '=', deptDuty).execute();
    await s.database.db
      .insertInto('duty_units')
      .values([
        { duty_id: deptDuty, unit_id: finance.id, group_id: null, role: 'lead', label: '县财政局' },
        { duty_id: deptDuty, unit_id: null, group_id: null, role: 'cooperate', label: '相关单位' },
      ])
      .execute();
    await makeDuty(s, money.id, { unitId: finance.id });
    await makeAccount(s, 'wzzx', office.id, ['site_editor']);
    for (const title of ['县政府召开常务会议', '全县冬季安全生产工作会议召开', '涟水县2026年重点项目观摩']) {
      const a = await s.articles.create(
        system,
        ArticleInput.parse({
          columnId: local.id,
          unitId: newsUnit.id,
          title,
          bodyHtml: `<p>${title}，会议由县长主持。</p>`,
        }),
      );
      await publishForTest(s, a.id);
    }
    await s.articles.create(
      system,
      ArticleInput.parse({ columnId: dept.id, unitId: finance.id, title: '财政局草稿', bodyHtml: '<p>草稿</p>' }),
    );
    Object.assign(ids, { site: site.id, news: news.id, local: local.id, dept: dept.id, towns: towns.id });
  });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

const childNames = async () =>
  (await app.t.services.columns.listBySite(ids.site))
    .filter((c) => c.parentId === ids.news)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((c) => c.name);

describe('website centre', () => {
  it('edits a column’s requirement, reorders columns, and finds the changes in the columns screen and the audit log', async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, app.base, 'wzzx', PASSWORD);

    // The whole site at a glance.
    const published = page.locator('.ant-card').filter({ hasText: '已发布' }).first();
    await eventually(() => published.locator('.ant-statistic-content').textContent()).toBe('3条');
    await eventually(() =>
      page.getByRole('img', { name: /近 12 周每周发布信息数/ }).getAttribute('aria-label'),
    ).toMatch(/3 条$/);
    await eventually(() => page.locator('.ant-card').filter({ hasText: '最近更新的信息' }).textContent()).toContain(
      '财政局草稿',
    );
    const nav = await page.getByRole('navigation', { name: '主导航' }).textContent();
    expect(nav).toContain('栏目与保障责任');
    expect(nav).not.toContain('数据导入');
    await checkScreen(page, 'centre-01-dashboard');

    // A column's requirement: the original wording, and the rule read from it while typing.
    await page.getByRole('link', { name: '栏目与保障责任' }).click();
    await page.locator('.column-tree').getByText('部门动态', { exact: true }).click();
    const duty = page.locator('.ant-card').filter({ hasText: '保障责任：' });
    await eventually(() => duty.getByTestId('requirement-text').textContent()).toBe('动态维护');
    await duty.getByRole('button', { name: '修改保障责任' }).click();
    // Each row says how the list words it: 县财政局 for 财政局, and 相关单位, which names nobody.
    await eventually(() => duty.locator('fieldset').textContent()).toContain('清单原文“县财政局”');
    await eventually(() => duty.locator('fieldset').textContent()).toContain('清单原文“相关单位”泛指，不对应具体单位');
    const requirement = duty.getByLabel('相关要求（清单原文）');
    await requirement.fill('');
    await requirement.press('Enter');
    await duty.getByRole('button', { name: '保存保障责任' }).click();
    await eventually(() => duty.locator('.ant-form-item-explain-error').allTextContents()).toContain('请填写相关要求');
    await requirement.fill('工作日报送至邮箱，每周至少两篇');
    await eventually(() => duty.locator('.parse-preview').first().textContent()).toContain('每周至少2篇');
    await eventually(() => duty.locator('.parse-preview').first().textContent()).toContain('网络报送（邮箱）');
    await checkScreen(page, 'centre-02-duty-editing');
    await duty.getByRole('button', { name: '保存保障责任' }).click();
    await eventually(() => duty.getByTestId('requirement-text').textContent()).toBe('工作日报送至邮箱，每周至少两篇');
    await eventually(() => duty.getByTestId('requirement-rule').textContent()).toContain('每周至少2篇');
    await eventually(() => duty.getByTestId('requirement-rule').textContent()).toContain('网络报送（邮箱）');
    const [stored] = await app.t.services.duties.list(system, { columnId: ids.dept });
    expect(stored).toMatchObject({
      requirementText: '工作日报送至邮箱，每周至少两篇',
      cadence: 'weekly_min',
      minPerWeek: 2,
      channel: 'email',
    });
    // The list's wording of who answers for it survives the edit.
    expect(stored!.parties.map((p) => [p.role, p.label, p.unitName])).toEqual([
      ['lead', '县财政局', '财政局'],
      ['cooperate', '相关单位', null],
    ]);
    await checkScreen(page, 'centre-03-duty-saved');

    // Reorder: drag 乡镇动态 above 涟水新闻, then move 涟水新闻 down with the keyboard-friendly button.
    expect(await childNames()).toEqual(['涟水新闻', '部门动态', '乡镇动态']);
    const tree = page.locator('.column-tree');
    const source = tree
      .locator('.ant-tree-treenode', { hasText: '乡镇动态' })
      .locator('.ant-tree-node-content-wrapper');
    const target = tree
      .locator('.ant-tree-treenode', { hasText: '涟水新闻' })
      .locator('.ant-tree-node-content-wrapper');
    await source.dragTo(target, { targetPosition: { x: 30, y: 2 } });
    await eventually(() => childNames()).toEqual(['乡镇动态', '涟水新闻', '部门动态']);
    await eventually(() =>
      tree
        .locator('.ant-tree-title')
        .allTextContents()
        .then((t) => t.map((x) => x.replace(/(新闻中心|财政局)$/, '')).slice(1, 4)),
    ).toEqual(['乡镇动态', '涟水新闻', '部门动态']);
    await tree.getByText('涟水新闻', { exact: true }).click();
    await page.getByRole('button', { name: '下移栏目' }).click();
    await eventually(() => childNames()).toEqual(['乡镇动态', '部门动态', '涟水新闻']);

    // The audit log has the requirement change and the moves, by this account.
    await page.getByRole('link', { name: '操作日志' }).click();
    await choose(page, page.locator('.filter-bar'), '操作', '修改保障责任');
    await eventually(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
    const row = page.locator('tbody tr.ant-table-row').first();
    await eventually(() => row.textContent()).toContain('修改栏目“部门动态”的保障责任');
    await eventually(() => row.textContent()).toContain('wzzx');
    await row.getByRole('button').first().click();
    await eventually(() => page.locator('.audit-details').textContent()).toContain('工作日报送至邮箱，每周至少两篇');
    await checkScreen(page, 'centre-04-audit');
    await page.goto(`${app.base}/admin/audit?action=column.moved`);
    await eventually(() => page.locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(errors).toEqual([]);
  }, 300_000);

  it('puts a 专题 banner and a 网站链接 on the public home page (首页专题与链接)', async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, app.base, 'wzzx', PASSWORD);
    await page.getByRole('link', { name: '首页专题与链接' }).click();
    await page.getByRole('button', { name: '添加专题专栏' }).click();
    const banner = page.locator('.ant-card').filter({ hasText: '第 1 个' });
    await banner.getByLabel('专题名称').fill('学习贯彻党的二十届四中全会精神');
    await banner.getByLabel('链接地址').fill('/c/zt/');
    await banner.locator('input[type=file]').setInputFiles(RED_PNG);
    await eventually(() => banner.getByRole('link', { name: 'red.png' }).count()).toBe(1);
    await page.getByRole('button', { name: '添加分组' }).click();
    const group = page.locator('.ant-card').filter({ hasText: '第 1 组' });
    await group.getByLabel('分组名称').fill('上级网站');
    await group.getByRole('button', { name: '添加链接' }).click();
    await group.getByLabel('第 1 个网站的名称').fill('中国政府网');
    await group.getByLabel('第 1 个网站的地址').fill('https://www.gov.cn/');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await eventually(() => page.locator('.ant-message').textContent()).toContain('首页专题与链接已保存');
    await checkScreen(page, 'centre-06-home-parts');

    // What a visitor sees: the banner's picture leads to the 专题, the link sits in its group.
    const visitor = await openPage(browser);
    await visitor.page.goto(`${app.base}/`);
    const banners = visitor.page.getByRole('region', { name: '专题专栏' });
    const image = banners.getByRole('img', { name: '学习贯彻党的二十届四中全会精神' });
    await eventually(() =>
      image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    expect(await banners.getByRole('link').getAttribute('href')).toBe('/c/zt/');
    const links = visitor.page.getByRole('region', { name: '网站链接' });
    expect(await links.getByRole('heading', { level: 3 }).textContent()).toBe('上级网站');
    expect(await links.getByRole('list', { name: '上级网站' }).getByRole('link').getAttribute('href')).toBe(
      'https://www.gov.cn/',
    );
    expect(await links.getByRole('link').textContent()).toBe('中国政府网（外部链接）');
    await visitor.page.context().close();
    expect([...errors, ...visitor.errors]).toEqual([]);
  }, 120_000);

  it('keeps the columns screen usable on a tablet', async () => {
    const { page, errors } = await openPage(browser, TABLET);
    await signIn(page, app.base, 'wzzx', PASSWORD);
    await page.goto(`${app.base}/admin/columns?column=${ids.dept}`);
    await eventually(() => page.getByTestId('requirement-text').textContent()).toBeTruthy();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await checkScreen(page, 'centre-05-tablet-columns');
    // The menu folds on a tablet and opens from the header button, by keyboard too.
    const toggle = page.getByRole('button', { name: '展开菜单' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('button', { name: '收起菜单' }).getAttribute('aria-expanded')).toBe('true');
    expect(errors).toEqual([]);
  }, 120_000);
});
