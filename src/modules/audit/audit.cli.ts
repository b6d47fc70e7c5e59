import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import { shanghaiDateTime, shanghaiDayStart } from '../../platform/time.js';
import type { Services } from '../../services.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

/**
 * `govportal audit verify`: whoever holds a shell proves the log unchanged (exit code 1 when not, so a
 * cron job can alert). `govportal audit prune`: removes records past the retention, never younger ones.
 */
export function registerAuditCommands(program: Command, withServices: WithServices): void {
  const audit = program.command('audit').description('操作日志：校验日志链、清理过期日志');
  audit
    .command('verify')
    .description('校验操作日志的哈希链：发现被改动、被删除的记录')
    .action(async () => {
      await withServices(async (s) => {
        const r = await s.auditLog.verify(systemActor('cli'));
        const range = r.checked
          ? `第 ${r.firstSeq} 至 ${r.lastSeq} 条，${shanghaiDateTime(r.firstAt!)} 至 ${shanghaiDateTime(r.lastAt!)}`
          : '无记录';
        if (r.ok) {
          console.log(`操作日志校验通过：${r.checked} 条（${range}）未被改动或删除`);
          return;
        }
        console.error(`操作日志校验未通过（已检查 ${r.checked} 条，${range}）：`);
        for (const p of r.problems) console.error(`  ${p.message}`);
        process.exitCode = 1;
      });
    });
  audit
    .command('prune')
    .description('清理保存期限（AUDIT_RETENTION_DAYS，至少 180 天）以前的操作日志；不会删除期限内的记录')
    .option('--before <date>', '只清理此日期（北京时间，YYYY-MM-DD）以前的记录；晚于保存期限时按保存期限')
    .action(async (opts: { before?: string }) => {
      if (opts.before !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.before))
        throw new Error('日期格式须为 YYYY-MM-DD');
      await withServices(async (s) => {
        const before = opts.before ? new Date(shanghaiDayStart(opts.before)) : undefined;
        const r = await s.auditLog.prune(systemActor('cli'), before);
        console.log(`已清理 ${shanghaiDateTime(r.cutoff)} 以前的操作日志 ${r.removed} 条`);
      });
    });
}
