import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '../contract/org.js';

// Configuration comes from the environment only, validated once at start so a typo fails loudly
// with the variable named instead of surfacing later as an odd runtime error.
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Loopback by default: the first start seeds demo accounts with a published password, so reaching the
  // server from elsewhere (behind nginx, or directly) must be asked for with HOST.
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  // Roles that must use two-factor sign-in until the administrator sets the list (设置 → 两步验证);
  // comma-separated role names, or `none`. The test harness sets `none` (docs/security.md).
  TWO_FACTOR_REQUIRED_ROLES: z.string().default('sysadmin,office_leader,disclosure_reviewer'),
  // 等保 asks that audit records be kept at least 180 days; `govportal audit prune` never removes younger ones.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180).max(36_500).default(180),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(50),
  ARCHIVE_MAX_MB: z.coerce.number().int().min(1).max(4096).default(200),
  ARCHIVE_MAX_ENTRIES: z.coerce.number().int().min(10).max(1_000_000).default(10_000),
  EXTRACT_MEMORY_MB: z.coerce.number().int().min(32).max(16_384).default(512),
  EXTRACT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  FETCH_ALLOW: z.string().default(''),
  FETCH_MAX_MB: z.coerce.number().int().min(1).max(1024).default(5),
  CRAWL_HOST_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  CRAWL_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  CRAWL_MAX_MB: z.coerce.number().int().min(1).max(100).default(3),
  CRAWL_MAX_ENTRIES: z.coerce.number().int().min(1).max(10_000).default(200),
  PUBLIC_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  TRUST_PROXY: z.string().optional(),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  GOVPORTAL_DEMO: z.enum(['auto', 'off']).default('auto'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('涟水县政府门户网站 <noreply@lianshui.gov.cn>'),
  PUBLIC_BASE_URL: z.string().optional(),
  WORKER: z.enum(['on', 'off']).default('on'),
  // Static publishing (docs/static-publishing.md): public pages written as files for nginx.
  // Unset: off, except for the `govportal` command (serve and the CLI set `on` unless told otherwise), so
  // tests and benchmarks that build the app from a config write no files unless they ask.
  STATIC_PUBLISH: z.enum(['on', 'off']).optional(),
  STATIC_DIR: z.string().optional(),
  STATIC_SCAN_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  // Several processes on one database (docs/operations.md): a job round's lease lasts this long unless
  // renewed (a dead holder's round is taken over after it), caches are kept in step by reading the
  // cache_invalidations table this often, and Redis pub/sub wakes the others at once where set.
  JOB_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  CLUSTER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  REDIS_URL: z.string().optional(),
});

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { dialect: Dialect; url: string };
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  session: { idleMinutes: number; maxHours: number };
  login: { maxFailures: number; lockMinutes: number };
  /** The roles that must use two-factor sign-in while the administrator has not set the list. */
  twoFactorDefaultRoles: Role[];
  /** How long audit records are kept at least (days, ≥ 180). */
  auditRetentionDays: number;
  uploadMaxBytes: number;
  /**
   * Reading uploaded files (Word, Excel, PDF): archive limits checked before any library opens a
   * .docx/.xlsx, and the worker thread's heap and time limits for text extraction and Word import.
   */
  reading: { archive: { maxEntries: number; maxInflatedBytes: number }; memoryMb: number; timeoutMs: number };
  /**
   * Server-side fetches (link checks, crawling): private, loopback and other internal addresses are
   * refused unless `allow` names them (hosts, addresses or subnets, optionally with a port); bodies
   * are read up to maxBytes.
   */
  fetch: { allow: string; maxBytes: number };
  /** The crawler's politeness and limits (modules/crawl): per-host interval, page deadline and size, entries per run. */
  crawl: { hostIntervalMs: number; timeoutMs: number; maxBytes: number; maxEntries: number };
  publicCacheSeconds: number;
  trustProxy: boolean | string;
  cookieSecure: 'auto' | boolean;
  demo: boolean;
  mail: { smtpUrl: string | null; from: string };
  /** Absolute address of the site, for links in e-mails (http://host:port when not set). */
  publicBaseUrl: string;
  /** Run background jobs (scheduled publishing, e-mail) in this process. */
  worker: boolean;
  /**
   * Static publishing (modules/publish): every public page kept as a file under `dir` (one folder per
   * site code), regenerated after each committed change; the worker process also guards the folder
   * against tampering (a watcher, and a full scan every `scanMinutes`).
   */
  staticPublish: { enabled: boolean; dir: string; scanMinutes: number };
  /** Several processes: job leases' ttl, the cache bus's polling interval, Redis for early wake-ups. */
  cluster: { leaseMs: number; pollMs: number; redisUrl: string | null };
  themesDir: string;
  seedDir: string;
}

export function dialectOf(url: string): Dialect {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  if (/^(mysql|mariadb):\/\//i.test(url)) return 'mysql';
  if (/^(sqlite:|file:)/i.test(url) || !url.includes('://')) return 'sqlite';
  throw new Error(`DATABASE_URL 的协议无法识别：${url.split('://')[0]}（支持 sqlite:、postgres://、mysql://）`);
}

function rolesList(text: string): Role[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'none');
  const unknown = names.find((n) => !(ROLES as readonly string[]).includes(n));
  if (unknown)
    throw new Error(
      `环境变量 TWO_FACTOR_REQUIRED_ROLES 的值无效：没有角色 ${unknown}（可用：${ROLES.join(', ')}，或 none）`,
    );
  return names as Role[];
}

/** Project root: two levels above this file both in src/ (tsx) and in dist/ (compiled). */
export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`环境变量 ${issue.path.join('.')} 的值无效：${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const url = e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'govportal.db')}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: { dialect: dialectOf(url), url },
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES },
    twoFactorDefaultRoles: rolesList(e.TWO_FACTOR_REQUIRED_ROLES),
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    reading: {
      archive: { maxEntries: e.ARCHIVE_MAX_ENTRIES, maxInflatedBytes: e.ARCHIVE_MAX_MB * 1024 * 1024 },
      memoryMb: e.EXTRACT_MEMORY_MB,
      timeoutMs: e.EXTRACT_TIMEOUT_SECONDS * 1000,
    },
    fetch: { allow: e.FETCH_ALLOW, maxBytes: e.FETCH_MAX_MB * 1024 * 1024 },
    crawl: {
      hostIntervalMs: e.CRAWL_HOST_INTERVAL_MS,
      timeoutMs: e.CRAWL_TIMEOUT_SECONDS * 1000,
      maxBytes: e.CRAWL_MAX_MB * 1024 * 1024,
      maxEntries: e.CRAWL_MAX_ENTRIES,
    },
    publicCacheSeconds: e.PUBLIC_CACHE_SECONDS,
    trustProxy: e.TRUST_PROXY === undefined ? false : e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    demo: e.GOVPORTAL_DEMO === 'auto',
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    worker: e.WORKER === 'on',
    staticPublish: {
      enabled: e.STATIC_PUBLISH === 'on',
      dir: path.resolve(e.STATIC_DIR ?? path.join(dataDir, 'public')),
      scanMinutes: e.STATIC_SCAN_MINUTES,
    },
    cluster: { leaseMs: e.JOB_LEASE_MS, pollMs: e.CLUSTER_POLL_MS, redisUrl: e.REDIS_URL ?? null },
    themesDir: path.join(projectRoot, 'themes'),
    seedDir: path.join(projectRoot, 'seed'),
    ...overrides,
  };
}
