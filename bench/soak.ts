import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { verifyChain } from '../src/platform/audit/chain.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { loadConfig } from '../src/platform/config.js';
import { createDatabase } from '../src/platform/db/database.js';
import { HttpClient, startServer } from '../test/harness/server-process.js';
import { createBenchContent } from './content.js';
import { appendResults, commit, heading, machine } from './report.js';

// A bounded soak (issue 9 item 11): the real server (`govportal serve`, its own process, SQLite,
// background worker on) under a mix of public reads and searches from wrk (bench/soak.lua) and, at the
// same time, editors writing: drafts created, edited, sent for review, approved and so published —
// which empties the page cache the readers hit. It must end with 0 errors and flat memory; the
// server's RSS and CPU time are read from /proc every sample, and the figures appended to RESULTS.md.
//
//   npx tsx bench/soak.ts                         30 minutes
//   SOAK_MINUTES=3 npx tsx bench/soak.ts          a short run
//   SOAK_CONNECTIONS=16 SOAK_WRITERS=2 SOAK_ARTICLES=100 SOAK_SAMPLES=20 change the load, the content
//   or how many RSS samples are taken.

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 16);
const WRITERS = Number(process.env.SOAK_WRITERS ?? 2);
const ARTICLES = Number(process.env.SOAK_ARTICLES ?? 100);
const SAMPLES = Number(process.env.SOAK_SAMPLES ?? 20);
const WRK = process.env.WRK ?? '/usr/bin/wrk';
const BENCH_DIR = import.meta.dirname;
const OUT = path.join(BENCH_DIR, 'out');
const PASSWORD = 'Soak@Bench2026';
const TICK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

interface Sample {
  atS: number;
  rssMb: number;
  cpuS: number;
}

/** The server process's resident memory and CPU time (user + system) from /proc. */
function sample(pid: number, startedAt: number): Sample {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  // Fields after the command name (which may hold spaces) start at the state, field 3.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuTicks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
  return { atS: (Date.now() - startedAt) / 1000, rssMb: rssKb / 1024, cpuS: cpuTicks / TICK };
}

/** Seeds the database in this process: published content, and two editors who sign in over HTTP. */
async function seed(dataDir: string): Promise<{ columnId: number }> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', GOVPORTAL_DEMO: 'off', WORKER: 'off' });
  const { server, services: s } = await buildApp(config);
  try {
    await createBenchContent(s, ARTICLES);
    const unit = await s.database.db.selectFrom('units').select('id').orderBy('id').executeTakeFirstOrThrow();
    const hash = await hashPassword(PASSWORD);
    for (const username of ['soak_writer', 'soak_approver'])
      await s.uow.run((trx) =>
        s.accounts.createIn(
          trx,
          {
            username,
            displayName: username,
            unitId: unit.id,
            roles: ['site_editor'],
            active: true,
            phone: null,
            email: null,
          },
          hash,
        ),
      );
    // 涟水新闻 is bound to a one-step review that publishes on approval (test/harness/publish.ts).
    const column = await s.database.db
      .selectFrom('columns')
      .select('id')
      .where('name', '=', '涟水新闻')
      .executeTakeFirstOrThrow();
    return { columnId: column.id };
  } finally {
    await server.close();
  }
}

