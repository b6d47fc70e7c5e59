import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.service.js';
import { hashPassword } from '../../src/platform/auth/password.js';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeAccount, makeUnit, PASSWORD } from '../harness/factories.js';

// Issue 16 item 5: the demo accounts' password is printed in the README, so a server that listens
// beyond loopback lets them in only by replacing it at sign-in; on loopback (a person trying the demo on
// their own machine) they sign in as they are.

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

async function appWithDemoAccount(host: string): Promise<TestApp> {
  const t = await createTestApp({ host });
  apps.push(t);
  const unitId = (await makeUnit(t.services, '演示密码测试局')).id;
  const id = await makeAccount(t.services, 'demo_officer', unitId, ['unit_officer']);
  const hash = await hashPassword(DEMO_PASSWORD);
  await t.testDb.database.db.updateTable('accounts').set({ password_hash: hash }).where('id', '=', id).execute();
  await makeAccount(t.services, 'own_password', unitId, ['unit_officer']);
  return t;
}

const post = (t: TestApp, url: string, payload: Record<string, string>) =>
  t.server.inject({ method: 'POST', url, payload });

describe('the published demo password beyond loopback', () => {
  it('signs in only by replacing it, and the old one is gone', async () => {
    const t = await appWithDemoAccount('0.0.0.0');
    const refused = await post(t, '/api/auth/login', { username: 'demo_officer', password: DEMO_PASSWORD });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(refused.cookies.find((c) => c.name === 'gp_session')).toBeUndefined();

    // The new password is held to the policy; the demo password itself is not a new password.
    const weak = await post(t, '/api/auth/login/new-password', {
      username: 'demo_officer',
      password: DEMO_PASSWORD,
      newPassword: 'demo_officer2026',
    });
    expect(weak.statusCode).toBe(400);
    const wrong = await post(t, '/api/auth/login/new-password', {
      username: 'demo_officer',
      password: 'not-the-password',
      newPassword: 'Huaian-river-2719',
    });
    expect(wrong.statusCode).toBe(401);

    const changed = await post(t, '/api/auth/login/new-password', {
      username: 'demo_officer',
      password: DEMO_PASSWORD,
      newPassword: 'Huaian-river-2719',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.cookies.find((c) => c.name === 'gp_session')).toBeDefined();
    expect((await post(t, '/api/auth/login', { username: 'demo_officer', password: DEMO_PASSWORD })).statusCode).toBe(
      401,
    );
    expect(
      (await post(t, '/api/auth/login', { username: 'demo_officer', password: 'Huaian-river-2719' })).statusCode,
    ).toBe(200);
    const audit = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'in', ['auth.password_change_required', 'account.password_changed'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['account.password_changed', 'auth.password_change_required']);
  });

  it('is not a way round the normal sign-in for other passwords', async () => {
    const t = apps[0]!;
    const r = await post(t, '/api/auth/login/new-password', {
      username: 'own_password',
      password: PASSWORD,
      newPassword: 'Huaian-river-2719',
    });
    expect(r.statusCode).toBe(400);
    expect((await post(t, '/api/auth/login', { username: 'own_password', password: PASSWORD })).statusCode).toBe(200);
  });

  it('on loopback the demo accounts sign in as they are', async () => {
    const t = await appWithDemoAccount('127.0.0.1');
    const r = await post(t, '/api/auth/login', { username: 'demo_officer', password: DEMO_PASSWORD });
    expect(r.statusCode, r.body).toBe(200);
  });
});
