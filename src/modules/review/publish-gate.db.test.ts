import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/harness/app.js';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { multipartFile } from '../../../test/harness/factories.js';
import { disclosure, reviewCounty } from '../../../test/harness/review.js';
import { archiveWhatWentOnline } from '../../platform/db/migrations/0005_publish_guard.js';
import { DEFAULT_MODES } from './checks/run-checks.js';

// Issue 8 items 1 and 2: every path that puts an item online — approve and publish, a schedule the
// worker runs, the office leader's emergency publication, publishing again after an edit — passes one
// gate: reviewed (except an emergency), the signed 审核表 for a paper item, and no blocking check on
// the current content under the current settings. Once online, the scan and the files are archived.

const fixture = (...p: string[]) => fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures', ...p));

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
});
afterAll(() => t?.close());
afterEach(async () => {
  // Tests below change the office's settings; each starts from the shipped ones.
  expect((await w.c.wz!.put('/api/settings/check-modes', DEFAULT_MODES)).statusCode).toBe(200);
});

async function upload(c: ApiClient, name: string, bytes: Buffer) {
  const { payload, headers } = multipartFile(name, bytes);
  const r = await c.request('POST', '/api/attachments', payload, headers);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; name: string };
}

/** A paper submission entered by the website centre and approved through the county steps but the last. */
async function paperItem(title: string, attachmentIds: number[] = []) {
  const r = await w.c.wz!.post('/api/articles', {
    columnId: w.columns.notices.id,
    unitId: w.units.czj.id,
    channel: 'paper',
    type: 'announcement',
    title,
    bodyHtml: `<p>${title}内容。</p>`,
    attachmentIds,
  });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as number;
  expect((await w.c.wz!.post(`/api/articles/${id}/submit`, {})).statusCode).toBe(200);
  for (const who of ['gkk', 'gkk2'])
    expect((await w.c[who]!.post(`/api/articles/${id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
  return id;
}

async function item(title: string, bodyHtml = `<p>${title}。</p>`) {
  const r = await w.c.czj!.post('/api/articles', {
    columnId: w.columns.finance.id,
    type: 'document',
    title,
    bodyHtml,
    disclosure,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

/** Submit, answering every warning with a reason, and approve all steps but the last. */
async function toLastStep(id: number) {
  let sub = await w.c.czj!.post(`/api/articles/${id}/submit`, {});
  if (sub.statusCode === 422 && sub.json().code === 'CHECKS_NEED_REASON') {
    const overrides = (sub.json().findings as Array<{ id: number }>).map((f) => ({
      checkId: f.id,
      reason: '引用文件原文，不能改动',
    }));
    sub = await w.c.czj!.post(`/api/articles/${id}/submit`, { overrides });
  }
  expect(sub.statusCode, sub.body).toBe(200);
  for (const who of ['czj_sc', 'czj_zy', 'gkk', 'gkk2'])
    expect((await w.c[who]!.post(`/api/articles/${id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
}

const status = async (id: number) => (await w.c.admin!.get(`/api/articles/${id}`)).json().status as string;
const publicPage = (id: number) => t.server.inject({ url: `/a/${id}.html`, headers: { host: 'www.lianshui.test' } });

describe('a paper item never goes online without its signed 审核表', () => {
  it('approving the last step with publishNow is refused and nothing is published', async () => {
    const id = await paperItem('纸质报送：立即发布');
    const r = await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意发布', publishNow: true });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('审核表》扫描件');
    expect(await status(id)).toBe('in_review');
    expect((await publicPage(id)).statusCode).toBe(404);
  });

  it('approving the last step with a publish time is refused', async () => {
    const id = await paperItem('纸质报送：定时发布');
    const at = new Date(Date.now() + 3600_000).toISOString();
    const r = await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意', publishAt: at });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('扫描件');
    expect(await status(id)).toBe('in_review');
  });

  it('a schedule made before the rule is not run by the worker: the item goes back to 待发布 with the reason', async () => {
    const id = await paperItem('纸质报送：旧的定时');
    expect((await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
    // A schedule that an older version accepted without the scan.
    await t.testDb.database.db
      .updateTable('articles')
      .set({ status: 'scheduled', scheduled_publish_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    const done = await t.services.publishing.runDue();
    expect(done.published).toBe(0);
    const a = (await w.c.admin!.get(`/api/articles/${id}`)).json();
    expect(a).toMatchObject({ status: 'approved', scheduledPublishAt: null });
    expect(a.statusReason).toContain('扫描件');
    expect((await publicPage(id)).statusCode).toBe(404);
    const audit = (await w.c.admin!.get(`/api/audit?entityType=article&entityId=${id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('article.schedule_refused');
    const tasks = (await w.c.wz!.get('/api/notifications')).json();
    expect(tasks.items.some((n: { title: string }) => n.title.includes('纸质报送：旧的定时'))).toBe(true);
  });

  it('the office leader’s emergency publication of a paper item without its scan is refused', async () => {
    const r0 = await w.c.wz!.post('/api/articles', {
      columnId: w.columns.notices.id,
      unitId: w.units.czj.id,
      channel: 'paper',
      type: 'announcement',
      title: '纸质报送：紧急发布',
      bodyHtml: '<p>紧急内容。</p>',
    });
    const id = r0.json().id as number;
    const r = await w.c.ld!.post(`/api/articles/${id}/emergency-publish`, { reason: '防汛紧急通知' });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('扫描件');
    expect(await status(id)).toBe('draft');
  });
});

describe('once online, the scan and the approved files are archived (原件存档备查)', () => {
  it('the scan cannot be deleted; a corrected scan is a new version and the old one stays in the history', async () => {
    const id = await paperItem('纸质报送：存档');
    const scan = await upload(w.c.wz!, '审核表扫描件.png', fixture('red.png'));
    expect((await w.c.wz!.post(`/api/articles/${id}/review-form-scan`, { attachmentId: scan.id })).statusCode).toBe(
      200,
    );
    const r = await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意发布', publishNow: true });
    expect(r.statusCode, r.body).toBe(200);
    expect(await status(id)).toBe('published');
    // The signed form is not a public file.
    expect(
      (await t.server.inject({ url: `/files/${scan.id}/x.png`, headers: { host: 'www.lianshui.test' } })).statusCode,
    ).toBe(404);

    const del = await w.c.wz!.delete(`/api/attachments/${scan.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().message).toContain('存档');

    const corrected = await upload(w.c.wz!, '审核表扫描件（更正）.pdf', fixture('sample.pdf'));
    expect(
      (await w.c.wz!.post(`/api/articles/${id}/review-form-scan`, { attachmentId: corrected.id })).statusCode,
    ).toBe(200);
    const view = (await w.c.wz!.get(`/api/articles/${id}`)).json();
    expect(view.reviewForm).toMatchObject({ id: corrected.id });
    const history = (await w.c.wz!.get(`/api/articles/${id}/attachment-history`)).json() as Array<{
      id: number;
      kind: string;
      current: boolean;
      archivedAt: string | null;
      retiredAt: string | null;
      replacedBy: number | null;
    }>;
    expect(history.find((h) => h.id === scan.id)).toMatchObject({
      kind: 'review_form',
      current: false,
      replacedBy: corrected.id,
      archivedAt: expect.any(String),
      retiredAt: expect.any(String),
    });
    expect(history.find((h) => h.id === corrected.id)).toMatchObject({ kind: 'review_form', current: true });
    expect((await w.c.wz!.delete(`/api/attachments/${scan.id}`)).statusCode).toBe(409);
    expect((await w.c.wz!.get(`/api/attachments/${scan.id}/download`)).statusCode).toBe(200);
    const audit = (await w.c.admin!.get(`/api/audit?entityType=article&entityId=${id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('article.review_form_corrected');
  });

  it('a file of an item that was online stays in its history when a correction drops it, and cannot be deleted', async () => {
    const first = await upload(w.c.czj!, '预算表.pdf', fixture('sample.pdf'));
    const id = (
      await w.c.czj!.post('/api/articles', {
        columnId: w.columns.finance.id,
        type: 'document',
        title: '部门预算公开',
        bodyHtml: '<p>见附件。</p>',
        disclosure,
        attachmentIds: [first.id],
      })
    ).json().id as number;
    await toLastStep(id);
    expect((await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意', publishNow: true })).statusCode).toBe(
      200,
    );
    expect((await w.c.wz!.post(`/api/articles/${id}/unpublish`, { reason: '附件需要更正' })).statusCode).toBe(200);
    const second = await upload(w.c.czj!, '预算表（更正）.pdf', fixture('sample.pdf'));
    const edited = await w.c.czj!.patch(`/api/articles/${id}`, { attachmentIds: [second.id] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().attachments.map((a: { id: number }) => a.id)).toEqual([second.id]);
    const del = await w.c.czj!.delete(`/api/attachments/${first.id}`);
    expect(del.statusCode).toBe(409);
    const history = (await w.c.czj!.get(`/api/articles/${id}/attachment-history`)).json() as Array<{
      id: number;
      current: boolean;
      retiredAt: string | null;
    }>;
    expect(history.map((h) => [h.id, h.current])).toEqual([
      [first.id, false],
      [second.id, true],
    ]);
    // The old version is not served to the public once the item is online again.
    await toLastStep(id);
    expect((await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意', publishNow: true })).statusCode).toBe(
      200,
    );
    const file = (n: number) => t.server.inject({ url: `/files/${n}/x.pdf`, headers: { host: 'www.lianshui.test' } });
    expect((await file(second.id)).statusCode).toBe(200);
    expect((await file(first.id)).statusCode).toBe(404);
    const audit = (await w.c.admin!.get(`/api/audit?entityType=article&entityId=${id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('article.attachment_retired');
    // An item that was online is archived as a whole: it can be taken offline, not deleted.
    await w.c.wz!.post(`/api/articles/${id}/unpublish`, { reason: '到期' });
    const gone = await w.c.czj!.delete(`/api/articles/${id}`);
    expect(gone.statusCode).toBe(409);
    expect(await status(id)).toBe('offline');
  });
});

describe('upgrading a site that published before this release', () => {
  it('gives each scan to its item and archives what went online', async () => {
    const file = await upload(w.c.wz!, '公示附图.png', fixture('red.png'));
    const id = await paperItem('纸质报送：升级前发布', [file.id]);
    const scan = await upload(w.c.wz!, '审核表.png', fixture('red.png'));
    await w.c.wz!.post(`/api/articles/${id}/review-form-scan`, { attachmentId: scan.id });
    const ok = await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意', publishNow: true });
    expect(ok.statusCode, ok.body).toBe(200);
    const db = t.testDb.database.db;
    // The shape an earlier release left: the scan unowned, nothing archived.
    await db.updateTable('attachments').set({ kind: 'file', article_id: null }).where('id', '=', scan.id).execute();
    await db.updateTable('attachments').set({ archived_at: null }).where('id', 'in', [scan.id, file.id]).execute();
    await archiveWhatWentOnline(db);
    const rows = await db
      .selectFrom('attachments')
      .select(['id', 'kind', 'article_id', 'archived_at'])
      .where('id', 'in', [scan.id, file.id])
      .orderBy('id')
      .execute();
    const published = (await w.c.wz!.get(`/api/articles/${id}`)).json().publishedAt as string;
    expect(rows).toEqual([
      { id: file.id, kind: 'file', article_id: id, archived_at: published },
      { id: scan.id, kind: 'review_form', article_id: id, archived_at: published },
    ]);
    expect((await w.c.wz!.delete(`/api/attachments/${scan.id}`)).statusCode).toBe(409);
  });
});

describe('the blocking checks hold on every path, emergency publication included', () => {
  it('an emergency publication of an item with a classification mark and a mobile number is refused', async () => {
    const id = await item('紧急：防汛物资调拨', '<p>机密★1年</p><p>联系人：王建国，手机13905171234。</p>');
    const r = await w.c.ld!.post(`/api/articles/${id}/emergency-publish`, { reason: '汛情紧急' });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('CHECKS_BLOCKED');
    expect(r.json().message).toContain('机密★1年');
    expect(await status(id)).toBe('draft');
    expect((await publicPage(id)).statusCode).toBe(404);
    const home = await t.server.inject({ url: '/', headers: { host: 'www.lianshui.test' } });
    expect(home.body).not.toContain('防汛物资调拨');
    // The reviewers see what was found.
    const checks = (await w.c.czj!.get(`/api/articles/${id}/checks`)).json();
    expect(checks.findings.map((f: { check: string }) => f.check)).toEqual(
      expect.arrayContaining(['classification', 'personal-data']),
    );
  });

  it('an emergency publication skips the people only: warnings pass, the item is flagged 未经审核', async () => {
    const id = await item('紧急：贯彻党中央国务院决策部署', '<p>认真贯彻党中央国务院决策部署。</p>');
    const r = await w.c.ld!.post(`/api/articles/${id}/emergency-publish`, { reason: '上级要求当日发布' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'published', unreviewed: true });
  });

  it('approve-and-publish is judged under the settings of the moment, not those of the submission', async () => {
    const id = await item('贯彻党中央国务院决策部署的通知', '<p>认真贯彻党中央国务院决策部署。</p>');
    await toLastStep(id); // the warning answered with a reason
    expect((await w.c.wz!.put('/api/settings/check-modes', { 'wrong-expression': 'block' })).statusCode).toBe(200);
    const r = await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意', publishNow: true });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('CHECKS_BLOCKED');
    expect(await status(id)).toBe('in_review');
  });

  it('the worker does not publish a scheduled item that a check now blocks; it says why', async () => {
    const id = await item('定时：贯彻党中央国务院决策部署', '<p>认真贯彻党中央国务院决策部署。</p>');
    await toLastStep(id);
    const at = new Date(Date.now() + 3600_000).toISOString();
    const r = await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意', publishAt: at });
    expect(r.statusCode, r.body).toBe(200);
    expect(await status(id)).toBe('scheduled');
    expect((await w.c.wz!.put('/api/settings/check-modes', { 'wrong-expression': 'block' })).statusCode).toBe(200);
    await t.testDb.database.db
      .updateTable('articles')
      .set({ scheduled_publish_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    expect((await t.services.publishing.runDue()).published).toBe(0);
    const a = (await w.c.admin!.get(`/api/articles/${id}`)).json();
    expect(a.status).toBe('approved');
    expect(a.statusReason).toContain('错误表述');
    expect((await publicPage(id)).statusCode).toBe(404);
  });

  it('publishing again after an edit passes the same gate', async () => {
    const id = await item('再次发布的通知');
    await toLastStep(id);
    expect((await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意', publishNow: true })).statusCode).toBe(
      200,
    );
    await w.c.wz!.post(`/api/articles/${id}/unpublish`, { reason: '补充内容' });
    expect(
      (await w.c.czj!.patch(`/api/articles/${id}`, { bodyHtml: '<p>认真贯彻党中央国务院决策部署。</p>' })).statusCode,
    ).toBe(200);
    await toLastStep(id);
    expect((await w.c.ld!.post(`/api/articles/${id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
    expect(await status(id)).toBe('approved');
    expect((await w.c.wz!.put('/api/settings/check-modes', { 'wrong-expression': 'block' })).statusCode).toBe(200);
    const r = await w.c.wz!.post(`/api/articles/${id}/publish`);
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('CHECKS_BLOCKED');
    expect(await status(id)).toBe('approved');
  });

  it('classification marks and ID and bank numbers block whatever the settings say', async () => {
    expect(
      (await w.c.wz!.put('/api/settings/check-modes', { classification: 'off', 'personal-data': 'off' })).statusCode,
    ).toBe(200);
    const id = await item('补贴名单', '<p>秘密★5年</p><p>张三，身份证号320826197803150015。</p>');
    const r = await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('CHECKS_BLOCKED');
    const kinds = (r.json().findings as Array<{ check: string; excerpt: string }>).map((f) => f.excerpt);
    expect(kinds).toEqual(expect.arrayContaining(['秘密★5年', '320826197803150015']));
    const modes = (await w.c.czj!.get('/api/settings/check-modes')).json() as Array<{
      check: string;
      always: string | null;
    }>;
    expect(modes.find((m) => m.check === 'classification')!.always).toContain('密级标志');
  });
});
