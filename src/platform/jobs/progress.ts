import crypto from 'node:crypto';

// Long operations (imports, reindexing) report progress here so the admin app can show a bar and
// the CLI a counter. The work itself is transactional, so a job lost to a restart left nothing half
// done; its record only lives in memory.

export type JobState = 'running' | 'succeeded' | 'failed';

export interface JobRecord<R = unknown> {
  id: string;
  kind: string;
  ownerId: number | null;
  state: JobState;
  processed: number;
  total: number | null;
  message: string;
  result: R | null;
  error: {
    code: string;
    message: string;
    issues?: Array<{ field: string; message: string }>;
    [key: string]: unknown;
  } | null;
  startedAt: string;
  finishedAt: string | null;
}

export type ProgressFn = (processed: number, total: number | null, message?: string) => void;

export class JobTracker {
  private readonly jobs = new Map<string, JobRecord>();

  constructor(private readonly keep = 200) {}

  start<R>(
    kind: string,
    ownerId: number | null,
    work: (progress: ProgressFn) => Promise<R>,
    toError: (e: unknown) => JobRecord['error'],
  ): JobRecord<R> {
    const job: JobRecord<R> = {
      id: crypto.randomUUID(),
      kind,
      ownerId,
      state: 'running',
      processed: 0,
      total: null,
      message: '',
      result: null,
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    this.jobs.set(job.id, job as JobRecord);
    this.trim();
    const progress: ProgressFn = (processed, total, message) => {
      job.processed = processed;
      job.total = total;
      if (message !== undefined) job.message = message;
    };
    work(progress).then(
      (result) => {
        job.result = result;
        job.state = 'succeeded';
        job.finishedAt = new Date().toISOString();
      },
      (error: unknown) => {
        job.error = toError(error);
        job.state = 'failed';
        job.finishedAt = new Date().toISOString();
      },
    );
    return job;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  private trim(): void {
    while (this.jobs.size > this.keep) {
      const oldest = this.jobs.keys().next().value;
      if (oldest === undefined) break;
      this.jobs.delete(oldest);
    }
  }
}
