import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import type { Services } from '../../services.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

/**
 * `govportal unlock`: the way back in that nobody on the network can trigger. Whoever has a shell on
 * the server lifts the sign-in locks of an account name (every address), or of one address.
 */
export function registerOrgCommands(program: Command, withServices: WithServices): void {
  program
    .command('unlock')
    .description('解除登录暂停：指定账号名（所有来源地址），或用 --source 解除某个来源地址')
    .argument('[username]', '账号名')
    .option('--source <address>', '来源 IP 地址')
    .action(async (username: string | undefined, opts: { source?: string }) => {
      if (!username && !opts.source) throw new Error('请指定账号名，或用 --source 指定来源地址');
      await withServices(async (s) => {
        const what = [username && `账号 ${username}`, opts.source && `来源 ${opts.source}`].filter(Boolean).join('、');
        await s.uow.run(async (trx, emit) => {
          if (username) await s.loginThrottle.clearName(trx, username);
          if (opts.source) await s.loginThrottle.clearSource(trx, opts.source);
          await emit({
            type: 'auth.unlocked',
            actor: systemActor('cli'),
            entityType: 'account',
            entityId: null,
            summary: `在服务器命令行解除登录暂停：${what}`,
          });
        });
        console.log(`已解除登录暂停：${what}`);
      });
    });
}
