import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeSite, makeUnit } from '../../../test/harness/factories.js';

let t: TestApp;
let admin: ApiClient;
let siteId: number;

beforeAll(async () => {
  t = await createTestApp();
  siteId = (await makeSite(t.services)).id;
  const unit = await makeUnit(t.services, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  await makeAccount(t.services, 'admin', unit.id, ['sysadmin']);
  admin = await ApiClient.login(t.server, 'admin', PASSWORD);
});
afterAll(() => t?.close());

const create = async (name: string, parentId: number | null, extra: Record<string, unknown> = {}) => {
  const r = await admin.post('/api/columns', { siteId, parentId, name, ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; path: string; slug: string; sortOrder: number };
};
const ancestors = async (id: number) =>
  ((await admin.get(`/api/columns/${id}`)).json().ancestors as Array<{ name: string }>).map((a) => a.name);

describe('the column tree', () => {
  it('gives pinyin-initial slugs, unique among siblings, and slug paths from the root', async () => {
    const gk = await create('政务公开', null);
    expect(gk.path).toBe('zwgk');
    const a = await create('政府文件', gk.id);
    const b = await create('政府文件', gk.id);
    expect([a.path, b.path]).toEqual(['zwgk/zfwj', 'zwgk/zfwj2']);
    const explicit = await admin.post('/api/columns', { siteId, parentId: gk.id, name: '另一个', slug: 'zfwj' });
    expect(explicit.statusCode).toBe(400);
    expect(explicit.json().message).toContain('zfwj');
  });

  it('moves a subtree under another parent, rewriting paths and ancestors of every descendant', async () => {
    const news = await create('新闻中心', null);
    const dept = await create('部门动态', news.id);
    const sub = await create('财政动态', dept.id);
    const deep = await create('预算执行', sub.id);
    const other = await create('专题专栏', null);
    const moved = await admin.post(`/api/columns/${dept.id}/move`, { parentId: other.id, sortOrder: 0 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().path).toBe('ztzl/bmdt');
    expect(await ancestors(deep.id)).toEqual(['专题专栏', '部门动态', '财政动态', '预算执行']);
    expect((await admin.get(`/api/columns/${deep.id}`)).json().path).toBe('ztzl/bmdt/czdt/yszx');
    // The closure table agrees with the parent links.
    const closure = await t.services.database.db
      .selectFrom('column_closure')
      .selectAll()
      .where('descendant_id', '=', deep.id)
      .orderBy('depth')
      .execute();
    expect(closure.map((c) => [c.ancestor_id, c.depth])).toEqual([
      [deep.id, 0],
      [sub.id, 1],
      [dept.id, 2],
      [other.id, 3],
    ]);
  });

  it('refuses to move a column under itself or its descendants', async () => {
    const p = await create('父栏目', null);
    const c = await create('子栏目', p.id);
    const r = await admin.post(`/api/columns/${p.id}/move`, { parentId: c.id, sortOrder: 0 });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('下级');
  });

  it('reorders siblings by drag position', async () => {
    const p = await create('排序', null);
    const [x, y, z] = [await create('甲', p.id), await create('乙', p.id), await create('丙', p.id)];
    await admin.post(`/api/columns/${z.id}/move`, { parentId: p.id, sortOrder: 0 });
    const tree = (await admin.get(`/api/sites/${siteId}/columns`)).json() as Array<{
      id: number;
      children: Array<{ id: number }>;
    }>;
    expect(tree.find((n) => n.id === p.id)!.children.map((c) => c.id)).toEqual([z.id, x.id, y.id]);
  });

  it('keeps other fields on a partial update and validates link columns', async () => {
    const c = await create('外链示例', null, { kind: 'link', linkUrl: 'https://www.gov.cn/', inNav: false });
    const u = await admin.patch(`/api/columns/${c.id}`, { name: '中国政府网' });
    expect(u.json()).toMatchObject({ name: '中国政府网', kind: 'link', linkUrl: 'https://www.gov.cn/', inNav: false });
    expect((await admin.patch(`/api/columns/${c.id}`, { linkUrl: null })).statusCode).toBe(400);
    expect(
      (await admin.post('/api/columns', { siteId, parentId: null, name: '缺链接', kind: 'link' })).statusCode,
    ).toBe(400);
  });

  it('refuses to delete a column that still has sub-columns, and audits deletions', async () => {
    const p = await create('待删除', null);
    const c = await create('待删除子栏目', p.id);
    expect((await admin.delete(`/api/columns/${p.id}`)).statusCode).toBe(409);
    expect((await admin.delete(`/api/columns/${c.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/columns/${p.id}`)).statusCode).toBe(204);
    const audit = await t.services.audit.list({ action: 'column.deleted', limit: 10, offset: 0 });
    expect(audit.rows.map((r) => r.summary)).toEqual(expect.arrayContaining([expect.stringContaining('待删除')]));
  });
});

describe('sites', () => {
  it('keeps host names unique across sites and answers the site by host', async () => {
    const a = await admin.post('/api/sites', {
      name: '涟水县高沟镇',
      code: 'gaogou',
      hosts: ['gaogou.lianshui.test'],
      siteCode: '3208260101',
    });
    expect(a.statusCode, a.body).toBe(201);
    const dup = await admin.post('/api/sites', { name: '重复', code: 'dup', hosts: ['gaogou.lianshui.test'] });
    expect(dup.statusCode).toBe(409);
    expect((await t.services.sites.forHost('gaogou.lianshui.test'))!.code).toBe('gaogou');
    const bad = await admin.post('/api/sites', { name: '坏标识码', code: 'bad', siteCode: '123' });
    expect(bad.json().message).toContain('10 位');
  });
});
