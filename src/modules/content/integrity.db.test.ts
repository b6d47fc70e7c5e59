import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeAccount, makeColumn, makeDuty, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { ArticleInput } from './content.schemas.js';

// The database half of 网页防篡改 (issue 15 item 3): a published item changed by a raw UPDATE, not
// through the application, is found by the worker's check, recorded, told to the website centre, and
// its approved text put back; a change the check cannot undo (where the item is listed) is told once.

let t: TestApp;
let columnId: number;
let otherColumnId: number;
let editorId: number;
let siteId: number;
let id: number;
const TITLE = '关于做好2026年防汛工作的通知';
const BODY = '<p>各乡镇、各部门：请做好防汛准备。</p>';

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s);
  siteId = site.id;
  columnId = (await makeColumn(s, site.id, '通知公告')).id;
  otherColumnId = (await makeColumn(s, site.id, '工作动态')).id;
  const unit = await makeUnit(s, '县水利局');
  await makeDuty(s, columnId, { unitId: unit.id });
  editorId = await makeAccount(s, 'centre_editor', unit.id, ['site_editor']);
  const a = await s.articles.create(
    system,
    ArticleInput.parse({ columnId, unitId: unit.id, title: TITLE, bodyHtml: BODY }),
  );
  id = (await publishForTest(s, a.id)).id;
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.testDb.database.db;
const events = async () =>
  db().selectFrom('audit_log').select(['summary', 'details']).where('action', '=', 'article.tampered').execute();
const notices = async () =>
  db()
    .selectFrom('notifications')
    .select(['title', 'body'])
    .where('kind', '=', 'content.tampered')
    .where('account_id', '=', editorId)
    .execute();

describe('the content tamper check', () => {
  it('finds nothing in items changed only through the application', async () => {
    expect(await t.services.integrity.checkAll()).toEqual([]);
    expect(await events()).toEqual([]);
  });

  it('restores a title and body changed by a raw UPDATE, records it and warns the website centre', async () => {
    await sql`update articles set title = ${'已被篡改的标题'}, body_html = ${'<p>恶意内容</p>'} where id = ${id}`.execute(
      db(),
    );
    const found = await t.services.integrity.checkAll();
    expect(found).toEqual([
      { articleId: id, revision: expect.any(Number), fields: ['title', 'bodyHtml'], restored: true },
    ]);
    const row = await db()
      .selectFrom('articles')
      .select(['title', 'body_html', 'body_text'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: TITLE, body_html: BODY });
    expect(row.body_text).toContain('请做好防汛准备');
    const recorded = await events();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.summary).toContain('已自动恢复');
    const told = await notices();
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('title、bodyHtml');
    // The search index holds the approved text, not the planted one.
    expect((await t.services.search.search('恶意内容', { siteId }, { limit: 10, offset: 0 })).total).toBe(0);
    expect((await t.services.search.search('防汛准备', { siteId }, { limit: 10, offset: 0 })).ids).toEqual([id]);
    // Restored: the next round finds nothing.
    expect(await t.services.integrity.checkAll()).toEqual([]);
  });

  it('reports a change it cannot undo (an extra column planted) once, without repeating it every round', async () => {
    await db().insertInto('article_columns').values({ article_id: id, column_id: otherColumnId }).execute();
    const found = await t.services.integrity.checkAll();
    expect(found).toEqual([
      { articleId: id, revision: expect.any(Number), fields: ['extraColumnIds'], restored: false },
    ]);
    expect(await t.services.integrity.checkAll()).toEqual([]);
    expect(await events()).toHaveLength(2);
    const told = await notices();
    expect(told).toHaveLength(2);
    expect(told.map((n) => n.body).join()).toContain('需人工处理');
  });
});
