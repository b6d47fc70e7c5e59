import { createTable, timestamp, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 9: sign-in throttling by account name, by source address and by the pair of them (see
// docs/security.md). One row per key; names are kept as typed (lower case) whether or not an account
// of that name exists, so that the answers do not tell which names exist.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await createTable(db, ctx, 'login_throttle')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey()) // kind:name@address, kind:address, kind:name
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // pair | source | name
    .addColumn('name', 'varchar(64)') // the account name the row is about (pair, name), for unlocking
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('lockouts', 'integer', (c) => c.notNull())
    .addColumn('locked_until', timestamp)
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_throttle_name_idx').on('login_throttle').columns(['name']).execute();
}
