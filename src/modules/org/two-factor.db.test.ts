import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeUnit } from '../../../test/harness/factories.js';
import { totpCode } from '../../../test/harness/totp.js';

// Issue 9 item 8: two-factor sign-in. The sysadmin and office leader roles require it here (the
// harness turns the requirement off for every other test), unit officers may choose it.

let t: TestApp;
let unitId: number;
let admin: ApiClient;

/** A code of the step `steps` away from now (±1 is accepted: a phone clock a little off). */
const codeAt = (secret: string, steps = 0) => totpCode(secret, steps);

async function login(username: string, password = PASSWORD) {
  return t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}
const post = (url: string, payload: unknown) => t.server.inject({ method: 'POST', url, payload: payload as never });
const sessionOf = (res: { cookies: Array<{ name: string; value: string }> }) =>
  res.cookies.find((c) => c.name === 'gp_session')?.value;

async function audited(action: string, username?: string) {
  let q = t.services.database.db.selectFrom('audit_log').select(['summary', 'username']).where('action', '=', action);
  if (username) q = q.where('summary', 'like', `%${username}%`);
  return q.execute();
}

/** Sign in as a required-role account that has not enrolled: enrol at sign-in; returns the secret. */
async function enrolAtSignIn(username: string): Promise<{ secret: string; recoveryCodes: string[]; me: ApiClient }> {
  const first = await login(username);
  expect(first.statusCode).toBe(202);
  const { challenge } = first.json() as { challenge: string };
  const enrolment = (await post('/api/auth/login/enrolment', { challenge })).json() as { secret: string };
  const done = await post('/api/auth/login/enrolment/confirm', { challenge, code: await codeAt(enrolment.secret, -1) });
  expect(done.statusCode).toBe(200);
  const body = done.json() as { csrfToken: string; recoveryCodes: string[] };
  return {
    secret: enrolment.secret,
    recoveryCodes: body.recoveryCodes,
    me: new ApiClient(t.server, `gp_session=${sessionOf(done)}`, body.csrfToken),
  };
}

/** Sign in with the password then a code; the reply of the second step. */
async function signInWith(username: string, code: () => Promise<string> | string) {
  const first = await login(username);
  expect(first.statusCode).toBe(202);
  const { challenge, step } = first.json() as { challenge: string; step: string };
  expect(step).toBe('verify');
  return post('/api/auth/login/verify', { challenge, code: await code() });
}

beforeAll(async () => {
  t = await createTestApp({ twoFactorDefaultRoles: ['sysadmin', 'office_leader'] });
  unitId = (await makeUnit(t.services, '两步验证测试局')).id;
  await makeAccount(t.services, 'tfadmin', unitId, ['sysadmin']);
  admin = (await enrolAtSignIn('tfadmin')).me;
});
afterAll(() => t?.close());

