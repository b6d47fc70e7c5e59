import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { chunk, nowIso, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { Mailer } from '../../platform/mail/mailer.js';

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
    private readonly db: Kysely<DB>,
    private readonly mailer: Mailer,
    private readonly baseUrl: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async notifyIn(trx: Executor, n: NewNotification): Promise<number> {
    const ids = [...new Set(n.accountIds)];
    if (!ids.length) return 0;
    const accounts: Array<{ id: number; email: string | null; active: number }> = [];
    for (const part of chunk(ids))
      accounts.push(
        ...(await trx.selectFrom('accounts').select(['id', 'email', 'active']).where('id', 'in', part).execute()),
      );
    let created = 0;
    for (const a of accounts.filter((x) => x.active === 1)) {
      const key = n.dedupeKey ? `${n.dedupeKey}#${a.id}` : null;
      if (key && (await trx.selectFrom('notifications').select('id').where('dedupe_key', '=', key).executeTakeFirst()))
        continue;
      await trx
        .insertInto('notifications')
        .values({
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
        })
        .execute();
      created++;
    }
    return created;
  }

  async list(actor: Actor, unreadOnly: boolean, limit = 50) {
    if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
    let q = this.db.selectFrom('notifications').selectAll().where('account_id', '=', actor.accountId);
    if (unreadOnly) q = q.where('read_at', 'is', null);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    const unread = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', actor.accountId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      unread: Number(unread.n),
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
    let q = this.db
      .updateTable('notifications')
      .set({ read_at: nowIso(this.clock) })
      .where('account_id', '=', actor.accountId)
      .where('read_at', 'is', null);
    if (id !== 'all') q = q.where('id', '=', id);
    const r = await q.executeTakeFirst();
    if (id !== 'all' && Number(r.numUpdatedRows) === 0) {
      const exists = await this.db
        .selectFrom('notifications')
        .select('id')
        .where('id', '=', id)
        .where('account_id', '=', actor.accountId)
        .executeTakeFirst();
      if (!exists) throw notFound('通知');
    }
  }

  /** Send pending e-mails; failures are retried on later runs, up to a limit. */
  async sendPending(limit = 50): Promise<{ sent: number; failed: number }> {
    if (!this.mailer.enabled) return { sent: 0, failed: 0 };
    const rows = await this.db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
      .select([
        'notifications.id',
        'notifications.title',
        'notifications.body',
        'notifications.link',
        'notifications.email_attempts',
        'accounts.email',
        'accounts.display_name',
      ])
      .where('notifications.email_state', '=', 'pending')
      .orderBy('notifications.id')
      .limit(limit)
      .execute();
    let sent = 0;
    let failed = 0;
    for (const r of rows) {
      if (!r.email) {
        await this.db.updateTable('notifications').set({ email_state: 'none' }).where('id', '=', r.id).execute();
        continue;
      }
      const link = r.link ? `${this.baseUrl}${r.link}` : null;
      try {
        await this.mailer.send({
          to: r.email,
          subject: r.title,
          text: `${r.display_name}：\n\n${r.body}${link ? `\n\n办理地址：${link}` : ''}\n\n（本邮件由涟水县政府门户网站内容保障系统自动发送，请勿直接回复）`,
        });
        await this.db
          .updateTable('notifications')
          .set({ email_state: 'sent', emailed_at: nowIso(this.clock), email_error: null })
          .where('id', '=', r.id)
          .execute();
        sent++;
      } catch (error) {
        const attempts = r.email_attempts + 1;
        await this.db
          .updateTable('notifications')
          .set({
            email_attempts: attempts,
            email_state: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            email_error: String((error as Error).message ?? error).slice(0, 500),
          })
          .where('id', '=', r.id)
          .execute();
        failed++;
      }
    }
    return { sent, failed };
  }
}
