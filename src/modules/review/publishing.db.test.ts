import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { multipartFile } from '../../../test/harness/factories.js';
import { approvedItem, COUNTY_APPROVERS, disclosure, reviewCounty } from '../../../test/harness/review.js';

const fixture = (...p: string[]) => fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures', ...p));

// A real SMTP server on loopback receives what the outbox sends.
const received: Array<{ to: string; raw: string }> = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
    stream.on('end', () => {
      for (const r of session.envelope.rcptTo) received.push({ to: r.address, raw });
      callback();
    });
  },
});

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  t = await createTestApp({
    mail: { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: '网站内容保障系统 <noreply@lianshui.test>' },
  });
  w = await reviewCounty(t);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('scheduled publishing', () => {
  it('takes an item offline at the time set', async () => {
    const id = await approvedItem(w, '定时下线的公示');
    await w.c.wz!.post(`/api/articles/${id}/publish`);
    const off = new Date(Date.now() + 60_000).toISOString();
    expect((await w.c.wz!.post(`/api/articles/${id}/schedule`, { offlineAt: off })).json().scheduledOfflineAt).toBe(
      off,
    );
    await t.testDb.database.db
      .updateTable('articles')
      .set({ scheduled_offline_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    await t.services.publishing.runDue();
    expect((await w.c.admin!.get(`/api/articles/${id}`)).json()).toMatchObject({
      status: 'offline',
      statusReason: expect.stringContaining('定时下线'),
    });
  });
});

describe('emergency publishing', () => {
  it('the office leader publishes at once with a reason; it shows as unreviewed until the review after the fact clears it', async () => {
    const id = (
      await w.c.czj!.post('/api/articles', {
        columnId: w.columns.finance.id,
        type: 'notice',
        title: '关于暴雪天气停课的紧急通知',
        bodyHtml: '<p>全县中小学明日停课。</p>',
        disclosure,
      })
    ).json().id as number;
    expect((await w.c.wz!.post(`/api/articles/${id}/emergency-publish`, { reason: '暴雪' })).statusCode).toBe(403);
    const r = await w.c.ld!.post(`/api/articles/${id}/emergency-publish`, { reason: '暴雪预警，须立即通知' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'published', unreviewed: true });
    const h = (await w.c.admin!.get(`/api/articles/${id}/review`)).json();
    expect(h.current).toMatchObject({ retrospective: true, stepName: '审查人' });
    for (const who of COUNTY_APPROVERS)
      await w.c[who]!.post(`/api/articles/${id}/approve`, { opinion: '事后审核同意' });
    expect((await w.c.admin!.get(`/api/articles/${id}`)).json()).toMatchObject({
      status: 'published',
      unreviewed: false,
    });
  });

  it('an emergency item refused after the fact is withdrawn', async () => {
    const id = (
      await w.c.czj!.post('/api/articles', {
        columnId: w.columns.finance.id,
        type: 'notice',
        title: '紧急发布后被否决',
        bodyHtml: '<p>内容。</p>',
        disclosure,
      })
    ).json().id as number;
    await w.c.ld!.post(`/api/articles/${id}/emergency-publish`, { reason: '领导要求立即发布' });
    await w.c.czj_sc!.post(`/api/articles/${id}/reject`, { reason: '数据有误' });
    expect((await w.c.admin!.get(`/api/articles/${id}`)).json()).toMatchObject({
      status: 'withdrawn',
      statusReason: expect.stringContaining('事后审核未通过'),
    });
    expect((await t.server.inject({ url: `/a/${id}.html`, headers: { host: 'www.lianshui.test' } })).statusCode).toBe(
      404,
    );
  });
});

describe('withdrawal and paper submissions', () => {
  it('withdraws (撤稿) a published item with a reason', async () => {
    const id = await approvedItem(w, '需要撤稿的信息');
    await w.c.wz!.post(`/api/articles/${id}/publish`);
    expect((await w.c.wz!.post(`/api/articles/${id}/withdraw`, { reason: '' })).statusCode).toBe(400);
    const r = await w.c.wz!.post(`/api/articles/${id}/withdraw`, { reason: '发布单位申请撤回' });
    expect(r.json()).toMatchObject({ status: 'withdrawn', statusReason: '发布单位申请撤回' });
  });

  it('a paper submission goes through the county steps and cannot go online before its signed form is scanned in', async () => {
    const created = await w.c.wz!.post('/api/articles', {
      columnId: w.columns.notices.id,
      unitId: w.units.czj.id,
      channel: 'paper',
      type: 'announcement',
      title: '纸质报送的公示',
      bodyHtml: '<p>公示内容。</p>',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect(
      (await w.c.czj!.post('/api/articles', { columnId: w.columns.notices.id, channel: 'paper', title: 'x' }))
        .statusCode,
    ).toBe(400);
    const sub = (await w.c.wz!.post(`/api/articles/${id}/submit`, {})).json();
    expect(sub.chain.name).toBe('纸质报送审核流程');
    for (const who of ['gkk', 'gkk2', 'ld'])
      expect((await w.c[who]!.post(`/api/articles/${id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
    const refused = await w.c.wz!.post(`/api/articles/${id}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('扫描件');
    const { payload, headers } = multipartFile('审核表扫描件.png', fixture('red.png'));
    const scan = (await w.c.wz!.request('POST', '/api/attachments', payload, headers)).json();
    expect((await w.c.wz!.post(`/api/articles/${id}/review-form-scan`, { attachmentId: scan.id })).statusCode).toBe(
      200,
    );
    expect((await w.c.wz!.post(`/api/articles/${id}/publish`)).statusCode).toBe(200);
    const ledger = (await w.c.admin!.get(`/api/submissions?channel=paper`)).json();
    expect(ledger.items.find((x: { articleId: number }) => x.articleId === id)).toMatchObject({
      state: 'adopted',
      unitId: w.units.czj.id,
    });
  });
});

describe('the 信息发布审核表', () => {
  it('fills the form from the chain: title, type, drafter and contact, each opinion with signer and time; PDF too', async () => {
    const id = await approvedItem(w, '审核表示例信息');
    const html = (await w.c.czj!.get(`/api/articles/${id}/review-form`)).body;
    expect(html).toContain('涟水县人民政府门户网站信息发布审核表');
    expect(html).toContain('审核表示例信息');
    expect(html).toContain('☑公文');
    expect(html).toContain('0517-82380090'); // the drafter's contact
    for (const who of COUNTY_APPROVERS) expect(html).toContain(`${who}同意`);
    const pdf = await w.c.czj!.get(`/api/articles/${id}/review-form.pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf.rawPayload), useSystemFonts: false }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += content.items.map((x) => ('str' in x ? x.str : '')).join('');
    }
    for (const signer of COUNTY_APPROVERS) expect(text).toContain(signer);
  });
});

describe('pre-publish checks in the review', () => {
  it('blocks a submission whose attachment carries a classification mark and personal data, with locations for the reviewer', async () => {
    const { payload, headers } = multipartFile('名单.docx', fixture('checks', 'notice-leak.docx'));
    const file = (await w.c.czj!.request('POST', '/api/attachments', payload, headers)).json();
    const id = (
      await w.c.czj!.post('/api/articles', {
        columnId: w.columns.finance.id,
        type: 'document',
        title: '补贴发放名单',
        bodyHtml: '<p>见附件。</p>',
        disclosure,
        attachmentIds: [file.id],
      })
    ).json().id as number;
    const r = await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('CHECKS_BLOCKED');
    const checks = (await w.c.czj!.get(`/api/articles/${id}/checks`)).json();
    const kinds = checks.findings.map((f: { check: string }) => f.check);
    expect(kinds).toEqual(expect.arrayContaining(['classification', 'personal-data']));
    expect(checks.findings.find((f: { check: string }) => f.check === 'classification').contextHtml).toContain(
      '<mark>秘密★1年</mark>',
    );
    expect(await (await w.c.admin!.get(`/api/articles/${id}`)).json().status).toBe('draft');
  });

  it('lets a warning pass only with a recorded reason', async () => {
    const id = (
      await w.c.czj!.post('/api/articles', {
        columnId: w.columns.finance.id,
        type: 'document',
        title: '贯彻党中央国务院决策部署',
        bodyHtml: '<p>认真贯彻党中央国务院决策部署。</p>',
        disclosure,
      })
    ).json().id as number;
    const r = await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('CHECKS_NEED_REASON');
    const warn = r.json().findings as Array<{ id: number; check: string }>;
    expect(warn.every((f) => f.check === 'wrong-expression')).toBe(true);
    const ok = await w.c.czj!.post(`/api/articles/${id}/submit`, {
      overrides: warn.map((f) => ({ checkId: f.id, reason: '引用的是文件原标题，不能改动' })),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const checks = (await w.c.czj_sc!.get(`/api/articles/${id}/checks`)).json();
    expect(checks.findings[0].overrideReason).toBe('引用的是文件原标题，不能改动');
  });
});

describe('notifications', () => {
  it('tell the next step’s people in the app and by e-mail, once', async () => {
    received.length = 0;
    const id = (
      await w.c.czj!.post('/api/articles', {
        columnId: w.columns.finance.id,
        type: 'document',
        title: '邮件通知测试',
        bodyHtml: '<p>正文。</p>',
        disclosure,
      })
    ).json().id as number;
    await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    const inApp = (await w.c.czj_sc!.get('/api/notifications?unread=true')).json();
    expect(inApp.items.some((n: { title: string }) => n.title.includes('邮件通知测试'))).toBe(true);
    const sent = await t.services.notify.sendPending();
    expect(sent.sent).toBeGreaterThan(0);
    expect(received.some((m) => m.to === 'czj_sc@example.test' && m.raw.includes('Subject:'))).toBe(true);
    expect((await t.services.notify.sendPending()).sent).toBe(0); // nothing sent twice
  });
});
