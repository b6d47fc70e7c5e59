import type { Logger } from 'pino';

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

export class Worker {
  private timers = new Map<string, NodeJS.Timeout>();
  private running = new Map<string, Promise<void>>();
  private failures = new Map<string, number>();
  private stopped = true;

  constructor(
    private readonly jobs: readonly Job[],
    private readonly log: Logger,
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
    await this.execute(job);
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
        this.schedule(job, n === 0 ? job.everyMs : Math.min(job.everyMs * 2 ** n, MAX_BACKOFF_MS));
      });
    }, delay);
    timer.unref();
    this.timers.set(job.name, timer);
  }

  private async execute(job: Job): Promise<void> {
    const busy = this.running.get(job.name);
    if (busy) return busy; // never two runs of one job at once
    const run = (async () => {
      try {
        await job.run();
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
