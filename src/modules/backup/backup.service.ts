import { shanghaiDateTime } from '../../platform/time.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { type Actor, systemActor } from '../../platform/auth/actor.js';
import type { BackupScheduleView } from '../../contract/backup.js';
import { authorize } from '../../platform/auth/policy.js';
import { invalid } from '../../platform/errors.js';
import { createBackup, type BackupSummary } from '../../platform/backup/dump.js';
import type { RestoreSummary } from '../../platform/backup/restore.js';
import type { Database } from '../../platform/db/database.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { Job } from '../../platform/jobs/worker.js';
import type { ProgressFn } from '../../platform/jobs/progress.js';
import type { Settings } from '../../platform/settings.js';
import { shanghaiDay } from '../../platform/time.js';
import type { NotifyService } from '../notify/notify.service.js';
import type { BackupRepository } from './backup.repository.js';
import {
  BackupSchedule,
  isDue,
  LAST_RUN_KEY,
  type LastRun,
  pruneBackups,
  SCHEDULE_KEY,
  scheduledFileName,
} from './backup-schedule.js';

export interface BackupDeps {
  database: Database;
  databaseUrl: string;
  dataDir: string;
  uow: UnitOfWork;
  settings: Settings;
  notify: NotifyService;
  repo: BackupRepository;
  clock?: () => Date;
}

const BACKUP_ACTOR = systemActor('backup');

/**
 * Backups as the operator (CLI) and the schedule (worker) make them: each recorded in the audit log; a
 * failed scheduled run also told to the system administrators. Restoring happens outside the services
 * (the database must be empty first, see platform/backup/restore.ts); `recordRestore` logs it after.
 */
export class BackupService {
  private readonly clock: () => Date;

  constructor(private readonly d: BackupDeps) {
    this.clock = d.clock ?? (() => new Date());
  }

  async backup(actor: Actor, file: string, progress?: ProgressFn): Promise<BackupSummary> {
    const summary = await createBackup({
      database: this.d.database,
      databaseUrl: this.d.databaseUrl,
      dataDir: this.d.dataDir,
      file,
      progress,
      clock: this.clock,
    });
    await this.d.uow.run((_trx, emit) =>
      emit({
        type: 'backup.created',
        actor,
        entityType: 'backup',
        entityId: null,
        summary: `备份数据到 ${summary.file}：${summary.tables} 张表 ${summary.rows} 行、上传文件 ${summary.files} 个`,
        details: { ...summary },
      }),
    );
    return summary;
  }

  async recordRestore(actor: Actor, file: string, r: RestoreSummary): Promise<void> {
    await this.d.uow.run((_trx, emit) =>
      emit({
        type: 'backup.restored',
        actor,
        entityType: 'backup',
        entityId: null,
        summary: `从备份 ${file}（${shanghaiDateTime(r.manifest.createdAt)} 制作）恢复：${r.rows} 行数据、上传文件 ${r.files} 个`,
        details: { file, createdAt: r.manifest.createdAt, rows: r.rows, files: r.files, upgraded: r.upgraded },
      }),
    );
  }

  schedule(): Promise<BackupSchedule | null> {
    return this.d.settings.get<BackupSchedule | null>(SCHEDULE_KEY, null);
  }

  /** The schedule and the last scheduled run, for the administrator. */
  async scheduleView(actor: Actor): Promise<BackupScheduleView> {
    authorize(actor, 'backup.manage');
    return {
      schedule: await this.schedule(),
      lastRun: await this.d.settings.get<LastRun | null>(LAST_RUN_KEY, null),
    };
  }

