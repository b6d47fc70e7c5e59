import { MysqlAdapter, SqliteAdapter } from 'kysely';
import { AppError } from '../errors.js';
import { type AnyKysely, formsDb } from './tables.js';

// Per-address and per-phone limits of a public form, counted in the database (every process and a
// restart see the same counts). A submission records its hit and then counts the hits up to and
// including its own: of several arriving at once, exactly the first `max` pass, the others take their
// hit back and are refused. On PostgreSQL and MariaDB the key's row in public_form_buckets is locked
// first, so that "up to mine" means the same on every connection (see take()).

export interface RateRule {
  max: number;
  windowMinutes: number;
}

export interface RateLimits {
  address: RateRule;
  phone: RateRule;
}

/** Defaults for a citizen's form: a letter takes minutes to write. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  address: { max: 10, windowMinutes: 60 },
  phone: { max: 5, windowMinutes: 24 * 60 },
};

const WHAT = { address: '同一网络地址', phone: '同一手机号码' } as const;

function windowWords(minutes: number): string {
  if (minutes % (24 * 60) === 0) return minutes === 24 * 60 ? '每天' : `每 ${minutes / (24 * 60)} 天`;
  if (minutes % 60 === 0) return minutes === 60 ? '每小时' : `每 ${minutes / 60} 小时`;
  return `每 ${minutes} 分钟`;
}

async function take(
  db: AnyKysely,
  form: string,
  kind: 'address' | 'phone',
  key: string,
  rule: RateRule,
  now: Date,
): Promise<void> {
  const k = key.slice(0, 128);
  // SQLite has one writer: ids commit in the order they are handed out, and a transaction here would
  // make a second connection of this process wait on this very thread.
  if (db.getExecutor().adapter instanceof SqliteAdapter) return count(db, form, kind, k, rule, now);
  // Elsewhere an id is handed out before its commit, so a later one can commit (and count) first: the
  // key's row lock orders them. Inside the caller's transaction it is held to that transaction's end.
  if (db.isTransaction) {
    await lock(db, form, kind, k, now);
    return count(db, form, kind, k, rule, now);
  }
  return db.transaction().execute(async (trx) => {
    await lock(trx, form, kind, k, now);
    return count(trx, form, kind, k, rule, now);
  });
}

/** One upsert takes the row lock: an insert that does nothing and a separate update would let MariaDB's waiters share the row first and then deadlock upgrading. */
async function lock(db: AnyKysely, form: string, kind: string, key: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const bucket = formsDb(db).insertInto('public_form_buckets').values({ form, kind, key, at });
  await (db.getExecutor().adapter instanceof MysqlAdapter
    ? bucket.onDuplicateKeyUpdate({ at })
    : bucket.onConflict((oc) => oc.columns(['form', 'kind', 'key']).doUpdateSet({ at }))
  ).execute();
}

/** Records the hit, then counts the hits up to and including it; over the limit it takes it back. */
async function count(
  db: AnyKysely,
  form: string,
  kind: 'address' | 'phone',
  key: string,
  rule: RateRule,
  now: Date,
): Promise<void> {
  const t = formsDb(db);
  const since = new Date(now.getTime() - rule.windowMinutes * 60_000).toISOString();
  const query = t.insertInto('public_form_hits').values({ form, kind, key, at: now.toISOString() });
  // PostgreSQL and SQLite answer RETURNING, MySQL only reports insertId.
  const id = db.getExecutor().adapter.supportsReturning
    ? Number((await query.returning('id').executeTakeFirstOrThrow()).id)
    : Number((await query.executeTakeFirstOrThrow()).insertId);
  const { n } = await t
    .selectFrom('public_form_hits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('form', '=', form)
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('at', '>', since)
    .where('id', '<=', id)
    .executeTakeFirstOrThrow();
  if (Number(n) <= rule.max) return;
  await t.deleteFrom('public_form_hits').where('id', '=', id).execute();
  const oldest = await t
    .selectFrom('public_form_hits')
    .select('at')
    .where('form', '=', form)
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('at', '>', since)
    .orderBy('at')
    .executeTakeFirst();
  const freeAt = oldest ? Date.parse(oldest.at) + rule.windowMinutes * 60_000 : now.getTime();
  const retryMinutes = Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
  throw new AppError(
    'RATE_LIMITED',
    `提交过于频繁：${WHAT[kind]}${windowWords(rule.windowMinutes)}最多提交 ${rule.max} 次，请约 ${retryMinutes} 分钟后再试。已成功提交的内容不受影响。`,
    { limit: kind, retryAfterSeconds: retryMinutes * 60 },
  );
}

/**
 * Counts one submission of `form` from `address` (and `phone` when given) and refuses it with
 * RATE_LIMITED when either is over its limit. Call it after the submission has passed validation,
 * the blacklist and the challenge, so that mistakes do not use up a writer's allowance.
 */
export async function takeRateLimit(
  db: AnyKysely,
  input: { form: string; address: string; phone?: string | null },
  limits: RateLimits = DEFAULT_RATE_LIMITS,
  now: Date = new Date(),
): Promise<void> {
  await take(db, input.form, 'address', input.address, limits.address, now);
  if (input.phone) await take(db, input.form, 'phone', input.phone, limits.phone, now);
}

/** Drops hits older than the longest window (a daily job, or now and then). */
export async function pruneRateHits(db: AnyKysely, olderThanMinutes: number, now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - olderThanMinutes * 60_000).toISOString();
  const r = await formsDb(db).deleteFrom('public_form_hits').where('at', '<', before).executeTakeFirst();
  await formsDb(db).deleteFrom('public_form_buckets').where('at', '<', before).execute();
  return Number(r.numDeletedRows ?? 0);
}
