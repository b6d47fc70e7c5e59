import crypto from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { chunk } from '../db/helpers.js';
import type { AuditLogTable, DB } from '../db/tables.js';

// The audit log's hash chain (issue 9 item 10, 等保 asks that audit records be protected from change).
//
// Records are inserted unsealed inside the writing transaction (audit.ts); just before that transaction
// commits, `sealPending` takes the chain's head row (FOR UPDATE on PostgreSQL and MariaDB; SQLite
// already holds its one write lock) and chains the records that transaction wrote, in id order. Taking
// the head last, at commit, keeps the lock short, and a sealer holding the head touches only its own
// rows, so sealing cannot deadlock with another change. The chain is the commit order. The hash's
// fields and order (recordHash) can never change: every chain already stored depends on them.
//
// `verifyChain` walks the chain by seq: a changed record no longer matches its hash, a deleted one breaks
// the next record's prev_hash, and records cut from the end no longer reach the head.

export const GENESIS_HASH = '0'.repeat(64);

type AuditRow = Selectable<AuditLogTable>;

/** The fields a record's hash covers, in a fixed order, so that every database gives the same text. */
export function recordHash(row: AuditRow, seq: number, prevHash: string): string {
  const canonical = JSON.stringify([
    seq,
    row.id,
    row.at,
    row.account_id ?? null,
    row.username,
    row.unit_id ?? null,
    row.action,
    row.entity_type,
    row.entity_id ?? null,
    row.ip ?? null,
    row.summary,
    row.details ?? null,
    prevHash,
  ]);
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Chains the records this transaction wrote (`ids`, in the order written). Called just before commit.
 * `locking` (PostgreSQL, MariaDB): the head is read FOR UPDATE, which both waits for another sealer
 * and reads the latest committed head (MariaDB's REPEATABLE READ would otherwise answer from the
 * transaction's old snapshot). SQLite has one writer at a time already. Only the transaction's own
 * records are read, so no lock on another writer's rows is ever asked for while holding the head.
 */
export async function sealPending(
  trx: Transaction<DB>,
  ids: readonly number[],
  locking: boolean,
  clock: () => Date = () => new Date(),
): Promise<number> {
  if (ids.length === 0) return 0;
  const headQuery = trx.selectFrom('audit_chain').select(['last_seq', 'last_hash']).where('id', '=', 1);
  const head = await (locking ? headQuery.forUpdate() : headQuery).executeTakeFirstOrThrow();
  const pending: AuditRow[] = [];
  // An import can write thousands of records in one transaction: the databases cap bound parameters.
  for (const part of chunk([...ids].sort((a, b) => a - b)))
    pending.push(...(await trx.selectFrom('audit_log').selectAll().where('id', 'in', part).orderBy('id').execute()));
  return sealRows(trx, pending, head, clock);
}

/** Chains the given rows after the head and moves the head. (Also migration 0016's, for older rows.) */
export async function sealRows(
  trx: Kysely<DB>,
  pending: readonly AuditRow[],
  head: { last_seq: number; last_hash: string },
  clock: () => Date,
): Promise<number> {
  let seq = Number(head.last_seq);
  let prev = head.last_hash;
  for (const row of pending) {
    seq += 1;
    const hash = recordHash(row, seq, prev);
    await trx.updateTable('audit_log').set({ seq, prev_hash: prev, hash }).where('id', '=', row.id).execute();
    prev = hash;
  }
  await trx
    .updateTable('audit_chain')
    .set({ last_seq: seq, last_hash: prev, updated_at: clock().toISOString() })
    .where('id', '=', 1)
    .execute();
  return pending.length;
}

export interface ChainProblem {
  seq: number | null;
  id: number | null;
  /** Chinese, for the command line and the admin app. */
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Records checked (sealed ones, from the anchor to the head). */
  checked: number;
  firstSeq: number | null;
  lastSeq: number | null;
  firstAt: string | null;
  lastAt: string | null;
  /** Records still waiting for their transaction's seal (only while a change is being written). */
  unsealed: number;
  problems: ChainProblem[];
}

const PAGE = 5000;
const MAX_PROBLEMS = 50;

/** Checks every sealed record against its hash and its predecessor, and the last one against the head. */
export async function verifyChain(db: Kysely<DB>): Promise<ChainReport> {
  const head = await db.selectFrom('audit_chain').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const problems: ChainProblem[] = [];
  const report = (p: ChainProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  let expectedSeq = Number(head.anchor_seq) + 1;
  let prev = head.anchor_hash;
  let checked = 0;
  let firstSeq: number | null = null;
  let firstAt: string | null = null;
  let lastAt: string | null = null;
  let after = Number(head.anchor_seq);
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        report({ seq: expectedSeq, id: null, message: `第 ${expectedSeq}–${seq - 1} 条记录缺失（已被删除）` });
      } else if (row.prev_hash !== prev) {
        report({ seq, id: row.id, message: `第 ${seq} 条记录与前一条不衔接（前一条被改动或删除）` });
      }
      if (recordHash(row, seq, row.prev_hash ?? '') !== row.hash) {
        report({ seq, id: row.id, message: `第 ${seq} 条记录（编号 ${row.id}）的内容与封存时不符（被改动）` });
      }
      firstSeq ??= seq;
      firstAt ??= row.at;
      lastAt = row.at;
      prev = row.hash ?? '';
      expectedSeq = seq + 1;
      checked += 1;
    }
    if (rows.length < PAGE) break;
    after = expectedSeq - 1;
  }
  const lastSeq = expectedSeq - 1;
  if (lastSeq !== Number(head.last_seq) || prev !== head.last_hash) {
    report({
      seq: Number(head.last_seq),
      id: null,
      message:
        lastSeq < Number(head.last_seq)
          ? `链尾缺少第 ${lastSeq + 1}–${head.last_seq} 条记录（已被删除）`
          : '链尾与链头登记的最后一条记录不符',
    });
  }
  const unsealed = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hash', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    ok: problems.length === 0,
    checked,
    firstSeq,
    lastSeq: checked ? lastSeq : null,
    firstAt,
    lastAt,
    unsealed: Number(unsealed.n),
    problems,
  };
}
