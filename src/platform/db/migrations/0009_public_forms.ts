import { createTable, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 12: what every public form of the site needs (src/platform/public-forms). Kept in the database
// so that limits and one-use challenges hold across restarts and across several processes.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  // One row per accepted submission attempt, counted per window (rate limits by address and phone).
  await withId(ctx, createTable(db, ctx, 'public_form_hits'))
    .addColumn('form', 'varchar(64)', (c) => c.notNull()) // which form: 'letter', 'foi', 'consult', ...
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // address | phone
    .addColumn('key', 'varchar(128)', (c) => c.notNull()) // the address or the normalised phone
    .addColumn('at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('public_form_hits_key_idx')
    .on('public_form_hits')
    .columns(['kind', 'key', 'at'])
    .execute();
  await db.schema.createIndex('public_form_hits_at_idx').on('public_form_hits').columns(['at']).execute();

  // Blacklisted addresses and phones: refused on every public form.
  await withId(ctx, createTable(db, ctx, 'public_form_blacklist'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // address | phone
    .addColumn('value', 'varchar(128)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp) // null: until removed
    .addUniqueConstraint('public_form_blacklist_kind_value_uq', ['kind', 'value'])
    .execute();

  // Challenges already answered: a nonce is used once.
  await createTable(db, ctx, 'public_form_challenges_used')
    .addColumn('nonce', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('public_form_challenges_used_exp_idx')
    .on('public_form_challenges_used')
    .columns(['expires_at'])
    .execute();

  // The key that signs challenges, made on first use and shared by every process.
  await createTable(db, ctx, 'public_form_secrets')
    .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('secret', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
}
