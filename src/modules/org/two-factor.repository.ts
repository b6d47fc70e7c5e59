import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/helpers.js';
import type { AccountTwoFactorTable, DB, TwoFactorChallengeTable } from '../../platform/db/tables.js';

/** The tables of two-factor sign-in (migration 0017): the factor, the recovery codes, the challenges. */
export class TwoFactorRepository {
  constructor(private readonly db: Kysely<DB>) {}

  find(accountId: number, db: Executor = this.db): Promise<AccountTwoFactorTable | undefined> {
    return db.selectFrom('account_two_factor').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  }

  accountIdByName(username: string, db: Executor = this.db): Promise<number | undefined> {
    return db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst()
      .then((r) => r?.id);
  }

  async setPending(db: Executor, accountId: number, sealed: string, now: string): Promise<void> {
    const done = await db
      .updateTable('account_two_factor')
      .set({ pending_secret: sealed, updated_at: now })
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0)
      await db
        .insertInto('account_two_factor')
        .values({
          account_id: accountId,
          secret: null,
          pending_secret: sealed,
          enabled_at: null,
          last_step: null,
          updated_at: now,
        })
        .execute();
  }

  /** The pending secret becomes the account's factor; its first code's step is already used. */
  async enable(db: Executor, accountId: number, sealed: string, step: number, now: string): Promise<void> {
    await db
      .updateTable('account_two_factor')
      .set({ secret: sealed, pending_secret: null, enabled_at: now, last_step: step, updated_at: now })
      .where('account_id', '=', accountId)
      .execute();
  }

  /**
   * Record a code's step as used, only if no code of this or a later step was accepted meanwhile:
   * two requests racing with the same code cannot both pass. False when the step was taken.
   */
  async takeStep(db: Executor, accountId: number, step: number, now: string): Promise<boolean> {
    const done = await db
      .updateTable('account_two_factor')
      .set({ last_step: step, updated_at: now })
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(done.numUpdatedRows) > 0;
  }

  async remove(db: Executor, accountId: number): Promise<void> {
    await db.deleteFrom('account_recovery_codes').where('account_id', '=', accountId).execute();
    await db.deleteFrom('account_two_factor').where('account_id', '=', accountId).execute();
    await db.deleteFrom('two_factor_challenges').where('account_id', '=', accountId).execute();
  }

  // Recovery codes -------------------------------------------------------------------------------

  async replaceRecoveryCodes(db: Executor, accountId: number, hashes: string[], now: string): Promise<void> {
    await db.deleteFrom('account_recovery_codes').where('account_id', '=', accountId).execute();
    await db
      .insertInto('account_recovery_codes')
      .values(hashes.map((code_hash) => ({ account_id: accountId, code_hash, used_at: null, created_at: now })))
      .execute();
  }

  unusedRecoveryCodes(accountId: number, db: Executor = this.db): Promise<Array<{ id: number; code_hash: string }>> {
    return db
      .selectFrom('account_recovery_codes')
      .select(['id', 'code_hash'])
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .orderBy('id')
      .execute();
  }

  /** Mark a recovery code used; false when another request used it first. */
  async takeRecoveryCode(db: Executor, id: number, now: string): Promise<boolean> {
    const done = await db
      .updateTable('account_recovery_codes')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) > 0;
  }

  // Challenges ------------------------------------------------------------------------------------

  async insertChallenge(db: Executor, row: TwoFactorChallengeTable): Promise<void> {
    // Each new one clears the expired ones (no separate sweep needed for a table this small).
    await db.deleteFrom('two_factor_challenges').where('expires_at', '<', row.created_at).execute();
    await db.insertInto('two_factor_challenges').values(row).execute();
  }

  findChallenge(id: string, db: Executor = this.db): Promise<TwoFactorChallengeTable | undefined> {
    return db.selectFrom('two_factor_challenges').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Count a wrong code against the challenge; the new count. */
  async failChallenge(db: Executor, id: string): Promise<number> {
    await db
      .updateTable('two_factor_challenges')
      .set((eb) => ({ failures: eb('failures', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const row = await this.findChallenge(id, db);
    return row?.failures ?? Number.POSITIVE_INFINITY;
  }

  async deleteChallenge(db: Executor, id: string): Promise<boolean> {
    const done = await db.deleteFrom('two_factor_challenges').where('id', '=', id).executeTakeFirst();
    return Number(done.numDeletedRows) > 0;
  }
}
