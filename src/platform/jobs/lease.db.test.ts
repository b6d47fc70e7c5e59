import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/db.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { Leases } from './lease.js';
import { LeasesRepository } from './leases.repository.js';
import { Worker } from './worker.js';

// Job leases (issue 15 item 4) on every dialect: one holder at a time, even when two "processes" (two
// connection pools with their own Leases) race for it; a dead holder's lease lapses; a live one is renewed.

let t: TestDatabase;
let other: Database;
let a: Leases;
let b: Leases;

beforeAll(async () => {
  t = await createTestDatabase();
  await migrateToLatest(t.database);
  other = t.reopen();
  a = new Leases(new LeasesRepository(t.database.db, t.dialect));
  b = new Leases(new LeasesRepository(other.db, t.dialect));
});
afterAll(async () => {
  await other?.close();
  await t?.database.close();
  await t?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job leases', () => {
  it('lets one of many racing holders run, and the lease is free again afterwards', async () => {
    // The winner holds on until every other racer has had its answer (so none can come after it).
    let refused = 0;
    const work = async () => {
      for (let waited = 0; refused < 7 && waited < 10_000; waited += 20) await sleep(20);
      return 'done';
    };
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const o = await (i % 2 ? a : b).run('race', 5000, work);
        if (!o.ran) refused++;
        return o;
      }),
    );
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(refused).toBe(7);
    expect(await b.run('race', 5000, async () => 1)).toEqual({ ran: true, value: 1 });
  });

  it('renews a lease while its work runs longer than the ttl', async () => {
    const long = a.run('long', 300, async () => {
      await sleep(900);
      return 'finished';
    });
    await sleep(450);
    expect((await b.run('long', 300, async () => 'stolen')).ran).toBe(false);
    expect(await long).toEqual({ ran: true, value: 'finished' });
  });

  it("takes over a dead holder's lease once it has lapsed, not before", async () => {
    // A holder that died: the row says it holds the lease for 400 ms more, and nobody renews it.
    const repo = new LeasesRepository(t.database.db, t.dialect);
    expect(await repo.take('dead', 'crashed-process:1', Date.now(), Date.now() + 400)).toBe(true);
    expect((await b.run('dead', 1000, async () => 'early')).ran).toBe(false);
    await sleep(450);
    expect(await b.run('dead', 1000, async () => 'late')).toEqual({ ran: true, value: 'late' });
  });

  it('gives the lease back when the work throws', async () => {
    await expect(a.run('throws', 5000, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await b.run('throws', 5000, async () => 'next')).ran).toBe(true);
  });

  it('keeps a finished round quiet for the rest of its period; withLease waits its turn', async () => {
    expect((await a.run('quiet', 5000, async () => 1, { quietMs: 400 })).ran).toBe(true);
    expect((await b.run('quiet', 5000, async () => 2)).ran).toBe(false);
    const started = Date.now();
    expect(await b.withLease('quiet', 5000, async () => 3, { retryMs: 50 })).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('runs a job in one of two workers when both start at once', async () => {
    let rounds = 0;
    const job = {
      name: 'once',
      everyMs: 60_000,
      run: async () => {
        rounds++;
        await sleep(200);
      },
    };
    const log = { error: () => undefined } as never;
    const w1 = new Worker([job], log, { leases: a, ttlMs: 5000 });
    const w2 = new Worker([job], log, { leases: b, ttlMs: 5000 });
    w1.start();
    w2.start();
    await sleep(800);
    await Promise.all([w1.stop(), w2.stop()]);
    expect(rounds).toBe(1);
  });
});
