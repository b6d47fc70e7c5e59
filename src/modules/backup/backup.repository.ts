import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/tables.js';

export class BackupRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Active system administrators: they hear of a failed scheduled backup. */
  async administrators(): Promise<number[]> {
    const rows = await this.db
      .selectFrom('accounts')
      .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
      .select('accounts.id')
      .where('accounts.active', '=', 1)
      .where('account_roles.role', '=', 'sysadmin')
      .orderBy('accounts.id')
      .execute();
    return rows.map((r) => r.id);
  }
}
