import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import { terminalProgress } from '../../platform/cli/progress.js';
import { restoreBackup, type RestoreSummary } from '../../platform/backup/restore.js';
import { loadConfig } from '../../platform/config.js';
import { createDatabase } from '../../platform/db/database.js';
import { shanghaiDateTime } from '../../platform/time.js';
import type { Services } from '../../services.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

const mb = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * `govportal backup FILE`, `govportal restore FILE [--force]`, `govportal backup-schedule`: see
 * docs/operations.md. Restore opens the database itself: it must migrate the target only up to the
 * backup's schema version before loading, which the usual start-up (migrate to latest) would overshoot.
 */
export function registerBackupCommands(program: Command, withServices: WithServices): void {
  program
    .command('backup')
    .description('备份数据库（SQLite、PostgreSQL、MariaDB/MySQL）和上传文件到一个文件（.tar.gz，含校验值）')
    .argument('<file>', '备份文件路径，如 /backup/govportal-20261205.tar.gz')
    .action(async (file: string) => {
      await withServices(async (s) => {
        const progress = terminalProgress();
        const r = await s.backup.backup(systemActor('cli'), file, progress);
        progress.done();
        console.log(
          `已备份到 ${r.file}（${mb(r.bytes)}）：${r.tables} 张表 ${r.rows} 行数据、上传文件 ${r.files} 个，数据库结构版本 ${r.migrations.at(-1)}`,
        );
      });
    });

  program
    .command('restore')
    .description('从备份文件恢复到空数据库和数据目录（先校验全部内容；目标已有数据时须加 --force）')
    .argument('<file>', '备份文件路径')
    .option('--force', '目标数据库已有数据时删除它们再恢复')
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadConfig();
      const database = createDatabase(config.database.dialect, config.database.url);
      const progress = terminalProgress();
      let r: RestoreSummary;
      try {
        r = await restoreBackup({ database, dataDir: config.dataDir, file, force: !!opts.force, progress });
      } finally {
        progress.done();
        await database.close();
      }
      console.log(
        `已从 ${file} 恢复：${r.manifest.tables.length} 张表 ${r.rows} 行数据、上传文件 ${r.files} 个（备份制作于 ${shanghaiDateTime(r.manifest.createdAt)}，来自 ${r.manifest.sourceDialect}）`,
      );
      if (r.upgraded.length) console.log(`已把数据升级到当前版本：${r.upgraded.join(', ')}`);
      await withServices(async (s) => {
        await s.backup.recordRestore(systemActor('cli'), file, r);
        // The search index is not in the backup (platform/backup/schema.ts DERIVED_TABLE): rebuild it.
        const { indexed } = await s.searchAdmin.reindex(systemActor('cli'));
        console.log(`已重建站内搜索索引：${indexed} 条已发布信息`);
        const chain = await s.auditLog.verify(systemActor('cli'));
        if (chain.ok) console.log(`操作日志校验通过：${chain.checked} 条记录未被改动或删除`);
        else {
          console.error('操作日志校验未通过：');
          for (const p of chain.problems) console.error(`  ${p.message}`);
          process.exitCode = 1;
        }
      });
      console.log('登录会话不在备份中：请所有用户重新登录');
    });

  program
    .command('backup-schedule')
    .description('查看或设置定时备份（由后台任务执行；失败时记入操作日志并通知系统管理员）')
    .option('--dir <dir>', '备份目录（建议位于另一块磁盘或网络存储）')
    .option('--hour <hour>', '每天几点（北京时间，0–23）之后备份', (v) => Number(v))
    .option('--keep <n>', '保留最近几份（更早的自动删除）', (v) => Number(v))
    .option('--off', '关闭定时备份')
    .action(async (opts: { dir?: string; hour?: number; keep?: number; off?: boolean }) => {
      await withServices(async (s) => {
        const changing = opts.off || opts.dir !== undefined || opts.hour !== undefined || opts.keep !== undefined;
        let schedule = await s.backup.schedule();
        if (changing) {
          const input = opts.off
            ? null
            : {
                dir: opts.dir ?? schedule?.dir,
                hour: opts.hour ?? schedule?.hour ?? 2,
                keep: opts.keep ?? schedule?.keep ?? 7,
              };
          schedule = await s.backup.setSchedule(systemActor('cli'), input);
        }
        console.log(
          schedule
            ? `定时备份：每天 ${schedule.hour} 时后备份到 ${schedule.dir}，保留最近 ${schedule.keep} 份`
            : '定时备份未开启（用 --dir、--hour、--keep 开启）',
        );
      });
    });
}
