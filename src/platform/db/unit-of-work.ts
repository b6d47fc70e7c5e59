import type { Kysely, Transaction } from 'kysely';
import type { DomainEvent, EventBus } from '../events.js';
import type { DB } from './tables.js';
import { inTransactionScope } from './transaction-scope.js';

export type Emit = (event: DomainEvent) => Promise<void>;

/**
 * Runs a change in one transaction. Events emitted inside reach the transactional listeners (audit)
 * before commit and the others after it, so the audit record and the change stand or fall together.
 */
export class UnitOfWork {
  constructor(
    readonly db: Kysely<DB>,
    private readonly events: EventBus,
    private readonly onListenerError: (error: unknown) => void = () => undefined,
  ) {}

  async run<T>(work: (trx: Transaction<DB>, emit: Emit) => Promise<T>): Promise<T> {
    const emitted: DomainEvent[] = [];
    // Inside the transaction only `trx` may reach the database (transaction-scope.ts says why).
    const result = await inTransactionScope((body) =>
      this.db.transaction().execute((trx) =>
        body(() => {
          const emit: Emit = async (event) => {
            await this.events.dispatchInTransaction(trx, event, emit);
            emitted.push(event);
          };
          return work(trx, emit).then(async (result) => {
            if (emitted.length > 0) await this.events.dispatchBeforeCommit(trx);
            return result;
          });
        }),
      ),
    );
    await this.events.dispatchCommitted(emitted, this.onListenerError);
    return result;
  }
}