describe('a role that requires two-factor sign-in', () => {
  it('must enrol at next sign-in before anything else: no session until a first code confirms it', async () => {
    await makeAccount(t.services, 'tf_leader', unitId, ['office_leader']);
    const first = await login('tf_leader');
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ step: 'enrol', displayName: 'tf_leader' });
    expect(sessionOf(first)).toBeUndefined();
    const { challenge } = first.json() as { challenge: string };
    // The challenge is not a session: nothing else opens with it.
    const me = await t.server.inject({ method: 'GET', url: '/api/auth/me', cookies: { gp_session: challenge } });
    expect(me.statusCode).toBe(401);

    const enrolment = (await post('/api/auth/login/enrolment', { challenge })).json() as {
      secret: string;
      otpauthUri: string;
      qrDataUrl: string;
    };
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const wrongCode = (Number(await codeAt(enrolment.secret)) + 1) % 1_000_000;
    const wrong = await post('/api/auth/login/enrolment/confirm', {
      challenge,
      code: String(wrongCode).padStart(6, '0'),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'TWO_FACTOR_INVALID' });
    const done = await post('/api/auth/login/enrolment/confirm', { challenge, code: await codeAt(enrolment.secret) });
    expect(done.statusCode).toBe(200);
    const codes = (done.json() as { recoveryCodes: string[] }).recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(sessionOf(done)).toBeTruthy();

    // Stored sealed, and the recovery codes only as hashes.
    const id = (await t.services.accounts.list(adminActor(), {})).find((a) => a.username === 'tf_leader')!.id;
    const row = await t.services.database.db
      .selectFrom('account_two_factor')
      .selectAll()
      .where('account_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.secret).not.toContain(enrolment.secret);
    expect(row.secret).toMatch(/^v1:/);
    const hashes = await t.services.database.db
      .selectFrom('account_recovery_codes')
      .select('code_hash')
      .where('account_id', '=', id)
      .execute();
    expect(hashes).toHaveLength(10);
    for (const h of hashes) expect(h.code_hash).toMatch(/^\$argon2id\$/);
    expect(await audited('auth.two_factor_enabled', 'tf_leader')).toHaveLength(1);
  });

  it('signs in with a code, refuses the same code again (replay) and a wrong one', async () => {
    const { secret } = await enrolAtSignIn(await fresh('tf_code'));
    const code = await codeAt(secret);
    const ok = await signInWith('tf_code', () => code);
    expect(ok.statusCode).toBe(200);
    expect(sessionOf(ok)).toBeTruthy();
    expect(ok.json()).toMatchObject({ username: 'tf_code' });

    const replay = await signInWith('tf_code', () => code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'TWO_FACTOR_INVALID' });
    expect(sessionOf(replay)).toBeUndefined();
    const later = await signInWith('tf_code', () => codeAt(secret, 1));
    expect(later.statusCode).toBe(200);
    expect((await audited('auth.two_factor_failed', 'tf_code')).length).toBe(1);
  });

  it('counts wrong codes towards the sign-in lock, and a right password then does not help', async () => {
    const { secret } = await enrolAtSignIn(await fresh('tf_guess'));
    const first = await login('tf_guess');
    const { challenge } = first.json() as { challenge: string };
    const right = await codeAt(secret);
    const wrongs = ['000000', '111111', '222222', '333333', '444444'].filter((c) => c !== right).slice(0, 4);
    for (const code of wrongs) {
      const r = await post('/api/auth/login/verify', { challenge, code });
      expect(r.json()).toMatchObject({ code: 'TWO_FACTOR_INVALID' });
    }
    // The fifth failure of the pair (name, address) locks it, whichever step it happened at.
    const fifth = await post('/api/auth/login/verify', { challenge, code: right === '555555' ? '666666' : '555555' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const again = await login('tf_guess');
    expect(again.statusCode).toBe(423);
    expect((await audited('auth.locked', 'tf_guess')).length).toBe(1);
  });

  it('a recovery code signs in once', async () => {
    const { recoveryCodes } = await enrolAtSignIn(await fresh('tf_recover'));
    const code = recoveryCodes[3]!;
    // Typed in capitals and without the hyphen: still the same code.
    const ok = await signInWith('tf_recover', () => code.replace('-', '').toUpperCase());
    expect(ok.statusCode).toBe(200);
    const client = new ApiClient(
      t.server,
      `gp_session=${sessionOf(ok)}`,
      (ok.json() as { csrfToken: string }).csrfToken,
    );
    expect((await client.get('/api/auth/two-factor')).json()).toMatchObject({
      enabled: true,
      required: true,
      recoveryCodesLeft: 9,
    });
    const twice = await signInWith('tf_recover', () => code);
    expect(twice.statusCode).toBe(401);
    const other = await signInWith('tf_recover', () => recoveryCodes[4]!);
    expect(other.statusCode).toBe(200);
    expect((await audited('auth.login', 'tf_recover')).map((a) => a.summary)).toContain(
      'tf_recover 登录（两步验证：使用恢复码）',
    );
  });

  it('a challenge is short-lived and single-use', async () => {
    const { secret } = await enrolAtSignIn(await fresh('tf_expire'));
    const first = await login('tf_expire');
    const { challenge } = first.json() as { challenge: string };
    await t.services.database.db
      .updateTable('two_factor_challenges')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    const late = await post('/api/auth/login/verify', { challenge, code: await codeAt(secret) });
    expect(late.statusCode).toBe(401);
    expect(late.json()).toMatchObject({ code: 'TWO_FACTOR_EXPIRED' });

    const second = await login('tf_expire');
    const c2 = (second.json() as { challenge: string }).challenge;
    expect((await post('/api/auth/login/verify', { challenge: c2, code: await codeAt(secret) })).statusCode).toBe(200);
    const reuse = await post('/api/auth/login/verify', { challenge: c2, code: await codeAt(secret, 1) });
    expect(reuse.json()).toMatchObject({ code: 'TWO_FACTOR_EXPIRED' });
  });

  it('cannot be turned off by its holder; the administrator resets it (audited, sessions end)', async () => {
    const { secret, me } = await enrolAtSignIn(await fresh('tf_lost'));
    const off = await me.post('/api/auth/two-factor/disable', { code: await codeAt(secret) });
    expect(off.statusCode).toBe(409);
    expect(off.json()).toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });

    const id = (await admin.get('/api/accounts')).json().find((a: { username: string }) => a.username === 'tf_lost').id;
    expect((await admin.get(`/api/accounts/${id}`)).json()).toMatchObject({ twoFactor: true });
    const reset = await admin.post(`/api/accounts/${id}/two-factor/reset`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ twoFactor: false });
    expect((await me.get('/api/auth/me')).statusCode).toBe(401);
    expect(await audited('account.two_factor_reset', 'tf_lost')).toHaveLength(1);
    // Next sign-in asks for enrolment again.
    expect((await login('tf_lost')).json()).toMatchObject({ step: 'enrol' });
    // Only the administrator resets.
    expect((await me.post(`/api/accounts/${id}/two-factor/reset`)).statusCode).toBe(401);
    // On the server: `govportal reset-two-factor NAME`.
    const { secret: other } = await enrolAtSignIn(await fresh('tf_cli'));
    expect(other).toBeTruthy();
    await t.services.twoFactor.resetByName(adminActor(), 'tf_cli');
    expect((await login('tf_cli')).json()).toMatchObject({ step: 'enrol' });
    await expect(t.services.twoFactor.resetByName(adminActor(), 'tf_nobody')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(t.services.twoFactor.resetByName(adminActor(), 'tf_cli')).rejects.toMatchObject({
      code: 'TWO_FACTOR_NOT_ENROLLED',
    });
  });
});

