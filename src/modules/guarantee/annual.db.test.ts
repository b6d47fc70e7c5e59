import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeColumn, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { backdate, insertArticle } from './guarantee.test-helpers.js';

// Issue 8 item 8: the annual figures (政府网站工作年度报表) count each 专题 as one. The shipped list puts
// its 8 专题 under a 专题 column of 首页栏目; that directory is not itself a 专题, and a 专题's own
// sub-columns are not 专题 of their own.

let t: TestApp;
let siteId: number;
const topic: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s, { isDefault: true });
  siteId = site.id;
  const list = fs.readFileSync(path.join(import.meta.dirname, '../../../seed/guarantee-list.csv'));
  await s.guaranteeImport.importList(system, list, { siteId, apply: true });
  const all = await s.columns.listBySite(siteId);
  for (const c of all) topic[c.name] = c.id;
  // A 专题 built by hand with sub-columns of its own, opened in 2026, and a mirror of one of the 8.
  const sxch = await makeColumn(s, siteId, '扫黑除恶专项斗争', null, { kind: 'topic' });
  topic.sxchNews = (await makeColumn(s, siteId, '工作动态', sxch.id, { kind: 'topic' })).id;
  await makeColumn(s, siteId, '双拥（转载）', null, { kind: 'topic', sourceColumnId: topic.双拥工作专栏 });
  await backdate(
    s,
    'columns',
    all.map((c) => c.id),
    '2025-03-01T00:00:00.000Z',
  );
  const unit = await makeUnit(s, '测试局');
  for (const [name, at] of [
    ['双拥工作专栏', '2026-03-02T02:00:00.000Z'],
    ['双拥工作专栏', '2026-05-02T02:00:00.000Z'],
    ['水质监测报告', '2026-06-02T02:00:00.000Z'],
    ['校外培训机构专项治理', '2026-09-02T02:00:00.000Z'],
    ['建设项目环评公示', '2025-12-31T15:59:00.000Z'], // 2025-12-31 23:59 in Shanghai: the year before
    ['sxchNews', '2026-10-02T02:00:00.000Z'],
  ] as const)
    await insertArticle(s, { siteId, columnId: topic[name]!, unitId: unit.id, publishedAt: at });
});
afterAll(() => t?.close());

describe('annual figures: 专栏专题', () => {
  it('counts each of the 8 专题 of the shipped list as one, and a 专题 with sub-columns once', async () => {
    const r = await t.services.guarantee.annual.figures(system, 2026, siteId);
    expect(r.topics.columns.map((c) => c.name).sort()).toEqual(
      [
        '涟水县预决算公开平台',
        '行政许可与行政处罚等信用信息公示专栏',
        '水质监测报告',
        '建设项目环评公示',
        '涟水县领导干部“三进三帮”活动',
        '双拥工作专栏',
        '涟水县政府采购计划申报专栏',
        '校外培训机构专项治理',
        '扫黑除恶专项斗争',
      ].sort(),
    );
    const by = new Map(r.topics.columns.map((c) => [c.name, c.items]));
    expect(by.get('双拥工作专栏')).toBe(2);
    expect(by.get('扫黑除恶专项斗争')).toBe(1);
    expect(by.get('建设项目环评公示')).toBe(0);
    // Updated in 2026: 双拥, 水质监测, 校外培训, 扫黑除恶; opened in 2026: 扫黑除恶 only.
    expect(r.topics).toMatchObject({ maintained: 4, created: 1 });
  });
});
