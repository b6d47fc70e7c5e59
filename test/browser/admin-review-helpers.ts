import type { Browser, Locator, Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { unifyRadicals } from '../../src/modules/review/checks/cjk-radicals.js';
import { eventually, openPage, signIn, type AdminPage } from './admin-helpers.js';

// Shared by the review and guarantee journeys: people signing in one after another (each in a
// browser context of their own), picking Ant Design options by keyboard, and reading PDFs back.

/** A signed-in page for one person; close it when their part of the journey is over. */
export async function as(
  browser: Browser,
  base: string,
  username: string,
  password: string,
  viewport?: { width: number; height: number },
): Promise<AdminPage & { done(): Promise<void> }> {
  const p = await openPage(browser, viewport);
  await signIn(p.page, base, username, password);
  return { ...p, done: () => p.page.context().close() };
}

/**
 * Pick an option of an Ant Design select: type to filter (searchable selects), then click the match
 * in the open list. Retried as a whole, because on a loaded machine the list can close under the
 * test: a drawer that finishes closing hands focus back and the select loses it.
 */
export async function choose(page: Page, scope: Page | Locator, label: string | RegExp, text: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: typeof label === 'string' });
  await input.waitFor();
  const searchable = await input.isEditable();
  const dropdownOf = async () => {
    const list = await input.getAttribute('aria-controls');
    return list
      ? page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)', { has: page.locator(`[id="${list}"]`) })
      : null;
  };
  await vi.waitFor(
    async () => {
      let dropdown = await dropdownOf();
      if (!dropdown || !(await dropdown.isVisible())) {
        await input.click();
        await expect.poll(dropdownOf, { timeout: 2_000 }).toBeTruthy();
        dropdown = (await dropdownOf())!;
      }
      if (searchable && (await input.inputValue()) !== text) await input.fill(text);
      // Clicked, not Enter: a drawer that has just finished closing hands focus back to the button
      // that opened it, and Enter would press that button and open the drawer again over the page.
      await dropdown.locator('.ant-select-item-option', { hasText: text }).first().click({ timeout: 2_000 });
      // The choice shows in the select (a multiple one shows it as a tag); if not, it did not take.
      await expect
        .poll(() => input.evaluate((el) => el.closest('.ant-select')?.textContent ?? ''), { timeout: 2_000 })
        .toContain(text);
    },
    { timeout: 20_000, interval: 200 },
  );
}

/** Pick a node of an Ant Design tree select by typing its name and clicking it; retried like `choose`. */
export async function chooseInTree(page: Page, scope: Page | Locator, label: string, text: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  const title = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title', { hasText: text })
    .first();
  await vi.waitFor(
    async () => {
      if (!(await title.isVisible())) {
        await input.click();
        if ((await input.inputValue()) !== text) await input.fill(text);
      }
      await title.click({ timeout: 2_000 });
      await expect
        .poll(() => input.evaluate((el) => el.closest('.ant-select')?.textContent ?? ''), { timeout: 2_000 })
        .toContain(text);
    },
    { timeout: 20_000, interval: 200 },
  );
}

/** The last success message shown (Ant Design's message), once it contains `text`. */
export async function toast(page: Page, text: string): Promise<void> {
  await eventually(() => page.locator('.ant-message').textContent()).toContain(text);
}

/**
 * All text of a PDF, read with pdfjs-dist. Chromium's PDFs map some glyphs to CJK radical code points
 * ("⽆" for "无"); they are turned back into the characters people read.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: bytes, useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((x) => ('str' in x ? x.str : '')).join('');
  }
  return unifyRadicals(text);
}
