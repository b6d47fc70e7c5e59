import { createTable, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 9 item 8: two-factor sign-in (TOTP, RFC 6238, with recovery codes; docs/security.md).
// - account_two_factor: one row per account that has begun or finished enrolment. `secret` is the
//   confirmed TOTP secret and `pending_secret` one shown at enrolment and not yet confirmed by a first
//   code, both sealed with the SecretBox (platform/secrets). `last_step` is the time step of the last
//   code accepted: a code of that step or an earlier one is refused, so a code cannot be replayed.
// - account_recovery_codes: the single-use recovery codes, argon2id hashes only.
// - two_factor_challenges: the short-lived state between a right password and the second step
//   (a hash of the token the browser holds, the account, what is asked, the wrong codes so far).

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await createTable(db, ctx, 'account_two_factor')
    .addColumn('account_id', 'integer', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('secret', 'varchar(255)')
    .addColumn('pending_secret', 'varchar(255)')
    .addColumn('enabled_at', timestamp)
    .addColumn('last_step', 'integer')
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await withId(ctx, createTable(db, ctx, 'account_recovery_codes'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('code_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('used_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('account_recovery_codes_account_idx')
    .on('account_recovery_codes')
    .columns(['account_id'])
    .execute();

  await createTable(db, ctx, 'two_factor_challenges')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey()) // sha256 of the token
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(16)', (c) => c.notNull()) // verify | enrol
    .addColumn('ip', 'varchar(64)')
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('two_factor_challenges_expires_idx')
    .on('two_factor_challenges')
    .columns(['expires_at'])
    .execute();
}
