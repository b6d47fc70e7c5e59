import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { Leases, leaseHelper } from '../jobs/lease.js';
import { LeasesRepository } from '../jobs/leases.repository.js';
import { ClusterBus, type Waker } from './bus.js';
import { BusRepository } from './bus.repository.js';
import { PgNotifyWaker, RedisWaker } from './wakers.js';

/**
 * What running several processes on one database needs, built once in the composition root: job
 * leases (and `withLease` for other one-at-a-time work) and the bus that keeps caches in step. With one
 * process on SQLite both still work; they simply never meet another holder or another sender.
 */
export function createCluster(config: Config, database: Database, log: Logger) {
  const leases = new Leases(new LeasesRepository(database.db, database.dialect), log);
  const repo = new BusRepository(database.db, database.dialect);
  const wakers: Waker[] = [];
  const bus = new ClusterBus(repo, { pollMs: config.cluster.pollMs, log, wakers });
  if (database.dialect === 'postgres') wakers.push(new PgNotifyWaker(config.database.url, bus.origin, log));
  if (config.cluster.redisUrl) wakers.push(new RedisWaker(config.cluster.redisUrl, bus.origin, log));
  return { leases, bus, withLease: leaseHelper(leases), leaseMs: config.cluster.leaseMs };
}

export type Cluster = ReturnType<typeof createCluster>;
