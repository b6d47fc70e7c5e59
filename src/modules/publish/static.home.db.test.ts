import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import {
  PASSWORD,
  makeAccount,
  makeColumn,
  makeSite,
  makeUnit,
  multipartFile,
  system,
} from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { shanghaiDay } from '../../platform/time.js';
import { ArticleInput } from '../content/content.schemas.js';

// The home page's parts (专题专栏 banners, 网站链接, 图片新闻) show on the home page only: saving them
// rewrites that one file, not the whole site (which at 100,000 items is a quarter of an hour of
// rendering); and a banner whose first or last day comes shows or goes on the static home page that
// day, though nobody saved anything (the hourly round of `home.banner-days`).

let t: TestApp;
let dir: string;
let code: string;
let siteId: number;
let attachmentId: number;
let api: ApiClient;
let policies: { id: number; path: string };
const PNG = fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/red.png'));
const HOST = 'www.static-home.example.test';
const sp = () => t.services.staticPublishing;
const homeFile = () => fs.readFileSync(path.join(dir, code, 'index.html'), 'utf8');
const day = (offset: number) => shanghaiDay(new Date(Date.now() + offset * 86_400_000));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-static-home-'));
  t = await createTestApp({ staticPublish: { enabled: true, dir, scanMinutes: 30 } });
  const s = t.services;
  const site = await makeSite(s, { hosts: [HOST] });
  code = site.code;
  siteId = site.id;
  const unitId = (await makeUnit(s, '县政府办公室')).id;
  const news = await makeColumn(s, siteId, '新闻中心');
  const open = await makeColumn(s, siteId, '政务公开');
  const statutory = await makeColumn(s, siteId, '法定主动公开内容', open.id);
  policies = await makeColumn(s, siteId, '政策文件', statutory.id);
  for (const [columnId, title] of [
    [news.id, '第一条新闻'],
    [news.id, '第二条新闻'],
    [policies.id, '一份政策文件'],
  ] as const) {
    const a = await s.articles.create(
      system,
      ArticleInput.parse({ columnId, unitId, title, bodyHtml: `<p>${title}。</p>` }),
    );
    await publishForTest(s, a.id);
  }
  await makeAccount(s, 'home_static', unitId, ['site_editor']);
  api = await ApiClient.login(t.server, 'home_static', PASSWORD);
  const { payload, headers } = multipartFile('专题.png', PNG);
  attachmentId = (await api.request('POST', '/api/attachments', payload, headers)).json().id;
  // The publishes above queued their own regeneration; it runs after commit, so wait for it before the
  // full run, and before the tests count what a save renders.
  await sp().publisher.idle();
  await sp().publisher.regenerateAll();
  await sp().publisher.idle();
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function saveParts(body: unknown) {
  const r = await api.put(`/api/sites/${siteId}/home-parts`, body);
  expect(r.statusCode, r.body).toBe(200);
}

describe('the home page parts on the static site', () => {
  it('saving them renders the home page alone', async () => {
    const render = vi.spyOn(sp().renderer, 'render');
    await saveParts({
      pictureColumnId: null,
      banners: [{ title: '学习贯彻专题', linkUrl: '/c/zt/', attachmentId, startsOn: null, endsOn: null }],
      linkGroups: [{ name: '部门网站', links: [{ name: '县教育局', url: 'https://jyj.example.gov.cn/' }] }],
    });
    await sp().publisher.idle();
    expect(render.mock.calls.map((c) => c[1])).toEqual([{ kind: 'home' }]);
    render.mockRestore();
    expect(homeFile()).toContain('学习贯彻专题');
    expect(homeFile()).toContain('县教育局');
    // Byte for byte what Node serves at / (the static renderer once left the home parts out).
    const node = await t.server.inject({ method: 'GET', url: '/', headers: { host: HOST } });
    expect(homeFile()).toBe(node.body);
  });

  it('shows a banner on its first day and drops it after its last, without a save', async () => {
    await saveParts({
      pictureColumnId: null,
      banners: [
        { title: '明天开始的专题', linkUrl: '/c/a/', attachmentId, startsOn: day(1), endsOn: null },
        { title: '今天结束的专题', linkUrl: '/c/b/', attachmentId, startsOn: null, endsOn: day(0) },
      ],
      linkGroups: [],
    });
    await sp().publisher.idle();
    expect(homeFile()).not.toContain('明天开始的专题');
    expect(homeFile()).toContain('今天结束的专题');
    // A day passes: the start is today and the end was yesterday (the rows moved back a day).
    const db = t.services.database.db;
    await db
      .updateTable('home_banners')
      .set({ starts_on: day(0) })
      .where('title', '=', '明天开始的专题')
      .execute();
    await db
      .updateTable('home_banners')
      .set({ ends_on: day(-1) })
      .where('title', '=', '今天结束的专题')
      .execute();
    const render = vi.spyOn(sp().renderer, 'render');
    await t.services.worker.runNow('home.banner-days');
    await sp().publisher.idle();
    expect(render.mock.calls.map((c) => c[1])).toEqual([{ kind: 'home' }]);
    render.mockRestore();
    expect(homeFile()).toContain('明天开始的专题');
    expect(homeFile()).not.toContain('今天结束的专题');
    const audit = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'site.home_banners_rolled')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual([expect.stringContaining('专题专栏')]);
  });

  it('writes a deep section’s pages with their 目录, as Node serves them', async () => {
    const file = fs.readFileSync(path.join(dir, code, 'c', policies.path, 'index.html'), 'utf8');
    const node = await t.server.inject({ method: 'GET', url: `/c/${policies.path}/`, headers: { host: HOST } });
    expect(file).toContain('法定主动公开内容');
    expect(file).toBe(node.body);
  });
});
