import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/harness/app.js';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { multipartFile } from '../../../test/harness/factories.js';
import { disclosure, reviewCounty } from '../../../test/harness/review.js';

// Issue 9 item 3: every reference to another object in a write is checked with the same scope as
// reading it. A unit account names only what it could read: its unit's items and files (and, for
// items, what the public site shows anyway); anything else is "not found", exactly like reading it.

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures', name));

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;
let draftOfNews: number; // 新闻中心's unpublished draft
const SECRET_TITLE = '新闻中心内部草稿：尚未公开的人事安排';

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
  const r = await w.c.xw!.post('/api/articles', {
    columnId: w.columns.lsxw.id,
    type: 'news',
    title: SECRET_TITLE,
    bodyHtml: '<p>草稿。</p>',
  });
  expect(r.statusCode, r.body).toBe(201);
  draftOfNews = r.json().id;
});
afterAll(() => t?.close());

async function upload(c: ApiClient, name: string, bytes: Buffer) {
  const { payload, headers } = multipartFile(name, bytes);
  const r = await c.request('POST', '/api/attachments', payload, headers);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

const policyItem = (extra: Record<string, unknown> = {}) => ({
  columnId: w.columns.finance.id,
  type: 'document',
  title: '图解：2026年财政预算',
  bodyHtml: '<p>解读。</p>',
  disclosure,
  ...extra,
});

describe('解读 links (interpretsPolicyIds)', () => {
  it('an officer cannot name another unit’s draft: the answer is the same as for an id that does not exist', async () => {
    const named = await w.c.czj!.post('/api/articles', policyItem({ interpretsPolicyIds: [draftOfNews] }));
    const missing = await w.c.czj!.post('/api/articles', policyItem({ interpretsPolicyIds: [999_999] }));
    expect(named.statusCode).toBe(400);
    expect(named.body).not.toContain(SECRET_TITLE);
    expect(named.json().message).toBe(missing.json().message);
    const mine = (await w.c.czj!.post('/api/articles', policyItem())).json().id as number;
    const patched = await w.c.czj!.patch(`/api/articles/${mine}`, { interpretsPolicyIds: [draftOfNews] });
    expect(patched.statusCode).toBe(400);
    expect(patched.body).not.toContain(SECRET_TITLE);
  });

  it('an officer may name a published item of another unit (the public site shows it to anyone)', async () => {
    const pub = (
      await w.c.xw!.post('/api/articles', {
        columnId: w.columns.lsxw.id,
        type: 'news',
        title: '县政府召开常务会议',
        bodyHtml: '<p>会议。</p>',
      })
    ).json().id as number;
    expect((await w.c.xw!.post(`/api/articles/${pub}/submit`, {})).statusCode).toBe(200);
    expect((await w.c.xw_ld!.post(`/api/articles/${pub}/approve`, { opinion: '同意' })).statusCode).toBe(200);
    const r = await w.c.czj!.post('/api/articles', policyItem({ interpretsPolicyIds: [pub] }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().policies).toEqual([{ id: pub, title: '县政府召开常务会议', status: 'published' }]);
  });

  it('a link the website centre made to another unit’s draft is neither shown to the unit nor lost by its save', async () => {
    const mine = (await w.c.czj!.post('/api/articles', policyItem({ title: '财政局的政策文件' }))).json().id as number;
    // The centre links the unit's item to 新闻中心's draft, and writes a draft 解读 of the unit's item for 政府办.
    const linked = await w.c.wz!.patch(`/api/articles/${mine}`, { interpretsPolicyIds: [draftOfNews] });
    expect(linked.statusCode, linked.body).toBe(200);
    const theirs = await w.c.wz!.post('/api/articles', {
      columnId: w.columns.finance.id,
      unitId: w.units.office.id,
      type: 'document',
      title: '政府办起草中的解读',
      bodyHtml: '<p>解读。</p>',
      disclosure,
      interpretsPolicyIds: [mine],
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const seen = await w.c.czj!.get(`/api/articles/${mine}`);
    expect(seen.body).not.toContain(SECRET_TITLE);
    expect(seen.body).not.toContain('政府办起草中的解读');
    expect(seen.json()).toMatchObject({ policies: [], interpretations: [] });
    // The unit saves what it sees (no links); the centre's link stays.
    expect((await w.c.czj!.patch(`/api/articles/${mine}`, { interpretsPolicyIds: [] })).statusCode).toBe(200);
    const all = (await w.c.wz!.get(`/api/articles/${mine}`)).json();
    expect(all.policies.map((p: { id: number }) => p.id)).toEqual([draftOfNews]);
  });
});

describe('files named in a write', () => {
  it('review-form-scan does not accept another unit’s file; the unit’s own scan is accepted', async () => {
    const paper = await w.c.wz!.post('/api/articles', {
      columnId: w.columns.notices.id,
      unitId: w.units.czj.id,
      channel: 'paper',
      type: 'announcement',
      title: '财政局纸质报送的公示',
      bodyHtml: '<p>公示。</p>',
    });
    const id = paper.json().id as number;
    const foreign = await upload(w.c.xw!, '新闻中心的文件.png', fixture('red.png'));
    const refused = await w.c.czj!.post(`/api/articles/${id}/review-form-scan`, { attachmentId: foreign });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain('新闻中心的文件');
    const own = await upload(w.c.czj!, '审核表.png', fixture('red.png'));
    const ok = await w.c.czj!.post(`/api/articles/${id}/review-form-scan`, { attachmentId: own });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().reviewForm).toMatchObject({ id: own, name: '审核表.png' });
    // A scan is not an attachment anyone can reuse, not even its own unit on another item.
    const reuse = await w.c.czj!.post('/api/articles', policyItem({ attachmentIds: [own] }));
    expect(reuse.statusCode).toBe(400);
  });

  it('an officer reads and keeps the files the website centre attached to the unit’s item', async () => {
    const file = await upload(w.c.wz!, '中心上传的附件.png', fixture('red.png'));
    const id = (
      await w.c.wz!.post('/api/articles', {
        ...policyItem({ title: '中心代录的预算公开' }),
        unitId: w.units.czj.id,
        attachmentIds: [file],
      })
    ).json().id as number;
    expect((await w.c.czj!.get(`/api/attachments/${file}`)).statusCode).toBe(200);
    const saved = await w.c.czj!.patch(`/api/articles/${id}`, {
      title: '中心代录的预算公开（修改）',
      attachmentIds: [file],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().attachments.map((a: { id: number }) => a.id)).toEqual([file]);
    // Another unit still cannot read it, nor name it.
    expect((await w.c.xw!.get(`/api/attachments/${file}`)).statusCode).toBe(404);
  });
});

describe('links in the body', () => {
  it('the dead-link check tells another unit’s unpublished file from a missing one no better than reading would', async () => {
    const foreign = await upload(w.c.xw!, '新闻中心未发布的文件.png', fixture('red.png'));
    const id = (
      await w.c.czj!.post(
        '/api/articles',
        policyItem({
          title: '带链接的信息',
          bodyHtml: `<p><a href="/api/attachments/${foreign}/download">甲</a>，<a href="/api/attachments/999999/download">乙</a>，<a href="/a/${draftOfNews}.html">丙</a></p>`,
        }),
      )
    ).json().id as number;
    const findings = (await w.c.czj!.get(`/api/articles/${id}/checks`)).json().findings as Array<{
      check: string;
      excerpt: string;
    }>;
    expect(findings.filter((f) => f.check === 'dead-link').map((f) => f.excerpt)).toEqual(['甲', '乙', '丙']);
  });
});

describe('review decisions on another unit’s item', () => {
  it('a unit leader of another unit gets "not found", whatever state the item is in', async () => {
    const id = (await w.c.czj!.post('/api/articles', policyItem({ title: '财政局送审中的信息' }))).json().id as number;
    const onDraft = await w.c.xw_ld!.post(`/api/articles/${id}/approve`, { opinion: '同意' });
    expect((await w.c.czj!.post(`/api/articles/${id}/submit`, {})).statusCode).toBe(200);
    const inReview = await w.c.xw_ld!.post(`/api/articles/${id}/approve`, { opinion: '同意' });
    const missing = await w.c.xw_ld!.post('/api/articles/999999/approve', { opinion: '同意' });
    for (const r of [onDraft, inReview]) {
      expect(r.statusCode).toBe(404);
      expect(r.json().message).toBe(missing.json().message);
    }
    for (const action of ['return', 'reject'])
      expect((await w.c.xw_ld!.post(`/api/articles/${id}/${action}`, { reason: '不同意' })).statusCode).toBe(404);
    // The unit's own leader acts as before.
    expect((await w.c.czj_sc!.post(`/api/articles/${id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
  });
});

describe('units named by the county', () => {
  it('an item for a unit that does not exist is refused with a message, not a server error', async () => {
    const r = await w.c.wz!.post('/api/articles', policyItem({ unitId: 999_999 }));
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('单位不存在');
  });
});
