import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeAccount, makeColumn, makeSite, makeUnit, PASSWORD, system } from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { chunk } from '../../platform/db/helpers.js';
import { ArticleInput } from '../content/content.schemas.js';
import type { SearchModel } from './portal.service.js';

// Search on the database's own full-text engine, the same expectations on SQLite, PostgreSQL and
// MariaDB (GOVPORTAL_TEST_DIALECTS=all): a fixed corpus, its rankings, counts and every page.

let t: TestApp;
let siteId: number;
let officeId: number;
let envId: number;
let newsId: number;
let policyId: number;
let bulkId: number;

const DAY = 86_400_000;
const BASE = Date.parse('2026-03-01T02:00:00.000Z');

/** A published row written directly (as imports of old sites do), indexed by `reindex` afterwards. */
function row(i: number, title: string, body: string, extra: Record<string, unknown> = {}) {
  const at = new Date(BASE + i * DAY).toISOString();
  return {
    site_id: siteId,
    column_id: newsId,
    unit_id: officeId,
    type: 'news',
    title,
    body_html: `<p>${body}</p>`,
    body_text: body,
    status: 'published',
    published_at: at,
    revision: 1,
    imported: 1,
    is_top: 0,
    created_at: at,
    updated_at: at,
    ...extra,
  };
}

// The fixed corpus: [title, body, extra]; its index in the list is its day (later = newer).
const CORPUS: Array<[string, string, Record<string, unknown>?]> = [
  ['关于开展春季植树活动的通知', '各乡镇：县人民政府决定在涟水县城开展植树。'], // 0
  ['涟水县公示名单', '本次公示自即日起。'], // 1: 涟水 and 公示 side by side
  ['涟水新闻', '县里今天公示了一批项目。'], // 2: scattered
  ['G2京沪高速涟水段施工公告', '京沪高速G2涟水段夜间施工。'], // 3
  ['2026年政府工作报告', '2026年全县经济运行平稳。'], // 4
  ['某化工项目环境影响评价公示', '项目环境影响评价报告书已编制完成。', { column_id: 'env' }], // 5
  ['环评审批结果', '建设项目环评批复。', { column_id: 'env', type: 'notice' }], // 6
  [
    '关于印发工作方案的通知',
    '现将方案印发给你们。',
    { doc_no: '涟政发〔2026〕45号', column_id: 'policy', type: 'document' },
  ], // 7
  ['部门动态', '我局召开会议，研究涟水县城市建设规划，县长出席。'], // 8: 涟水县 in the body only
  ['城市建设', '涟水县城市建设涟水县城市建设涟水县城市建设。'], // 9: body repeats
  ['一网通办', '政务服务一网通办平台上线。'], // 10
  ['水县涟', '倒序的字不算匹配。'], // 11: 水县 and 涟 but not 涟水县
  ['会议纪要', '经过讨论，全体会议研究了今年的防汛部署，并作出安排。'], // 12: 防汛部署 side by side
  ['会议通报', '防汛工作的部署。'], // 13: scattered, shorter and newer
];

const titlesOf = (m: SearchModel) => m.results.map((r) => r.titleHtml.replace(/<\/?mark>/g, ''));
const search = async (q: string, page = 1, filters = {}) =>
  t.services.portal.service.searchPage(await t.services.portal.service.context(undefined), q, page, filters);

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  siteId = (await makeSite(s)).id;
  officeId = (await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' })).id;
  newsId = (await makeColumn(s, siteId, '涟水新闻', null)).id;
  envId = (await makeColumn(s, siteId, '环境保护', null)).id;
  policyId = (await makeColumn(s, siteId, '政策文件', null)).id;
  bulkId = (await makeColumn(s, siteId, '历史信息', null)).id;
  const columns: Record<string, number> = { env: envId, policy: policyId };
  const rows = CORPUS.map(([title, body, extra = {}], i) =>
    row(i, title, body, { ...extra, column_id: columns[extra.column_id as string] ?? newsId }),
  );
  // 3,000 items that all match 历史档案 and 卷宗, a day apart, in a column of their own; five of them
  // (the 6th to the 10th) have 卷宗 in the title too.
  for (let i = 0; i < 3000; i++) {
    const title = `第${i + 1}号历史档案${i >= 5 && i < 10 ? '卷宗' : ''}`;
    rows.push(row(-4000 + i, title, `历史档案正文${i + 1}，卷宗齐全。`, { column_id: bulkId }));
  }
  for (const part of chunk(rows, 200)) await s.database.db.insertInto('articles').values(part).execute();
  const seen: Array<[number, number | null]> = [];
  expect(await s.search.reindex((done, total) => seen.push([done, total]))).toBe(3000 + CORPUS.length);
  expect(seen.at(-1)).toEqual([3000 + CORPUS.length, 3000 + CORPUS.length]);
}, 240_000);

