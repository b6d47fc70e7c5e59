import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, columnByNames, makeAccount, system } from '../../../test/harness/factories.js';

// The guarantee list imported again with new wording: the wording's reading replaces the old one,
// and what people set by hand on a duty (the editor's choices, the check parameters) stays.

const SEED = fs.readFileSync(path.join(import.meta.dirname, '../../../seed/guarantee-list.csv'), 'utf8');

/** The seed list with the 相关要求 of some rows (1-based CSV line numbers) replaced. */
function reworded(changes: Record<number, string>): Buffer {
  const lines = SEED.split('\n');
  for (const [line, text] of Object.entries(changes)) {
    const i = Number(line) - 1;
    lines[i] = lines[i]!.replace(/,[^,]*$/, `,${text}`);
  }
  return Buffer.from(lines.join('\n'));
}

// Lines of seed/guarantee-list.csv.
const VIDEO = 4; // 新闻中心/视频新闻, 工作日每天维护
const PLANS = 73; // 政务公开/执行公开/计划总结, 动态维护
const BUDGET = 78; // 政务公开/管理公开/财政预决算, 动态维护

let t: TestApp;
let admin: ApiClient;
let siteId: number;
const ids: Record<string, number> = {};

async function dutyOf(names: string): Promise<number> {
  const columnId = (await columnByNames(t.services, siteId, names)).id;
  return ((await admin.get(`/api/duties?columnId=${columnId}`)).json() as Array<{ id: number }>)[0]!.id;
}
const duty = async (id: number) => (await admin.get(`/api/duties/${id}`)).json();
const params = async (id: number) => (await admin.get(`/api/guarantee/duties/${id}/params`)).json();
async function storedJson(id: number) {
  const row = await t.services.database.db
    .selectFrom('duties')
    .select('rule')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.rule) as Record<string, unknown>;
}

beforeAll(async () => {
  t = await createTestApp();
  siteId = (await t.services.guaranteeImport.importList(system, Buffer.from(SEED), { apply: true })).summary.site.id;
  await makeAccount(t.services, 'admin', (await t.services.units.nameIndex()).resolve('政府办')!, ['sysadmin']);
  admin = await ApiClient.login(t.server, 'admin', PASSWORD);
  ids.video = await dutyOf('新闻中心/视频新闻');
  ids.plans = await dutyOf('政务公开/执行公开/计划总结');
  ids.budget = await dutyOf('政务公开/管理公开/财政预决算');
});
afterAll(() => t?.close());

describe('the stored duty rule', () => {
  it('is written with its version', async () => {
    expect(await storedJson(ids.video!)).toMatchObject({ version: 1, cadence: 'workday_daily' });
  });

  it('a re-import with new wording keeps the parameters set by hand', async () => {
    // 计划总结: the channel chosen by hand, and an update window of its own.
    expect((await admin.patch(`/api/duties/${ids.plans}`, { channel: 'paper' })).statusCode).toBe(200);
    const window = { days: 30, warnDays: 5 };
    expect((await admin.put(`/api/guarantee/duties/${ids.plans}/params`, { window })).statusCode).toBe(200);
    // 财政预决算: the editor with 手动设置 on (it sends the wording too), and a count of its own.
    const editor = { requirementText: '动态维护', cadence: 'weekly_min', minPerWeek: 2, channel: 'backoffice' };
    expect((await admin.patch(`/api/duties/${ids.budget}`, editor)).statusCode).toBe(200);
    expect((await admin.put(`/api/guarantee/duties/${ids.budget}/params`, { minCount: 3 })).statusCode).toBe(200);

    const again = await t.services.guaranteeImport.importList(
      system,
      reworded({ [VIDEO]: '每周至少三篇，报送至邮箱', [PLANS]: '每周至少一篇', [BUDGET]: '工作日每天维护' }),
      { apply: true },
    );
    expect(again.summary.duties.updated).toBe(3);

    // Nothing set by hand: the new wording's reading, whole.
    expect(await duty(ids.video!)).toMatchObject({
      requirementText: '每周至少三篇，报送至邮箱',
      cadence: 'weekly_min',
      minPerWeek: 3,
      channel: 'email',
    });
    // The cadence follows the wording; the channel and the window chosen by hand stay.
    expect(await duty(ids.plans!)).toMatchObject({
      requirementText: '每周至少一篇',
      cadence: 'weekly_min',
      minPerWeek: 1,
      channel: 'paper',
    });
    expect((await params(ids.plans!)).overrides).toEqual({ window });
    // The cadence and count chosen in the editor outlive wording that says otherwise, and so does the count.
    expect(await duty(ids.budget!)).toMatchObject({
      requirementText: '工作日每天维护',
      cadence: 'weekly_min',
      minPerWeek: 2,
      channel: 'backoffice',
    });
    expect(await params(ids.budget!)).toMatchObject({ overrides: { minCount: 3 }, plan: { minCount: 3 } });
  });

  it('wording confirmed in the editor without 手动设置 drops the choice, not the check parameters', async () => {
    const res = await admin.patch(`/api/duties/${ids.budget}`, { requirementText: '工作日每天维护' });
    expect(res.json()).toMatchObject({ cadence: 'workday_daily', minPerWeek: null, channel: 'backoffice' });
    expect(res.json().rule.manual).toBeUndefined();
    expect((await params(ids.budget!)).overrides).toEqual({ minCount: 3 });
  });

  it('reads a rule stored before the version field and writes it back versioned', async () => {
    await t.services.database.db
      .updateTable('duties')
      .set({
        cadence: 'weekly_min',
        min_per_week: 4,
        channel: 'email',
        rule: JSON.stringify({ cadence: 'weekly_min', minPerWeek: 4, check: { minCount: 5 } }),
      })
      .where('id', '=', ids.video!)
      .execute();
    expect(await duty(ids.video!)).toMatchObject({
      cadence: 'weekly_min',
      minPerWeek: 4,
      channel: 'email',
      rule: { perUnit: true, workdaysOnly: false, warnings: [], check: { minCount: 5 } },
    });
    await t.services.guaranteeImport.importList(system, reworded({ [VIDEO]: '动态维护' }), { apply: true });
    expect(await storedJson(ids.video!)).toMatchObject({ version: 1, cadence: 'dynamic', check: { minCount: 5 } });
  });
});
