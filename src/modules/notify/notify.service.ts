import type { Actor } from '../../platform/auth/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { NotifyRepository } from './notify.repository.js';

export interface NewNotification {
  accountIds: number[];
  kind: string; // 'task' | 'returned' | 'published' | 'guarantee.due' ...
  title: string;
  body: string;
  link?: string | null;
  /** Same key → the same notice is never created (and so never sent) twice, across restarts. */
  dedupeKey?: string | null;
}

const MAX_ATTEMPTS = 5;

/**
 * In-app notices with an e-mail outbox. A notice is written in the caller's transaction; the e-mail is
 * sent later by the worker from the outbox, so a crash between the two loses nothing and sends nothing
 * twice (the row is marked sent only after the SMTP server accepted it).
 */
export class NotifyService {
  constructor(
    private readonly repo: NotifyRepository,
    private readonly mailer: Mailer,
    private readonly baseUrl: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async notifyIn(trx: Executor, n: NewNotification): Promise<number> {
    const ids = [...new Set(n.accountIds)];
    if (!ids.length) return 0;
    const accounts = await this.repo.recipients(trx, ids);
    let created = 0;
    for (const a of accounts.filter((x) => x.active === 1)) {
      const key = n.dedupeKey ? `${n.dedupeKey}#${a.id}` : null;
      if (key && (await this.repo.keyUsed(trx, key))) continue;
      await this.repo.insert(trx, {
        account_id: a.id,
        kind: n.kind,
        title: n.title.slice(0, 300),
        body: n.body,
        link: n.link ?? null,
        dedupe_key: key,
        email_state: this.mailer.enabled && a.email ? 'pending' : 'none',
        created_at: nowIso(this.clock),
        read_at: null,
        emailed_at: null,
        email_error: null,
      });
      created++;
    }
    return created;
  }

  async list(actor: Actor, unreadOnly: boolean, limit = 50) {
    if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
    const rows = await this.repo.list(actor.accountId, unreadOnly, limit);
    return {
      unread: await this.repo.unreadCount(actor.accountId),
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        createdAt: r.created_at,
        readAt: r.read_at,
        emailState: r.email_state,
      })),
    };
  }

  async markRead(actor: Actor, id: number | 'all'): Promise<void> {
    if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
    const changed = await this.repo.markRead(actor.accountId, id, nowIso(this.clock));
    if (id !== 'all' && changed === 0 && !(await this.repo.ownedBy(actor.accountId, id))) throw notFound('通知');
  }

  /** Send pending e-mails; failures are retried on later runs, up to a limit. */
  async sendPending(limit = 50): Promise<{ sent: number; failed: number }> {
    if (!this.mailer.enabled) return { sent: 0, failed: 0 };
    const rows = await this.repo.pending(limit);
    let sent = 0;
    let failed = 0;
    for (const r of rows) {
      if (!r.email) {
        await this.repo.setEmail(r.id, { email_state: 'none' });
        continue;
      }
      const link = r.link ? `${this.baseUrl}${r.link}` : null;
      try {
        await this.mailer.send({
          to: r.email,
          subject: r.title,
          text: `${r.display_name}：\n\n${r.body}${link ? `\n\n办理地址：${link}` : ''}\n\n（本邮件由涟水县政府门户网站内容保障系统自动发送，请勿直接回复）`,
        });
        await this.repo.setEmail(r.id, { email_state: 'sent', emailed_at: nowIso(this.clock), email_error: null });
        sent++;
      } catch (error) {
        const attempts = r.email_attempts + 1;
        await this.repo.setEmail(r.id, {
          email_attempts: attempts,
          email_state: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          email_error: String((error as Error).message ?? error).slice(0, 500),
        });
        failed++;
      }
    }
    return { sent, failed };
  }
}
