#!/usr/bin/env node
import { Command } from 'commander';
import { buildApp, createLogger } from './app.js';
import { loadConfig } from './platform/config.js';
import { createDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { registerAuditCommands } from './modules/audit/audit.cli.js';
import { registerBackupCommands } from './modules/backup/backup.cli.js';
import { registerContentCommands } from './modules/content/content.cli.js';
import { registerGuaranteeCommands } from './modules/guarantee/guarantee.cli.js';
import { registerOrgCommands } from './modules/org/org.cli.js';
import { registerSearchCommands } from './modules/portal/search.cli.js';
import { registerPublishCommands } from './modules/publish/static.cli.js';
import { createServices } from './services.js';

// The `govportal` command line. Commands that change data run as the system actor and are audited
// like any other change.

// Node 20.19 is the oldest release the suite runs on (CI); older ones fail later in confusing ways.
const [nodeMajor = 0, nodeMinor = 0] = process.versions.node.split('.').map(Number);
if (nodeMajor < 20 || (nodeMajor === 20 && nodeMinor < 19)) {
  console.error(`govportal 需要 Node.js 20.19 或更高版本（当前 ${process.version}），建议使用 Node.js 22 LTS。`);
  process.exit(1);
}

/** The environment as the command sees it: static publishing is on unless STATIC_PUBLISH=off. */
const commandEnv = (): NodeJS.ProcessEnv => ({ STATIC_PUBLISH: 'on', ...process.env });

const program = new Command()
  .name('govportal')
  .description('县级政府门户网站与内容保障系统')
  .showHelpAfterError('（使用 --help 查看用法）');

/** Open the configured database, migrate, and hand the services to a command; always closes. */
export async function withServices<T>(work: (services: ReturnType<typeof createServices>) => Promise<T>): Promise<T> {
  const config = loadConfig(commandEnv());
  const logger = createLogger({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = createDatabase(config.database.dialect, config.database.url);
  try {
    await migrateToLatest(database);
    const services = createServices(config, database, logger);
    const result = await work(services);
    // A command's changes regenerate static files after commit: let that finish before closing.
    await services.staticPublishing.publisher.idle();
    return result;
  } finally {
    await database.close();
  }
}

program
  .command('serve', { isDefault: true })
  .description('启动网站与管理后台（首次启动时自动建库并导入演示数据）')
  .action(async () => {
    const config = loadConfig(commandEnv());
    const { server, services } = await buildApp(config);
    // Hear what other processes on the same database change (caches, the live channel): docs/operations.md.
    await services.cluster.bus.start();
    const shutdown = async (signal: string) => {
      server.log.info({ signal }, '正在停止服务');
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    await server.listen({ port: config.port, host: config.host });
    console.log(`govportal 已启动：http://localhost:${config.port}/  管理后台：http://localhost:${config.port}/admin/`);
    if (config.host === '127.0.0.1' || config.host === '::1' || config.host === 'localhost')
      console.log('仅本机可以访问；对外提供服务请设置 HOST（例如 HOST=0.0.0.0，或放在 nginx 之后）。');
  });

program
  .command('migrate')
  .description('执行数据库迁移')
  .action(async () => {
    const config = loadConfig(commandEnv());
    const database = createDatabase(config.database.dialect, config.database.url);
    try {
      const done = await migrateToLatest(database);
      console.log(done.length ? `已执行迁移：${done.join(', ')}` : '数据库已是最新结构');
    } finally {
      await database.close();
    }
  });

registerAuditCommands(program, withServices);
registerBackupCommands(program, withServices);
registerContentCommands(program, withServices);
registerGuaranteeCommands(program, withServices);
registerOrgCommands(program, withServices);
registerSearchCommands(program, withServices);
registerPublishCommands(program, withServices);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
