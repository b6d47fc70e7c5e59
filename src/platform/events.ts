import type { Transaction } from 'kysely';
import type { Actor } from './auth/actor.js';
import type { AuditAction } from '../contract/audit.js';
import type { DB } from './db/tables.js';

/**
 * Something a service changed. Every change emits one; the audit log is a listener on all of them,
 * so no admin action can forget to leave a trace.
 */
export interface DomainEvent {
  /** 'article.created', 'column.moved', ...: a key of the audit log's label table (contract/audit.ts). */
  type: AuditAction;
  actor: Actor;
  entityType: string;
  entityId: string | number | null;
  summary: string; // Chinese, shown in the audit log
  details?: Record<string, unknown>;
  /** Site whose public pages the change may affect (cache invalidation). */
  siteId?: number;
  /** What listeners need to follow the change and the audit record does not keep (e.g. the ids an import wrote). */
  data?: Record<string, unknown>;
}

/** Emits a further event in the same transaction (a listener's own change, recorded like any other). */
export type EmitInTransaction = (event: DomainEvent) => Promise<void>;
type TxListener = (trx: Transaction<DB>, event: DomainEvent, emit: EmitInTransaction) => Promise<void>;
type Listener = (event: DomainEvent) => void | Promise<void>;
type BeforeCommitListener = (trx: Transaction<DB>) => Promise<void>;

export class EventBus {
  private readonly txListeners: TxListener[] = [];
  private readonly listeners: Listener[] = [];
  private readonly beforeCommitListeners: BeforeCommitListener[] = [];

  /**
   * Runs inside the writing transaction: the listener's writes commit or roll back with the change, and
   * a listener that throws refuses the change (another module's rules on it, e.g. review's on an edit).
   */
  onTransaction(listener: TxListener): void {
    this.txListeners.push(listener);
  }

  /**
   * Runs once at the end of a transaction that emitted events, after the change and its transactional
   * listeners, just before commit (the audit log's sealing, which must come last: audit/chain.ts).
   */
  onBeforeCommit(listener: BeforeCommitListener): void {
    this.beforeCommitListeners.push(listener);
  }

  async dispatchBeforeCommit(trx: Transaction<DB>): Promise<void> {
    for (const l of this.beforeCommitListeners) await l(trx);
  }

  /** Runs after the transaction committed (cache invalidation, notifications). */
  onCommitted(listener: Listener): void {
    this.listeners.push(listener);
  }

  async dispatchInTransaction(trx: Transaction<DB>, event: DomainEvent, emit: EmitInTransaction): Promise<void> {
    for (const l of this.txListeners) await l(trx, event, emit);
  }

  async dispatchCommitted(events: readonly DomainEvent[], onError: (error: unknown) => void): Promise<void> {
    for (const event of events) {
      for (const l of this.listeners) {
        try {
          await l(event);
        } catch (error) {
          // The change is committed; a failing follower must not turn it into an error for the user.
          onError(error);
        }
      }
    }
  }
}
