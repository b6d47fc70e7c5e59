import type { Kysely, Transaction } from 'kysely';
import { actorAccountId, actorUnitId } from '../auth/actor.js';
import type { DB } from '../db/tables.js';
import type { DomainEvent, EventBus } from '../events.js';
import { nowIso } from '../db/helpers.js';

/** Writes one audit record per domain event, inside the same transaction as the change. */
export function registerAuditListener(events: EventBus, clock: () => Date = () => new Date()): void {
  events.onTransaction(async (trx: Transaction<DB>, e: DomainEvent) => {
    await trx
      .insertInto('audit_log')
      .values({
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
      })
      .execute();
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
    if (q.entityType) query = query.where('entity_type', '=', q.entityType);
    if (q.entityId) query = query.where('entity_id', '=', q.entityId);
    if (q.from) query = query.where('at', '>=', q.from);
    if (q.to) query = query.where('at', '<', q.to);
    return query;
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
