import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// Debian's chromium, driven by playwright-core. The flags keep it from reaching for Google services
// on a machine whose network is closed (see docs/testing.md).

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`找不到 Chromium（${CHROMIUM}）：请运行 npm test，它会通过 apt-get 安装 chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Save a screenshot under test-artifacts/<group>/<name>.png (kept by CI as an artifact). */
export async function screenshot(page: Page, group: string, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS, group);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Bring every fade and slide to its end and keep new ones instant until the returned function is
 * called. A message that starts fading out while axe-core runs (Ant Design's last three seconds) is
 * half transparent, and axe reports its text's contrast: seen in CI on a loaded machine. Durations
 * become a hundredth of a millisecond rather than none, so animationend and transitionend still fire
 * and the components finish (remove a closed message, settle an opened drawer) as they would. A
 * constructed style sheet, not a <style> tag: the public site's Content-Security-Policy refuses inline
 * styles but does not govern the CSSOM.
 */
export async function stillMotion(page: Page): Promise<() => Promise<void>> {
  // The test code is compiled without the DOM's types; the page, as far as used here.
  interface Sheet {
    replaceSync(css: string): void;
  }
  interface Still {
    CSSStyleSheet: new () => Sheet;
    document: {
      adoptedStyleSheets: Sheet[];
      getAnimations(): Array<{ finish(): void; effect: { getComputedTiming(): { iterations?: number } } | null }>;
    };
    requestAnimationFrame(run: () => void): void;
    govportalStill?: Sheet;
  }
  await page.evaluate(() => {
    const w = globalThis as unknown as Still;
    const sheet = new w.CSSStyleSheet();
    sheet.replaceSync(`*, *::before, *::after {
      animation-duration: 0.01ms !important; animation-delay: 0s !important;
      transition-duration: 0.01ms !important; transition-delay: 0s !important; }`);
    w.govportalStill = sheet;
    w.document.adoptedStyleSheets = [...w.document.adoptedStyleSheets, sheet];
    // Spinners repeat forever; everything else is taken to its last frame.
    for (const a of w.document.getAnimations())
      if (a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY) a.finish();
  });
  // Two frames: the finished motions' end events run and the components re-render.
  await page.evaluate(() => {
    const w = globalThis as unknown as Still;
    return new Promise<void>((done) => w.requestAnimationFrame(() => w.requestAnimationFrame(done)));
  });
  return async () => {
    await page.evaluate(() => {
      const w = globalThis as unknown as Still;
      w.document.adoptedStyleSheets = w.document.adoptedStyleSheets.filter((s) => s !== w.govportalStill);
    });
  };
}

/** Run axe-core in the page (its motion stilled, see stillMotion); returns violations of impact serious or critical. */
export async function axeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string | null; help: string; nodes: string[] }>> {
  const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol, not added as a <script>: a page's Content-Security-Policy
  // (the public site allows no inline script) would block the tag but does not apply here.
  await page.evaluate(source);
  type Result = {
    violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
  };
  const restore = await stillMotion(page);
  let result: Result;
  try {
    result = (await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
      return axe.run((globalThis as unknown as { document: unknown }).document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
    })) as Result;
  } finally {
    await restore();
  }
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}
