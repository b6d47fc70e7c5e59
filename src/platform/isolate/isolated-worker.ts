import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Reading an uploaded file (a Word document, a workbook, a PDF) runs code over input anyone with a
// content account chose. It runs here in a worker thread with its own heap limit and a time limit,
// one file at a time: a runaway input ends the worker, never the server, and the caller gets an
// IsolateFailure to turn into a message. A worker is started on first use, kept for the next file,
// and ended after a while without work.

export interface IsolateLimits {
  /** The worker's heap (V8 old generation); buffers outside the heap are watched through the process RSS. */
  memoryMb: number;
  timeoutMs: number;
  /** End an idle worker after this long (its heap is freed). */
  idleMs?: number;
}

export type IsolateFailureReason = 'memory' | 'timeout' | 'crashed';

export class IsolateFailure extends Error {
  constructor(
    readonly reason: IsolateFailureReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'IsolateFailure';
  }
}

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string };
}

interface Pending {
  id: number;
  worker: Worker;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const MiB = 1024 * 1024;

/**
 * A worker for a module of our own. In dist/ the entry is JavaScript; under tsx or vitest it is the
 * TypeScript source, which the worker loads through tsx (a development dependency, present there).
 */
function startWorker(entry: URL, limits: IsolateLimits): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 16 };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { resourceLimits });
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/** The same file name with the extension this module was loaded with (.ts in development, .js built). */
export function siblingEntry(base: string, name: string): URL {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, base);
}

export class IsolatedWorker<I, O> {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private seq = 0;
  private pending: Pending | null = null;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly entry: URL,
    private readonly limits: IsolateLimits,
  ) {}

  /** Run one job; jobs wait their turn, so at most one file is being read at a time. */
  run(input: I): Promise<O> {
    const job = this.queue.then(() => this.runNow(input));
    this.queue = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(this.entry, this.limits);
    w.on('message', (m: Reply) => {
      const p = this.pending;
      if (!p || p.id !== m.id) return;
      this.pending = null;
      if (m.ok) p.resolve(m.value);
      else p.reject(Object.assign(new Error(m.error?.message ?? '读取失败'), { name: m.error?.name ?? 'Error' }));
    });
    w.on('error', (e: Error & { code?: string }) => {
      const memory = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(w, new IsolateFailure(memory ? 'memory' : 'crashed', `${e.name}: ${e.message}`));
    });
    w.on('exit', (code) => this.fail(w, new IsolateFailure('crashed', `worker exited with code ${code}`)));
    // A command-line run ends when its work is done, whatever worker is still idling.
    w.unref();
    this.worker = w;
    return w;
  }

  /** The worker is gone (or must go): the job in flight fails, the next job starts a fresh worker. */
  private fail(w: Worker, error: IsolateFailure): void {
    if (this.worker === w) this.worker = null;
    void w.terminate();
    // A worker ended earlier may report its exit while the next job runs on a fresh one.
    const p = this.pending;
    if (p?.worker !== w) return;
    this.pending = null;
    p.reject(error);
  }

  private runNow(input: I): Promise<O> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const w = this.ensureWorker();
    const id = ++this.seq;
    const baseline = process.memoryUsage.rss();
    // The heap limit does not cover ArrayBuffers (inflated streams, decoded images): watch the process.
    const rssLimit = baseline + this.limits.memoryMb * 2 * MiB;
    return new Promise<O>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(w, new IsolateFailure('timeout', `no answer within ${this.limits.timeoutMs} ms`)),
        this.limits.timeoutMs,
      );
      const watch = setInterval(() => {
        if (process.memoryUsage.rss() > rssLimit)
          this.fail(w, new IsolateFailure('memory', `process memory grew past ${this.limits.memoryMb * 2} MB`));
      }, 200);
      const settle = () => {
        clearTimeout(timer);
        clearInterval(watch);
        this.idleTimer = setTimeout(() => void this.close(), this.limits.idleMs ?? 30_000);
        this.idleTimer.unref();
      };
      this.pending = {
        id,
        worker: w,
        resolve: (v) => {
          settle();
          resolve(v as O);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
      };
      w.postMessage({ id, input });
    });
  }
}
