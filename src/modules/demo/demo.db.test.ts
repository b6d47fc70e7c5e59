import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { DEMO_ARTICLES } from './demo-articles.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.service.js';

let t: TestApp;

beforeAll(async () => {
  // The production default for two-factor sign-in: the demo's own saved setting (no role requires it)
  // is what lets every demo account below sign in with the password alone.
  t = await createTestApp({ demo: true, twoFactorDefaultRoles: ['sysadmin', 'office_leader', 'disclosure_reviewer'] });
  // The first start imports about a thousand items; a loaded PostgreSQL or MariaDB needs minutes.
}, 600_000);
afterAll(() => t?.close());

describe('the first start on an empty database', () => {
  it('imports the guarantee list, the county’s units, a roster, accounts and articles', async () => {
    const db = t.services.database.db;
    const count = async (table: 'columns' | 'duties' | 'units' | 'accounts' | 'articles' | 'personnel') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    // The list's 120 columns and 98 duties, and the 信息公开 branch of each of the 52 units of 县各部门 and
    // 各镇、街道办事处、各园区: a column named after the unit with 5 columns under it, each its duty; and the
    // story's dead link (demo-story.ts) with its 外链 duty.
    expect(await count('columns')).toBe(120 + 52 * 6 + 1);
    expect(await count('duties')).toBe(98 + 52 * 5 + 1);
    expect(await count('units')).toBeGreaterThanOrEqual(59);
    expect(await count('accounts')).toBe(DEMO_ACCOUNTS.length);
    // The hand-written items and the generated ones for every duty (demo-content.ts).
    expect(await count('articles')).toBeGreaterThan(DEMO_ARTICLES.length + 800);
    const towns = await db.selectFrom('units').select('short_name').where('category', '=', 'town').execute();
    expect(towns.map((u) => u.short_name)).toContain('高沟镇');
    const articles = await db.selectFrom('articles').select(['status', 'imported', 'published_at']).execute();
    expect(
      articles.every(
        (a) => a.status === 'published' && a.imported === 1 && a.published_at! <= new Date().toISOString(),
      ),
    ).toBe(true);
  });

  it('lets every demo account sign in with the documented password', async () => {
    for (const a of DEMO_ACCOUNTS) {
      const c = await ApiClient.login(t.server, a.username, DEMO_PASSWORD);
      expect((await c.get('/api/auth/me')).json().roles.map((r: { role: string }) => r.role)).toEqual(a.roles);
    }
    expect(await t.services.twoFactor.requiredRoles()).toEqual([]);
  });

  it('shows the demo on the public site and leaves roster gaps for the report', async () => {
    const home = await t.server.inject({ url: '/', headers: { host: 'localhost' } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('涟水县人民政府');
    expect(home.body).toContain(DEMO_ARTICLES[0]!.title);
    const admin = await ApiClient.login(t.server, 'admin', DEMO_PASSWORD);
    const missing = (await admin.get('/api/personnel/missing')).json() as Array<{ shortName: string }>;
    expect(missing.map((m) => m.shortName)).toContain('扶贫办');
  });

  it('is ready for the review of 附件2: 财政局 can submit, and every step has someone to act', async () => {
    const czj = await ApiClient.login(t.server, 'czj', DEMO_PASSWORD);
    const cols = (await czj.get('/api/sites/1/columns')).json();
    const gk = cols.find((c: { name: string }) => c.name === '政务公开');
    const finance = gk.children.find((c: { name: string }) => c.name === '财政信息');
    const a = await czj.post('/api/articles', {
      columnId: finance.id,
      type: 'other',
      title: '演示：2026年11月财政收支情况',
      bodyHtml: '<p>本月财政收支平稳。</p>',
      disclosure: { issuer: '涟水县财政局', writtenOn: '2026-11-20', topicCategory: '财政、金融、审计\\财政' },
    });
    expect(a.statusCode, a.body).toBe(201);
    const sub = await czj.post(`/api/articles/${a.json().id}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
  });

  it('does nothing on a database that is not empty', async () => {
    expect(await t.services.demo.seedIfEmpty()).toBeNull();
  });
});
