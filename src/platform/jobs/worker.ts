import type { Logger } from 'pino';
import type { Leases } from './lease.js';

/**
 * A background job: a schedule and an idempotent run. A run that fails is retried with growing
 * delays (up to maxBackoffMs) and reported through the failure hook; one job never blocks another.
 */
export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
  onFailure?(error: unknown, consecutive: number): void;
}

const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Share of a job's period that a finished round keeps its lease: the other processes' timers, on the
 * same period, then find it taken and skip, while this process's own next round (a whole period later)
 * finds it free. Less than 1 so that timer jitter never makes a process skip its own next round.
 */
const QUIET_SHARE = 0.8;

/** Each round of a job runs under the lease `job:<name>`, so with several processes it runs in one. */
export interface WorkerLeases {
  leases: Leases;
  ttlMs: number;
}

export class Worker {
  private timers = new Map<string, NodeJS.Timeout>();
  private running = new Map<string, Promise<void>>();
  private failures = new Map<string, number>();
  /** Jobs whose last round another process was running: tried again once its lease could lapse. */
  private elsewhere = new Set<string>();
  private stopped = true;

  constructor(
    private readonly jobs: readonly Job[],
    private readonly log: Logger,
    private readonly lease?: WorkerLeases,
  ) {}

  /** Start every job now (catching up on what is due) and then on its schedule. */
  start(): void {
    this.stopped = false;
    for (const job of this.jobs) this.schedule(job, 0);
  }

  /** Run one job at once and wait for it (tests, CLI). */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`没有名为 ${name} 的后台任务`);
    await this.execute(job, false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled(this.running.values());
  }

  private schedule(job: Job, delay: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      void this.execute(job).finally(() => {
        const n = this.failures.get(job.name) ?? 0;
        const next = n === 0 ? job.everyMs : Math.min(job.everyMs * 2 ** n, MAX_BACKOFF_MS);
        // Another process had the round: if it died holding it, take over as soon as the lease lapses.
        this.schedule(job, this.elsewhere.has(job.name) ? Math.min(next, this.lease!.ttlMs) : next);
      });
    }, delay);
    timer.unref();
    this.timers.set(job.name, timer);
  }

  /** `scheduled`: a timer's round, which keeps its lease for most of the job's period (see Leases.run). */
  private async execute(job: Job, scheduled = true): Promise<void> {
    const busy = this.running.get(job.name);
    if (busy) return busy; // never two runs of one job at once
    const run = (async () => {
      try {
        if (this.lease) {
          const quietMs = scheduled ? Math.floor(job.everyMs * QUIET_SHARE) : 0;
          const outcome = await this.lease.leases.run(`job:${job.name}`, this.lease.ttlMs, () => job.run(), {
            quietMs,
          });
          if (outcome.ran) this.elsewhere.delete(job.name);
          else this.elsewhere.add(job.name);
        } else await job.run();
        this.failures.set(job.name, 0);
      } catch (error) {
        const n = (this.failures.get(job.name) ?? 0) + 1;
        this.failures.set(job.name, n);
        this.log.error({ err: error, job: job.name, consecutive: n }, 'background job failed');
        job.onFailure?.(error, n);
      } finally {
        this.running.delete(job.name);
      }
    })();
    this.running.set(job.name, run);
    return run;
  }
}
