import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import { terminalProgress } from '../../platform/cli/progress.js';
import type { Services } from '../../services.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

/** `govportal publish --all [--site code]`: rebuild the static output folder (docs/static-publishing.md). */
export function registerPublishCommands(program: Command, withServices: WithServices): void {
  program
    .command('publish')
    .description('静态发布：重新生成静态页面目录（只改写内容有变化的文件，并删除发布记录之外的文件）')
    .requiredOption('--all', '生成全部页面')
    .option('--site <code>', '只生成这个站点（站点代码）')
    .action(async (options: { all: boolean; site?: string }) => {
      await withServices(async (s) => {
        const sp = s.staticPublishing;
        if (!sp.enabled) throw new Error('静态发布已关闭（STATIC_PUBLISH=off），未生成任何文件');
        const site = options.site ? await s.sites.getByCode(options.site) : null;
        if (options.site && !site) throw new Error(`没有站点代码为 ${options.site} 的站点`);
        const progress = terminalProgress();
        const started = Date.now();
        const r = await sp.publisher.rebuild(site ?? null, progress);
        progress.done();
        const seconds = (Date.now() - started) / 1000;
        await s.uow.run(async (_trx, emit) => {
          await emit({
            type: 'static.rebuilt',
            actor: systemActor('cli'),
            entityType: 'static_site',
            entityId: site?.code ?? null,
            summary: `重新生成静态页面（${site ? site.name : '全部站点'}）：生成 ${r.rendered} 个，改写 ${r.written} 个，删除 ${r.removed} 个，清除记录外文件 ${r.strays} 个`,
            details: { ...r, seconds },
          });
        });
        console.log(
          `静态页面已生成到 ${sp.dir}：共 ${r.rendered} 个（改写 ${r.written}，删除 ${r.removed}，清除记录外文件 ${r.strays}），用时 ${seconds.toFixed(1)} 秒，约 ${Math.round(r.rendered / Math.max(seconds, 0.001))} 个/秒`,
        );
      });
    });
}
