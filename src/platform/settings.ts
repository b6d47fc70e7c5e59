import type { Kysely } from 'kysely';
import type { Executor } from './db/helpers.js';
import { nowIso } from './db/helpers.js';
import type { DB } from './db/tables.js';

/** Small JSON settings kept in the database (patterns, thresholds) with code defaults. */
export class Settings {
  constructor(private readonly db: Kysely<DB>) {}

  async get<T>(key: string, fallback: T, db: Executor = this.db): Promise<T> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row ? (JSON.parse(row.value) as T) : fallback;
  }

  async set(db: Executor, key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value);
    const now = nowIso();
    const updated = await db
      .updateTable('settings')
      .set({ value: json, updated_at: now })
      .where('key', '=', key)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await db.insertInto('settings').values({ key, value: json, updated_at: now }).execute();
  }
}
