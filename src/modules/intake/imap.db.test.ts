import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../../../test/harness/dovecot.js';
import { system } from '../../../test/harness/factories.js';
import { composeMail, legacyMail } from '../../../test/harness/mails.js';
import { reviewCounty } from '../../../test/harness/review.js';
import { docxBomb } from '../../../test/harness/zips.js';

// Issue 11 item 1 against real servers on loopback: Debian's Dovecot holds the centre's mailbox, the
// poller reads it with imapflow; smtp-server receives the receipts and the decision. Bad mails (60 MB,
// an executable, a zip bomb) are refused or limited with a reason and the round goes on; a mailbox
// read twice adds nothing.

if (!dovecotAvailable())
  throw new Error('需要 Debian 的 dovecot-imapd（test/run.sh 会安装）：/usr/sbin/dovecot 不存在');

const fixture = (...p: string[]) => fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures', ...p));
const MiB = 1024 * 1024;

const sent: Array<{ to: string; subject: string; text: string }> = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('end', async () => {
      const mail = await simpleParser(Buffer.concat(chunks));
      for (const r of session.envelope.rcptTo)
        sent.push({ to: r.address, subject: mail.subject ?? '', text: mail.text ?? '' });
      callback();
    });
  },
});

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;
let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot();
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  t = await createTestApp({
    mail: { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: '涟水县政府网站中心 <lswzzx@126.com>' },
  });
  w = await reviewCounty(t);
  await t.services.database.db
    .insertInto('unit_emails')
    .values({ unit_id: w.units.xwzx.id, email: 'xwzx@lianshui.gov.cn' })
    .execute();
  await t.services.intake.service.setUnitColumn(system, w.units.xwzx.id, w.columns.lsxw.id);
  await t.services.intake.mailbox.put(system, {
    enabled: true,
    host: dovecot.host,
    port: dovecot.port,
    security: 'none',
    user: dovecot.user,
    password: dovecot.password,
    folder: 'INBOX',
    pollSeconds: 60,
    maxMessageMb: 25,
    receipts: true,
    defaultColumnId: null,
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await dovecot?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const items = () => t.services.database.db.selectFrom('intake_items').selectAll().orderBy('id').execute();

describe('the IMAP poller', () => {
  it('stores the password sealed, never in clear', async () => {
    const row = await t.services.database.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'intake.mailbox')
      .executeTakeFirstOrThrow();
    expect(row.value).not.toContain(dovecot.password);
    expect(await t.services.intake.mailbox.password()).toBe(dovecot.password);
    expect(await t.services.intake.mailbox.get(system)).toMatchObject({ passwordSet: true, host: dovecot.host });
  });

  it('reads good and bad mails in one round; refuses the bad ones with a reason and keeps going', async () => {
    await dovecot.append(
      await composeMail({
        from: 'xwzx@lianshui.gov.cn',
        subject: '涟水新闻：县城新貌',
        text: '县城面貌焕然一新，群众点赞。',
      }),
    );
    await dovecot.append(
      await composeMail({
        from: 'xwzx@lianshui.gov.cn',
        subject: '超大邮件',
        text: '见附件',
        attachments: [{ filename: '视频.pdf', content: Buffer.alloc(44 * MiB, 0x41) }],
      }),
    );
    await dovecot.append(
      await composeMail({
        from: 'xwzx@lianshui.gov.cn',
        subject: '可执行附件',
        text: '请运行',
        attachments: [{ filename: 'setup.exe', content: Buffer.from('MZ') }],
      }),
    );
    await dovecot.append(
      await composeMail({
        from: 'xwzx@lianshui.gov.cn',
        subject: '压缩炸弹',
        text: '正文内容足够长，不是一句简单的附言，而是信息的正文本身，应当保留。',
        attachments: [
          { filename: '名单.docx', content: await docxBomb(300 * MiB) },
          { filename: '../../x', content: fixture('red.png') },
        ],
      }),
    );
    await dovecot.append(
      await legacyMail({ charset: 'GBK', from: 'stranger@qq.com', subject: '一则乡镇信息', text: '乡镇信息的正文。' }),
    );
    await dovecot.append(
      await composeMail({ from: 'xwzx@lianshui.gov.cn', subject: '最后一封', text: '在坏邮件之后仍被收取。' }),
    );

    const r = await t.services.intake.poller.poll();
    expect(r).toEqual({ seen: 6, drafted: 3, unclaimed: 1, refused: 2, duplicates: 0 });
    const rows = await items();
    const bySubject = Object.fromEntries(rows.map((i) => [i.subject, i]));
    expect(bySubject.超大邮件).toMatchObject({ state: 'refused', raw_key: null });
    expect(bySubject.超大邮件!.reason).toContain('超过 25 MB');
    expect(bySubject.可执行附件!.reason).toContain('setup.exe');
    expect(bySubject.压缩炸弹!.state).toBe('drafted');
    expect(bySubject.压缩炸弹!.notes).toContain('名单.docx');
    expect(bySubject.一则乡镇信息!.state).toBe('unclaimed');
    expect(bySubject.最后一封!.state).toBe('drafted');
    const files = await t.services.database.db
      .selectFrom('attachments')
      .select('original_name')
      .where('article_id', '=', bySubject.压缩炸弹!.article_id!)
      .execute();
    expect(files.map((f) => f.original_name)).toEqual(['x.png']);
  }, 180_000);

  it('a second round, and a round after the cursor was lost, add nothing', async () => {
    const before = await items();
    const articles = await t.services.database.db.selectFrom('articles').select('id').execute();
    expect(await t.services.intake.poller.poll()).toMatchObject({ seen: 0 });
    await t.services.intake.mailbox.setCursor({ uidValidity: '', lastUid: 0 });
    expect(await t.services.intake.poller.poll()).toEqual({
      seen: 6,
      drafted: 0,
      unclaimed: 0,
      refused: 0,
      duplicates: 6,
    });
    expect(await items()).toEqual(before);
    expect(await t.services.database.db.selectFrom('articles').select('id').execute()).toEqual(articles);
  }, 120_000);

  it('a wrong password fails the round without moving the cursor', async () => {
    const cursor = await t.services.intake.mailbox.cursor();
    const good = await t.services.intake.mailbox.get(system);
    await t.services.intake.mailbox.put(system, { ...good, password: 'wrong-password', defaultColumnId: null });
    await expect(t.services.intake.poller.poll()).rejects.toThrow();
    expect(await t.services.intake.mailbox.cursor()).toEqual(cursor);
    await t.services.intake.mailbox.put(system, { ...good, password: dovecot.password, defaultColumnId: null });
  });
});

describe('receipts and the decision by SMTP', () => {
  it('each sender gets one receipt; the refused one hears why', async () => {
    const n = await t.services.intake.replies.run();
    expect(n).toBe(6);
    expect(await t.services.intake.replies.run()).toBe(0);
    const toXw = sent.filter((m) => m.to === 'xwzx@lianshui.gov.cn');
    expect(toXw).toHaveLength(5);
    expect(toXw.find((m) => m.subject === '回执：可执行附件')!.text).toContain('setup.exe');
    expect(sent.find((m) => m.to === 'stranger@qq.com')!.text).toContain('确认报送单位');
  });

  it('a returned item tells the sender the reason', async () => {
    const item = (await items()).find((i) => i.subject === '最后一封')!;
    expect((await w.c.wz!.post(`/api/articles/${item.article_id}/submit`, {})).statusCode).toBe(200);
    const back = await w.c.xw_ld!.post(`/api/articles/${item.article_id}/return`, { reason: '标题需写明时间地点' });
    expect(back.statusCode, back.body).toBe(200);
    expect(await t.services.intake.replies.run()).toBe(1);
    const decision = sent.at(-1)!;
    expect(decision).toMatchObject({ to: 'xwzx@lianshui.gov.cn', subject: '报送结果（已退回）：最后一封' });
    expect(decision.text).toContain('标题需写明时间地点');
    expect(await t.services.intake.replies.run()).toBe(0);
  });
});
