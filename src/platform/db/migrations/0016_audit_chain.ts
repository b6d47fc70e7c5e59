import { sealRows } from '../../audit/chain.js';
import { createTable, timestamp, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 9 item 10: the audit log proves itself. Each record is sealed into a hash chain just before its
// transaction commits (platform/audit/chain.ts): `seq` is its place in the chain, `prev_hash` the hash of
// the record before it, `hash` the SHA-256 of its own fields and prev_hash. The one row of audit_chain is
// the chain's head (the last sealed record and its hash) and the lock that keeps sealing one at a time;
// after a pruning it also keeps the anchor (the hash of the last record removed).
// Records written before this migration are sealed here, in id order (with the chain's own hash,
// which by its nature can never change).

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'varchar(64)').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'varchar(64)').execute();
  await db.schema.createIndex('audit_log_seq_idx').on('audit_log').columns(['seq']).unique().execute();

  await createTable(db, ctx, 'audit_chain')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('anchor_seq', 'integer', (c) => c.notNull()) // records up to this seq were pruned
    .addColumn('anchor_hash', 'varchar(64)', (c) => c.notNull()) // the hash the first kept record follows
    .addColumn('pruned_before', timestamp) // the cut-off of the last pruning, for the export's range
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_chain')
    .values({
      id: 1,
      last_seq: 0,
      last_hash: GENESIS,
      anchor_seq: 0,
      anchor_hash: GENESIS,
      pruned_before: null,
      updated_at: new Date().toISOString(),
    })
    .execute();
  const older = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  await sealRows(
    db,
    older as unknown as Parameters<typeof sealRows>[1],
    { last_seq: 0, last_hash: GENESIS },
    () => new Date(),
  );
}

/** The hash the first record of the chain follows (64 zeros). */
const GENESIS = '0'.repeat(64);
