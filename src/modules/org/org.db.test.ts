import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeUnit } from '../../../test/harness/factories.js';

let t: TestApp;
let admin: ApiClient;
let officeId: number;
let financeId: number;

beforeAll(async () => {
  t = await createTestApp({ login: { maxFailures: 3, lockMinutes: 15 } });
  officeId = (await makeUnit(t.services, '人民政府办公室', 'gov_dept', { shortName: '政府办', aliases: ['县政府办'] }))
    .id;
  financeId = (await makeUnit(t.services, '财政局')).id;
  await makeAccount(t.services, 'admin', officeId, ['sysadmin']);
  await makeAccount(t.services, 'czj', financeId, ['unit_officer']);
  admin = await ApiClient.login(t.server, 'admin', PASSWORD);
});
afterAll(() => t?.close());

describe('signing in', () => {
  it('refuses a wrong password with a Chinese message and locks after repeated failures', async () => {
    await makeAccount(t.services, 'victim', financeId, ['unit_officer']);
    const bad = () =>
      t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: 'nope' } });
    const first = await bad();
    expect(first.statusCode).toBe(401);
    expect(first.json()).toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(first.json().message).toContain('再错 2 次');
    await bad();
    const third = await bad();
    expect(third.statusCode).toBe(423);
    expect(third.json().code).toBe('ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    const right = await t.server.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'victim', password: PASSWORD },
    });
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    const accounts = (await admin.get(`/api/accounts?unitId=${financeId}`)).json() as Array<{
      id: number;
      username: string;
      locked: boolean;
    }>;
    const victim = accounts.find((a) => a.username === 'victim')!;
    expect(victim.locked).toBe(true);
    expect((await admin.post(`/api/accounts/${victim.id}/unlock`)).json().locked).toBe(false);
    expect(
      (
        await t.server.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'victim', password: PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('answers unknown users exactly like wrong passwords', async () => {
    const r = await t.server.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('BAD_CREDENTIALS');
  });

  it('requires a session, then the CSRF token for changes', async () => {
    expect((await t.server.inject({ method: 'GET', url: '/api/units' })).json().code).toBe('UNAUTHENTICATED');
    const noCsrf = await t.server.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin.cookie },
      payload: {},
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_INVALID');
    const me = (await admin.get('/api/auth/me')).json();
    expect(me.unit.shortName).toBe('政府办');
    expect(me.permissions['account.write']).toBe('all');
  });

  it('ends a session that sat idle longer than the limit', async () => {
    const c = await ApiClient.login(t.server, 'czj', PASSWORD);
    const hash = (await import('../../platform/auth/sessions.js')).sha256(c.cookie.split('=')[1]!);
    const old = new Date(Date.now() - (t.config.session.idleMinutes + 1) * 60_000).toISOString();
    await t.services.database.db.updateTable('sessions').set({ last_seen_at: old }).where('id', '=', hash).execute();
    const r = await c.get('/api/auth/me');
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已超时，请重新登录' });
  });
});

describe('units and roster', () => {
  it('creates a unit, refuses a name already taken as an alias, and audits both', async () => {
    const created = await admin.post('/api/units', {
      name: '涟水县市场监督管理局',
      shortName: '市场监管局',
      category: 'gov_dept',
      code: '0142768-8',
      aliases: ['市场局'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().aliases).toEqual(['市场局']);
    const dup = await admin.post('/api/units', {
      name: '市场局',
      shortName: '市场局2',
      category: 'gov_dept',
      code: 'ABC123456',
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toContain('市场局');
    const audit = await t.services.audit.list({
      entityType: 'unit',
      entityId: String(created.json().id),
      limit: 10,
      offset: 0,
    });
    expect(audit.rows[0]).toMatchObject({ action: 'unit.created', username: 'admin' });
    expect(audit.rows[0]!.ip).toBeTruthy();
  });

  it('lets an information officer keep its own roster only, and reports units missing people', async () => {
    const officer = await ApiClient.login(t.server, 'czj', PASSWORD);
    const own = await officer.post('/api/personnel', {
      unitId: financeId,
      role: 'officer',
      name: '张三',
      post: '科员',
      phone: '0517-82380090',
    });
    expect(own.statusCode).toBe(201);
    const other = await officer.post('/api/personnel', { unitId: officeId, role: 'leader', name: '李四' });
    expect(other.statusCode).toBe(400);
    const list = (await officer.get('/api/personnel')).json() as Array<{ unitId: number }>;
    expect(list.every((p) => p.unitId === financeId)).toBe(true);
    const missing = (await admin.get('/api/personnel/missing')).json() as Array<{ unitId: number; missing: string }>;
    expect(missing.find((m) => m.unitId === financeId)?.missing).toBe('分管领导');
    expect(missing.find((m) => m.unitId === officeId)?.missing).toBe('分管领导、信息员');
  });

  it('forbids an information officer from managing accounts', async () => {
    const officer = await ApiClient.login(t.server, 'czj', PASSWORD);
    const r = await officer.get('/api/accounts');
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toBe('您没有执行此操作的权限');
  });

  it('resolves groups by category', async () => {
    const g = await admin.post('/api/unit-groups', { name: '县各部门', categories: ['gov_dept', 'party_dept'] });
    expect(g.statusCode).toBe(201);
    const groups = (await admin.get('/api/unit-groups')).json() as Array<{
      name: string;
      members: Array<{ shortName: string }>;
    }>;
    expect(groups.find((x) => x.name === '县各部门')!.members.map((m) => m.shortName)).toContain('财政局');
  });
});
