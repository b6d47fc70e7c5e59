import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import type { Database } from '../../src/platform/db/database.js';
import { ArticleInput } from '../../src/modules/content/content.schemas.js';
import { testConfig } from '../harness/app.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../harness/db.js';
import { makeAccount, makeColumn, makeDuty, makeSite, makeUnit, PASSWORD, system } from '../harness/factories.js';
import { projectRoot } from '../../src/platform/config.js';
import { freePort, HttpClient, startServer, type ServerProcess } from '../harness/server-process.js';

// Issue 15 item 4: several real server processes on one PostgreSQL database. Process A starts alone
// with a backlog of scheduled items and is killed with SIGKILL while it holds the publishing round's
// lease; B and C start together, wait for that lease to lapse (JOB_LEASE_MS, short here), and one of
// them publishes the rest: every item published exactly once, none before the dead holder's lease
// ran out. Then a public page cached in C is taken down through B, and C stops serving it at once.

const DUE = 40;
const LEASE_MS = 3000;
const ROUND = 'job:publishing.due';

let testDb: TestDatabase;
let dataDir: string;
let env: Record<string, string>;
let db: Database;
const servers: ServerProcess[] = [];
const ids: number[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (testDialect() !== 'postgres') return;
  testDb = await createTestDatabase();
  const config = testConfig(testDb);
  dataDir = config.dataDir;
  const app = await buildApp(config, { database: testDb.database });
  const s = app.services;
  const site = await makeSite(s);
  const columnId = (await makeColumn(s, site.id, '通知公告')).id;
  const unit = await makeUnit(s, '县政府办公室');
  await makeDuty(s, columnId, { unitId: unit.id });
  const editorId = await makeAccount(s, 'mp_editor', unit.id, ['site_editor']);
  const editor: Actor = {
    kind: 'account',
    accountId: editorId,
    username: 'mp_editor',
    displayName: '网站中心',
    unitId: unit.id,
    roles: ['site_editor'],
    ip: '127.0.0.1',
  };
  // A one-step chain that does not publish on approval: the items wait for their time.
  const chain = await s.chains.create(system, {
    name: '多进程测试',
    description: null,
    restartPosition: 1,
    autoPublish: false,
    steps: [{ name: '网站中心审核', role: 'site_editor', scope: 'county', formField: 'proofreader', dueHours: 24 }],
  });
  await s.chains.bind(system, { chainId: chain.id, columnId, channel: null });
  const at = new Date(Date.now() + 3600_000).toISOString();
  for (let n = 0; n < DUE; n++) {
    const a = await s.articles.create(
      system,
      ArticleInput.parse({ columnId, unitId: unit.id, title: `定时发布 ${n}`, bodyHtml: `<p>第 ${n} 条。</p>` }),
    );
    const { findings } = await s.checks.list(system, a.id);
    const overrides = findings.filter((f) => f.severity === 'warn').map((f) => ({ checkId: f.id, reason: '测试' }));
    await s.workflow.submit(system, a.id, overrides);
    await s.workflow.approve(editor, a.id, { opinion: '同意', overrides: [], publishNow: false });
    await s.publishing.schedule(system, a.id, { publishAt: at });
    ids.push(a.id);
  }
  // Due now: the time is moved back rather than waited for (a time in the past cannot be scheduled).
  await s.database.db
    .updateTable('articles')
    .set({ scheduled_publish_at: new Date(Date.now() - 1000).toISOString() })
    .where('id', 'in', ids)
    .execute();
  await app.server.close();
  await testDb.database.close();
  db = testDb.reopen();
  env = {
    DATABASE_URL: testDb.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    GOVPORTAL_DEMO: 'off',
    WORKER: 'on',
    JOB_LEASE_MS: String(LEASE_MS),
    PUBLIC_CACHE_SECONDS: '600',
  };
}, 300_000);

