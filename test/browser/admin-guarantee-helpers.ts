import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { PASSWORD } from '../harness/factories.js';
import { NOW } from './admin-guarantee-seed.js';
import { as } from './admin-review-helpers.js';

// What the guarantee journey (admin-guarantee.browser.test.ts) reads the screens with.

/**
 * Signed in, with the browser's "now" moved to the judged day (the screens default to "today"). Only
 * Date is moved, and it keeps running: Playwright's clock also fakes the timers, and under it Ant
 * Design's selects and ECharts' animations stall.
 */
export async function personOn(
  browser: Browser,
  base: string,
  username: string,
  viewport?: { width: number; height: number },
) {
  const p = await as(browser, base, username, PASSWORD, viewport);
  await p.page.context().addInitScript((shift: number) => {
    const Real = Date;
    class Shifted extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(Real.now() + shift);
        else super(...(args as [number]));
      }
      static override now() {
        return Real.now() + shift;
      }
    }
    globalThis.Date = Shifted as DateConstructor;
  }, NOW.getTime() - Date.now());
  return p;
}

/** The numbers of the board's or the unit view's summary cards, e.g. "7 2 3 2". */
export async function summary(page: Page): Promise<string> {
  const values = await page.locator('.stat-grid .ant-statistic-content-value').allTextContents();
  return values.join(' ');
}

export const row = (scope: Page | Locator, text: string) => scope.locator('tr.ant-table-row', { hasText: text });

/** The row of a duty by its column's name (a class label such as “通知公告、政策文件类” also contains “通知公告”). */
export const duty = (scope: Locator, column: string) =>
  scope
    .locator('tr.ant-table-row')
    .filter({ has: scope.page().locator('td:first-child').getByText(column, { exact: true }) });

export async function download(page: Page, link: Locator): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return fs.readFileSync((await file.path())!);
}
