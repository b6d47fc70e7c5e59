import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../config.js';
import type { DB } from '../db/tables.js';

/** The cache_invalidations table (bus.ts): written after a commit, read by every process. */
export class BusRepository {
  constructor(
    private readonly db: Kysely<DB>,
    readonly dialect: Dialect,
  ) {}

  async insert(origin: string, channel: string, payload: string, now: number): Promise<void> {
    await this.db.insertInto('cache_invalidations').values({ origin, channel, payload, created_at: now }).execute();
  }

  /** PostgreSQL only: wake the listening processes at once (they read the table when woken). */
  async notify(pgChannel: string, origin: string): Promise<void> {
    await sql`select pg_notify(${pgChannel}, ${origin})`.execute(this.db);
  }

  async lastId(): Promise<number> {
    const row = await this.db
      .selectFrom('cache_invalidations')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  /** Rows after `afterId`, oldest first (bounded: a process that fell far behind clears everything). */
  async since(afterId: number, limit: number) {
    return this.db
      .selectFrom('cache_invalidations')
      .select(['id', 'origin', 'channel', 'payload'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async prune(before: number): Promise<void> {
    await this.db.deleteFrom('cache_invalidations').where('created_at', '<', before).execute();
  }
}
