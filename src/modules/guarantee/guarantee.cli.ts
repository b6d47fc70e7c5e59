import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import { isDay } from '../../platform/calendar/days.js';
import { AppError } from '../../platform/errors.js';
import type { Services } from '../../services.js';
import { registerGuaranteeCheckCommands } from './guarantee-check.cli.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

export function registerGuaranteeCommands(program: Command, withServices: WithServices): void {
  registerGuaranteeCheckCommands(program.command('guarantee').description('内容保障：检查、统计、通报'), withServices);
  program
    .command('import-list')
    .description(
      '导入内容保障清单（CSV 或 XLSX，表头：一级栏目、二级栏目、三级栏目、保障部门、相关要求）；再次导入同一清单不会重复创建',
    )
    .argument('<file>', '保障清单文件')
    .option('--site <code>', '目标站点代码（默认：默认站点；还没有站点时新建县政府门户网站）')
    .option('--dry-run', '试运行：只列出将发生的变更，不写入数据库')
    .option(
      '--effective <date>',
      '生效日期 YYYY-MM-DD：新建的保障责任自该日起考核（默认导入当天）；指定时已有保障责任的生效日期也改为该日',
    )
    .action(async (file: string, opts: { site?: string; dryRun?: boolean; effective?: string }) => {
      if (opts.effective !== undefined && !isDay(opts.effective)) {
        console.error(`--effective 须为 YYYY-MM-DD 格式的有效日期：${opts.effective}`);
        process.exitCode = 2;
        return;
      }
      if (!fs.existsSync(file)) throw new Error(`找不到文件：${file}`);
      const bytes = fs.readFileSync(file);
      await withServices(async (s) => {
        try {
          const result = await s.guaranteeImport.importList(systemActor('cli'), bytes, {
            siteCode: opts.site,
            apply: !opts.dryRun,
            effective: opts.effective,
          });
          for (const line of result.report) console.log(line);
        } catch (error) {
          if (error instanceof AppError && error.code === 'IMPORT_INVALID') {
            console.error(`保障清单有误，未导入任何内容：${file}`);
            for (const i of error.details?.issues ?? [{ field: '文件', message: error.message }])
              console.error(`  ${i.message}`);
            process.exitCode = 2;
            return;
          }
          throw error;
        }
      });
    });
}
