import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../harness/browser.js';
import { makeAccount, makeSite, makeUnit, PASSWORD } from '../harness/factories.js';
import { totpCode } from '../harness/totp.js';
import { checkScreen, eventually, openPage, startApp, type RunningApp } from './admin-helpers.js';

// Issue 9 item 8: the administrator's role requires two-factor sign-in. At first sign-in they are made
// to enrol (QR code and the secret in text, a first code, the recovery codes shown once), then sign in
// again with a code; they find the per-role setting and the accounts' two-factor state.

let app: RunningApp;
let browser: Browser;

/** What the authenticator app would show, `steps` periods from now. */
const codeAt = (secret: string, steps = 0) => totpCode(secret, steps);

beforeAll(async () => {
  app = await startApp(
    async ({ services: s }) => {
      await makeSite(s, { name: '涟水县人民政府', isDefault: true, siteCode: null });
      const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
      await makeAccount(s, 'admin', office.id, ['sysadmin']);
    },
    { twoFactorDefaultRoles: ['sysadmin'] },
  );
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.t.close();
});

async function password(page: import('playwright-core').Page) {
  await page.goto(`${app.base}/admin/login`);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('two-factor sign-in', () => {
  it('enrols at first sign-in with a code from the secret on screen, then signs in with a code', async () => {
    const first = await openPage(browser);
    let page = first.page;
    await password(page);
    await page.getByRole('heading', { name: '设置两步验证' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect.poll(() => page.getByAltText('两步验证二维码（验证器应用扫描）').isVisible()).toBe(true);
    await checkScreen(page, 'two-factor-01-enrol');

    // Nothing else opens before enrolment is finished.
    expect((await page.request.get(`${app.base}/api/auth/me`)).status()).toBe(401);

    await page.getByLabel('验证码').fill('000000' === (await codeAt(secret)) ? '111111' : '000000');
    await page.getByRole('button', { name: '确认并开启' }).click();
    await page.getByRole('alert').filter({ hasText: '验证码不正确' }).waitFor();
    await page.getByLabel('验证码').fill(await codeAt(secret, -1));
    await page.getByRole('button', { name: '确认并开启' }).click();
    const list = page.getByRole('list', { name: '恢复码' });
    await list.waitFor();
    const codes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载恢复码' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('恢复码-admin.txt');
    await checkScreen(page, 'two-factor-02-recovery-codes');
    await page.getByRole('button', { name: '我已保存恢复码，继续' }).click();
    await eventually(() => page.getByTestId('acting-unit').textContent()).toBeTruthy();
    expect(first.errors).toEqual([]);
    await page.context().close();

    // Next sign-in: password, then a code (a new one: the enrolment's code cannot be used again).
    const second = await openPage(browser);
    page = second.page;
    await password(page);
    await page.getByRole('heading', { name: '两步验证' }).waitFor();
    await checkScreen(page, 'two-factor-03-second-step');
    await page.getByLabel('验证码').fill(await codeAt(secret));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
    await eventually(() => page.getByTestId('acting-unit').textContent()).toBeTruthy();

    // The per-role setting and the accounts' state.
    await page.goto(`${app.base}/admin/accounts`);
    await eventually(() => page.getByRole('row', { name: /admin/ }).textContent()).toContain('已开启');
    await page.getByRole('button', { name: '两步验证设置' }).click();
    await page.getByRole('heading', { name: '必须使用两步验证的角色' }).waitFor();
    await expect.poll(() => page.getByRole('checkbox', { name: '系统管理员' }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: '政府办领导' }).check();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('已保存：所选角色的账号下次登录时须使用两步验证').waitFor();
    await checkScreen(page, 'two-factor-04-policy');
    expect(await app.t.services.twoFactor.requiredRoles()).toEqual(['sysadmin', 'office_leader']);

    // The profile page shows the state; the administrator's role requires it, so no way to turn it off.
    await page.goto(`${app.base}/admin/profile`);
    await page.getByText('您的角色必须使用').waitFor();
    expect(await page.getByRole('button', { name: '关闭两步验证' }).count()).toBe(0);
    await checkScreen(page, 'two-factor-05-profile');
    expect(second.errors).toEqual([]);
  });
});
