import { createTable, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 15 item 4: background jobs run once across several server processes. A job round takes the
// row of its name (platform/jobs/lease.ts): a conditional update that succeeds for one holder only,
// on every dialect, and lapses by itself when the holder dies (expires_at, epoch milliseconds).
// `token` grows with every take and renewal, so an update always changes the row (MySQL counts only
// changed rows as affected).

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await createTable(db, ctx, 'job_leases')
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(200)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('token', 'bigint', (c) => c.notNull())
    .execute();
}
