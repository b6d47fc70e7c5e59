import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleInput } from '../../src/modules/content/content.schemas.js';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeColumn, makeDuty, makeSite, makeUnit, system } from '../harness/factories.js';
import { publishForTest } from '../harness/publish.js';

// Issue 9 item 7: RSS descriptions carried summaries escaped once for XML, which feed readers then
// rendered as HTML: a summary written as markup became markup in every subscriber's reader.

let t: TestApp;
let path: string;

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s, { hosts: ['www.rss.example.test'] });
  const unit = await makeUnit(s, '订阅测试局');
  const column = await makeColumn(s, site.id, '通知公告');
  await makeDuty(s, column.id, { unitId: unit.id });
  path = column.path;
  const a = await s.articles.create(
    system,
    ArticleInput.parse({
      columnId: column.id,
      unitId: unit.id,
      title: '关于开展安全检查的通知',
      bodyHtml: '<p>正文</p>',
      summary: '<img src=x onerror="alert(1)">请<a href="javascript:alert(2)">点击</a>查看 & 转发',
    }),
  );
  await publishForTest(s, a.id);
});
afterAll(() => t?.close());

/** What a feed reader renders: the element's text after the XML is decoded once. */
const descriptions = (xml: string) =>
  [...xml.matchAll(/<description>([\s\S]*?)<\/description>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );

describe('RSS', () => {
  it('hands feed readers the summary as text, never as markup', async () => {
    const r = await t.server.inject({
      method: 'GET',
      url: `/c/${path}/rss.xml`,
      headers: { host: 'www.rss.example.test' },
    });
    expect(r.statusCode).toBe(200);
    const item = descriptions(r.body)[1]!; // [0] is the channel's
    expect(item).not.toMatch(/<[a-z]/i);
    expect(item).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;请&lt;a href=&quot;javascript:alert(2)&quot;&gt;点击&lt;/a&gt;查看 &amp; 转发',
    );
  });
});
