import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import type { Services } from '../../services.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

/**
 * `govportal import-roster` reads the office's 附件3 spreadsheet. `govportal unlock`: the way back in
 * that nobody on the network can trigger. Whoever has a shell on the server lifts the sign-in locks of
 * an account name (every address), or of one address; `govportal reset-two-factor` removes an
 * account's second factor (the last administrator's phone and recovery codes lost).
 */
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
  program
    .command('reset-two-factor')
    .description('重置账号的两步验证（手机与恢复码都丢失、且没有其他系统管理员可在后台重置时）')
    .argument('<username>', '账号名')
    .action(async (username: string) => {
      await withServices(async (s) => {
        await s.twoFactor.resetByName(systemActor('cli'), username);
        console.log(`已重置 ${username} 的两步验证；如其角色要求，下次登录时须重新设置`);
      });
    });
}
