import type { Kysely } from 'kysely';
import type { Role } from '../../platform/auth/roles.js';
import { chunk, insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { Account as AccountReply } from '../../contract/org.js';
import type { Account, DB } from '../../platform/db/tables.js';
import { throttleName } from './login-throttle.js';

/** An account as the API shows it (src/contract/org.ts). */
export type AccountView = AccountReply;

export class AccountsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private async hydrate(
    rows: Array<Account & { unit_name: string }>,
    now: Date,
    db: Executor = this.db,
  ): Promise<AccountView[]> {
    const roles: Array<{ account_id: number; role: string }> = [];
    for (const ids of chunk(rows.map((r) => r.id))) {
      roles.push(...(await db.selectFrom('account_roles').selectAll().where('account_id', 'in', ids).execute()));
    }
    // Sign-in locks are kept by name and address (login-throttle.ts); an account shows as locked
    // while any of them is in force, until the latest ends.
    const locks = new Map<string, { until: string; failures: number }>();
    for (const names of chunk(rows.map((r) => throttleName(r.username)))) {
      for (const l of await db
        .selectFrom('login_throttle')
        .select(['name', 'locked_until', 'failures'])
        .where('name', 'in', names)
        .where('locked_until', '>', now.toISOString())
        .execute()) {
        const prev = locks.get(l.name!);
        if (!prev || l.locked_until! > prev.until) locks.set(l.name!, { until: l.locked_until!, failures: l.failures });
      }
    }
    const enrolled = new Set<number>();
    for (const ids of chunk(rows.map((r) => r.id))) {
      for (const t of await db
        .selectFrom('account_two_factor')
        .select('account_id')
        .where('account_id', 'in', ids)
        .where('enabled_at', 'is not', null)
        .execute())
        enrolled.add(t.account_id);
    }
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      roles: roles.filter((x) => x.account_id === r.id).map((x) => x.role as Role),
      phone: r.phone,
      email: r.email,
      active: r.active === 1,
      locked: locks.has(throttleName(r.username)),
      lockedUntil: locks.get(throttleName(r.username))?.until ?? null,
      failedAttempts: locks.get(throttleName(r.username))?.failures ?? 0,
      lastLoginAt: r.last_login_at,
      twoFactor: enrolled.has(r.id),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  private base(db: Executor) {
    return db
      .selectFrom('accounts')
      .innerJoin('units', 'units.id', 'accounts.unit_id')
      .selectAll('accounts')
      .select('units.short_name as unit_name');
  }

  async list(filter: { unitId?: number; role?: string }, now: Date, db: Executor = this.db): Promise<AccountView[]> {
    let q = this.base(db);
    if (filter.unitId) q = q.where('accounts.unit_id', '=', filter.unitId);
    if (filter.role)
      q = q.where('accounts.id', 'in', (eb) =>
        eb.selectFrom('account_roles').select('account_id').where('role', '=', filter.role!),
      );
    return this.hydrate(await q.orderBy('accounts.unit_id').orderBy('accounts.id').execute(), now, db);
  }

  async get(id: number, now: Date, db: Executor = this.db): Promise<AccountView | undefined> {
    const row = await this.base(db).where('accounts.id', '=', id).executeTakeFirst();
    return row ? (await this.hydrate([row], now, db))[0] : undefined;
  }

  findRowByUsername(username: string, db: Executor = this.db): Promise<Account | undefined> {
    return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findRow(id: number, db: Executor = this.db): Promise<Account | undefined> {
    return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async rolesOf(id: number, db: Executor = this.db): Promise<Role[]> {
    const rows = await db.selectFrom('account_roles').select('role').where('account_id', '=', id).execute();
    return rows.map((r) => r.role as Role);
  }

  async insert(db: Executor, row: Omit<Account, 'id'>, roles: readonly Role[]): Promise<number> {
    const id = await insertReturningId(db, 'accounts', row);
    await this.replaceRoles(db, id, roles);
    return id;
  }

  async update(db: Executor, id: number, patch: Partial<Omit<Account, 'id'>>): Promise<void> {
    await db.updateTable('accounts').set(patch).where('id', '=', id).execute();
  }

  async replaceRoles(db: Executor, id: number, roles: readonly Role[]): Promise<void> {
    await db.deleteFrom('account_roles').where('account_id', '=', id).execute();
    const unique = [...new Set(roles)];
    if (unique.length)
      await db
        .insertInto('account_roles')
        .values(unique.map((role) => ({ account_id: id, role })))
        .execute();
  }

  async isReferenced(db: Executor, id: number): Promise<boolean> {
    const a = await db
      .selectFrom('articles')
      .select('id')
      .where((eb) => eb.or([eb('created_by', '=', id), eb('updated_by', '=', id)]))
      .executeTakeFirst();
    const r = await db.selectFrom('article_revisions').select('id').where('created_by', '=', id).executeTakeFirst();
    const f = await db.selectFrom('attachments').select('id').where('created_by', '=', id).executeTakeFirst();
    return a !== undefined || r !== undefined || f !== undefined;
  }

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('accounts').where('id', '=', id).execute();
  }
}
