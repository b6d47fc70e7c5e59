import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { verifyChain } from '../../src/platform/audit/chain.js';
import { SHORT_CHAIN } from '../../src/modules/review/chains.service.js';
import { testConfig } from '../harness/app.js';
import { createTestDatabase, type TestDatabase } from '../harness/db.js';
import { makeAccount, makeColumn, makeDuty, makeSite, makeUnit, PASSWORD } from '../harness/factories.js';
import { HttpClient, startServer, type ServerProcess } from '../harness/server-process.js';

// Issue 9 item 11: a write the server acknowledged is never lost to a crash. The real server runs as
// a child process; several clients write at once — drafts created, edited and sent for review by a
// unit's officer, units created by the administrator, every one of them audited — and the process is
// killed with SIGKILL in the middle of it. Restarted on the same database, it must show every write it
// answered 2xx to, as it was answered, with its audit record, and the audit chain must verify. Three
// rounds on one database, so a restart after a crash is itself crashed into.
//
// Each writer stops only when a request of its own fails, so every writer has a request in flight at
// the kill. Such a request may or may not have committed; either is right, as long as it is all or
// nothing: an edit's title is then the acknowledged one or the one in flight, never another.

const ROUNDS = 3;
const ARTICLE_WRITERS = 6;
const UNIT_WRITERS = 2;
const MIN_ACKS = 15;

interface ArticleWrite {
  id: number;
  body: string;
  title: string;
  /** The title of an edit sent but not answered when the server died. */
  titleInFlight?: string;
  submitted: boolean;
}
interface UnitWrite {
  id: number;
  name: string;
}

let testDb: TestDatabase;
let dataDir: string;
let env: Record<string, string>;
let server: ServerProcess | null = null;
let columnId: number;
const articles: ArticleWrite[] = [];
const units: UnitWrite[] = [];

beforeAll(async () => {
  // The database is prepared in this process (schema, people, the review chain), then closed: from
  // here on only the server process writes to it.
  testDb = await createTestDatabase();
  const config = testConfig(testDb);
  dataDir = config.dataDir;
  const app = await buildApp(config, { database: testDb.database });
  const s = app.services;
  const site = await makeSite(s);
  const news = await makeColumn(s, site.id, '新闻中心');
  columnId = (await makeColumn(s, site.id, '部门动态', news.id)).id;
  const unit = await makeUnit(s, '融媒体中心', 'direct');
  const office = await makeUnit(s, '人民政府办公室');
  await makeDuty(s, columnId, { unitId: unit.id });
  await makeAccount(s, 'kill_officer', unit.id, ['unit_officer']);
  await makeAccount(s, 'kill_leader', unit.id, ['unit_leader']);
  await makeAccount(s, 'kill_admin', office.id, ['sysadmin']);
  await s.chains.bindIn(s.database.db, SHORT_CHAIN, columnId, null);
  await app.server.close();
  await testDb.database.close();
  env = {
    DATABASE_URL: testDb.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    GOVPORTAL_DEMO: 'off',
    WORKER: 'off',
    PUBLIC_CACHE_SECONDS: '0',
  };
});

