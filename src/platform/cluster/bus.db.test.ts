import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/db.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { ClusterBus, type Waker } from './bus.js';
import { BusRepository } from './bus.repository.js';
import { PgNotifyWaker, RedisWaker } from './wakers.js';

// The cache bus (issue 15 item 4) between two "processes" (two pools, two buses with their own names)
// on every dialect: the other's messages arrive in order, a bus never hears its own, and with a slow
// poll a wake-up (PostgreSQL NOTIFY; Redis when one answers on REDIS_URL or 127.0.0.1) brings them at once.

let t: TestDatabase;
let other: Database;
const log = { warn: () => undefined, error: () => undefined, debug: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await createTestDatabase();
  await migrateToLatest(t.database);
  other = t.reopen();
});
afterAll(async () => {
  await other?.close();
  await t?.database.close();
  await t?.drop();
});

function pair(pollMs: number, wakers: (origin: string) => Waker[] = () => []) {
  const make = (database: Database, origin: string) =>
    new ClusterBus(new BusRepository(database.db, database.dialect), { pollMs, log, origin, wakers: wakers(origin) });
  return [make(t.database, `a-${pollMs}`), make(other, `b-${pollMs}`)] as const;
}

async function until(check: () => boolean, ms: number): Promise<number> {
  const start = Date.now();
  while (!check() && Date.now() - start < ms) await sleep(10);
  return Date.now() - start;
}

describe('the cluster bus', () => {
  it("delivers the other process's messages in order, and never a bus's own", async () => {
    const [a, b] = pair(100);
    const heardA: unknown[] = [];
    const heardB: unknown[] = [];
    a.on('pages', (p) => void heardA.push(p));
    b.on('pages', (p) => void heardB.push(p));
    await Promise.all([a.start(), b.start()]);
    for (let n = 1; n <= 5; n++) await a.publish('pages', { kind: 'site', siteId: n });
    await b.publish('pages', { kind: 'all' });
    await until(() => heardB.length >= 5 && heardA.length >= 1, 3000);
    await sleep(300);
    expect(heardB).toEqual([1, 2, 3, 4, 5].map((siteId) => ({ kind: 'site', siteId })));
    expect(heardA).toEqual([{ kind: 'all' }]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('wakes the other at once where the dialect or Redis can (the poll alone would take 30 s)', async () => {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const redisUp = await fetch(redisUrl.replace(/^redis:/, 'http:'))
      .then(() => true)
      .catch((e: Error) => !/ECONNREFUSED/.test(String((e.cause as Error | undefined)?.message ?? e)));
    const wakers = (origin: string): Waker[] => [
      ...(t.dialect === 'postgres' ? [new PgNotifyWaker(t.url, origin, log)] : []),
      ...(redisUp ? [new RedisWaker(redisUrl, origin, log)] : []),
    ];
    if (!wakers('x').length) return; // SQLite without Redis: polling only, tested above
    const [a, b] = pair(30_000, wakers);
    const heard: unknown[] = [];
    b.on('search', (p) => void heard.push(p));
    await Promise.all([a.start(), b.start()]);
    await sleep(200);
    await a.publish('search', { n: 1 });
    const took = await until(() => heard.length > 0, 5000);
    expect(heard).toEqual([{ n: 1 }]);
    expect(took).toBeLessThan(1000);
    await Promise.all([a.stop(), b.stop()]);
  });
});
