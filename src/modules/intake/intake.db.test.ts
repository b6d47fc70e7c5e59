import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { system } from '../../../test/harness/factories.js';
import { composeMail, legacyMail, messageId } from '../../../test/harness/mails.js';
import { reviewCounty } from '../../../test/harness/review.js';
import { docxBomb } from '../../../test/harness/zips.js';

// Issue 11 item 1: a mail read from raw bytes becomes an intake item, a draft in the column and a
// submission in the ledger (channel email); unknown senders wait in 待认领. Mails are built with
// nodemailer in each charset a unit's client writes.

const fixture = (...p: string[]) => fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures', ...p));

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
  const db = t.services.database.db;
  await db.insertInto('unit_emails').values({ unit_id: w.units.czj.id, email: 'CZJ@Lianshui.gov.cn' }).execute();
  await db
    .insertInto('personnel')
    .values({
      unit_id: w.units.xwzx.id,
      role: 'officer',
      name: '王信息',
      post: null,
      phone: null,
      email: 'wangxx@163.com',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
  await t.services.intake.service.setUnitColumn(system, w.units.czj.id, w.columns.finance.id);
  await t.services.intake.service.setUnitColumn(system, w.units.xwzx.id, w.columns.lsxw.id);
}, 60_000);
afterAll(() => t?.close());

const receive = (raw: Buffer) => t.services.intake.service.receive(raw, 'imap');

