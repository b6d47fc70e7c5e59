import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import type { Services } from '../../services.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

export function registerOrgCommands(program: Command, withServices: WithServices): void {
  program
    .command('import-roster')
    .description(
      '导入保障人员名单（附件3，CSV 或 XLSX：单位，分管领导 姓名/职务/办公电话/手机，专职信息员 姓名/职务/办公电话/手机/邮箱）；名单中每个单位的人员以名单为准',
    )
    .argument('<file>', '保障人员名单文件')
    .option('--dry-run', '试运行：只列出将发生的变更，不写入数据库')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      if (!fs.existsSync(file)) throw new Error(`找不到文件：${file}`);
      const bytes = fs.readFileSync(file);
      await withServices(async (s) => {
        try {
          const result = await s.rosterImport.importRoster(systemActor('cli'), bytes, { apply: !opts.dryRun });
          for (const line of result.report) console.log(line);
        } catch (error) {
          if (error instanceof AppError && error.code === 'IMPORT_INVALID') {
            console.error(`保障人员名单有误，未导入任何内容：${file}`);
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
