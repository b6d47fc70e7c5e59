import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeAccount, makeSite, makeUnit, PASSWORD } from '../../../test/harness/factories.js';

// A unit's 政府信息公开指南 (条例第十二条) edited in the admin API and shown on its public page: the unit's
// own only (the 政务公开科 any), bad input refused in words, markup never stored, every change audited;
// and the site's 申请获取政府信息10项指引 page that every unit's page and the nav link to.

let t: TestApp;
const c: Record<string, ApiClient> = {};
const ids: Record<string, number> = {};

const guide = {
  officeName: '涟水县财政局办公室',
  address: '涟水县安东北路1号',
  hours: '工作日 8:30-12:00，14:00-17:30',
  phone: '0517-82000000',
  fax: '0517-82000001',
  email: 'czj@example.gov.cn',
  postcode: '223400',
  guideText:
    '一、政府信息的分类与编排\n本机关政府信息按主题分类编排。\n\n二、获取方式\n可在线申请，也可以当面或者信函提交。',
};

beforeAll(async () => {
  t = await createTestApp({ foiClock: () => new Date('2026-12-01T02:00:00.000Z') });
  const s = t.services;
  await makeSite(s);
  const czj = await makeUnit(s, '财政局');
  const jyj = await makeUnit(s, '教育局');
  const office = await makeUnit(s, '人民政府办公室');
  await makeAccount(s, 'czj', czj.id, ['unit_officer']);
  await makeAccount(s, 'jyj', jyj.id, ['unit_officer']);
  await makeAccount(s, 'gkk', office.id, ['disclosure_reviewer']);
  await makeAccount(s, 'editor', office.id, ['site_editor']);
  for (const name of ['czj', 'jyj', 'gkk', 'editor']) c[name] = await ApiClient.login(t.server, name, PASSWORD);
  Object.assign(ids, { czj: czj.id, jyj: jyj.id });
});
afterAll(() => t.close());

describe('the 政府信息公开指南', () => {
  it('is edited by the unit (or the 政务公开科) and the change is audited', async () => {
    const empty = await c.czj!.get(`/api/foi/units/${ids.czj}/guide`);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ unitId: ids.czj, officeName: null, guideText: null, updatedAt: null });
    expect((await c.jyj!.put(`/api/foi/units/${ids.czj}/guide`, guide)).statusCode).toBe(403);
    expect((await c.jyj!.get(`/api/foi/units/${ids.czj}/guide`)).statusCode).toBe(403);
    expect((await c.editor!.put(`/api/foi/units/${ids.czj}/guide`, guide)).statusCode).toBe(403);
    expect((await c.czj!.put(`/api/foi/units/${ids.czj}/guide`, guide)).statusCode).toBe(204);
    expect((await c.gkk!.get(`/api/foi/units/${ids.czj}/guide`)).json()).toMatchObject({
      ...guide,
      unitName: '涟水县财政局',
    });
    expect((await c.gkk!.get('/api/foi/units/99999/guide')).statusCode).toBe(404);
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['username', 'entity_id'])
      .where('action', '=', 'foi.guide_updated')
      .execute();
    expect(audit).toEqual([{ username: 'czj', entity_id: String(ids.czj) }]);
  });

  it('refuses markup and a malformed e-mail in Chinese and keeps the guide as it was', async () => {
    for (const bad of [
      { ...guide, guideText: '<script>alert(1)</script>' },
      { ...guide, officeName: '<img src=x onerror=alert(1)>' },
      { ...guide, email: 'not-an-address' },
      { ...guide, guideText: '字'.repeat(20001) },
    ]) {
      const res = await c.czj!.put(`/api/foi/units/${ids.czj}/guide`, bad);
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/网页代码|电子邮箱|不能超过/);
    }
    expect((await c.czj!.get(`/api/foi/units/${ids.czj}/guide`)).json()).toMatchObject(guide);
  });

  it('shows on the unit’s public page, in paragraphs, with the link to the 10项指引', async () => {
    const res = await t.server.inject({ url: `/ysqgk/${ids.czj}/` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<p>一、政府信息的分类与编排<br>本机关政府信息按主题分类编排。</p>');
    expect(res.body).toContain('<dt>传真</dt><dd>0517-82000001</dd>');
    expect(res.body).toContain('<dt>电子邮箱</dt><dd>czj@example.gov.cn</dd>');
    expect(res.body).toContain('<a href="/ysqgk/guide/">申请获取政府信息10项指引</a>');
    // the unit now takes applications: it is listed
    expect((await t.server.inject({ url: '/ysqgk/' })).body).toContain(`/ysqgk/${ids.czj}/`);
  });

  it('the 10项指引 page sets out the procedure from the 条例 and says where it comes from', async () => {
    const res = await t.server.inject({ url: '/ysqgk/guide/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>申请获取政府信息10项指引</h1>');
    expect(res.body.match(/<li><h2>/g)).toHaveLength(10);
    expect(res.body).toContain('本页不是国务院办公厅发布的指引原文');
    for (const article of [
      '第二十七条',
      '第二十九条',
      '第三十条',
      '第三十一条',
      '第三十三条',
      '第三十六条',
      '第五十一条',
    ])
      expect(res.body).toContain(article);
  });
});
