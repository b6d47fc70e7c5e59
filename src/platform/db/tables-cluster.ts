import type { Generated } from 'kysely';

// The tables of running several server processes (migrations 0027, 0028). Times here are epoch
// milliseconds, not ISO text: they are compared with the clock on every round, never shown.

/** Who runs a background job's round now (platform/jobs/lease.ts). */
export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: number;
  token: number;
}

/** What the other processes must forget or pass on (platform/cluster/bus.ts). */
export interface CacheInvalidationsTable {
  id: Generated<number>;
  origin: string;
  channel: string;
  payload: string; // JSON
  created_at: number;
}

export interface ClusterTables {
  job_leases: JobLeasesTable;
  cache_invalidations: CacheInvalidationsTable;
}
