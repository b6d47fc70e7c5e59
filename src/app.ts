import { crawlRoutes } from './modules/crawl/crawl.routes.js';
import { sharesRoutes } from './modules/guarantee/shares.routes.js';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { backupRoutes } from './modules/backup/backup.routes.js';
import { intakeRoutes } from './modules/intake/intake.routes.js';
import { notifyRoutes } from './modules/notify/notify.routes.js';
import { foiRoutes } from './modules/foi/foi.routes.js';
import { foiPublicRoutes } from './modules/foi/foi-public.routes.js';
import { consultRoutes } from './modules/consult/consult.routes.js';
import { searchAdminRoutes } from './modules/portal/search-admin.routes.js';
import { homePartsRoutes } from './modules/portal/home-parts.routes.js';
import { consultPublicRoutes } from './modules/consult/consult-public.routes.js';
import { correctionsRoutes } from './modules/review/corrections.routes.js';
import { revisionsRoutes } from './modules/review/revisions.routes.js';
import { reviewAdminRoutes } from './modules/review/review-admin.routes.js';
import { reviewRoutes } from './modules/review/review.routes.js';
import { unreviewedRoutes } from './modules/review/unreviewed.routes.js';
import { importRoutes } from './modules/content/import.routes.js';
import { contentRoutes } from './modules/content/content.routes.js';
import { docxRoutes } from './modules/content/docx.routes.js';
import { guaranteeRoutes } from './modules/guarantee/guarantee.routes.js';
import { authRoutes, orgRoutes } from './modules/org/org.routes.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { previewRoutes } from './modules/portal/preview.routes.js';
import { sitesRoutes } from './modules/sites/sites.routes.js';
import { projectRoot, type Config } from './platform/config.js';
import { createDatabase, type Database } from './platform/db/database.js';
import { AppError } from './platform/errors.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { registerAdminApp } from './platform/http/admin-static.js';
import { registerApiContext } from './platform/http/api-context.js';
import { transformWithAccess } from './platform/http/access.js';
import { jsonErrorHandlerWith } from './platform/http/error-handler.js';
import type { Api } from './platform/http/types.js';
import { createServices, type Services } from './services.js';
import { DEMO_PASSWORD, type DemoResult } from './modules/demo/demo.service.js';
import { interactionRoutes } from './modules/interaction/interaction.routes.js';
import { interactionSettingsRoutes } from './modules/interaction/interaction-settings.routes.js';
import { interactionPublicRoutes } from './modules/interaction/interaction-public.routes.js';

// Validation messages in Chinese, for every schema in the process.
z.config(z.locales.zhCN());

export interface BuildOptions {
  /** An already open database (tests); otherwise one is opened from the config and closed with the app. */
  database?: Database;
  logger?: Logger;
  /** The content-guarantee checks' "now" (a journey test fixes today); sessions and content keep real time. */
  guaranteeClock?: () => Date;
  /** The 依申请公开 clock's "now" (a test fixes today so the statutory days are known). */
  foiClock?: () => Date;
  /** The 政民互动 clocks' now (tests of deadlines); real time unless set. */
  interactionClock?: () => Date;
}

export interface App {
  server: FastifyInstance;
  services: Services;
}

/** Printed once, on the first start that seeded the demo: the accounts people can try. */
function printDemo(d: DemoResult): void {
  const lines = [
    '',
    `首次启动：已导入演示数据——栏目 ${d.columns} 个，保障责任 ${d.duties} 项，单位 ${d.units} 个，演示信息 ${d.articles} 条（用时 ${(d.ms / 1000).toFixed(1)} 秒）。`,
    `演示账号（仅供演示，正式使用前请修改密码或删除）：密码均为 ${DEMO_PASSWORD}`,
    ...d.accounts.map((a) => `  ${a.username.padEnd(10)} ${a.name}`),
    '',
  ];
  console.log(lines.join('\n'));
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel });
}