async function article(id: number) {
  return t.services.database.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
async function ledgerOf(articleId: number) {
  return t.services.database.db.selectFrom('submissions').selectAll().where('article_id', '=', articleId).execute();
}
async function filesOf(articleId: number) {
  return t.services.database.db.selectFrom('attachments').selectAll().where('article_id', '=', articleId).execute();
}

describe('attribution and the draft', () => {
  it('a mail from a unit’s registered address becomes a draft in its default column and a ledger entry', async () => {
    const raw = await composeMail({
      from: '财政局 <czj@lianshui.gov.cn>',
      subject: '关于2026年预算公开的通知',
      text: '各乡镇：\n\n现将2026年预算公开有关事项通知如下。',
    });
    const r = await receive(raw);
    expect(r.duplicate).toBe(false);
    expect(r.item).toMatchObject({
      state: 'drafted',
      unitId: w.units.czj.id,
      columnId: w.columns.finance.id,
      sender: 'czj@lianshui.gov.cn',
    });
    const a = await article(r.item.articleId!);
    expect(a).toMatchObject({
      title: '关于2026年预算公开的通知',
      channel: 'email',
      status: 'draft',
      unit_id: w.units.czj.id,
    });
    expect(a.body_text).toContain('现将2026年预算公开有关事项通知如下');
    const ledger = await ledgerOf(a.id);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ channel: 'email', state: 'received', source_ref: `intake:${r.item.id}` });
  });

  it('a roster person’s address names their unit; a 【column】 tag picks the column', async () => {
    const r = await receive(
      await composeMail({
        from: 'wangxx@163.com',
        subject: '【公告公示】新闻中心招聘公告',
        html: '<p>招聘<b>两名</b>记者。</p>',
      }),
    );
    expect(r.item).toMatchObject({ state: 'drafted', unitId: w.units.xwzx.id, columnId: w.columns.notices.id });
    expect((await article(r.item.articleId!)).title).toBe('新闻中心招聘公告');
  });

  it.each(['GB2312', 'GBK', 'GB18030', 'Big5'] as const)('%s: subject, body and file name decoded', async (charset) => {
    const subject = charset === 'Big5' ? '【財政局】關於預算執行情況的報告' : '【财政局】关于预算执行情况的报告';
    const body = charset === 'Big5' ? '預算執行情況良好，詳見附件。' : '预算执行情况良好，详见附件。';
    const name = charset === 'Big5' ? '執行情況.png' : '执行情况表.png';
    const raw = await legacyMail({
      charset,
      from: 'someone@qq.com',
      subject,
      text: body,
      file: { name, bytes: fixture('red.png'), contentType: 'image/png' },
      transfer: charset === 'GBK' ? 'quoted-printable' : 'base64',
    });
    const r = await receive(raw);
    // Big5's 財政局 is not the unit's name: it waits for the centre; the simplified tag names the unit.
    if (charset === 'Big5') {
      expect(r.item).toMatchObject({ state: 'unclaimed', subject });
      return;
    }
    expect(r.item).toMatchObject({ state: 'drafted', unitId: w.units.czj.id, subject });
    const a = await article(r.item.articleId!);
    expect(a.title).toBe('关于预算执行情况的报告');
    expect(a.body_text).toContain(body);
    expect((await filesOf(a.id)).map((f) => f.original_name)).toEqual([name]);
  });

  it('an HTML-only mail keeps its inline picture; a .docx becomes the body with its pictures', async () => {
    const html = await receive(
      await composeMail({
        from: 'czj@lianshui.gov.cn',
        subject: '图片新闻',
        html: '<p>现场照片：</p><img src="cid:photo1@czj">',
        attachments: [{ filename: 'photo.png', content: fixture('red.png'), cid: 'photo1@czj' }],
      }),
    );
    const a = await article(html.item.articleId!);
    const [photo] = await filesOf(a.id);
    expect(a.body_html).toContain(`/api/attachments/${photo!.id}/download`);
    expect(a.body_html).not.toContain('cid:');

    const word = await receive(
      await composeMail({
        from: 'czj@lianshui.gov.cn',
        subject: '转发：通知',
        text: '见附件。',
        attachments: [{ filename: '通知.docx', content: fixture('notice.docx') }],
      }),
    );
    const d = await article(word.item.articleId!);
    expect(d.body_html).toMatch(/<(h1|h2|p|table)/);
    expect(d.body_text).not.toBe('见附件。');
    expect(word.item.notes[0]).toContain('正文由“通知.docx”转换而来');
    expect((await filesOf(d.id)).map((f) => f.ext)).toContain('docx');
  });

  it('a PDF with a covering note gives its text as the body and stays attached', async () => {
    const r = await receive(
      await composeMail({
        from: 'czj@lianshui.gov.cn',
        subject: '年度报告',
        text: '请审核。',
        attachments: [{ filename: '年度报告.pdf', content: fixture('checks', 'report-clean.pdf') }],
      }),
    );
    const a = await article(r.item.articleId!);
    expect(a.body_text.length).toBeGreaterThan(30);
    expect((await filesOf(a.id)).map((f) => f.ext)).toEqual(['pdf']);
  });

  it('a forwarded mail (message/rfc822) gives the original’s body and files', async () => {
    const original = await composeMail({
      from: 'clerk@lianshui.gov.cn',
      subject: '乡镇动态',
      text: '涟城镇开展安全生产大检查，共排查隐患十二处。',
      attachments: [{ filename: '现场.png', content: fixture('red.png') }],
    });
    const r = await receive(
      await composeMail({
        from: 'czj@lianshui.gov.cn',
        subject: 'Fwd: 乡镇动态',
        text: '转发',
        attachments: [{ filename: 'original.eml', content: original, contentType: 'message/rfc822' }],
      }),
    );
    const a = await article(r.item.articleId!);
    expect(a.title).toBe('乡镇动态');
    expect(a.body_text).toContain('共排查隐患十二处');
    expect((await filesOf(a.id)).map((f) => f.original_name)).toEqual(['现场.png']);
  });
});

