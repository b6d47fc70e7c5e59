import type { Logger } from 'pino';
import { PROCESS_ID } from '../jobs/lease.js';
import type { BusRepository } from './bus.repository.js';

// Several server processes (or machines) on one database each keep caches in memory: the public
// pages, search results, the 在线访谈 channel. What one process changes, the others must forget at
// once. The database is the message log that every dialect has: after a commit, the process that
// changed something writes a row to cache_invalidations; every process reads the rows after the last
// one it saw, about once a second. PostgreSQL NOTIFY and, where REDIS_URL is set, Redis pub/sub only
// wake the others early (waker.ts): a lost wake-up costs at most one polling interval, never a message.
// A process ignores its own rows: it applied the change when it made it.

export type BusHandler = (payload: unknown) => void | Promise<void>;

/** Something that wakes the other processes early (PostgreSQL NOTIFY, Redis pub/sub). */
export interface Waker {
  readonly name: string;
  start(onWake: () => void): Promise<void>;
  wakeOthers(): Promise<void>;
  stop(): Promise<void>;
}

export interface BusOptions {
  pollMs: number;
  log: Pick<Logger, 'warn' | 'error' | 'debug'>;
  wakers?: Waker[];
  now?: () => number;
  origin?: string;
}

/** Rows are kept this long: a process whose polls failed longer than this may have missed some. */
const KEEP_MS = 10 * 60_000;
/** An id skipped over (its insert had not committed when a higher one had) is looked for this long. */
const GAP_MS = 10_000;
const BATCH = 500;

export class ClusterBus {
  /** This process's name on its rows (tests give two buses in one process names of their own). */
  readonly origin: string;
  private readonly handlers = new Map<string, BusHandler[]>();
  private readonly wakers: Waker[];
  private readonly now: () => number;
  private high = 0;
  /** Ids below `high` not seen yet (first noticed at): sequences hand out ids before commit. */
  private readonly gaps = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private again = false;
  private started = false;
  private lastPrune = 0;

  constructor(
    private readonly repo: BusRepository,
    private readonly options: BusOptions,
  ) {
    this.origin = options.origin ?? PROCESS_ID;
    this.wakers = options.wakers ?? [];
    this.now = options.now ?? Date.now;
  }

  /** Handle the other processes' messages on `channel`. */
  on(channel: string, handler: BusHandler): void {
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }

  /**
   * Tell the other processes (call after the change committed). Written even when this process does not
   * listen (a CLI import): the serving processes read it at their next poll.
   */
  async publish(channel: string, payload: unknown): Promise<void> {
    await this.repo.insert(this.origin, channel, JSON.stringify(payload), this.now());
    if (this.repo.dialect === 'postgres') await this.repo.notify(PG_CHANNEL, this.origin);
    if (this.started)
      for (const w of this.wakers)
        await w
          .wakeOthers()
          .catch((error: unknown) => this.options.log.warn({ err: error, waker: w.name }, 'wake failed'));
  }

  /** Listen: from the newest row on (what came before is already in this process's fresh caches). */
  async start(): Promise<void> {
    if (this.started) return;
    this.high = await this.repo.lastId();
    this.started = true;
    this.timer = setInterval(() => void this.poll(), this.options.pollMs);
    this.timer.unref();
    for (const w of this.wakers)
      await w
        .start(() => void this.poll())
        .catch((error: unknown) =>
          this.options.log.warn({ err: error, waker: w.name }, 'waker did not start; polling only'),
        );
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const w of this.wakers) await w.stop().catch(() => undefined);
    await this.polling;
  }

  /** Read and apply the other processes' new rows (one read at a time; a wake during it reads again). */
  poll(): Promise<void> {
    if (this.polling) {
      this.again = true;
      return this.polling;
    }
    this.polling = (async () => {
      do {
        this.again = false;
        try {
          await this.readNew();
        } catch (error) {
          this.options.log.warn({ err: error }, 'cluster bus poll failed');
        }
      } while (this.again && this.started);
    })().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async readNew(): Promise<void> {
    const now = this.now();
    for (const [id, at] of this.gaps) if (now - at > GAP_MS) this.gaps.delete(id);
    for (;;) {
      const rows = await this.repo.since(this.lowest(), BATCH);
      for (const row of rows) {
        if (row.id <= this.high && !this.gaps.delete(row.id)) continue; // seen already
        if (row.id > this.high) {
          for (let id = this.high + 1; id < row.id && this.gaps.size < 10_000; id++) this.gaps.set(id, now);
          this.high = row.id;
        }
        if (row.origin !== this.origin) await this.dispatch(row.channel, row.payload);
      }
      if (rows.length < BATCH) break;
    }
    if (now - this.lastPrune > 60_000) {
      this.lastPrune = now;
      await this.repo.prune(now - KEEP_MS);
    }
  }

  /** Read from the oldest gap still looked for, else from the newest seen. */
  private lowest(): number {
    let low = this.high;
    for (const id of this.gaps.keys()) if (id - 1 < low) low = id - 1;
    return low;
  }

  private async dispatch(channel: string, payload: string): Promise<void> {
    const value: unknown = JSON.parse(payload);
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        await handler(value);
      } catch (error) {
        this.options.log.error({ err: error, channel }, 'cluster message handler failed');
      }
    }
  }
}

/** The PostgreSQL NOTIFY channel every process LISTENs on (waker.ts). */
export const PG_CHANNEL = 'govportal_bus';
