import type { Logger } from 'pino';
import type { SessionStore } from '../auth/sessions.js';
import { pruneRateHits } from '../public-forms/index.js';
import type { AnyKysely } from '../public-forms/tables.js';
import type { Job } from './worker.js';

const HOUR = 3600_000;
/** Longer than any rate window a form uses (the longest default is a day), so no count is cut short. */
const KEEP_HITS_MINUTES = 7 * 24 * 60;

/**
 * Hourly: sessions past their idle or absolute limit (a request already refuses them; the rows would
 * otherwise stay for ever) and public form hits older than any rate window.
 */
export function housekeepingJob(sessions: SessionStore, db: AnyKysely, log: Logger): Job {
  return {
    name: 'housekeeping',
    everyMs: HOUR,
    run: async () => {
      const ended = await sessions.sweep();
      const hits = await pruneRateHits(db, KEEP_HITS_MINUTES);
      if (ended + hits > 0) log.info({ sessions: ended, formHits: hits }, 'housekeeping');
    },
  };
}