describe('a second reading, 待认领, and bad input', () => {
  it('the same Message-ID read twice is a no-op', async () => {
    const raw = await composeMail({ from: 'czj@lianshui.gov.cn', subject: '重复发送测试', text: '内容' });
    const first = await receive(raw);
    const second = await receive(raw);
    expect(second.duplicate).toBe(true);
    expect(second.item.id).toBe(first.item.id);
    const n = await t.services.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('title', '=', '重复发送测试')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    expect(await ledgerOf(first.item.articleId!)).toHaveLength(1);
  });

  it('an unknown sender waits in 待认领; the claim drafts it and remembers the address', async () => {
    const raw = await composeMail({ from: 'xiangzhen@126.com', subject: '乡镇信息一则', text: '正文内容。' });
    const r = await receive(raw);
    expect(r.item).toMatchObject({ state: 'unclaimed', articleId: null });
    expect(r.item.reason).toContain('xiangzhen@126.com');
    const claimed = await t.services.intake.service.claim(system, r.item.id, {
      unitId: w.units.czj.id,
      columnId: w.columns.finance.id,
      remember: true,
    });
    expect(claimed).toMatchObject({ state: 'drafted', unitId: w.units.czj.id });
    expect((await ledgerOf(claimed.articleId!))[0]).toMatchObject({ channel: 'email', unit_id: w.units.czj.id });
    await expect(
      t.services.intake.service.claim(system, r.item.id, {
        unitId: w.units.czj.id,
        columnId: w.columns.finance.id,
        remember: false,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const next = await receive(await composeMail({ from: 'XiangZhen@126.com', subject: '第二则', text: '正文。' }));
    expect(next.item).toMatchObject({ state: 'drafted', unitId: w.units.czj.id });
  });

  it('an executable attachment refuses the whole mail with the reason', async () => {
    const r = await receive(
      await composeMail({
        from: 'czj@lianshui.gov.cn',
        subject: '请查收',
        text: '附件',
        attachments: [{ filename: '通知.pdf.exe', content: Buffer.from('MZ\x90\x00') }],
      }),
    );
    expect(r.item).toMatchObject({ state: 'refused', articleId: null });
    expect(r.item.reason).toContain('可执行文件');
  });

  it('../../x is stored under a clean name; bytes that lie about their type and a zip bomb are left out with a note', async () => {
    const r = await receive(
      await composeMail({
        from: 'czj@lianshui.gov.cn',
        subject: '附件测试',
        text: '正文内容足够长，不是一句简单的附言，而是信息的正文本身。',
        attachments: [
          { filename: '../../x.png', content: fixture('red.png') },
          { filename: '照片.png', content: Buffer.from('this is not a picture at all') },
          { filename: '名单.docx', content: await docxBomb(300 * 1024 * 1024) },
        ],
      }),
    );
    expect(r.item.state).toBe('drafted');
    const files = await filesOf(r.item.articleId!);
    expect(files.map((f) => f.original_name)).toEqual(['x.png']);
    expect(r.item.notes.join('\n')).toMatch(/照片\.png.*未保存/);
    expect(r.item.notes.join('\n')).toMatch(/名单\.docx/);
    expect(r.item.notes.join('\n')).toMatch(/文件名不安全/);
  });

  it('a mail over the size limit is recorded and refused without being read', async () => {
    const big = await composeMail({
      from: 'czj@lianshui.gov.cn',
      subject: '超大邮件',
      text: '见附件',
      attachments: [{ filename: 'big.pdf', content: Buffer.alloc(26 * 1024 * 1024, 0x41) }],
    });
    const r = await receive(big);
    expect(r.item).toMatchObject({ state: 'refused', subject: '超大邮件', sender: 'czj@lianshui.gov.cn' });
    expect(r.item.reason).toContain('超过 25 MB');
  });

  it('the review of an e-mailed draft continues its intake submission instead of counting it twice', async () => {
    const r = await receive(
      await composeMail({
        from: 'wangxx@163.com',
        subject: '送审计数测试',
        text: '送审计数测试的正文内容。',
        messageId: messageId('flow'),
      }),
    );
    expect(r.item.columnId).toBe(w.columns.lsxw.id);
    const s = await w.c.wz!.post(`/api/articles/${r.item.articleId}/submit`, {});
    expect(s.statusCode, s.body).toBe(200);
    const ledger = await ledgerOf(r.item.articleId!);
    expect(ledger).toHaveLength(1);
    const flow = await t.services.database.db
      .selectFrom('review_flows')
      .select('submission_id')
      .where('article_id', '=', r.item.articleId!)
      .executeTakeFirstOrThrow();
    expect(flow.submission_id).toBe(ledger[0]!.id);
  });
});