/** The largest JSON or form body (an article's HTML with its inline pictures); uploads have their own limit. */
const BODY_MAX_BYTES = 10 * 1024 * 1024;

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config);
  const database = options.database ?? createDatabase(config.database.dialect, config.database.url);
  await migrateToLatest(database);
  const services = createServices(config, database, logger, {
    guaranteeClock: options.guaranteeClock,
    foiClock: options.foiClock,
    interactionClock: options.interactionClock,
  });

  const server: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: BODY_MAX_BYTES,
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    routerOptions: { maxParamLength: 500 },
  });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  server.setErrorHandler(jsonErrorHandlerWith({ uploadMaxBytes: config.uploadMaxBytes, bodyMaxBytes: BODY_MAX_BYTES }));
  await server.register(fastifyCookie);

  await server.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'govportal 管理接口', description: '县级政府门户网站内容保障系统的管理 API', version: '1.0.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gp_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: transformWithAccess,
  });

  // The admin API: sessions, CSRF, permissions, audit.
  await server.register(
    async (api) => {
      const app = api.withTypeProvider<ZodTypeProvider>() as Api;
      await app.register(fastifyMultipart, {
        limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10, parts: 12 },
      });
      registerApiContext(app, {
        sessions: services.sessions,
        resolveActor: (accountId, ip) => services.auth.actorFor(accountId, ip),
        cookieSecure: config.cookieSecure,
      });
      app.setNotFoundHandler({ preHandler: undefined }, (req) => {
        throw new AppError('NOT_FOUND', `接口不存在：${req.method} ${req.url.split('?')[0]}`);
      });
      app.get('/openapi.json', { schema: { hide: true }, config: { anonymous: true } }, () => server.swagger());
      authRoutes(app, services, config.cookieSecure);
      sitesRoutes(app, services);
      orgRoutes(app, services);
      contentRoutes(app, services);
      guaranteeRoutes(app, services);
      docxRoutes(app, services);
      importRoutes(app, services);
      auditRoutes(app, services);
      backupRoutes(app, services);
      reviewRoutes(app, services);
      reviewAdminRoutes(app, services);
      correctionsRoutes(app, services);
      revisionsRoutes(app, services);
      unreviewedRoutes(app, services);
      notifyRoutes(app, services);
      foiRoutes(app, services);
      intakeRoutes(app, services);
      previewRoutes(app, services);
      interactionRoutes(app, services.interaction);
      interactionSettingsRoutes(app, services.interaction);
      crawlRoutes(app, services);
      sharesRoutes(app, services);
      consultRoutes(app, services);
      searchAdminRoutes(app, services);
      homePartsRoutes(app, services);
    },
    { prefix: '/api' },
  );

  // The admin web app (static files built from admin/).
  await registerAdminApp(server, { dir: path.join(projectRoot, 'admin', 'dist') });

  // Operations: no session, no caching.
  server.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });

  // The public site: no session, only published content, HTML error pages (its own context).
  // 政民互动's public forms: their own context (form parsing, no caching), before the portal's.
  await server.register(interactionPublicRoutes, {
    portal: services.portal,
    lettersPublic: services.interaction.lettersPublic,
    lettersStats: services.interaction.lettersStats,
    repo: services.interaction.repo,
    faqs: services.interaction.faqs,
  });
  await server.register(portalRoutes, {
    portal: services.portal,
    attachments: services.attachments,
    homeParts: services.homeParts,
    publicCacheSeconds: config.publicCacheSeconds,
  });

  // 依申请公开's public pages and forms (no-JS forms, one-use challenges): a context of their own.
  await server.register(foiPublicRoutes, { portal: services.portal, foiPublic: services.foiPublic });
  // 民意征集 and 在线访谈 on the public site: the portal's templates and headers, forms and the live stream.
  await server.register(consultPublicRoutes, {
    portal: services.portal,
    consult: services.consultPublic,
    live: services.interviewLive,
    db: services.database.db,
  });

  await services.chains.ensureDefaults();
  await services.interaction.lettersPublic.ensureMailboxes();
  if (config.demo) {
    const demo = await services.demo.seedIfEmpty(options.guaranteeClock);
    if (demo) printDemo(demo);
  }
  if (config.worker) services.worker.start();
  // The process that runs the jobs also keeps the static files: catch up after an upgrade, guard them.
  if (config.worker && services.staticPublishing.enabled) {
    void services.staticPublishing.catchUp().catch((error) => logger.error({ err: error }, '静态页面补生成失败'));
    void services.staticPublishing.guard.start().catch((error) => logger.error({ err: error }, '静态目录监视未能启动'));
  }

  server.addHook('onClose', async () => {
    await services.worker.stop();
    await services.staticPublishing.guard.stop();
    await services.staticPublishing.publisher.idle();
    await services.cluster.bus.stop();
    await services.pdf.close();
    await services.attachmentReader.close();
    await services.docx.close();
    if (!options.database) await database.close();
  });
  await server.ready();
  return { server, services };
}