afterAll(async () => t?.close());

describe('site search', () => {
  it('ranks a title match far above body matches, however often the body repeats the term', async () => {
    const m = await search('涟水县');
    const titles = titlesOf(m);
    expect(titles.slice(0, 2)).toEqual(['涟水县公示名单', '城市建设']);
    expect(titles.slice(2).sort()).toEqual(['关于开展春季植树活动的通知', '部门动态'].sort());
    expect(m.total).toBe(4); // 水县涟 has the characters but not the phrase
  });

  it('ranks chunks found side by side before scattered ones', async () => {
    expect(titlesOf(await search('防汛 部署'))).toEqual(['会议纪要', '会议通报']);
  });

  it('finds one- and two-character queries through the index', async () => {
    const one = await search('碍'); // in no text
    expect(one.total).toBe(0);
    const tree = await search('树');
    expect(titlesOf(tree)).toEqual(['关于开展春季植树活动的通知']);
    const ends = await search('涟'); // also at the end of a run (水县涟)
    expect(titlesOf(ends)).toContain('水县涟');
    expect(ends.total).toBe(8);
    const two = await search('公示');
    expect(two.total).toBe(3);
  });

  it('finds Latin letters with digits, years and 文号 written with any brackets', async () => {
    expect(titlesOf(await search('G2 京沪高速'))).toEqual(['G2京沪高速涟水段施工公告']);
    expect(titlesOf(await search('ｇ２京沪'))).toEqual(['G2京沪高速涟水段施工公告']);
    expect(titlesOf(await search('2026年'))).toEqual(['2026年政府工作报告']);
    // Two chunks that each end in a Latin prefix after Han characters (Groonga takes a phrase after a
    // prefix wrongly in one query string: engine-mroonga.ts).
    expect(titlesOf(await search('京沪高速G 高速G2'))).toEqual(['G2京沪高速涟水段施工公告']);
    expect(titlesOf(await search('g2 京沪高速 2026年'))).toEqual([]);
    for (const q of ['涟政发〔2026〕45号', '涟政发[2026]45号', '涟政发(2026)45号'])
      expect(titlesOf(await search(q))).toEqual(['关于印发工作方案的通知']);
  });

  it('applies the abbreviation list both ways, and the office can change it', async () => {
    const both = ['某化工项目环境影响评价公示', '环评审批结果'];
    expect(titlesOf(await search('环评')).sort()).toEqual(both);
    expect(titlesOf(await search('环境影响评价')).sort()).toEqual(both);
    const list = await t.services.search.abbreviationList();
    await t.services.database.db.transaction().execute((trx) =>
      t.services.search.saveAbbreviations(
        trx,
        list.filter((a) => a.term !== '环评'),
      ),
    );
    expect(titlesOf(await search('环评'))).toEqual(['环评审批结果']);
    await t.services.database.db.transaction().execute((trx) => t.services.search.saveAbbreviations(trx, list));
  });

  it('lets the office edit the list through the API, audited, with Chinese messages for bad entries', async () => {
    await makeAccount(t.services, 'searcheditor', officeId, ['site_editor']);
    const api = await ApiClient.login(t.server, 'searcheditor', PASSWORD);
    const before = (await api.get('/api/search/abbreviations')).json() as { items: unknown[]; defaults: unknown[] };
    expect(before.items).toEqual(before.defaults);
    const bad = await api.put('/api/search/abbreviations', { items: [{ term: '  ', expansions: [] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/不能为空|至少填写一个全称/);
    const put = await api.put('/api/search/abbreviations', {
      items: [...before.items, { term: '城建', expansions: ['城市建设'] }],
    });
    expect(put.statusCode).toBe(200);
    expect(titlesOf(await search('城建'))).toEqual(['城市建设', '部门动态']);
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'search.abbreviations_updated')
      .execute();
    expect(audit).toHaveLength(1);
    await api.put('/api/search/abbreviations', { items: before.items });
    expect((await search('城建')).total).toBe(0);
  });

  it('marks the query in the title and the snippet, escaped', async () => {
    const m = await search('环境影响评价');
    const r = m.results.find((x) => x.titleHtml.startsWith('某化工'))!;
    expect(r.titleHtml).toBe('某化工项目<mark>环境影响评价</mark>公示');
    expect(r.snippetHtml).toBe('项目<mark>环境影响评价</mark>报告书已编制完成。');
    const other = m.results.find((x) => x.titleHtml.includes('审批'))!;
    expect(other.snippetHtml).toBe('建设项目<mark>环评</mark>批复。');
  });

  it('filters by column, unit, type and date range', async () => {
    expect(titlesOf(await search('环评', 1, { type: 'notice' }))).toEqual(['环评审批结果']);
    expect((await search('涟水', 1, { columnId: envId })).total).toBe(0);
    expect((await search('公示', 1, { columnId: envId })).total).toBe(1);
    expect((await search('公示', 1, { unitId: officeId })).total).toBe(3);
    expect((await search('公示', 1, { unitId: officeId + 1000 })).total).toBe(0);
    // Day 1 is 2026-03-02 in Shanghai; day 2 is 2026-03-03.
    expect(titlesOf(await search('公示', 1, { fromDay: '2026-03-02', toDay: '2026-03-02' }))).toEqual([
      '涟水县公示名单',
    ]);
    expect((await search('公示', 1, { fromDay: '2026-03-03' })).total).toBe(2);
    // Through the page: the form shows the filters in force, and the result pages keep them.
    const html = (
      await t.server.inject({
        method: 'GET',
        url: `/search?q=${encodeURIComponent('历史档案')}&column=${bulkId}&from=2000-01-01&to=bad`,
      })
    ).body;
    expect(html).toContain('找到 3000 条');
    expect(html).toContain(`<option value="${bulkId}" selected>历史信息</option>`);
    expect(html).toContain('name="from" type="date" value="2000-01-01"');
    expect(html).toContain('name="to" type="date" value=""');
    expect(html).toContain(`column=${bulkId}&amp;from=2000-01-01&amp;page=2`);
  });

  it('counts a 3,000-result query exactly and reaches every page, newest first among equals', async () => {
    const first = await search('历史档案');
    expect(first.total).toBe(3000);
    expect(first.pagination?.pages ?? 0).toBe(300);
    const urls = new Set<string>();
    const titles: string[] = [];
    for (let p = 1; p <= 300; p++) {
      const m = await search('历史档案', p);
      expect(m.total).toBe(3000);
      for (const r of m.results) urls.add(r.url);
      titles.push(...titlesOf(m));
    }
    expect(urls.size).toBe(3000);
    expect(titles[0]).toBe('第3000号历史档案');
    expect(titles.at(-1)).toBe('第1号历史档案');
    const html = (await t.server.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('历史档案')}&page=300` }))
      .body;
    expect(html).toContain('第1号历史档案'.replace('历史档案', '<mark>历史档案</mark>'));
  }, 240_000);

  it('orders a result set too large to rank (over 500) title matches first, then the rest, newest first', async () => {
    const named = (ns: number[], suffix = '') => ns.map((n) => `第${n}号历史档案${suffix}`);
    const first = await search('卷宗');
    expect(first.total).toBe(3000);
    expect(titlesOf(first)).toEqual([...named([10, 9, 8, 7, 6], '卷宗'), ...named([3000, 2999, 2998, 2997, 2996])]);
    expect(titlesOf(await search('卷宗', 2))).toEqual(
      named([2995, 2994, 2993, 2992, 2991, 2990, 2989, 2988, 2987, 2986]),
    );
    // The last page skips the five title matches in the rest's offset: 15…11, then 5…1 (6…10 came first).
    expect(titlesOf(await search('卷宗', 300))).toEqual(named([15, 14, 13, 12, 11, 5, 4, 3, 2, 1]));
    // The same order through the column filter, which looks each match up in `articles`.
    expect(titlesOf(await search('卷宗', 1, { columnId: bulkId }))).toEqual(titlesOf(first));
  });

  it('keeps the index in step with publishing and taking down, in the same transaction', async () => {
    const s = t.services;
    const a = await s.articles.create(
      system,
      ArticleInput.parse({ columnId: newsId, unitId: officeId, title: '独一无二的标题', bodyHtml: '<p>正文</p>' }),
    );
    expect((await search('独一无二')).total).toBe(0);
    await publishForTest(s, a.id);
    expect(titlesOf(await search('独一无二'))).toEqual(['独一无二的标题']);
    await s.publishing.unpublish(system, a.id, '标题有误，下线修改');
    expect((await search('独一无二')).total).toBe(0);
    await s.articles.update(system, a.id, { title: '改过的标题' });
    await publishForTest(s, a.id);
    expect((await search('独一无二')).total).toBe(0);
    expect(titlesOf(await search('改过'))).toEqual(['改过的标题']);
  });
});
