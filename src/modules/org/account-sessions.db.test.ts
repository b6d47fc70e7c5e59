import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeUnit } from '../../../test/harness/factories.js';

// Issue 9 item 1: ending an account's sessions used the database handle inside the unit of work's
// transaction. SQLite has one connection, so the request waited for itself and every other request
// waited behind it: the whole server hung until a restart.

let t: TestApp;
let admin: ApiClient;
let unitId: number;
let otherUnitId: number;

/** A request that does not answer is the defect itself; fail with that instead of the test's time-out. */
async function answered<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}：服务器 20 秒无响应（数据库死锁）`)), 20_000);
  });
  try {
    return await Promise.race([work, hung]);
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  unitId = (await makeUnit(t.services, '会话测试局')).id;
  otherUnitId = (await makeUnit(t.services, '会话测试二局')).id;
  await makeAccount(t.services, 'sessadmin', unitId, ['sysadmin']);
  admin = await ApiClient.login(t.server, 'sessadmin', PASSWORD);
});
afterAll(() => t?.close());

async function victim(name: string): Promise<{ id: number; client: ApiClient }> {
  const id = await makeAccount(t.services, name, unitId, ['unit_officer']);
  return { id, client: await ApiClient.login(t.server, name, PASSWORD) };
}

const changes: Array<[string, (id: number) => Promise<{ statusCode: number }>]> = [
  ['重置密码', (id) => admin.post(`/api/accounts/${id}/password`, { password: 'Fresh-Reset-2026x' })],
  ['修改角色', (id) => admin.patch(`/api/accounts/${id}`, { roles: ['unit_leader'] })],
  ['调整单位', (id) => admin.patch(`/api/accounts/${id}`, { unitId: otherUnitId })],
  ['停用账号', (id) => admin.patch(`/api/accounts/${id}`, { active: false })],
];

describe('changes that end an account’s sessions', () => {
  it.each(changes)('%s answers, ends the sessions, and the server keeps answering', async (what, change) => {
    const v = await victim(`sess_${changes.findIndex((c) => c[0] === what)}`);
    expect((await v.client.get('/api/auth/me')).statusCode).toBe(200);
    const r = await answered(change(v.id), what);
    expect(r.statusCode).toBeLessThan(300);
    // The server still answers other requests (on SQLite, nothing did after the hang).
    expect((await answered(admin.get('/api/auth/me'), `${what}之后的请求`)).statusCode).toBe(200);
    const after = await answered(v.client.get('/api/auth/me'), `${what}之后被改账号的请求`);
    expect(after.statusCode).toBe(401);
    const left = await t.services.database.db
      .selectFrom('sessions')
      .select('id')
      .where('account_id', '=', v.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('keeps the sessions when the change itself rolls back (they end in the same transaction)', async () => {
    const v = await victim('sess_rollback');
    // A transactional listener that fails makes the whole change roll back, as a failed audit write would.
    t.services.events.onTransaction(async (_trx, event) => {
      if (event.type === 'account.password_reset' && event.entityId === v.id) throw new Error('审计写入失败（测试）');
    });
    const r = await answered(
      admin.post(`/api/accounts/${v.id}/password`, { password: 'Fresh-Reset-2026x' }),
      '回滚的重置密码',
    );
    expect(r.statusCode).toBe(500);
    // Nothing changed, so the person is still signed in with the old password.
    expect((await answered(v.client.get('/api/auth/me'), '回滚之后的请求')).statusCode).toBe(200);
  });
});
