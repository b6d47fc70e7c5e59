import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import {
  PASSWORD,
  makeAccount,
  makeColumn,
  makeSite,
  makeUnit,
  multipartFile,
} from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { shanghaiDay } from '../../platform/time.js';

// The home page's parts managed from the admin app (issue 16 item 4): 图片新闻 from the items with a
// picture in a chosen column, 专题专栏 banners with their days, 网站链接 groups; the API that saves them
// (permission, validation in Chinese, audit) and what the public home page shows.

let t: TestApp;
let api: ApiClient;
let siteId: number;
let otherSiteColumn: number;
const col: Record<string, number> = {};
const png = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/red.png'));

const get = (url: string) => t.server.inject({ method: 'GET', url });

async function upload(name: string, bytes: Buffer): Promise<number> {
  const { payload, headers } = multipartFile(name, bytes);
  const r = await api.request('POST', '/api/attachments', payload, headers);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function publish(columnId: number, title: string, attachmentIds: number[] = []): Promise<number> {
  const r = await api.post('/api/articles', { columnId, title, bodyHtml: `<p>${title}。</p>`, attachmentIds });
  expect(r.statusCode, r.body).toBe(201);
  await publishForTest(t.services, r.json().id);
  return r.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  siteId = (await makeSite(s)).id;
  const unit = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  col.news = (await makeColumn(s, siteId, '新闻中心')).id;
  col.photos = (await makeColumn(s, siteId, '图片新闻', col.news)).id;
  otherSiteColumn = (await makeColumn(s, (await makeSite(s)).id, '别站栏目')).id;
  await makeAccount(s, 'home_editor', unit.id, ['site_editor']);
  api = await ApiClient.login(t.server, 'home_editor', PASSWORD);
});

afterAll(() => t.close());

describe('home parts', () => {
  it('starts empty and the home page shows none of them', async () => {
    const r = await api.get(`/api/sites/${siteId}/home-parts`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ siteId, pictureColumnId: null, banners: [], linkGroups: [] });
    const home = (await get('/')).body;
    expect(home).not.toContain('class="pictures"');
    expect(home).not.toContain('专题专栏');
    expect(home).not.toContain('网站链接');
  });

  it('refuses what cannot be shown, in Chinese', async () => {
    const pdf = await upload('说明.pdf', fs.readFileSync(path.join(__dirname, '../../../test/fixtures/sample.pdf')));
    const cases: Array<[unknown, string]> = [
      [{ pictureColumnId: otherSiteColumn, banners: [], linkGroups: [] }, '图片新闻栏目不属于本站点'],
      [
        {
          pictureColumnId: null,
          banners: [{ title: '专题', linkUrl: '/c/x/', attachmentId: pdf }],
          linkGroups: [],
        },
        '不是图片文件',
      ],
      [
        {
          pictureColumnId: null,
          banners: [{ title: '专题', linkUrl: 'javascript:alert(1)', attachmentId: pdf }],
          linkGroups: [],
        },
        '专题链接须以 http://、https:// 或 /（站内路径）开头',
      ],
      [
        {
          pictureColumnId: null,
          banners: [],
          linkGroups: [{ name: '部门网站', links: [{ name: '', url: 'https://a.example/' }] }],
        },
        '网站名称不能为空',
      ],
    ];
    for (const [body, message] of cases) {
      const r = await api.put(`/api/sites/${siteId}/home-parts`, body);
      expect(r.statusCode, message).toBe(400);
      expect(r.body).toContain(message);
    }
  });

  it('saves the parts whole, audited, and the home page shows them in order', async () => {
    const today = shanghaiDay(new Date().toISOString());
    const image = await upload('专题.png', png);
    const old = await upload('旧专题.png', png);
    const photo = await upload('现场.png', png);
    await publish(col.photos!, '没有图片的新闻');
    await publish(col.photos!, '县长调研现场', [photo]);
    const body = {
      pictureColumnId: col.photos,
      banners: [
        { title: '学习贯彻党的二十届四中全会精神', linkUrl: '/c/zt/', attachmentId: image, startsOn: today },
        { title: '已结束的专题', linkUrl: 'https://old.example/', attachmentId: old, endsOn: '2020-01-01' },
      ],
      linkGroups: [
        { name: '上级网站', links: [{ name: '中国政府网', url: 'https://www.gov.cn/' }] },
        {
          name: '部门网站',
          links: [
            { name: '县财政局', url: 'https://czj.example.gov.cn/' },
            { name: '县教育局', url: 'https://jyj.example.gov.cn/' },
          ],
        },
      ],
    };
    const r = await api.put(`/api/sites/${siteId}/home-parts`, body);
    expect(r.statusCode, r.body).toBe(200);
    const saved = r.json();
    expect(saved.pictureColumnId).toBe(col.photos);
    expect(saved.banners.map((b: { title: string }) => b.title)).toEqual([
      '学习贯彻党的二十届四中全会精神',
      '已结束的专题',
    ]);
    expect(saved.linkGroups).toEqual(body.linkGroups);
    expect((await api.get(`/api/sites/${siteId}/home-parts`)).json()).toEqual(saved);

    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['summary'])
      .where('action', '=', 'site.home_parts_updated')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('专题专栏 2 个，网站链接 2 组 3 个');

    const home = (await get('/')).body;
    // Picture news: only the item with a picture, its image served from the published item.
    const pictures = /<section class="pictures"[\s\S]*?<\/section>/.exec(home)![0];
    expect(pictures).toContain('县长调研现场');
    expect(pictures).not.toContain('没有图片的新闻');
    const src = /<img src="([^"]+)"/.exec(pictures)![1]!;
    expect((await get(src)).headers['content-type']).toBe('image/png');
    // Banners: only those whose days include today; the image by banner.
    const banners = /<section class="banners"[\s\S]*?<\/section>/.exec(home)![0];
    expect(banners).toContain('alt="学习贯彻党的二十届四中全会精神"');
    expect(banners).not.toContain('已结束的专题');
    const [current, ended] = saved.banners as Array<{ id: number }>;
    expect((await get(`/banners/${current!.id}/image`)).statusCode).toBe(200);
    expect((await get(`/banners/${ended!.id}/image`)).statusCode).toBe(404);
    // Links in their groups' order.
    const links = /<section class="site-links"[\s\S]*?<\/section>/.exec(home)![0];
    expect(links.indexOf('上级网站')).toBeLessThan(links.indexOf('部门网站'));
    expect(links.indexOf('县财政局')).toBeLessThan(links.indexOf('县教育局'));
    expect(links).toContain(
      '<a href="https://www.gov.cn/" rel="noopener noreferrer">中国政府网<span class="sr-only">（外部链接）</span></a>',
    );
  });

  it('is read with site.read and changed with site.write only', async () => {
    const unit = await makeUnit(t.services, '教育局', 'gov_dept', { shortName: '教育局' });
    await makeAccount(t.services, 'home_writer', unit.id, ['unit_officer']);
    const writer = await ApiClient.login(t.server, 'home_writer', PASSWORD);
    const put = await writer.put(`/api/sites/${siteId}/home-parts`, {
      pictureColumnId: null,
      banners: [],
      linkGroups: [],
    });
    expect(put.statusCode).toBe(403);
  });
});
