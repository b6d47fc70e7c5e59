import type { Kysely } from 'kysely';
import type { Dialect } from '../config.js';
import type { DB } from '../db/tables.js';

// The queries of job leases (lease.ts). Taking a lease is two statements that are each atomic on
// every dialect: make sure the row exists (an insert that does nothing when it does), then one
// conditional update that only one holder can win — the row's current holder renewing, or anyone
// once it has expired. No transaction and no dialect lock: the update's WHERE is the lock.

export class LeasesRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  /** Take (or keep) the lease `name` for `holder` until `until`; false when another live holder has it. */
  async take(name: string, holder: string, now: number, until: number): Promise<boolean> {
    const row = { name, holder: '', expires_at: 0, token: 0 };
    const insert = this.db.insertInto('job_leases').values(row);
    await (this.dialect === 'mysql'
      ? insert.ignore()
      : insert.onConflict((oc) => oc.column('name').doNothing())
    ).execute();
    const r = await this.db
      .updateTable('job_leases')
      .set((eb) => ({ holder, expires_at: until, token: eb('token', '+', 1) }))
      .where('name', '=', name)
      .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<=', now)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Push the end of a lease `holder` still has; false when it has lapsed and another took it. */
  async renew(name: string, holder: string, until: number): Promise<boolean> {
    const r = await this.db
      .updateTable('job_leases')
      .set((eb) => ({ expires_at: until, token: eb('token', '+', 1) }))
      .where('name', '=', name)
      .where('holder', '=', holder)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Give the lease up at once (the next process need not wait for it to lapse). */
  async release(name: string, holder: string): Promise<void> {
    await this.db
      .updateTable('job_leases')
      .set((eb) => ({ holder: '', expires_at: 0, token: eb('token', '+', 1) }))
      .where('name', '=', name)
      .where('holder', '=', holder)
      .execute();
  }

  async get(name: string) {
    return this.db.selectFrom('job_leases').selectAll().where('name', '=', name).executeTakeFirst();
  }
}
