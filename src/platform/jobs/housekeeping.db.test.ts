import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeSite, makeUnit } from '../../../test/harness/factories.js';

// Tables that grow with every visitor are emptied of what can no longer be used: sessions past their
// idle or absolute limit, and public form hits older than any rate window. Without the hourly round
// they grew for ever (nothing called SessionStore.sweep).

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('housekeeping', () => {
  it('removes expired sessions and old form hits, and keeps live ones', async () => {
    await makeSite(t.services);
    const unit = await makeUnit(t.services, '县政府办');
    const accountId = await makeAccount(t.services, 'keeper', unit.id, ['site_editor']);
    const live = await ApiClient.login(t.server, 'keeper', PASSWORD);
    const db = t.services.database.db;
    const old = new Date(Date.now() - 30 * 24 * 3600_000).toISOString();
    await db
      .insertInto('sessions')
      .values({
        id: 'x'.repeat(64),
        account_id: accountId,
        csrf_token: 'c',
        ip: null,
        user_agent: null,
        created_at: old,
        last_seen_at: old,
      })
      .execute();
    const hits = db as unknown as import('kysely').Kysely<import('../public-forms/tables.js').PublicFormsTables>;
    await hits
      .insertInto('public_form_hits')
      .values({ form: 'letter', kind: 'address', key: '10.0.0.1', at: old })
      .execute();
    await hits
      .insertInto('public_form_hits')
      .values({ form: 'letter', kind: 'address', key: '10.0.0.1', at: new Date().toISOString() })
      .execute();

    await t.services.worker.runNow('housekeeping');

    const sessions = await db.selectFrom('sessions').select('id').execute();
    expect(sessions.map((s) => s.id)).not.toContain('x'.repeat(64));
    expect((await live.get('/api/auth/me')).statusCode).toBe(200);
    const left = await hits.selectFrom('public_form_hits').select('at').execute();
    expect(left).toHaveLength(1);
  });
});
