import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import { terminalProgress } from '../../platform/cli/progress.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiDateTime } from '../../platform/time.js';
import type { Services } from '../../services.js';
import type { ArticleImportSummary } from './article-import.js';
import { KEY_LABELS } from './import-line.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

export function registerContentCommands(program: Command, withServices: WithServices): void {
  program
    .command('import-articles')
    .description('导入旧网站的历史信息（JSONL，每行一条；任何一行有误则整体不导入；已导入过的行自动跳过，可重复运行）')
    .argument('<file>', 'JSONL 文件')
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new Error(`找不到文件：${file}`);
      const content = fs.readFileSync(file, 'utf8');
      await withServices(async (s) => {
        const progress = terminalProgress();
        try {
          const r = await s.articleImport.run(systemActor('cli'), content, progress);
          progress.done();
          for (const l of importReport(r)) console.log(l);
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

/** What a run did, as the terminal shows it: new items first, then the lines imported before. */
export function importReport(r: ArticleImportSummary): string[] {
  const out: string[] = [];
  if (r.imported === 0) {
    out.push(`没有新的信息：${r.alreadyImported} 条均已导入过，数据库未作任何改动。`);
  } else {
    out.push(
      `新导入 ${r.imported} 条，已导入过 ${r.alreadyImported} 条（未重复导入）。发布时间 ${r.firstPublishedAt ? shanghaiDateTime(r.firstPublishedAt) : '-'} 至 ${r.lastPublishedAt ? shanghaiDateTime(r.lastPublishedAt) : '-'}，新分配索引号 ${r.indexNumbersAssigned} 个。`,
    );
    for (const c of r.byColumn) out.push(`  ${c.column}：${c.count} 条`);
  }
  if (r.skipped.length) {
    out.push('已导入过的行（按编号、原网址或栏目+标题+发布时间识别）：');
    for (const k of r.skipped) out.push(`  第 ${k.line} 行：按${KEY_LABELS[k.by]}识别，已有信息 ${k.articleId}`);
    if (r.alreadyImported > r.skipped.length) out.push(`  …… 另有 ${r.alreadyImported - r.skipped.length} 行`);
  }
  return out;
}
