import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeSite, makeUnit } from '../../../test/harness/factories.js';
import { insertLetter } from './letters.test-helpers.js';

// Issue 12, the admin side around the loop: the list's filters asked of the database, a letter's
// attachments for those who handle it, the mailboxes' 办理时限 and 部门信箱, the public forms' blacklist.

let t: TestApp;
let office: ApiClient;
let officer: ApiClient;
let otherOfficer: ApiClient;
let editor: ApiClient;
let unitId: number;
let otherUnitId: number;
const now = new Date('2025-10-20T02:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp({ interactionClock: () => now });
  await makeSite(t.services);
  const hotline = await makeUnit(t.services, '12345政府公共服务热线办公室', 'gov_dept');
  unitId = (await makeUnit(t.services, '卫生健康局')).id;
  otherUnitId = (await makeUnit(t.services, '民政局')).id;
  await makeAccount(t.services, 'rx12345', hotline.id, ['hotline_operator']);
  await makeAccount(t.services, 'wjj_xxy', unitId, ['unit_officer']);
  await makeAccount(t.services, 'mzj_xxy', otherUnitId, ['unit_officer']);
  await makeAccount(t.services, 'web_editor', otherUnitId, ['site_editor']);
  office = await ApiClient.login(t.server, 'rx12345', PASSWORD);
  officer = await ApiClient.login(t.server, 'wjj_xxy', PASSWORD);
  otherOfficer = await ApiClient.login(t.server, 'mzj_xxy', PASSWORD);
  editor = await ApiClient.login(t.server, 'web_editor', PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('the letters list filters in the query', () => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const late = { reply_due: '2025-10-10T16:00:00.000Z' };
    const running = { reply_due: '2025-10-30T16:00:00.000Z' };
    ids.lateUnit = await insertLetter(t.services, '超期一', 'assigned', { lead_unit_id: unitId, ...late });
    ids.lateOther = await insertLetter(t.services, '超期二', 'drafted', { lead_unit_id: otherUnitId, ...late });
    ids.onTime = await insertLetter(t.services, '未超期', 'assigned', { lead_unit_id: unitId, ...running });
    ids.answeredLate = await insertLetter(t.services, '已答复', 'answered', { lead_unit_id: unitId, ...late });
    ids.notAccepted = await insertLetter(t.services, '待受理超期', 'received', {
      accept_due: '2025-10-01T16:00:00.000Z',
    });
    ids.helped = await insertLetter(t.services, '会办', 'assigned', {
      lead_unit_id: otherUnitId,
      helper_unit_ids: JSON.stringify([unitId]),
      ...running,
    });
  });
  const idsOf = (r: { json(): { items: Array<{ id: number }> } }) =>
    r
      .json()
      .items.map((i) => i.id)
      .sort();

  it('overdue: the running deadline passed (受理 or 答复), answered letters never', async () => {
    const r = await office.get('/api/letters?overdue=true');
    expect(idsOf(r)).toEqual([ids.lateUnit, ids.lateOther, ids.notAccepted].sort());
    expect(r.json().items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect(r.json().total).toBe(3);
  });

  it('by lead unit, combined with overdue; a unit stays in its own scope', async () => {
    expect(idsOf(await office.get(`/api/letters?unitId=${unitId}`))).toEqual(
      [ids.lateUnit, ids.onTime, ids.answeredLate].sort(),
    );
    expect(idsOf(await office.get(`/api/letters?unitId=${unitId}&overdue=1`))).toEqual([ids.lateUnit]);
    // The unit asking for another unit's letters gets only those it helps with.
    expect(idsOf(await officer.get(`/api/letters?unitId=${otherUnitId}`))).toEqual([ids.helped]);
  });

  it('pages with a total over all pages; bad values are refused in Chinese', async () => {
    const p1 = (await office.get('/api/letters?limit=4&offset=0')).json();
    const p2 = (await office.get('/api/letters?limit=4&offset=4')).json();
    expect(p1.total).toBe(6);
    expect(p1.items).toHaveLength(4);
    expect(p2.items).toHaveLength(2);
    expect(new Set([...p1.items, ...p2.items].map((i: { id: number }) => i.id)).size).toBe(6);
    const bad = await office.get('/api/letters?overdue=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/overdue/);
  });
});

describe('a letter’s attachments', () => {
  let id: number;
  let fileId: number;
  beforeAll(async () => {
    id = await insertLetter(t.services, '附件来信', 'assigned', { lead_unit_id: unitId });
    const stored = await t.services.blobs.put(Buffer.from('%PDF-1.4 材料'));
    fileId = await t.services.interaction.repo.insertAttachment(
      {
        letter_id: id,
        name: '现场照片说明.pdf',
        mime: 'application/pdf',
        size: stored.size,
        sha256: stored.sha256,
        blob_key: stored.key,
      },
      t.services.database.db,
    );
  });

  it('the office and the lead unit download them, audited', async () => {
    for (const who of [office, officer]) {
      const r = await who.get(`/api/letters/${id}/attachments/${fileId}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(String(r.headers['content-disposition'])).toContain('attachment');
      // A citizen's letter's attachment is personal: no browser or proxy keeps it.
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.rawPayload.toString()).toBe('%PDF-1.4 材料');
    }
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'username'])
      .where('action', '=', 'letter.attachment_downloaded')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.username)).toEqual(['rx12345', 'wjj_xxy']);
  });

  it('another unit, a county-wide reader who does not handle letters, the public and a wrong pair: not found', async () => {
    expect((await otherOfficer.get(`/api/letters/${id}/attachments/${fileId}`)).statusCode).toBe(404);
    expect((await editor.get(`/api/letters/${id}/attachments/${fileId}`)).statusCode).toBe(404);
    const other = await insertLetter(t.services, '别的来信', 'assigned', { lead_unit_id: unitId });
    expect((await office.get(`/api/letters/${other}/attachments/${fileId}`)).statusCode).toBe(404);
    const anonymous = await t.server.inject({ url: `/api/letters/${id}/attachments/${fileId}` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('mailboxes and the blacklist', () => {
  it('the office sets a mailbox’s 办理时限; others may not; bad numbers are refused', async () => {
    const boxes = (await office.get('/api/mailboxes')).json().items;
    const box = boxes.find((b: { slug: string }) => b.slug === 'zixun');
    const body = { acceptDays: 2, consultDays: 7, otherDays: 12, enabled: true, columnId: null };
    expect((await officer.put(`/api/mailboxes/${box.id}`, body)).statusCode).toBe(403);
    const bad = await office.put(`/api/mailboxes/${box.id}`, { ...body, consultDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('至少 1 个工作日');
    const ok = await office.put(`/api/mailboxes/${box.id}`, body);
    expect(ok.json()).toMatchObject({ acceptDays: 2, consultDays: 7, otherDays: 12, enabled: true });
    const noColumn = await office.put(`/api/mailboxes/${box.id}`, { ...body, columnId: 987_654 });
    expect(noColumn.statusCode).toBe(400);
  });

  it('the office opens a 部门信箱 for a unit, once; its form is on the public site', async () => {
    const made = await office.post('/api/mailboxes', { unitId });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ kind: 'department', slug: `bumen-${unitId}` });
    expect(made.json().name).toMatch(/卫生健康局信箱$/);
    expect((await office.post('/api/mailboxes', { unitId })).statusCode).toBe(409);
    expect((await officer.post('/api/mailboxes', { unitId: otherUnitId })).statusCode).toBe(403);
    expect((await t.server.inject({ url: `/hudong/xiexin/bumen-${unitId}` })).statusCode).toBe(200);
  });

  it('blocks an address (the public form refuses it), lists it, unblocks it; all audited', async () => {
    expect((await officer.get('/api/public-form-blacklist')).statusCode).toBe(403);
    const add = await office.post('/api/public-form-blacklist', {
      kind: 'address',
      value: '198.51.100.7',
      reason: '一分钟内提交上百次',
    });
    expect(add.statusCode).toBe(204);
    const list = (await office.get('/api/public-form-blacklist')).json().items;
    expect(list).toMatchObject([{ kind: 'address', value: '198.51.100.7', reason: '一分钟内提交上百次' }]);
    const refused = await t.server.inject({
      method: 'POST',
      url: '/hudong/xiexin/xianzhang',
      remoteAddress: '198.51.100.7',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        name: '张三',
        phone: '13812345678',
        title: '标题',
        body: '内容',
        isPublic: 'no',
      }).toString(),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('12345');
    const past = await office.post('/api/public-form-blacklist', {
      kind: 'phone',
      value: '13800000000',
      reason: '测试',
      expiresAt: '2020-01-01T00:00:00+08:00',
    });
    expect(past.statusCode).toBe(400);
    expect((await office.delete(`/api/public-form-blacklist/${list[0].id}`)).statusCode).toBe(204);
    expect((await office.delete(`/api/public-form-blacklist/${list[0].id}`)).statusCode).toBe(404);
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', 'in', ['public_form_blacklist', 'mailbox'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'mailbox.updated',
      'mailbox.created',
      'public_form.blocked',
      'public_form.unblocked',
    ]);
  });
});
