import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { axeViolations, screenshot } from '../harness/browser.js';

// Shared by the admin app's browser journeys (test/browser/admin-*.browser.test.ts): a built admin
// app, a real server on a fresh database, a signed-in page, and a check of each screen visited
// (screenshot kept under test-artifacts/admin/, axe-core with no serious or critical violations).

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST_INDEX = path.join(ROOT, 'admin', 'dist', 'index.html');
const LOCK = path.join(ROOT, 'admin', '.build-lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const stale = () =>
  !fs.existsSync(DIST_INDEX) ||
  fs.statSync(DIST_INDEX).mtimeMs <
    Math.max(
      newestSource(path.join(ROOT, 'admin', 'src')),
      ...['index.html', 'vite.config.ts'].map((f) => fs.statSync(path.join(ROOT, 'admin', f)).mtimeMs),
    );

/**
 * The journeys test what people get: the built app served by the server. Build it when missing or
 * older than its sources; test files run in parallel, so one builds while the others wait.
 */
export async function ensureAdminBuilt(): Promise<void> {
  for (let waited = 0; stale(); waited += 500) {
    try {
      fs.mkdirSync(LOCK);
    } catch {
      // Another test file is building; a lock older than five minutes is left over from a crash.
      if (Date.now() - fs.statSync(LOCK).mtimeMs > 300_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (waited > 300_000) throw new Error('等待管理后台构建超时');
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      if (!stale()) return;
      // vitest runs with NODE_ENV=test, which would make Vite produce a development build (with
      // Ant Design's development warnings); the journeys test what is shipped.
      const r = spawnSync(
        path.join(ROOT, 'node_modules', '.bin', 'vite'),
        ['build', '--config', 'admin/vite.config.ts', '--logLevel', 'warn'],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
      );
      if (r.status !== 0) throw new Error(`管理后台构建失败（npm run build）：\n${r.stdout}\n${r.stderr}`);
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

export interface RunningApp {
  t: TestApp;
  base: string;
}

/** A fresh database, seeded by `seed`, served on a free port. */
export async function startApp(
  seed: (t: TestApp) => Promise<void>,
  overrides: Parameters<typeof createTestApp>[0] = {},
): Promise<RunningApp> {
  await ensureAdminBuilt();
  const t = await createTestApp(overrides);
  await seed(t);
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  return { t, base: `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}` };
}

export const LAPTOP = { width: 1366, height: 768 };
export const TABLET = { width: 768, height: 1024 };

export interface AdminPage {
  page: Page;
  /** Errors the page threw or logged (refusals by the server, 4xx, are expected and shown on screen). */
  errors: string[];
}

export async function openPage(browser: Browser, viewport = LAPTOP): Promise<AdminPage> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`页面异常：${e.message}`));
  // A failing journey leaves a picture of where it stopped.
  onTestFailed(async () => {
    await screenshot(page, 'admin', `failed-${Date.now()}`).catch(() => undefined);
  });
  page.on('console', (m) => {
    // Refusals (4xx) are part of the journeys and checked on screen; anything else is a fault.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`控制台错误：${m.text()}`);
  });
  return { page, errors };
}

export async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  await eventually(() => page.getByTestId('acting-unit').textContent()).toBeTruthy();
}

/** Wait until the screen has settled: no spinner, no request in flight. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  // Ant Design animates modals, drawers and messages in: wait until every motion that ends has ended
  // (spinners repeat forever). axeViolations also stills motion for its run, against one starting
  // meanwhile (a message's fade-out three seconds after it appeared).
  await page
    .waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: {
              getAnimations(): Array<{
                playState: string;
                effect: { getComputedTiming(): { iterations?: number } } | null;
              }>;
            };
          }
        ).document
          .getAnimations()
          .every(
            (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY,
          ),
      undefined,
      { timeout: 10_000 },
    )
    // A screen still moving after that is checked all the same: axeViolations stills it first.
    .catch(() => undefined);
}

/** Keep a screenshot of the screen and require axe-core to find no serious or critical violation. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshot(page, 'admin', name);
  const violations = await axeViolations(page);
  expect(violations, `${name}：axe-core 发现严重的无障碍问题`).toEqual([]);
}

/** expect.poll with a patience fit for a browser talking to a server (vitest's default is one second). */
export function eventually<T>(fn: () => T | Promise<T>, message?: string) {
  return expect.poll(fn, { timeout: 15_000, interval: 100, message });
}
