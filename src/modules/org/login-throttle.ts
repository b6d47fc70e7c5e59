import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/helpers.js';
import type { DB, LoginThrottleTable } from '../../platform/db/tables.js';

// Sign-in throttling (design in docs/security.md). Three counters, each with its own lock that grows
// (LOGIN_LOCK_MINUTES, then twice that, … up to a day):
// - pair   (account name, source address): LOGIN_MAX_FAILURES wrong passwords lock that name for
//          that address only, so someone elsewhere cannot lock the administrator out;
// - source (address): four times as many, whatever the names, stops one address trying many names;
// - name   (account name): four times as many from any addresses locks the name for the addresses
//          that have failed on it — a spread-out attack — while an address that has not failed keeps
//          signing in.
// Names are counted as typed (lower case), existing or not, so every answer is the same for a name
// that exists and one that does not. A success clears its pair; the rest expire a day after the
// last failure. A system administrator (or `govportal unlock` on the server) can clear a name.

export interface ThrottleLimits {
  maxFailures: number;
  lockMinutes: number;
}

export interface FailureOutcome {
  /** Set when this failure locked the pair, the source or the name. */
  lockedUntil: string | null;
  lockMinutes: number;
  /** Failures left before the pair locks. */
  left: number;
}

type Kind = 'pair' | 'source' | 'name';
const DAY = 24 * 3600_000;
const MAX_LOCK_MINUTES = 24 * 60;

export const throttleName = (username: string) => username.trim().toLowerCase().slice(0, 64);

const keyOf = (kind: Kind, name: string, source: string) =>
  kind === 'pair' ? `pair:${name}@${source}` : kind === 'source' ? `source:${source}` : `name:${name}`;

export class LoginThrottle {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly limits: ThrottleLimits,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private threshold(kind: Kind): number {
    return kind === 'pair' ? this.limits.maxFailures : this.limits.maxFailures * 4;
  }

  /** A row as it counts now: one untouched for a day starts again. */
  private fresh(row: LoginThrottleTable | undefined, now: number): LoginThrottleTable | undefined {
    if (!row) return undefined;
    const locked = row.locked_until !== null && Date.parse(row.locked_until) > now;
    return locked || now - Date.parse(row.updated_at) < DAY ? row : undefined;
  }

  private async rows(name: string, source: string): Promise<Map<Kind, LoginThrottleTable>> {
    const keys = (['pair', 'source', 'name'] as const).map((k) => keyOf(k, name, source));
    const now = this.clock().getTime();
    const found = await this.db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
    const out = new Map<Kind, LoginThrottleTable>();
    for (const r of found) {
      const f = this.fresh(r, now);
      if (f) out.set(f.kind as Kind, f);
    }
    return out;
  }

  /** When the lock that stops a sign-in of this name from this address ends, or null. */
  async lockedUntil(username: string, source: string): Promise<string | null> {
    const name = throttleName(username);
    const rows = await this.rows(name, source);
    const now = this.clock().getTime();
    const active = (r: LoginThrottleTable | undefined) =>
      r?.locked_until && Date.parse(r.locked_until) > now ? r.locked_until : null;
    const pair = rows.get('pair');
    const hasFailed = pair !== undefined && (pair.failures > 0 || pair.lockouts > 0);
    const ends = [active(pair), active(rows.get('source')), hasFailed ? active(rows.get('name')) : null].filter(
      (x): x is string => x !== null,
    );
    return ends.length ? ends.sort().at(-1)! : null;
  }

  /** Count a wrong password (at sign-in, or as the current password when changing it). */
  async fail(username: string, source: string): Promise<FailureOutcome> {
    const name = throttleName(username);
    let locked: { until: string; minutes: number } | null = null;
    let left = this.limits.maxFailures;
    for (const kind of ['pair', 'source', 'name'] as const) {
      const r = await this.count(kind, name, source);
      if (r.lockedUntil && (!locked || r.lockedUntil > locked.until))
        locked = { until: r.lockedUntil, minutes: r.minutes };
      if (kind === 'pair') left = Math.max(0, this.threshold('pair') - r.failures);
    }
    // A name lock stops only the addresses that failed on it, this one among them.
    return {
      lockedUntil: locked?.until ?? null,
      lockMinutes: locked?.minutes ?? this.nextMinutes(0),
      left,
    };
  }

  /** The length of the next lock after `lockouts` earlier ones. */
  private nextMinutes(lockouts: number): number {
    return Math.min(MAX_LOCK_MINUTES, this.limits.lockMinutes * 2 ** Math.min(lockouts, 20));
  }

  /** The pair's next lock, for the message after a wrong password. */
  async nextLockMinutes(username: string, source: string): Promise<number> {
    const pair = (await this.rows(throttleName(username), source)).get('pair');
    return this.nextMinutes(pair?.lockouts ?? 0);
  }

  private async count(
    kind: Kind,
    name: string,
    source: string,
  ): Promise<{ failures: number; lockedUntil: string | null; minutes: number }> {
    const key = keyOf(kind, name, source);
    const now = this.clock();
    for (let attempt = 0; ; attempt++) {
      const raw = await this.db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
      const existing = this.fresh(raw, now.getTime());
      const failures = (existing?.failures ?? 0) + 1;
      const lockouts = existing?.lockouts ?? 0;
      const lock = failures >= this.threshold(kind);
      const minutes = this.nextMinutes(lockouts);
      const row = {
        kind,
        name: kind === 'source' ? null : name,
        failures: lock ? 0 : failures,
        lockouts: lock ? lockouts + 1 : lockouts,
        locked_until: lock
          ? new Date(now.getTime() + minutes * 60_000).toISOString()
          : (existing?.locked_until ?? null),
        updated_at: now.toISOString(),
      };
      const result = { failures, lockedUntil: lock ? row.locked_until : null, minutes };
      // Parallel guesses must not share one count: write only over the row as read, else read again.
      if (raw) {
        const done = await this.db
          .updateTable('login_throttle')
          .set(row)
          .where('key', '=', key)
          .where('failures', '=', raw.failures)
          .where('lockouts', '=', raw.lockouts)
          .where('updated_at', '=', raw.updated_at)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) > 0 || attempt >= 10) return result;
        continue;
      }
      try {
        await this.db
          .insertInto('login_throttle')
          .values({ key, ...row })
          .execute();
        return result;
      } catch (error) {
        if (attempt >= 10) throw error; // another request inserted it first: count again on that row
      }
    }
  }

  /** A successful sign-in clears its own pair (not the name's count, which an attacker would like cleared). */
  async succeed(username: string, source: string): Promise<void> {
    await this.db
      .deleteFrom('login_throttle')
      .where('key', '=', keyOf('pair', throttleName(username), source))
      .execute();
  }

  /** The administrator's unlock: every lock and count of this name, from every address. */
  async clearName(db: Executor, username: string): Promise<void> {
    await db.deleteFrom('login_throttle').where('name', '=', throttleName(username)).execute();
  }

  /** `govportal unlock --source`: an address locked for trying many names. */
  async clearSource(db: Executor, source: string): Promise<number> {
    const r = await db
      .deleteFrom('login_throttle')
      .where('key', '=', keyOf('source', '', source))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
