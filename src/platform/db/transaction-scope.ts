import { AsyncLocalStorage } from 'node:async_hooks';
import type { Dialect } from 'kysely';

// A unit of work holds one connection for its transaction. Code running inside it that reaches for the
// database handle instead of the transaction asks the pool for a second connection: on SQLite (one
// connection) that waits for itself and every later request waits behind it, so the whole server
// hangs; on PostgreSQL and MySQL it writes outside the transaction (kept when the change rolls back)
// and can wait forever on a row the transaction has locked. Such a call fails at once instead.

interface Scope {
  open: boolean;
  /** The unit of work this one was started from (a nested run would need a second connection too). */
  outer: Scope | undefined;
}

const scope = new AsyncLocalStorage<Scope>();

export class TransactionMisuseError extends Error {
  constructor() {
    super('事务进行中不能再占用新的数据库连接：事务内的查询须使用事务对象（trx），不能使用 db');
    this.name = 'TransactionMisuseError';
  }
}

/**
 * Run `open` (which begins a transaction and calls `body` inside it) so that any connection asked for
 * while `body` runs is refused. Work `body` leaves behind (a timer) may use the handle once it ends.
 */
export function inTransactionScope<T>(
  open: (body: <R>(work: () => Promise<R>) => Promise<R>) => Promise<T>,
): Promise<T> {
  const s: Scope = { open: false, outer: scope.getStore() };
  return scope.run(s, () =>
    open(async (work) => {
      s.open = true;
      try {
        return await work();
      } finally {
        s.open = false;
      }
    }),
  );
}

export function assertNoOpenTransaction(): void {
  for (let s = scope.getStore(); s; s = s.outer) if (s.open) throw new TransactionMisuseError();
}

/** The dialect with its driver refusing a new connection inside an open unit of work. */
export function guardedDialect(inner: Dialect): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => {
      const driver = inner.createDriver();
      return new Proxy(driver, {
        get(target, prop) {
          if (prop === 'acquireConnection')
            return () => {
              assertNoOpenTransaction();
              return target.acquireConnection();
            };
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
}
