import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/helpers.js';
import type { DB } from '../db/tables.js';

export function sha256(text: string | Buffer): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export interface SessionRecord {
  accountId: number;
  csrfToken: string;
  lastSeenAt: string;
}

/**
 * Server-side sessions in the database (they survive a restart and are shared by several app
 * processes). Only a hash of the cookie value is stored. A session idle for longer than the limit,
 * or older than the absolute lifetime (SESSION_MAX_HOURS) however busy, is dead: it is deleted when
 * next seen and by the periodic sweep.
 */
export class SessionStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly idleMs: number,
    private readonly maxAgeMs: number = 12 * 3600_000,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(
    accountId: number,
    ip: string | null,
    userAgent: string | null,
  ): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const now = this.clock().toISOString();
    await this.db
      .insertInto('sessions')
      .values({
        id: sha256(token),
        account_id: accountId,
        csrf_token: csrfToken,
        ip,
        user_agent: userAgent?.slice(0, 500) ?? null,
        created_at: now,
        last_seen_at: now,
      })
      .execute();
    return { token, csrfToken };
  }

  /** The live session for a cookie token; 'expired' when it existed but sat idle too long. */
  async touch(token: string): Promise<SessionRecord | 'expired' | null> {
    const id = sha256(token);
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const now = this.clock();
    if (
      now.getTime() - Date.parse(row.last_seen_at) > this.idleMs ||
      now.getTime() - Date.parse(row.created_at) > this.maxAgeMs
    ) {
      await this.db.deleteFrom('sessions').where('id', '=', id).execute();
      return 'expired';
    }
    // Writing on every request would make each page view a write. A minute's resolution is plenty
    // for the usual limits; a short idle limit (SESSION_IDLE_MINUTES=1) needs a finer one, or a
    // session in use would be seen as idle (a quarter of the limit keeps it alive).
    if (now.getTime() - Date.parse(row.last_seen_at) > Math.min(60_000, this.idleMs / 4)) {
      await this.db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
    }
    return { accountId: row.account_id, csrfToken: row.csrf_token, lastSeenAt: row.last_seen_at };
  }

  async destroy(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
  }

  /**
   * End every session of an account. Inside a unit of work pass its transaction: the sessions then end
   * exactly when the change that ends them commits (and the database handle is not needed while the
   * transaction holds the connection).
   */
  async destroyAllFor(accountId: number, db: Executor = this.db, exceptToken?: string): Promise<void> {
    let q = db.deleteFrom('sessions').where('account_id', '=', accountId);
    if (exceptToken) q = q.where('id', '!=', sha256(exceptToken));
    await q.execute();
  }

  async sweep(): Promise<number> {
    const now = this.clock().getTime();
    const idle = new Date(now - this.idleMs).toISOString();
    const born = new Date(now - this.maxAgeMs).toISOString();
    const r = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('last_seen_at', '<', idle), eb('created_at', '<', born)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
