import crypto from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { LeasesRepository } from './leases.repository.js';

// Several server processes (or machines) share one database; a job round, a static write, anything
// that must happen in one place at a time takes a lease: a row in job_leases held until a time, renewed
// while the work goes on, given back at the end. A holder that dies (kill -9, a lost machine) stops
// renewing, and its lease lapses after its ttl; another process then takes it. Times come from each
// process's clock: the machines' clocks must agree to well within a ttl (NTP; docs/operations.md).

/** What `run` hands the work: aborted when the lease was lost (renewal failed), so it can stop early. */
export type LeaseWork<T> = (signal: AbortSignal) => Promise<T>;

export type LeaseOutcome<T> = { ran: true; value: T } | { ran: false };

/** This process, as lease holders and cluster messages name it: host, pid, and a random part. */
export const PROCESS_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;

/** Numbers the runs of this process (all Leases alike), so every run is a holder of its own. */
let sequence = 0;

export class Leases {
  constructor(
    private readonly repo: LeasesRepository,
    private readonly log?: Pick<Logger, 'warn' | 'error'>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Run `work` under the lease `name` if no other holder has it; otherwise return at once without
   * running it ({ ran: false }). The lease is renewed every ttl/3 while the work runs and given back
   * when it ends, whether it succeeded or threw (the error is thrown on).
   *
   * `quietMs`: after a run that succeeded, the lease stays taken until that long after the start, so
   * the other processes, whose timers fire on the same schedule, do not repeat the round (a job's
   * period: the round runs once per period across all processes, not once per process).
   */
  async run<T>(
    name: string,
    ttlMs: number,
    work: LeaseWork<T>,
    options: { quietMs?: number } = {},
  ): Promise<LeaseOutcome<T>> {
    // One holder per run, so two runs in this process cannot mistake each other's lease for their own.
    const holder = `${PROCESS_ID}:${++sequence}`;
    const started = this.now();
    if (!(await this.repo.take(name, holder, started, started + ttlMs))) return { ran: false };
    let succeeded = false;
    const lost = new AbortController();
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(
      () => {
        renewing = this.repo.renew(name, holder, this.now() + ttlMs).then(
          (kept) => {
            if (!kept && !lost.signal.aborted) {
              this.log?.warn({ lease: name, holder }, 'lease lost while running (renewal came too late)');
              lost.abort(new Error(`租约 ${name} 已失效`));
            }
          },
          // A database hiccup: try again at the next tick; the lease lapses only after a whole ttl.
          (error: unknown) => this.log?.warn({ err: error, lease: name }, 'lease renewal failed'),
        );
      },
      Math.max(50, Math.floor(ttlMs / 3)),
    );
    timer.unref();
    try {
      const value = await work(lost.signal);
      succeeded = true;
      return { ran: true, value };
    } finally {
      clearInterval(timer);
      await renewing;
      const quietUntil = started + (options.quietMs ?? 0);
      const end =
        succeeded && quietUntil > this.now()
          ? this.repo.renew(name, holder, quietUntil).then(() => undefined)
          : this.repo.release(name, holder);
      await end.catch((error: unknown) => {
        // Not given back: it lapses after its ttl, and the next round waits that long at most.
        this.log?.error({ err: error, lease: name }, 'lease release failed');
      });
    }
  }

  /**
   * Wait for the lease `name` (trying every `retryMs`, up to `waitMs`), then run `work` under it: for
   * work that must happen, one process at a time (writing the static output), rather than be skipped
   * because another process is doing the same round.
   */
  async withLease<T>(
    name: string,
    ttlMs: number,
    work: LeaseWork<T>,
    options: { waitMs?: number; retryMs?: number } = {},
  ): Promise<T> {
    const deadline = this.now() + (options.waitMs ?? Math.max(ttlMs * 2, 30_000));
    const retryMs = options.retryMs ?? Math.min(500, Math.max(20, Math.floor(ttlMs / 10)));
    for (;;) {
      const outcome = await this.run(name, ttlMs, work);
      if (outcome.ran) return outcome.value;
      if (this.now() > deadline) throw new Error(`等待租约 ${name} 超时：另一个进程一直持有它`);
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
}

/**
 * `withLease(name, ttl, fn)` bound to one Leases: the shape other modules take as a hook (the static
 * writer's withStaticWriteLock(siteId, fn) is `(siteId, fn) => withLease(`static:${siteId}`, ttl, fn)`).
 */
export function leaseHelper(leases: Leases) {
  return <T>(name: string, ttlMs: number, work: LeaseWork<T>) => leases.withLease(name, ttlMs, work);
}
