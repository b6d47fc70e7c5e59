import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/db.js';
import { EventBus } from '../events.js';
import { migrateToLatest } from './migrate.js';
import { TransactionMisuseError } from './transaction-scope.js';
import { UnitOfWork } from './unit-of-work.js';

// The database handle used inside a unit of work hung the whole server on SQLite (issue 9 item 1).
// Such a call now fails at once, on every dialect, so a test of the code path finds it.

let t: TestDatabase;
let uow: UnitOfWork;

beforeAll(async () => {
  t = await createTestDatabase();
  await migrateToLatest(t.database);
  uow = new UnitOfWork(t.database.db, new EventBus());
});
afterAll(async () => {
  await t?.database.close();
  await t?.drop();
});

const count = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('settings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the database handle inside a unit of work', () => {
  it('is refused at once, and the transaction rolls back', async () => {
    const before = await count();
    await expect(
      uow.run(async (trx) => {
        await trx.insertInto('settings').values({ key: 'scope.a', value: '1', updated_at: 'x' }).execute();
        await t.database.db.selectFrom('settings').selectAll().execute();
      }),
    ).rejects.toBeInstanceOf(TransactionMisuseError);
    expect(await count()).toBe(before);
  });

  it('refuses a unit of work started inside another', async () => {
    await expect(uow.run(async () => uow.run(async () => 1))).rejects.toBeInstanceOf(TransactionMisuseError);
  });

  it('leaves the handle usable after commit, also for work the transaction left behind', async () => {
    let later: Promise<number> | undefined;
    await uow.run(async (trx) => {
      await trx.insertInto('settings').values({ key: 'scope.b', value: '1', updated_at: 'x' }).execute();
      later = new Promise((resolve, reject) => setTimeout(() => count().then(resolve, reject), 10));
    });
    expect(await later).toBeGreaterThan(0);
    expect(await count()).toBeGreaterThan(0);
  });
});