/** The public paths readers ask for: the home page, every column and article it links, searches. */
async function publicPaths(baseUrl: string): Promise<string[]> {
  const found = new Set<string>(['/']);
  const home = await (await fetch(`${baseUrl}/`)).text();
  for (const m of home.matchAll(/href="(\/(?:c\/[^"?#]+|a\/\d+\.html))"/g)) found.add(m[1]!);
  for (const column of [...found].filter((p) => p.startsWith('/c/'))) {
    const page = await (await fetch(`${baseUrl}${column}`)).text();
    for (const m of page.matchAll(/href="(\/a\/\d+\.html)"/g)) found.add(m[1]!);
  }
  for (const q of ['涟水', '安全生产', '环评审批', '重点项目', '营商环境', '农村人居环境', '不存在的词语'])
    found.add(`/search?q=${encodeURIComponent(q)}`);
  return [...found];
}

interface WriterStats {
  requests: number;
  published: number;
  errors: string[];
}

/** An editor's loop: create, edit, submit (answering warnings), approve by the other editor, published. */
async function writer(
  w: number,
  writerClient: HttpClient,
  approver: HttpClient,
  columnId: number,
  until: number,
  stats: WriterStats,
): Promise<void> {
  const expect = async (
    c: HttpClient,
    method: string,
    url: string,
    body: unknown,
    ok: number,
  ): Promise<{ status: number; json: () => unknown } | null> => {
    stats.requests++;
    let r = await c.request(method, url, body);
    if (r.status === 422 && (r.json() as { code?: string }).code === 'CHECKS_NEED_REASON') {
      // Warnings of the pre-publish checks are answered with a reason, as an editor would.
      const findings = (r.json() as { findings: Array<{ id: number }> }).findings;
      stats.requests++;
      r = await c.request(method, url, {
        ...(body as object),
        overrides: findings.map((f) => ({ checkId: f.id, reason: '压测内容，已核对' })),
      });
    }
    if (r.status !== ok) {
      stats.errors.push(`${method} ${url} → ${r.status} ${JSON.stringify(r.json()).slice(0, 200)}`);
      return null;
    }
    return r;
  };
  for (let n = 0; Date.now() < until; n++) {
    const title = `压测稿件 ${w}-${n}：涟水县召开重点工作推进会`;
    const created = await expect(
      writerClient,
      'POST',
      '/api/articles',
      { columnId, type: 'news', title, bodyHtml: `<p>${'会议强调，要坚持以人民为中心的发展思想。'.repeat(20)}</p>` },
      201,
    );
    if (!created) continue;
    const id = (created.json() as { id: number }).id;
    if (!(await expect(writerClient, 'PATCH', `/api/articles/${id}`, { title: `${title}（修订）` }, 200))) continue;
    if (!(await expect(writerClient, 'POST', `/api/articles/${id}/submit`, {}, 200))) continue;
    if (!(await expect(approver, 'POST', `/api/articles/${id}/approve`, { opinion: '同意发布' }, 200))) continue;
    const view = await expect(writerClient, 'GET', `/api/articles/${id}`, undefined, 200);
    if (view && (view.json() as { status: string }).status === 'published') stats.published++;
    else stats.errors.push(`信息 ${id} 审核通过后未发布`);
  }
}

function runWrk(url: string, seconds: number, pathsFile: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      WRK,
      ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--timeout', '10s', '-s', path.join(BENCH_DIR, 'soak.lua'), url],
      { env: { ...process.env, SOAK_PATHS: pathsFile }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('SOAK_RESULT '));
      if (code !== 0 || !line) return reject(new Error(`wrk 退出码 ${code}：${out}`));
      resolve(JSON.parse(line.slice('SOAK_RESULT '.length)) as Record<string, number>);
    });
  });
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-soak-'));
  console.log(`准备数据：${ARTICLES} 条已发布信息……`);
  const { columnId } = await seed(dataDir);
  const server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', GOVPORTAL_DEMO: 'off' });
  const pid = server.child.pid!;
  try {
    const paths = await publicPaths(server.baseUrl);
    const pathsFile = path.join(OUT, 'soak-paths.txt');
    fs.writeFileSync(pathsFile, `${paths.join('\n')}\n`);
    const writerClient = await HttpClient.login(server.baseUrl, 'soak_writer', PASSWORD);
    const approver = await HttpClient.login(server.baseUrl, 'soak_approver', PASSWORD);

    const seconds = Math.round(MINUTES * 60);
    const loadStart = os.loadavg();
    const startedAt = Date.now();
    const samples: Sample[] = [sample(pid, startedAt)];
    const every = (seconds * 1000) / SAMPLES;
    const timer = setInterval(() => samples.push(sample(pid, startedAt)), every);
    console.log(
      `压测 ${MINUTES} 分钟：wrk ${CONNECTIONS} 个连接读公开页面与搜索，${WRITERS} 位编辑写稿并发布（${paths.length} 个公开地址）`,
    );
    const stats: WriterStats = { requests: 0, published: 0, errors: [] };
    const until = startedAt + seconds * 1000;
    const [wrk] = await Promise.all([
      runWrk(server.baseUrl, seconds, pathsFile),
      ...Array.from({ length: WRITERS }, (_, w) => writer(w, writerClient, approver, columnId, until, stats)),
    ]);
    clearInterval(timer);
    samples.push(sample(pid, startedAt));
    const loadEnd = os.loadavg();
    if (server.child.exitCode !== null) throw new Error(`服务进程在压测中退出：${server.stderr()}`);

    const wrkErrors = wrk.connect! + wrk.read! + wrk.write! + wrk.status! + wrk.timeout!;
    const requests = wrk.requests! + stats.requests;
    const first = samples[0]!;
    const last = samples.at(-1)!;
    // Memory after the first tenth of the run (caches filled, code compiled) against the end.
    const settled = samples.find((s) => s.atS >= seconds / 10) ?? first;
    const peak = Math.max(...samples.map((s) => s.rssMb));
    const cpuMsPerRequest = ((last.cpuS - first.cpuS) * 1000) / requests;

    const database = createDatabase('sqlite', `sqlite:${path.join(dataDir, 'govportal.db')}`);
    const chain = await verifyChain(database.db).finally(() => database.close());

    const series = samples.map((s) => `${fmt(s.atS)} s: ${fmt(s.rssMb)} MB`).join(', ');
    const entry = [
      heading(`soak, ${fmt(MINUTES, 1)} minutes of mixed load`),
      '',
      `Command: \`SOAK_MINUTES=${MINUTES} npx tsx bench/soak.ts\` (SOAK_CONNECTIONS=${CONNECTIONS}, SOAK_WRITERS=${WRITERS}, SOAK_ARTICLES=${ARTICLES}); the full soak is \`npx tsx bench/soak.ts\` (30 minutes).`,
      '',
      `Code: commit ${commit()}. Machine: ${machine()}, SQLite, the server as its own process (\`govportal serve\` from the sources through tsx, worker on), wrk and the editors' driver on the same machine over loopback. Load average (1/5/15 min) at the start ${loadStart.map((l) => fmt(l, 1)).join(' / ')}, at the end ${loadEnd.map((l) => fmt(l, 1)).join(' / ')}.`,
      '',
      '| | requests | errors | other |',
      '|---|---:|---:|---|',
      `| public reads and searches (wrk, ${CONNECTIONS} connections, ${paths.length} paths) | ${fmt(wrk.requests!)} | ${fmt(wrkErrors)} | ${fmt(wrk.requests! / (wrk.durationUs! / 1e6))} req/s, p50 ${fmt(wrk.p50Us! / 1000, 1)} ms, p99 ${fmt(wrk.p99Us! / 1000, 1)} ms, max ${fmt(wrk.maxUs! / 1000)} ms |`,
      `| editors (${WRITERS}: create, edit, submit, approve → published) | ${fmt(stats.requests)} | ${fmt(stats.errors.length)} | ${fmt(stats.published)} items published |`,
      '',
      `Server CPU time: ${fmt(last.cpuS - first.cpuS, 1)} s for ${fmt(requests)} requests = **${fmt(cpuMsPerRequest, 2)} ms per request** (user + system, all kinds together).`,
      `Server RSS: ${fmt(first.rssMb)} MB at the start, ${fmt(settled.rssMb)} MB after a tenth of the run, ${fmt(last.rssMb)} MB at the end (peak ${fmt(peak)} MB). Samples: ${series}.`,
      `Audit chain after the run: ${chain.ok ? `verifies (${fmt(chain.checked)} records)` : `BROKEN: ${chain.problems.map((p) => p.message).join('; ')}`}.`,
    ].join('\n');
    appendResults(entry);
    if (stats.errors.length) console.error(`编辑请求出错（前 10 个）：\n${stats.errors.slice(0, 10).join('\n')}`);
    if (wrkErrors || stats.errors.length || !chain.ok) process.exitCode = 1;
  } finally {
    await server.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
