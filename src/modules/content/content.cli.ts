import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import { terminalProgress } from '../../platform/cli/progress.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiDateTime } from '../../platform/time.js';
import type { Services } from '../../services.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

export function registerContentCommands(program: Command, withServices: WithServices): void {
  program
    .command('import-articles')
    .description('导入旧网站的历史信息（JSONL，每行一条；任何一行有误则整体不导入）')
    .argument('<file>', 'JSONL 文件')
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new Error(`找不到文件：${file}`);
      const content = fs.readFileSync(file, 'utf8');
      await withServices(async (s) => {
        const progress = terminalProgress();
        try {
          const r = await s.articleImport.run(systemActor('cli'), content, progress);
          progress.done();
          console.log(
            `已导入 ${r.imported} 条历史信息（发布时间 ${r.firstPublishedAt ? shanghaiDateTime(r.firstPublishedAt) : '-'} 至 ${r.lastPublishedAt ? shanghaiDateTime(r.lastPublishedAt) : '-'}），新分配索引号 ${r.indexNumbersAssigned} 个。`,
          );
          for (const c of r.byColumn) console.log(`  ${c.column}：${c.count} 条`);
        } catch (error) {
          progress.done();
          if (error instanceof AppError && error.details?.issues) {
            console.error(error.message);
            for (const i of error.details.issues) console.error(`  ${i.field}：${i.message}`);
            process.exitCode = 2;
            return;
          }
          throw error;
        }
      });
    });
}