  /** Sets (or with null turns off) the scheduled backup; the directory must exist or be creatable, and writable. */
  async setSchedule(actor: Actor, input: unknown): Promise<BackupSchedule | null> {
    authorize(actor, 'backup.manage');
    let value: BackupSchedule | null = null;
    if (input !== null) {
      const parsed = BackupSchedule.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw invalid(issue.path.join('.') || 'schedule', issue.message);
      }
      value = { ...parsed.data, dir: path.resolve(parsed.data.dir) };
      if (!path.isAbsolute(parsed.data.dir) && actor.kind === 'account')
        throw invalid('dir', '备份目录须为服务器上的绝对路径，如 /var/backups/govportal');
      // The command line may create the directory; through the admin API it must already exist, so that
      // nobody makes directories on the server by typing paths.
      try {
        if (actor.kind === 'system') await fs.promises.mkdir(value.dir, { recursive: true });
        if (!(await fs.promises.stat(value.dir)).isDirectory()) throw new Error('not a directory');
        await fs.promises.access(value.dir, fs.constants.W_OK);
      } catch {
        throw invalid(
          'dir',
          `备份目录 ${value.dir} ${actor.kind === 'system' ? '无法创建或' : '不存在或'}不可写入，请检查路径和权限`,
        );
      }
    }
    await this.d.uow.run(async (trx, emit) => {
      await this.d.settings.set(trx, SCHEDULE_KEY, value);
      await emit({
        type: 'backup.schedule_changed',
        actor,
        entityType: 'backup',
        entityId: null,
        summary: value
          ? `设置定时备份：每天 ${value.hour} 时后备份到 ${value.dir}，保留 ${value.keep} 份`
          : '关闭定时备份',
        details: { schedule: value },
      });
    });
    return value;
  }

  /**
   * The worker's round: makes today's backup once its hour has come, then deletes the ones beyond `keep`.
   * A failure is recorded and told to the administrators (once a day), then thrown so the worker retries
   * with growing delays.
   */
  async scheduledRound(): Promise<{ file: string; pruned: string[] } | null> {
    const schedule = await this.schedule();
    if (!schedule) return null;
    const now = this.clock();
    const last = await this.d.settings.get<LastRun | null>(LAST_RUN_KEY, null);
    if (!isDue(schedule, last, now)) return null;
    const day = shanghaiDay(now);
    const file = path.join(schedule.dir, scheduledFileName(now));
    try {
      const summary = await createBackup({
        database: this.d.database,
        databaseUrl: this.d.databaseUrl,
        dataDir: this.d.dataDir,
        file,
        clock: this.clock,
      });
      const pruned = await pruneBackups(schedule.dir, schedule.keep);
      await this.d.uow.run(async (trx, emit) => {
        await this.d.settings.set(trx, LAST_RUN_KEY, { day, at: now.toISOString(), file } satisfies LastRun);
        await emit({
          type: 'backup.scheduled',
          actor: BACKUP_ACTOR,
          entityType: 'backup',
          entityId: null,
          summary: `定时备份完成：${file}（${summary.rows} 行、上传文件 ${summary.files} 个）；按保留 ${schedule.keep} 份删除旧备份 ${pruned.length} 份`,
          details: { ...summary, pruned },
        });
      });
      return { file, pruned };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const admins = await this.d.repo.administrators();
      await this.d.uow.run(async (trx, emit) => {
        await emit({
          type: 'backup.failed',
          actor: BACKUP_ACTOR,
          entityType: 'backup',
          entityId: null,
          summary: `定时备份失败：${message}`.slice(0, 1000),
          details: { file },
        });
        await this.d.notify.notifyIn(trx, {
          accountIds: admins,
          kind: 'backup.failed',
          title: '定时备份失败',
          body: `今天的定时备份（${file}）没有完成：${message}。请检查备份目录的空间和权限；系统会稍后重试。`,
          dedupeKey: `backup.failed:${day}`,
        });
      });
      throw error;
    }
  }
}

/** The scheduled backup, checked every five minutes (the run itself happens once a day). */
export function backupJob(backup: BackupService, log: Logger): Job {
  return {
    name: 'backup.scheduled',
    everyMs: 5 * 60_000,
    run: async () => {
      const r = await backup.scheduledRound();
      if (r) log.info({ file: r.file, pruned: r.pruned.length }, 'scheduled backup written');
    },
  };
}
