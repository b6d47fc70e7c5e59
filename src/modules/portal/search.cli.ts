import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import { terminalProgress } from '../../platform/cli/progress.js';
import type { Services } from '../../services.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

/** `govportal search reindex`: rebuild the site search's index from the published articles. */
export function registerSearchCommands(program: Command, withServices: WithServices): void {
  const search = program.command('search').description('站内搜索：重建索引');
  search
    .command('reindex')
    .description('按已发布的信息重建站内搜索索引（显示进度；重建期间搜索结果可能不全）')
    .action(async () => {
      await withServices(async (s) => {
        const progress = terminalProgress();
        const started = Date.now();
        const r = await s.searchAdmin.reindex(systemActor('cli'), progress);
        progress.done();
        console.log(
          `站内搜索索引已重建：${r.indexed} 条已发布信息（${s.search.engine.name}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
        );
      });
    });
}