afterAll(async () => {
  for (const s of servers) await s.kill();
  await db?.close();
  await testDb?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const publishedRecords = async () =>
  db.db
    .selectFrom('audit_log')
    .select(['entity_id', 'at'])
    .where('action', '=', 'article.published')
    .where('entity_id', 'in', ids.map(String))
    .execute();

describe.runIf(testDialect() === 'postgres')('several server processes on one PostgreSQL database', () => {
  it('publishes every scheduled item once across a kill -9, and keeps caches in step', async () => {
    // A alone: killed as soon as it is seen holding the round's lease, in the middle of the backlog. Its
    // worker starts before it listens, so A is started here without waiting for it to answer.
    const a = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: projectRoot,
      env: { TWO_FACTOR_REQUIRED_ROLES: 'none', ...process.env, ...env, PORT: String(await freePort()) },
      stdio: 'ignore',
    });
    const aGone = new Promise((r) => a.once('exit', r));
    const aHolder = `:${a.pid}:`;
    let lease: { holder: string; expires_at: number } | undefined;
    for (const deadline = Date.now() + 180_000; Date.now() < deadline && a.exitCode === null; await sleep(10)) {
      lease = await db.db.selectFrom('job_leases').selectAll().where('name', '=', ROUND).executeTakeFirst();
      if (lease?.holder.includes(aHolder)) break;
    }
    a.kill('SIGKILL');
    await aGone;
    const killedAt = Date.now();
    expect(lease?.holder, 'A 没有取得发布轮次的租约').toContain(aHolder);
    const atKill = await publishedRecords();
    expect(atKill.length, '杀死 A 时这一轮已经做完，测不到中途').toBeLessThan(DUE);
    const held = await db.db.selectFrom('job_leases').selectAll().where('name', '=', ROUND).executeTakeFirstOrThrow();
    expect(held.holder, '被杀的 A 仍持有租约').toContain(aHolder);

    // B and C together: neither may start A's round before its lease lapses; one of them finishes it.
    const [b, c] = await Promise.all([startServer(env, 180_000), startServer(env, 180_000)]);
    servers.push(b, c);
    let records = await publishedRecords();
    for (const deadline = Date.now() + 90_000; records.length < DUE && Date.now() < deadline; await sleep(200))
      records = await publishedRecords();
    const perItem = new Map<string, number>();
    for (const r of records) perItem.set(String(r.entity_id), (perItem.get(String(r.entity_id)) ?? 0) + 1);
    expect(
      [...perItem.values()].filter((n) => n !== 1),
      '有信息被发布了不止一次',
    ).toEqual([]);
    expect(perItem.size, `${DUE} 条到时的信息没有全部发布：${b.stderr()}${c.stderr()}`).toBe(DUE);
    const before = new Set(atKill.map((r) => String(r.entity_id)));
    const later = records.filter((r) => !before.has(String(r.entity_id)));
    expect(later.length).toBeGreaterThan(0);
    // Audit times are ISO text from the servers' clocks (the same machine as this test).
    for (const r of later) expect(Date.parse(r.at)).toBeGreaterThanOrEqual(Number(held.expires_at) - 50);
    expect(Number(held.expires_at)).toBeGreaterThan(killedAt);
    const statuses = await db.db.selectFrom('articles').select('status').where('id', 'in', ids).execute();
    expect(statuses.every((r) => r.status === 'published')).toBe(true);

    // A page cached in C, taken down through B: C stops serving it within about a second.
    const id = ids[0]!;
    const url = `${c.baseUrl}/a/${id}.html`;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url)).status).toBe(200); // now from C's cache
    const editor = await HttpClient.login(b.baseUrl, 'mp_editor', PASSWORD);
    const down = await editor.request('POST', `/api/articles/${id}/unpublish`, { reason: '多进程测试下线' });
    expect(down.status, JSON.stringify(down.json())).toBe(200);
    const changedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - changedAt < 5000) {
      status = (await fetch(url)).status;
      if (status === 200) await sleep(50);
    }
    expect(status).toBe(404);
    expect(Date.now() - changedAt, 'C 过了太久才不再提供已下线的页面').toBeLessThan(1500);
  }, 480_000);
});
