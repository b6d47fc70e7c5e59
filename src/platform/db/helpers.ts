import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from './tables.js';

export type Executor = Kysely<DB> | Transaction<DB>;

/** The current instant as stored: a UTC ISO-8601 string. */
export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}

/**
 * Insert one row and return its generated id on every dialect: PostgreSQL and SQLite answer
 * RETURNING, MySQL only reports insertId.
 */
export async function insertReturningId<T extends keyof DB & string>(
  db: Executor,
  table: T,
  values: Insertable<DB[T]>,
): Promise<number> {
  const query = db.insertInto(table).values(values as never);
  if (!db.getExecutor().adapter.supportsReturning) {
    const result = await query.executeTakeFirstOrThrow();
    return Number(result.insertId);
  }
  const row = (await query.returning('id' as never).executeTakeFirstOrThrow()) as unknown as { id: number | string };
  return Number(row.id);
}

/**
 * Reads that must agree with each other, in one snapshot: REPEATABLE READ on PostgreSQL and MariaDB;
 * SQLite's deferred transaction takes its snapshot at the first read (WAL) and ignores the level.
 */
export function inSnapshot<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(work);
}

/** Split a list for IN (...) clauses: SQLite and MySQL both cap the number of bound parameters. */
export function chunk<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function toInt(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

export function flag(value: boolean | undefined | null): number {
  return value ? 1 : 0;
}
