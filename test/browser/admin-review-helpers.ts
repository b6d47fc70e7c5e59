import type { Browser, Locator, Page } from 'playwright-core';
import { unifyRadicals } from '../../src/modules/review/checks/cjk-radicals.js';
import { eventually, openPage, signIn, type AdminPage } from './admin-helpers.js';

// Shared by the review and guarantee journeys: people signing in one after another (each in a
// browser context of their own), picking Ant Design options by keyboard, and reading PDFs back.

/** A signed-in page for one person; close it when their part of the journey is over. */
export async function as(browser: Browser, base: string, username: string, password: string, viewport?: { width: number; height: number }): Promise<AdminPage & { done(): Promise<void> }> {
  const p = await openPage(browser, viewport);
  await signIn(p.page, base, username, password);
  return { ...p, done: () => p.page.context().close() };
}

/** Pick an option of an Ant Design select as a keyboard user would: type, then Enter on the match. */
export async function choose(page: Page, scope: Page | Locator, label: string | RegExp, text: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: typeof label === 'string' });
  await input.click();
  // The list's id is set on the input once the dropdown has opened, a moment after the click.
  await eventually(() => input.getAttribute('aria-controls')).toBeTruthy();
  const list = await input.getAttribute('aria-controls');
  const option = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${list}"]`) }).locator('.ant-select-item-option', { hasText: text }).first();
  if (await input.isEditable()) {
    await input.fill(text);
    await option.waitFor();
    await input.press('Enter');
  } else {
    // Selects without search are read-only: the option is clicked in the open list.
    await option.click();
  }
  // A single select closes on the choice; a multiple one stays open for the next.
  const multiple = await input.evaluate((el) => el.closest('.ant-select-multiple') !== null);
  if (!multiple) await eventually(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
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