afterAll(async () => {
  await server?.kill();
  await testDb?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** True while the server answers; false once the connection fails (the process is gone). */
type Outcome<T> = { ok: true; value: T } | { ok: false; dead: boolean };

async function attempt<T>(
  call: () => Promise<{ status: number; json: () => unknown }>,
  pick: (j: unknown) => T,
): Promise<Outcome<T>> {
  try {
    const r = await call();
    if (r.status >= 200 && r.status < 300) return { ok: true, value: pick(r.json()) };
    throw new Error(`写入被拒绝：${r.status} ${JSON.stringify(r.json())}\n服务日志：${server?.stderr()}`);
  } catch (e) {
    if (e instanceof TypeError) return { ok: false, dead: true }; // fetch failed: connection refused or reset
    throw e;
  }
}

/** One writer: create a draft, edit it, send it for review, until the server dies. */
async function articleWriter(c: HttpClient, round: number, w: number): Promise<void> {
  for (let n = 0; ; n++) {
    const title = `断电测试 ${round}-${w}-${n}`;
    const body = `<p>第 ${round} 轮第 ${w} 路第 ${n} 条：${'内容'.repeat(50)}</p>`;
    const created = await attempt(
      () => c.request('POST', '/api/articles', { columnId, type: 'news', title, bodyHtml: body }),
      (j) => (j as { id: number }).id,
    );
    if (!created.ok) return;
    const a: ArticleWrite = { id: created.value, body, title, submitted: false };
    articles.push(a);
    a.titleInFlight = `${title}（已修改）`;
    const edited = await attempt(
      () => c.request('PATCH', `/api/articles/${a.id}`, { title: a.titleInFlight }),
      () => null,
    );
    if (!edited.ok) return;
    a.title = a.titleInFlight;
    a.titleInFlight = undefined;
    if (n % 2 === 1) continue;
    const submitted = await attempt(
      () => c.request('POST', `/api/articles/${a.id}/submit`, {}),
      () => null,
    );
    if (!submitted.ok) return;
    a.submitted = true;
  }
}

/** One writer of another kind: the administrator creating units. */
async function unitWriter(c: HttpClient, round: number, w: number): Promise<void> {
  for (let n = 0; ; n++) {
    const name = `涟水县断电测试单位${round}-${w}-${n}`;
    const created = await attempt(
      () =>
        c.request('POST', '/api/units', {
          name,
          shortName: `测试${round}${w}${n}`,
          category: 'gov_dept',
          code: `KILL${round}${w}${String(n).padStart(5, '0')}`,
          aliases: [],
          emails: [],
          sortOrder: 0,
          active: true,
        }),
      (j) => (j as { id: number }).id,
    );
    if (!created.ok) return;
    units.push({ id: created.value, name });
  }
}

/** Every acknowledged write, read back through the restarted server and from the audit log. */
async function checkEverything(officer: HttpClient, admin: HttpClient): Promise<void> {
  for (const a of articles) {
    const r = await officer.request('GET', `/api/articles/${a.id}`);
    expect(r.status, `信息 ${a.id} 已确认写入，重启后不见了`).toBe(200);
    const got = r.json() as { title: string; bodyHtml: string; status: string };
    expect([a.title, a.titleInFlight], `信息 ${a.id} 的标题`).toContain(got.title);
    expect(got.bodyHtml).toBe(a.body);
    if (a.submitted) expect(got.status, `信息 ${a.id} 已确认送审`).not.toBe('draft');
  }
  for (const u of units) {
    const r = await admin.request('GET', `/api/units/${u.id}`);
    expect(r.status, `单位 ${u.id} 已确认写入，重启后不见了`).toBe(200);
    expect((r.json() as { name: string }).name).toBe(u.name);
  }
  const database = testDb.reopen();
  try {
    const audited = async (type: string) =>
      new Set(
        (await database.db.selectFrom('audit_log').select('entity_id').where('action', '=', type).execute()).map(
          (row) => Number(row.entity_id),
        ),
      );
    const created = await audited('article.created');
    expect(articles.filter((a) => !created.has(a.id)).map((a) => a.id)).toEqual([]);
    const unitsCreated = await audited('unit.created');
    expect(units.filter((u) => !unitsCreated.has(u.id)).map((u) => u.id)).toEqual([]);
    const chain = await verifyChain(database.db);
    expect(chain.problems).toEqual([]);
    expect(chain.ok).toBe(true);
    expect(chain.unsealed).toBe(0);
    expect(chain.checked).toBeGreaterThanOrEqual(articles.length + units.length);
  } finally {
    await database.close();
  }
}

describe('kill -9 durability', () => {
  it(`keeps every acknowledged write through ${ROUNDS} kills in the middle of concurrent writing`, async () => {
    server = await startServer(env);
    let officer = await HttpClient.login(server.baseUrl, 'kill_officer', PASSWORD);
    let admin = await HttpClient.login(server.baseUrl, 'kill_admin', PASSWORD);
    for (let round = 1; round <= ROUNDS; round++) {
      const before = articles.length + units.length;
      const writers = [
        ...Array.from({ length: ARTICLE_WRITERS }, (_, w) => articleWriter(officer, round, w)),
        ...Array.from({ length: UNIT_WRITERS }, (_, w) => unitWriter(admin, round, w)),
      ];
      // Kill at a moment nobody chose, once the round has written something (a busy machine may take
      // seconds for the first answers): after MIN_ACKS acknowledged writes, plus 0–400 ms.
      const deadline = Date.now() + 60_000;
      while (articles.length + units.length < before + MIN_ACKS && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.random() * 400));
      await server.kill();
      await Promise.all(writers);
      expect(
        articles.length + units.length,
        `第 ${round} 轮确认写入的请求太少：${server.stderr()}`,
      ).toBeGreaterThanOrEqual(before + MIN_ACKS);

      server = await startServer(env);
      // Sessions are rows in the database: the same cookies work on the restarted process.
      officer = officer.on(server.baseUrl);
      admin = admin.on(server.baseUrl);
      await checkEverything(officer, admin);
    }
    expect(articles.some((a) => a.submitted)).toBe(true);
  }, 180_000); // four starts of the server; a few seconds each on an idle machine, much more on a busy one
});
