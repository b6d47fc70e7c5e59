import type { Insertable, Kysely } from 'kysely';
import { chunk, type Executor } from '../../platform/db/helpers.js';
import type { DB, NotificationsTable } from '../../platform/db/tables.js';

/** Every query of the notices and their e-mail outbox; an account reads and marks only its own. */
export class NotifyRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The accounts to tell, with their e-mail addresses and whether they are active. */
  async recipients(db: Executor, ids: readonly number[]) {
    const out: Array<{ id: number; email: string | null; active: number }> = [];
    for (const part of chunk([...ids]))
      out.push(
        ...(await db.selectFrom('accounts').select(['id', 'email', 'active']).where('id', 'in', part).execute()),
      );
    return out;
  }

  async keyUsed(db: Executor, key: string): Promise<boolean> {
    return (
      (await db.selectFrom('notifications').select('id').where('dedupe_key', '=', key).executeTakeFirst()) !== undefined
    );
  }

  async insert(db: Executor, row: Insertable<NotificationsTable>): Promise<void> {
    await db.insertInto('notifications').values(row).execute();
  }

  list(accountId: number, unreadOnly: boolean, limit: number) {
    let q = this.db.selectFrom('notifications').selectAll().where('account_id', '=', accountId);
    if (unreadOnly) q = q.where('read_at', 'is', null);
    return q.orderBy('id', 'desc').limit(limit).execute();
  }

  async unreadCount(accountId: number): Promise<number> {
    const r = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Mark one of the account's unread notices, or all of them, read; returns how many changed. */
  async markRead(accountId: number, id: number | 'all', at: string): Promise<number> {
    let q = this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null);
    if (id !== 'all') q = q.where('id', '=', id);
    return Number((await q.executeTakeFirst()).numUpdatedRows);
  }

  async ownedBy(accountId: number, id: number): Promise<boolean> {
    const r = await this.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return r !== undefined;
  }

  /** The outbox: notices waiting to be e-mailed, oldest first, with their recipients. */
  pending(limit: number) {
    return this.db
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
  }

  async setEmail(
    id: number,
    patch: Partial<
      Pick<Insertable<NotificationsTable>, 'email_state' | 'emailed_at' | 'email_error' | 'email_attempts'>
    >,
  ): Promise<void> {
    await this.db.updateTable('notifications').set(patch).where('id', '=', id).execute();
  }
}
