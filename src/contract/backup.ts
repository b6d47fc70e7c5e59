// Contract: the scheduled backup's settings as the admin API takes and gives them (docs/operations.md).

import { z } from 'zod';

const int = (message: string) => z.number({ error: message }).int(message);

export const BackupSchedule = z.object({
  /** Absolute directory the backups are written to (best on another disk or a mounted share). */
  dir: z.string({ error: '请指定备份目录（--dir）' }).trim().min(1, '请指定备份目录（--dir）').max(500),
  /** Hour of the day (Asia/Shanghai, 0–23) at or after which the day's backup runs. */
  hour: int('时刻须为 0–23 的整数').min(0, '时刻须为 0–23 的整数').max(23, '时刻须为 0–23 的整数'),
  /** How many scheduled backups to keep; older ones are deleted after a successful run. */
  keep: int('保留份数须为 1–365 的整数').min(1, '至少保留 1 份').max(365, '最多保留 365 份'),
});
export type BackupSchedule = z.infer<typeof BackupSchedule>;

/** PUT /api/backup/schedule: null turns the scheduled backup off. */
export const BackupScheduleInput = z.object({ schedule: BackupSchedule.nullable() });

export const BackupLastRun = z.object({
  /** The Shanghai day of the last successful scheduled backup. */
  day: z.string(),
  at: z.string(),
  file: z.string(),
});
export type BackupLastRun = z.infer<typeof BackupLastRun>;

export const BackupScheduleView = z.object({
  schedule: BackupSchedule.nullable(),
  lastRun: BackupLastRun.nullable(),
});
export type BackupScheduleView = z.infer<typeof BackupScheduleView>;
