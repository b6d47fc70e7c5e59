import type { Job } from '../../platform/jobs/worker.js';
import type { NotifyService } from './notify.service.js';

/** The e-mail outbox of notifications: sent in the background, retried on failure. */
export function mailJob(notify: NotifyService): Job {
  return { name: 'mail.outbox', everyMs: 30_000, run: () => notify.sendPending() };
}
