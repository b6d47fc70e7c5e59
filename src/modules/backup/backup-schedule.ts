import fs from 'node:fs';
import path from 'node:path';
import type { BackupLastRun, BackupSchedule } from '../../contract/backup.js';
import { shanghaiDay } from '../../platform/time.js';

// The scheduled backup's settings (the `settings` row `backup.schedule`) and its pure parts: when a run
// is due and which old backups go. Set with `govportal backup-schedule`.

export const SCHEDULE_KEY = 'backup.schedule';
export const LAST_RUN_KEY = 'backup.lastRun';

export { BackupSchedule } from '../../contract/backup.js';

export type LastRun = BackupLastRun;

/** Due when the schedule's hour of today (Shanghai) has come and today's backup has not yet been made. */
export function isDue(schedule: BackupSchedule, last: LastRun | null, now: Date): boolean {
  const today = shanghaiDay(now);
  const hour = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 13));
  return hour >= schedule.hour && last?.day !== today;
}

/** govportal-20261205-0300.tar.gz, in Shanghai time: names sort by age. */
export function scheduledFileName(now: Date): string {
  const s = new Date(now.getTime() + 8 * 3600_000).toISOString();
  return `govportal-${s.slice(0, 10).replaceAll('-', '')}-${s.slice(11, 13)}${s.slice(14, 16)}.tar.gz`;
}

const SCHEDULED = /^govportal-\d{8}-\d{4}\.tar\.gz$/;

/** Deletes the scheduled backups in `dir` beyond the newest `keep` (only files named by the schedule). */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const names = (await fs.promises.readdir(dir)).filter((n) => SCHEDULED.test(n)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const n of old) await fs.promises.rm(path.join(dir, n), { force: true });
  return old;
}
