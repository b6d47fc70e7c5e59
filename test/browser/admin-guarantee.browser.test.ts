import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../harness/browser.js';
import { download, duty, personOn, row, summary } from './admin-guarantee-helpers.js';
import { NOW, TITLES, seedGuaranteeCounty, type GuaranteeCounty } from './admin-guarantee-seed.js';
import { checkScreen, eventually, settle, startApp, TABLET, type RunningApp } from './admin-helpers.js';
import { choose, pdfText, toast } from './admin-review-helpers.js';

// Issue 5 in the admin app. The website centre reads the status board of a small county on
// Wednesday 2026-07-15 (the server's guarantee checks and the browsers are both set to that day):
// counts and explanations, filters by unit and column class, a duty's drawer with what counted, the
// trend charts, the June 通报 generated and downloaded as XLSX, HTML and PDF, the annual figures and
// the coverage gaps. 教育局's 信息员 sees only their unit. The administrator changes a duty's
// window, a class threshold and the calendar, and the board follows. The seed explains every number.

let app: RunningApp;
let browser: Browser;
let county: GuaranteeCounty;

beforeAll(async () => {
  app = await startApp(
    async (t) => {
      county = await seedGuaranteeCounty(t);
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

describe('content guarantee in the admin app (issue 5)', () => {
  it('the website centre: status board, filters, a duty explained, trends, the 通报 archive, annual figures, coverage', async () => {
    const { page, errors, done } = await person('wz');
    // The dashboard's summary leads to the board filtered by status.
    await page.goto(`${app.base}/admin/`);
    const start = page.getByRole('region', { name: '内容保障概况' });
    await eventually(() => start.locator('h2').first().textContent()).toBe('内容保障（2026-07-15）');
    await eventually(() => start.locator('.ant-statistic-content-value').allTextContents()).toEqual(['2', '3', '2']);
    await start.getByRole('link', { name: '查看未达标责任的保障责任' }).click();
    await page.waitForURL(/\/guarantee\?status=breached$/);
    await eventually(() =>
      page.locator('.ant-table-wrapper').last().locator('tr.ant-table-row td:first-child').allTextContents(),
    ).toEqual(['工作动态', '教育动态']);
    await page.goto(`${app.base}/admin/guarantee`);
    // 7 duties: 未达标 工作动态 and 教育动态, 即将到期 通知公告, 部门动态 and 人事信息, 达标 政策文件 and 健康信息.
    await eventually(() => summary(page)).toBe('7 2 3 2');
    const board = page.locator('.ant-table-wrapper').last();
    await eventually(() => board.locator('tr.ant-table-row').count()).toBe(7);
    // Worst first, each with its status in words and its explanation.
    expect((await board.locator('tr.ant-table-row td:first-child').allTextContents()).slice(0, 2)).toEqual([
      '工作动态',
      '教育动态',
    ]);
    await eventually(() => duty(board, '教育动态').textContent()).toContain(
      '未达标持续未达到要求，2026-07-06 所在周发布 0 条（最近一条：2026-06-25 10:00）',
    );
    await eventually(() => duty(board, '通知公告').textContent()).toContain(
      '即将到期最近一次更新 2026-01-20 10:00，须在 2026-07-19 前更新',
    );
    await eventually(() => duty(board, '部门动态').textContent()).toContain('2 个保障单位中 0 个未达标、1 个即将到期');
    // Columns × red/amber/green: 动态要闻类 has two breached and one due soon.
    const matrix = page.locator('.section-card', { hasText: '按栏目类别' });
    await eventually(() => row(matrix, '动态要闻类').locator('td').allTextContents()).toEqual([
      '动态要闻类',
      '2',
      '1',
      '0',
      '3',
    ]);
    await eventually(() => row(matrix, '通知公告、政策文件类').locator('td').allTextContents()).toEqual([
      '通知公告、政策文件类',
      '0',
      '1',
      '1',
      '2',
    ]);
    await eventually(() => page.getByTestId('indicator-blank_columns').textContent()).toContain('空白栏目');
    // No public address set for the site: 站点无法访问 cannot be measured and says so.
    await eventually(() => page.getByTestId('indicator-unreachable').textContent()).toContain('此项暂不适用');
    await checkScreen(page, 'guarantee-01-board');

    // By unit: 教育局 answers for 教育动态 and (with 财政局) 部门动态.
    await choose(page, page, '单位', '教育局');
    await eventually(() => summary(page)).toBe('2 1 1 0');
    await eventually(() => board.locator('tr.ant-table-row td:first-child').allTextContents()).toEqual([
      '教育动态',
      '部门动态',
    ]);
    await eventually(() => page.locator('.section-card', { hasText: '网站检查单项否决指标' }).textContent()).toContain(
      '按单位或栏目筛选时不计算站点指标',
    );
    await page.goto(`${app.base}/admin/guarantee`);
    // By column class.
    await choose(page, page, '栏目类别', '通知公告、政策文件类');
    await eventually(() => summary(page)).toBe('2 0 1 1');
    await eventually(() => board.locator('tr.ant-table-row td:first-child').allTextContents()).toEqual([
      '通知公告',
      '政策文件',
    ]);
    expect(page.url()).toContain('updateClass=notice');

    // A past day is judged as ended: on Friday 07-10 工作动态 had its item of the day.
    await page.goto(`${app.base}/admin/guarantee`);
    await page.getByLabel('检查日期').fill('2026-07-10');
    await page.getByLabel('检查日期').press('Enter');
    await page.waitForURL(/at=2026-07-10/);
    await eventually(() => duty(board, '工作动态').textContent()).toContain('达标2026-07-10 发布 1 条');
    await page.goto(`${app.base}/admin/guarantee?updateClass=notice`);
    await eventually(() => summary(page)).toBe('2 0 1 1');

    // A duty explained: what is expected, what counted, its parameters.
    await page.getByRole('button', { name: '查看说明：通知公告' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '保障责任：通知公告' });
    await eventually(() => drawer.getByTestId('duty-explanation').textContent()).toBe(
      '要求：6 个月内至少更新 1 条，且不得为空白栏目；实际：最近一次更新 2026-01-20 10:00，须在 2026-07-19 前更新',
    );
    await eventually(() => drawer.getByRole('link', { name: TITLES.notice }).count()).toBe(1);
    await eventually(() => drawer.getByTestId('duty-rule').textContent()).toBe(
      '6 个月内至少更新 1 条，且不得为空白栏目',
    );
    await checkScreen(page, 'guarantee-02-duty-drawer');
    await page.keyboard.press('Escape');
    // A per-unit duty: each unit's line, and the submissions that counted for it.
    await page.goto(`${app.base}/admin/guarantee?duty=${county.duties.dept}`);
    const dept = page.getByRole('dialog').filter({ hasText: '保障责任：部门动态' });
    await eventually(() => dept.locator('tr.ant-table-row').count()).toBe(2);
    await eventually(() => dept.locator('tr.ant-table-row td:nth-child(2)').allTextContents()).toEqual([
      '教育局',
      '财政局',
    ]);
    await eventually(() => row(dept, '教育局').textContent()).toContain(
      '即将到期2026-07-13 所在周目前报送 0 条，须在2026-07-19（周日）前达到 1 条',
    );
    await row(dept, '财政局').getByRole('button', { name: /展开/ }).click();
    await eventually(() => dept.locator('.ant-table-expanded-row').textContent()).toContain('2026-07-13 10:00');
    await page.keyboard.press('Escape');

    // Trends: weeks of 04-20 … 07-13 (近 12 周 up to 07-15).
    await page.goto(`${app.base}/admin/guarantee/reports`);
    const weekly = page.locator('[data-chart]').first();
    await eventually(() => page.locator('[data-chart]').count()).toBe(2);
    await eventually(() => page.locator('.section-card canvas').count()).toBeGreaterThanOrEqual(2);
    const drawn = JSON.parse((await weekly.getAttribute('data-chart'))!);
    expect(drawn.categories).toEqual([
      '4/20',
      '4/27',
      '5/4',
      '5/11',
      '5/18',
      '5/25',
      '6/1',
      '6/8',
      '6/15',
      '6/22',
      '6/29',
      '7/6',
      '7/13',
    ]);
    expect(drawn.series).toEqual([
      { name: '发布', data: [0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 5, 1] },
      { name: '报送', data: [0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 1] },
      { name: '采用', data: [0, 0, 0, 0, 0, 2, 2, 2, 0, 2, 2, 2, 0] },
    ]);
    const bars = JSON.parse((await page.locator('[data-chart]').nth(1).getAttribute('data-chart'))!);
    expect(bars).toEqual({
      categories: ['政府办', '教育局', '财政局'],
      series: [
        { name: '发布', data: [6, 4, 1] },
        { name: '报送', data: [0, 7, 8] },
      ],
    });
    await checkScreen(page, 'guarantee-03-trends');

    // The June 通报: the preview, generated and archived, downloaded and read back.
    await page.getByRole('tab', { name: '月度通报' }).click();
    // Ranked by duties met, then days late; submissions beside (教育局 sent as much, met half its duties).
    await eventually(() => row(page, '财政局').first().textContent()).toBe('1财政局30100%04375%');
    await eventually(() => row(page, '教育局').first().textContent()).toBe('4教育局1150%14375%');
    await page.getByRole('button', { name: '生成通报' }).click();
    await toast(page, '已生成《关于2026年6月份县政府门户网站内容保障情况的通报》');
    const archived = row(page.locator('.section-card', { hasText: '通报存档' }), '2026-06');
    await eventually(() => archived.textContent()).toContain('4 个单位，报送 8，采用 6，未达标单位 1');
    await checkScreen(page, 'guarantee-04-bulletins');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await download(page, archived.getByRole('link', { name: '下载 2026-06 通报 XLSX' }))) as unknown as ArrayBuffer,
    );
    const lines = new Map<string, unknown[]>();
    wb.getWorksheet('通报')!.eachRow((r, n) => {
      if (n > 3) lines.set(String(r.getCell(2).value), (r.values as unknown[]).slice(1));
    });
    // 排名, 单位, 达标责任, 未达标责任, 达标率, 迟报工作日, 合计, 采用, 采用率, 后台, 邮箱, 纸质, 网站抓取, 栏目共建, 历史导入.
    expect(lines.get('财政局')).toEqual([1, '财政局', 3, 0, 1, 0, 4, 3, 0.75, 1, 2, 1, 0, 0, 0]);
    expect(lines.get('教育局')).toEqual([4, '教育局', 1, 1, 0.5, 1, 4, 3, 0.75, 4, 0, 0, 0, 0, 0]);
    const pdf = await download(page, archived.getByRole('link', { name: '下载 2026-06 通报 PDF' }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(new Uint8Array(pdf))).toContain('关于2026年6月份县政府门户网站内容保障情况的通报');
    const [html] = await Promise.all([
      page.context().waitForEvent('page'),
      archived.getByRole('link', { name: '下载 2026-06 通报 HTML' }).click(),
    ]);
    await html.waitForLoadState();
    await eventually(() => html.locator('body').textContent()).toContain('本月全县共报送信息 8 条，采用 6 条');
    await html.close();

    // The annual figures: 13 items published in 2026, 10 of them in 动态要闻 columns.
    await page.getByRole('tab', { name: '年度报表' }).click();
    const annual = page.locator('.ant-descriptions');
    await eventually(() => annual.textContent()).toContain('信息发布总数13 条');
    await eventually(() => annual.textContent()).toContain('政务动态信息更新量10 条');
    const yearly = new ExcelJS.Workbook();
    await yearly.xlsx.load(
      (await download(page, page.getByRole('link', { name: /导出 XLSX/ }))) as unknown as ArrayBuffer,
    );
    expect(yearly.getWorksheet('年度报表')!.getRow(3).values).toEqual([undefined, '信息发布', '总数（条）', 13]);

    // Coverage: 教育局 lacks its 信息员, 卫健委 both and any account; nobody answers for 领导之窗.
    await page.getByRole('tab', { name: '人员与覆盖' }).click();
    await eventually(() => summary(page)).toBe('2 1 0 1');
    const roster = page.locator('.section-card', { hasText: '缺少分管领导或信息员的单位' });
    await eventually(() => roster.locator('tr.ant-table-row').allTextContents()).toEqual([
      '涟水县教育局县政府部门缺信息员',
      '涟水县卫生健康委员会县政府部门缺分管领导、信息员',
    ]);
    await eventually(() =>
      row(page.locator('.section-card', { hasText: '没有保障单位的栏目' }), '领导之窗').count(),
    ).toBe(1);
    await eventually(() =>
      page
        .locator('.section-card', { hasText: '保障单位没有可用账号的责任' })
        .locator('tr.ant-table-row')
        .allTextContents(),
    ).toEqual(['健康信息卫健委']);
    await checkScreen(page, 'guarantee-05-coverage');
    expect(errors).toEqual([]);
    await done();
  }, 120_000);

  it('a unit 信息员 sees only their own unit: its duties, its line, its month', async () => {
    const { page, errors, done } = await person('jyj');
    await page.goto(`${app.base}/admin/`);
    await eventually(() => page.getByTestId('unit-duty-summary').textContent()).toBe(
      '未达标 1 项即将到期 1 项达标 0 项',
    );
    await page.goto(`${app.base}/admin/guarantee`);
    await eventually(() => page.locator('h1').textContent()).toBe('教育局保障状态');
    await eventually(() => summary(page)).toBe('2 1 1 0');
    const duties = page.locator('.section-card', { hasText: '本单位保障责任状态（2026-07-15）' });
    await eventually(() => duties.locator('tr.ant-table-row td:first-child').allTextContents()).toEqual([
      '教育动态',
      '部门动态',
    ]);
    await eventually(() => row(duties, '部门动态').textContent()).toContain('即将到期2026-07-13 所在周目前报送 0 条');
    // July so far: 07-01 and 07-08, both adopted.
    const month = page.locator('.section-card', { hasText: '本月情况' });
    await eventually(() => month.textContent()).toContain('报送2 条采用2 条采用率100%');
    await checkScreen(page, 'guarantee-06-unit-view');
    await duties.getByRole('link', { name: '说明：部门动态' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '保障责任：部门动态' });
    await eventually(() => drawer.locator('tr.ant-table-row').count()).toBe(1);
    // Their own line only, judged on this week.
    await eventually(() => drawer.locator('tr.ant-table-row td:nth-child(2)').allTextContents()).toEqual(['教育局']);
    await eventually(() => drawer.locator('.ant-descriptions').textContent()).toContain(
      '考核时段2026-07-13 至 2026-07-19',
    );
    // Reading, not changing: no parameters to save, no coverage tab, no unit picker on the trends.
    await eventually(() => drawer.getByRole('button', { name: '保存考核参数' }).count()).toBe(0);
    await page.goto(`${app.base}/admin/guarantee/reports`);
    await eventually(() => page.locator('[data-chart]').count()).toBe(2);
    await eventually(() => page.locator('[data-chart]').nth(1).getAttribute('data-chart')).toBe(
      JSON.stringify({
        categories: ['教育局'],
        series: [
          { name: '发布', data: [4] },
          { name: '报送', data: [7] },
        ],
      }),
    );
    await eventually(() => page.getByRole('tab', { name: '人员与覆盖' }).count()).toBe(0);
    // The 通报 goes to every unit: its figures are there to read, generating it is the centre's.
    await page.getByRole('tab', { name: '月度通报' }).click();
    await eventually(() => row(page, '教育局').first().textContent()).toBe('4教育局1150%14375%');
    await eventually(() => page.getByRole('button', { name: '生成通报' }).count()).toBe(0);
    await eventually(() =>
      page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '保障检查参数' }).count(),
    ).toBe(0);
    expect(errors).toEqual([]);
    await done();

    // On a tablet: nothing wider than the screen.
    const tablet = await person('jyj', TABLET);
    await tablet.page.goto(`${app.base}/admin/guarantee`);
    await eventually(() => summary(tablet.page)).toBe('2 1 1 0');
    expect(
      await tablet.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await checkScreen(tablet.page, 'guarantee-06b-unit-view-tablet');
    expect(tablet.errors).toEqual([]);
    await tablet.done();
  }, 60_000);

  it('the administrator changes a duty window, a class threshold and the calendar; the board follows', async () => {
    const { page, errors, done } = await person('admin');
    await page.goto(`${app.base}/admin/guarantee?duty=${county.duties.notice}`);
    const drawer = page.getByRole('dialog').filter({ hasText: '保障责任：通知公告' });
    await eventually(() => drawer.getByTestId('duty-rule').count()).toBe(1);
    // The drawer slides in: a list opened while it moves is left behind and misses the click.
    await settle(page);
    await choose(page, drawer, '更新期限', '自定义期限');
    await choose(page, drawer, '单位', '个月');
    await drawer.getByLabel('期限', { exact: true }).fill('');
    await drawer.getByRole('button', { name: '保存考核参数' }).click();
    await eventually(() => drawer.locator('.ant-form-item-explain-error').allTextContents()).toContain('请填写期限');
    await drawer.getByLabel('期限', { exact: true }).fill('12');
    await drawer.getByLabel('提前预警（天）').fill('30');
    await drawer.getByRole('button', { name: '保存考核参数' }).click();
    await toast(page, '考核参数已保存');
    await eventually(() => drawer.getByTestId('duty-rule').textContent()).toBe(
      '12 个月内至少更新 1 条，且不得为空白栏目',
    );
    await eventually(() => drawer.getByTestId('duty-found').textContent()).toBe(
      '最近一次更新 2026-01-20 10:00，下次须在 2027-01-19 前更新',
    );
    await checkScreen(page, 'guarantee-07-duty-params');
    await page.keyboard.press('Escape');
    await eventually(() => summary(page)).toBe('7 2 2 3');

    // The personnel class window: 24 months instead of 12 makes 人事信息 met.
    await page.goto(`${app.base}/admin/guarantee/settings`);
    const months = page.getByLabel('人事、规划计划类：月数');
    await eventually(() => months.inputValue()).toBe('12');
    await months.fill('');
    await page.getByRole('button', { name: '保存检查参数' }).click();
    await eventually(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('请填写');
    await months.fill('24');
    await page.getByRole('button', { name: '保存检查参数' }).click();
    await toast(page, '检查参数已保存');
    await checkScreen(page, 'guarantee-08-thresholds');

    // 07-14 declared a rest day: 工作动态 is no longer breached, only due today.
    await page.getByRole('tab', { name: '工作日历' }).click();
    const form = page.getByRole('form', { name: '设置某天上班或休息' });
    await form.getByLabel('日期').fill('2026-07-14');
    await form.getByLabel('日期').press('Enter');
    await form.getByRole('button', { name: '保存调整' }).click();
    await eventually(() => form.locator('.ant-form-item-explain-error').allTextContents()).toContain(
      '请填写名称，如 春节、国庆节调休上班',
    );
    await form.getByLabel('名称').fill('防汛应急调休');
    await form.getByRole('button', { name: '保存调整' }).click();
    await toast(page, '已设置 2026-07-14 为休息日');
    await eventually(() => row(page, '防汛应急调休').textContent()).toBe('2026-07-14休息防汛应急调休删除');
    await checkScreen(page, 'guarantee-09-calendar');

    await page.goto(`${app.base}/admin/guarantee`);
    await eventually(() => summary(page)).toBe('7 1 2 4');
    const board = page.locator('.ant-table-wrapper').last();
    await eventually(() => duty(board, '工作动态').textContent()).toContain(
      '即将到期2026-07-15 目前发布 0 条，须在今天（2026-07-15）达到 1 条',
    );
    await eventually(() => duty(board, '人事信息').textContent()).toContain('达标');
    expect(errors).toEqual([]);
    await done();
  }, 90_000);
});
