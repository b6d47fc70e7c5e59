import { createTable, timestamp, type AnyDb, type MigrationContext } from '../schema-builder.js';

// One row per (form, kind, key) that a public form's rate limit has counted. Counting takes this row's
// write lock first, so two submissions from one address arriving on two connections are counted one
// after the other: on PostgreSQL and MariaDB an insert's id is handed out before its commit, so counting
// "the hits up to mine" let a later id commit first and both pass (CI, stop 20).

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await createTable(db, ctx, 'public_form_buckets')
    .addColumn('form', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('key', 'varchar(128)', (c) => c.notNull())
    .addColumn('at', timestamp, (c) => c.notNull()) // the last hit counted: old rows are pruned with the hits
    .addPrimaryKeyConstraint('public_form_buckets_pk', ['form', 'kind', 'key'])
    .execute();
}
