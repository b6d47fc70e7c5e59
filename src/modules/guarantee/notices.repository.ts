import type { Insertable, Kysely } from 'kysely';
import { chunk, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { GuaranteeNoticesTable } from '../../platform/db/tables-guarantee.js';

export interface NoticeFilter {
  /** The unit a unit-scoped reader is held to. */
  scopeUnitId?: number;
  unitId?: number;
  level?: string;
  from?: string;
  to?: string;
}

/** The notice log (guarantee_notices) and the accounts notices go to. */
export class NoticesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Which of these dedupe keys are recorded already. */
  async knownKeys(trx: Executor, keys: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunk(keys))
      for (const r of await trx
        .selectFrom('guarantee_notices')
        .select('dedupe_key')
        .where('dedupe_key', 'in', part)
        .execute())
        out.add(r.dedupe_key);
    return out;
  }

  async insert(trx: Executor, values: Insertable<GuaranteeNoticesTable>): Promise<void> {
    await trx.insertInto('guarantee_notices').values(values).execute();
  }

  async list(f: NoticeFilter, page: { limit: number; offset: number }) {
    let query = this.db.selectFrom('guarantee_notices');
    if (f.scopeUnitId) query = query.where('unit_id', '=', f.scopeUnitId);
    if (f.unitId) query = query.where('unit_id', '=', f.unitId);
    if (f.level) query = query.where('level', '=', f.level);
    if (f.from) query = query.where('created_at', '>=', f.from);
    if (f.to) query = query.where('created_at', '<', f.to);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }

  /** Active accounts holding one of the roles, with their unit, by account id. */
  async accountsWithRoles(roles: readonly string[]) {
    return this.db
      .selectFrom('accounts')
      .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
      .select(['accounts.id', 'accounts.unit_id'])
      .where('accounts.active', '=', 1)
      .where('account_roles.role', 'in', roles)
      .orderBy('accounts.id')
      .execute();
  }

  async accountInfo(db: Executor, ids: readonly number[]) {
    const out: Array<{ id: number; username: string; email: string | null }> = [];
    for (const part of chunk(ids))
      out.push(
        ...(await db.selectFrom('accounts').select(['id', 'username', 'email']).where('id', 'in', part).execute()),
      );
    return out;
  }

  /** Active accounts per unit (a unit without any cannot read its notices). */
  async activeAccountCounts() {
    const rows = await this.db
      .selectFrom('accounts')
      .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('active', '=', 1)
      .groupBy('unit_id')
      .execute();
    return rows.map((r) => ({ unitId: r.unit_id, n: Number(r.n) }));
  }
}
