import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/harness/app.js';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { multipartFile } from '../../../test/harness/factories.js';
import { composeMail } from '../../../test/harness/mails.js';
import { reviewCounty } from '../../../test/harness/review.js';

// Issue 11 items 1, 2 and 5 through the admin API: an .eml uploaded by hand, the 待认领 claim, a paper
// submission with its scanned 审核表, and one ledger a unit reads for every channel.

const fixture = (...p: string[]) => fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures', ...p));

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
}, 60_000);
afterAll(() => t?.close());

async function upload(c: ApiClient, url: string, name: string, bytes: Buffer) {
  const { payload, headers } = multipartFile(name, bytes);
  return c.request('POST', url, payload, headers);
}

describe('e-mail intake over the API', () => {
  it('an uploaded .eml from an unknown sender waits; the centre claims it, remembering the address', async () => {
    const raw = await composeMail({
      from: '财政局办公室 <cz_office@163.com>',
      subject: '财政信息一则',
      text: '财政信息的正文。',
    });
    const r = await upload(w.c.wz!, '/api/intake/eml', 'mail.eml', raw);
    expect(r.statusCode, r.body).toBe(201);
    const item = r.json().item;
    expect(item).toMatchObject({
      state: 'unclaimed',
      stateLabel: '待认领',
      source: 'upload',
      sender: 'cz_office@163.com',
    });
    const again = await upload(w.c.wz!, '/api/intake/eml', 'mail.eml', raw);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, item: { id: item.id } });

    const queue = await w.c.wz!.get('/api/intake/items?state=unclaimed');
    expect(queue.json().items.map((i: { id: number }) => i.id)).toContain(item.id);
    const claim = await w.c.wz!.post(`/api/intake/items/${item.id}/claim`, {
      unitId: w.units.czj.id,
      columnId: w.columns.notices.id,
      remember: true,
    });
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json()).toMatchObject({ state: 'drafted', unitName: '财政局', columnName: '公告公示' });
    const draft = await w.c.wz!.get(`/api/articles/${claim.json().articleId}`);
    expect(draft.json()).toMatchObject({ title: '财政信息一则', channel: 'email', status: 'draft' });
    const twice = await w.c.wz!.post(`/api/intake/items/${item.id}/claim`, {
      unitId: w.units.czj.id,
      columnId: w.columns.notices.id,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('CONFLICT');
  });

  it('a unit account may not read the queue or upload mail', async () => {
    expect((await w.c.czj!.get('/api/intake/items')).statusCode).toBe(403);
    const raw = await composeMail({ from: 'a@b.cn', subject: 'x', text: 'y' });
    expect((await upload(w.c.czj!, '/api/intake/eml', 'mail.eml', raw)).statusCode).toBe(403);
  });

  it('something that is not a mail is refused in words', async () => {
    const r = await upload(w.c.wz!, '/api/intake/eml', 'x.eml', Buffer.from([0, 1, 2, 3, 0xff, 0xfe]));
    expect(r.statusCode).toBeLessThan(500);
  });

  it('the mailbox settings never send the password back; plain IMAP only to loopback', async () => {
    const body = {
      enabled: true,
      host: 'imap.126.com',
      port: 993,
      security: 'tls',
      user: 'lswzzx@126.com',
      password: 'app-password-1',
      folder: 'INBOX',
      pollSeconds: 300,
      maxMessageMb: 25,
      receipts: true,
      defaultColumnId: null,
    };
    const put = await w.c.wz!.put('/api/intake/mailbox', body);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.body).not.toContain('app-password-1');
    expect(put.json()).toMatchObject({ passwordSet: true, user: 'lswzzx@126.com' });
    const plain = await w.c.wz!.put('/api/intake/mailbox', { ...body, security: 'none' });
    expect(plain.statusCode).toBe(400);
    await w.c.wz!.put('/api/intake/mailbox', { ...body, enabled: false });
  });
});

describe('paper intake and the one ledger', () => {
  it('a paper submission needs the scan; it is a draft flagged paper in the ledger', async () => {
    const scan = await upload(w.c.wz!, '/api/attachments', '审核表.pdf', fixture('sample.pdf'));
    expect(scan.statusCode).toBe(201);
    const missing = await w.c.wz!.post('/api/intake/paper', {
      unitId: w.units.czj.id,
      columnId: w.columns.notices.id,
      receivedOn: '2026-11-02',
      pages: 3,
      title: '纸质报送的通知',
    });
    expect(missing.statusCode).toBe(400);
    const r = await w.c.wz!.post('/api/intake/paper', {
      unitId: w.units.czj.id,
      columnId: w.columns.notices.id,
      receivedOn: '2026-11-02',
      pages: 3,
      scanAttachmentId: scan.json().id,
      title: '纸质报送的通知',
      bodyHtml: '<p>纸质报送的正文。</p>',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ channel: 'paper', channelLabel: '纸质报送', pages: 3, state: 'drafted' });
    const a = await t.services.database.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', r.json().articleId)
      .executeTakeFirstOrThrow();
    expect(a).toMatchObject({ channel: 'paper', review_form_attachment_id: scan.json().id });
    const ledger = await w.c.wz!.get('/api/submissions?channel=paper');
    expect(ledger.json().items[0]).toMatchObject({
      title: '纸质报送的通知',
      channel: 'paper',
      receivedAt: '2026-11-01T16:00:00.000Z',
    });
  });

  it('the unit’s own view lists its submissions of every channel, and only its own', async () => {
    const own = await w.c.czj!.get('/api/submissions');
    expect(own.statusCode).toBe(200);
    const channels = new Set(own.json().items.map((i: { channel: string }) => i.channel));
    expect(channels).toEqual(new Set(['email', 'paper']));
    expect(own.json().items.every((i: { unitId: number }) => i.unitId === w.units.czj.id)).toBe(true);
    expect((await w.c.xw!.get('/api/submissions')).json().items).toEqual([]);
  });

  it('我的报送: the unit reads its own mailed and paper items with their ledger state and reason', async () => {
    const mailed = await t.services.database.db
      .selectFrom('intake_items')
      .select(['id', 'submission_id'])
      .where('subject', '=', '财政信息一则')
      .executeTakeFirstOrThrow();
    // The review returns the mailed item (the review flow writes the ledger; its own tests cover that path).
    await t.services.database.db
      .updateTable('submissions')
      .set({ state: 'returned', reason: '请补充发文字号', decided_at: new Date().toISOString() })
      .where('id', '=', mailed.submission_id!)
      .execute();
    const own = await w.c.czj!.get(`/api/intake/own?unitId=${w.units.xwzx.id}`);
    expect(own.statusCode, own.body).toBe(200);
    const bySubject = (subject: string) => own.json().items.find((i: { subject: string }) => i.subject === subject);
    expect(bySubject('财政信息一则')).toMatchObject({
      channel: 'email',
      state: 'drafted',
      ledgerState: 'returned',
      ledgerStateLabel: '已退回修改',
      ledgerReason: '请补充发文字号',
    });
    expect(bySubject('纸质报送的通知')).toMatchObject({ channel: 'paper', ledgerStateLabel: '已接收' });
    expect(own.json().items.every((i: { unitId: number }) => i.unitId === w.units.czj.id)).toBe(true);
    expect((await w.c.xw!.get('/api/intake/own')).json()).toEqual({ total: 0, items: [] });
  });
});
