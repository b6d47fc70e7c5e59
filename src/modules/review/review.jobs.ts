import type { Logger } from 'pino';
import type { Job } from '../../platform/jobs/worker.js';
import type { PublishingService } from './publishing.service.js';

/** Scheduled publishing and taking offline; at start-up it catches up on what came due while down. */
export function publishingJob(publishing: PublishingService, log: Logger): Job {
  return {
    name: 'publishing.due',
    everyMs: 30_000,
    run: async () => {
      const r = await publishing.runDue(log);
      if (r.published || r.offline) log.info(r, 'scheduled publishing ran');
    },
  };
}
