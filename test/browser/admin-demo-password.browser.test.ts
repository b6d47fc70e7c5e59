import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.service.js';
import { hashPassword } from '../../src/platform/auth/password.js';
import { launchBrowser } from '../harness/browser.js';
import { makeAccount, makeSite, makeUnit } from '../harness/factories.js';
import { checkScreen, eventually, openPage, startApp, type RunningApp } from './admin-helpers.js';

// Issue 16 item 5: on a server configured to listen beyond loopback, a demo account signs in with the
// published demo password only by setting a new one on the way in.

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp(
    async (t) => {
      const s = t.services;
      await makeSite(s, { name: '涟水县人民政府', isDefault: true, siteCode: null });
      const unit = await makeUnit(s, '财政局');
      const id = await makeAccount(s, 'czj', unit.id, ['unit_officer']);
      const hash = await hashPassword(DEMO_PASSWORD);
      await t.testDb.database.db.updateTable('accounts').set({ password_hash: hash }).where('id', '=', id).execute();
    },
    { host: '0.0.0.0' },
  );
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

describe('a demo account beyond loopback', () => {
  it('sets a new password on the way in, then works as usual', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${app.base}/admin/login`);
    await page.getByLabel('用户名').fill('czj');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('修改密码后登录');
    await checkScreen(page, 'demo-password');

    await page.getByLabel('新密码', { exact: true }).fill('Huaian-river-2719');
    await page.getByLabel('再次输入新密码').fill('Huaian-river-2718');
    await page.getByRole('button', { name: '设置新密码并登录' }).click();
    await eventually(() => page.getByText('两次输入的新密码不一致').count()).toBe(1);

    await page.getByLabel('再次输入新密码').fill('Huaian-river-2719');
    await page.getByRole('button', { name: '设置新密码并登录' }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
    await eventually(() => page.getByTestId('acting-unit').textContent()).toContain('财政局');
    expect(errors).toEqual([]);

    const again = await app.t.server.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'czj', password: DEMO_PASSWORD },
    });
    expect(again.statusCode).toBe(401);
  });
});
