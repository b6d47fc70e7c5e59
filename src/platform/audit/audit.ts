import type { Kysely, Transaction } from 'kysely';
import { auditEntityTypes } from '../../contract/audit.js';
import { actorAccountId, actorUnitId } from '../auth/actor.js';
import type { Dialect } from '../config.js';
import type { DB } from '../db/tables.js';
import type { DomainEvent, EventBus } from '../events.js';
import { insertReturningId, nowIso } from '../db/helpers.js';
import { sealPending, verifyChain } from './chain.js';

/**
 * Writes one audit record per domain event, inside the same transaction as the change, and seals the
 * transaction's records into the hash chain just before it commits (chain.ts).
 */
export function registerAuditListener(events: EventBus, dialect: Dialect, clock: () => Date = () => new Date()): void {
  // The records each open transaction wrote, sealed at its commit (a transaction is one object).
  const written = new WeakMap<Transaction<DB>, number[]>();
  events.onTransaction(async (trx: Transaction<DB>, e: DomainEvent) => {
    const id = await insertReturningId(trx, 'audit_log', {
      at: nowIso(clock),
      account_id: actorAccountId(e.actor),
      username: e.actor.username,
      unit_id: actorUnitId(e.actor),
      action: e.type,
      entity_type: e.entityType,
      entity_id: e.entityId === null ? null : String(e.entityId),
      ip: e.actor.ip,
      summary: e.summary.slice(0, 1000),
      details: e.details ? JSON.stringify(e.details) : null,
    });
    const ids = written.get(trx);
    if (ids) ids.push(id);
    else written.set(trx, [id]);
  });
  events.onBeforeCommit(async (trx) => {
    await sealPending(trx, written.get(trx) ?? [], dialect !== 'sqlite', clock);
    written.delete(trx);
  });
}

export interface AuditQuery {
  accountId?: number;
  unitId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private filtered(q: Omit<AuditQuery, 'limit' | 'offset'>) {
    let query = this.db.selectFrom('audit_log');
    if (q.accountId !== undefined) query = query.where('account_id', '=', q.accountId);
    if (q.unitId !== undefined) query = query.where('unit_id', '=', q.unitId);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.entityType) query = query.where('entity_type', 'in', auditEntityTypes(q.entityType));
    if (q.entityId) query = query.where('entity_id', '=', q.entityId);
    if (q.from) query = query.where('at', '>=', q.from);
    if (q.to) query = query.where('at', '<', q.to);
    return query;
  }

  /** Checks the hash chain (chain.ts). */
  verify() {
    return verifyChain(this.db);
  }

  /**
   * Removes the sealed records before the first record at or after `cutoff`, in chain order, and
   * moves the chain's anchor to the last one removed so the rest still verifies. Returns the count.
   */
  async prune(trx: Transaction<DB>, cutoff: string, clock: () => Date): Promise<number> {
    const firstKept = await trx
      .selectFrom('audit_log')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .where('at', '>=', cutoff)
      .executeTakeFirst();
    const head = await trx.selectFrom('audit_chain').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    const lastCut = firstKept?.seq == null ? Number(head.last_seq) : Number(firstKept.seq) - 1;
    if (lastCut <= Number(head.anchor_seq)) return 0;
    const anchor = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('seq', '=', lastCut)
      .executeTakeFirstOrThrow();
    const removed = await trx.deleteFrom('audit_log').where('seq', '<=', lastCut).executeTakeFirst();
    await trx
      .updateTable('audit_chain')
      .set({ anchor_seq: lastCut, anchor_hash: anchor.hash ?? '', pruned_before: cutoff, updated_at: nowIso(clock) })
      .where('id', '=', 1)
      .execute();
    return Number(removed.numDeletedRows);
  }

  async list(q: AuditQuery) {
    const [rows, total] = await Promise.all([
      this.filtered(q).selectAll().orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
      this.filtered(q)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }
}
