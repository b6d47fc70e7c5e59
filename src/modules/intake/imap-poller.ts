import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Logger } from 'pino';
import { systemActor } from '../../platform/auth/actor.js';
import type { PollResult } from '../../contract/intake.js';
import type { Job } from '../../platform/jobs/worker.js';
import { AppError } from '../../platform/errors.js';
import type { IntakeService } from './intake.service.js';
import type { IntakeReplies } from './intake-replies.js';
import { LOOPBACK, type MailboxConfig, type MailboxSettingsService } from './mailbox-settings.js';

// Reads the website centre's mailbox over IMAP. Each round takes the messages after the last UID it
// finished (the cursor, kept with the mailbox's UIDVALIDITY) and hands each to the intake service; a
// message over the size limit is recorded from its envelope alone, never downloaded. One bad message
// becomes a refused item with its reason and the round goes on; a round that cannot reach the server
// or the database stops without moving the cursor, so nothing is skipped. Message-ID makes a message
// read twice (a lost cursor, a copy in another folder) a no-op.

const MiB = 1024 * 1024;

export function imapOptions(c: MailboxConfig, password: string): ImapFlowOptions & { doSTARTTLS?: boolean } {
  if (c.security === 'none' && !LOOPBACK.test(c.host))
    throw new Error('不加密的 IMAP 连接只允许连本机（测试用），请改用 SSL/TLS 或 STARTTLS');
  return {
    host: c.host,
    port: c.port,
    secure: c.security === 'tls',
    doSTARTTLS: c.security === 'starttls' ? true : c.security === 'none' ? false : undefined,
    auth: { user: c.user, pass: password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 120_000,
  };
}

export class ImapPoller {
  private lastRound = 0;

  constructor(
    private readonly intake: IntakeService,
    private readonly mailbox: MailboxSettingsService,
    private readonly replies: IntakeReplies,
    private readonly log: Logger,
  ) {}

  /** The worker's job: a round when the configured interval has passed, then the replies. */
  job(): Job {
    return {
      name: 'intake-mail',
      everyMs: 30_000,
      run: async () => {
        const c = await this.mailbox.config();
        if (c.enabled && c.host && Date.now() - this.lastRound >= c.pollSeconds * 1000) {
          this.lastRound = Date.now();
          await this.poll();
        }
        await this.replies.run();
      },
    };
  }

  /** A round the centre asked for: a mailbox that cannot be read is said in words, not as a 500. */
  async pollNow(): Promise<PollResult> {
    const c = await this.mailbox.config();
    if (!c.host || !c.user) throw new AppError('VALIDATION_FAILED', '请先填写报送邮箱的服务器地址和账号');
    try {
      return await this.poll();
    } catch (error) {
      if (error instanceof AppError) throw error;
      const e = error as { authenticationFailed?: boolean; code?: string; message?: string };
      const why = e.authenticationFailed
        ? '账号或密码（授权码）错误'
        : `${e.code ?? ''} ${e.message ?? ''}`.trim().slice(0, 200);
      throw new AppError('UNAVAILABLE', `无法收取报送邮箱：${why}`);
    }
  }

  /** One round over the mailbox (the job, the CLI and the tests call this). */
  async poll(): Promise<PollResult> {
    const c = await this.mailbox.config();
    const password = (await this.mailbox.password()) ?? '';
    const client = new ImapFlow(imapOptions(c, password));
    client.on('error', (err) => this.log.warn({ err, module: 'intake' }, 'IMAP connection error'));
    const result: PollResult = { seen: 0, drafted: 0, unclaimed: 0, refused: 0, duplicates: 0 };
    await client.connect();
    try {
      const lock = await client.getMailboxLock(c.folder);
      try {
        const box = client.mailbox;
        // Another mailbox, folder or UIDVALIDITY: start from the first message (Message-ID keeps it a no-op).
        const validity = `${c.user}@${c.host}:${c.port}/${c.folder}#${box ? String(box.uidValidity) : '0'}`;
        const cursor = await this.mailbox.cursor();
        const after = cursor.uidValidity === validity ? cursor.lastUid : 0;
        // Envelopes first (a command cannot run while a FETCH streams), then each message by itself.
        const heads = (
          await client.fetchAll(`${after + 1}:*`, { uid: true, size: true, envelope: true }, { uid: true })
        )
          .filter((m) => m.uid > after)
          .sort((a, b) => a.uid - b.uid);
        for (const m of heads) {
          result.seen++;
          const outcome = await this.one(client, c, m);
          result[outcome]++;
          await this.mailbox.setCursor({ uidValidity: validity, lastUid: m.uid });
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    if (result.seen) this.log.info({ ...result, module: 'intake' }, 'mailbox read');
    return result;
  }

  private async one(
    client: ImapFlow,
    c: MailboxConfig,
    m: {
      uid: number;
      size?: number;
      envelope?: { messageId?: string; subject?: string; from?: Array<{ name?: string; address?: string }> };
    },
  ): Promise<'drafted' | 'unclaimed' | 'refused' | 'duplicates'> {
    const actor = systemActor('邮箱收信');
    const head = {
      messageId: m.envelope?.messageId ?? null,
      sender: m.envelope?.from?.[0]?.address?.toLowerCase() ?? null,
      senderName: m.envelope?.from?.[0]?.name || null,
      subject: m.envelope?.subject?.trim() || '（无主题）',
      size: m.size ?? 0,
    };
    if (head.size > c.maxMessageMb * MiB) {
      const r = await this.intake.refuseUnread(
        head,
        `邮件大小 ${(head.size / MiB).toFixed(1)} MB，超过 ${c.maxMessageMb} MB 的上限，未收取；请压缩或分次发送`,
        actor,
      );
      return r.duplicate ? 'duplicates' : 'refused';
    }
    try {
      const msg = await client.fetchOne(String(m.uid), { source: true }, { uid: true });
      if (msg === false || !msg.source) throw new Error('邮件内容无法下载');
      const r = await this.intake.receive(msg.source, 'imap', actor);
      await client.messageFlagsAdd(String(m.uid), ['\\Seen'], { uid: true }).catch(() => false);
      return r.duplicate
        ? 'duplicates'
        : r.item.state === 'drafted'
          ? 'drafted'
          : r.item.state === 'unclaimed'
            ? 'unclaimed'
            : 'refused';
    } catch (error) {
      // A message that breaks the reading is recorded with the reason; the database being away is not
      // (the refusal then throws too, the round stops, and the cursor stays before this message).
      this.log.warn({ err: error, uid: m.uid, messageId: head.messageId, module: 'intake' }, 'mail could not be read');
      const r = await this.intake.refuseUnread(
        head,
        `邮件无法读取：${String((error as Error).message ?? error).slice(0, 300)}`,
        actor,
      );
      return r.duplicate ? 'duplicates' : 'refused';
    }
  }
}