describe('an optional role, and the per-role setting', () => {
  it('signs in with the password alone until its holder enrols; may turn it off again', async () => {
    await makeAccount(t.services, 'tf_officer', unitId, ['unit_officer']);
    const me = await ApiClient.login(t.server, 'tf_officer', PASSWORD);
    expect((await me.get('/api/auth/two-factor')).json()).toMatchObject({ enabled: false, required: false });
    const enrolment = (await me.post('/api/auth/two-factor/enrolment')).json() as { secret: string };
    const codes = await me.post('/api/auth/two-factor/enrolment/confirm', { code: await codeAt(enrolment.secret, -1) });
    expect(codes.statusCode).toBe(200);
    expect((await login('tf_officer')).statusCode).toBe(202);
    const wrongCode = String((Number(await codeAt(enrolment.secret)) + 7) % 1_000_000).padStart(6, '0');
    const wrongOff = await me.post('/api/auth/two-factor/disable', { code: wrongCode });
    expect(wrongOff.statusCode).toBe(401);
    const off = await me.post('/api/auth/two-factor/disable', { code: await codeAt(enrolment.secret) });
    expect(off.statusCode).toBe(204);
    expect((await login('tf_officer')).statusCode).toBe(200);
    expect(await audited('auth.two_factor_disabled', 'tf_officer')).toHaveLength(1);
  });

  it('the administrator sets which roles require it (audited); others may not', async () => {
    await makeAccount(t.services, 'tf_editor', unitId, ['site_editor']);
    expect((await login('tf_editor')).statusCode).toBe(200);
    const editor = await ApiClient.login(t.server, 'tf_editor', PASSWORD);
    expect((await editor.put('/api/settings/two-factor', { requiredRoles: [] })).statusCode).toBe(403);

    const before = (await admin.get('/api/settings/two-factor')).json();
    expect(before.saved).toBe(false);
    const set = await admin.put('/api/settings/two-factor', { requiredRoles: ['sysadmin', 'site_editor'] });
    expect(set.statusCode).toBe(200);
    expect(
      set
        .json()
        .roles.filter((r: { required: boolean }) => r.required)
        .map((r: { role: string }) => r.role),
    ).toEqual(['sysadmin', 'site_editor']);
    expect((await login('tf_editor')).json()).toMatchObject({ step: 'enrol' });
    // office_leader no longer required: a new office leader signs in with the password.
    await makeAccount(t.services, 'tf_leader2', unitId, ['office_leader']);
    expect((await login('tf_leader2')).statusCode).toBe(200);
    expect((await audited('settings.two_factor'))[0]?.summary).toBe(
      '设置必须使用两步验证的角色：系统管理员、网站中心编辑',
    );
    expect((await admin.put('/api/settings/two-factor', { requiredRoles: ['nobody'] })).statusCode).toBe(400);
  });
});

async function fresh(username: string): Promise<string> {
  await makeAccount(t.services, username, unitId, ['sysadmin']);
  return username;
}

const adminActor = () => ({ kind: 'system' as const, username: 'test', ip: null });
