import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { insertReturningId } from '../src/platform/db/helpers.js';
import type { Services } from '../src/services.js';
import { makeSite } from '../test/harness/factories.js';
import { issueChallenge } from '../src/platform/public-forms/index.js';
import { appendResults, commit, heading, machine } from './report.js';

// 政民互动 under load (issue 12, bench/): the public letter form POST from one address (the rate limit
// refuses nearly all) and from many (X-Forwarded-For behind a trusted proxy), and the 来信反馈 list
// with BENCH_LETTERS letters in the database (inserted directly, half of them published). The load
// generator is wrk in its own process; the server runs in this process, so process.cpuUsage() over a
// run divided by the requests served is the server's CPU time per request. Appends to bench/RESULTS.md.
//
//   npx tsx bench/letters.ts
//   BENCH_LETTERS=100000 BENCH_DURATION=10 BENCH_CONNECTIONS=20 BENCH_THREADS=2 change the size and load.

const LETTERS = Number(process.env.BENCH_LETTERS ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 6_000);
const WRK = process.env.WRK ?? 'wrk';
const OUT = path.join(import.meta.dirname, 'out');
const DIGITS = '零一二三四五六七八九十';

interface Run {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  cpuMsPerRequest: number;
  load: [number, number];
}

/** Letters straight into the table, in batches (the loop's own code is not what is measured here). */
async function generate(s: Services, n: number): Promise<number> {
  const db = s.database.db;
  const box = (await s.interaction.repo.mailboxBySlug('xianzhang'))!;
  const now = new Date().toISOString();
  const unitId = await insertReturningId(db, 'units', {
    name: '住房和城乡建设局',
    short_name: '住建局',
    category: 'gov_dept',
    code: 'BENCH001',
    sort_order: 1,
    active: 1,
    assessed_from: null,
    created_at: now,
    updated_at: now,
  });
  const start = Date.parse('2024-01-01T00:00:00.000Z');
  let published = 0;
  for (let i = 0; i < n; i += 500) {
    const rows = [];
    for (let j = i; j < Math.min(n, i + 500); j++) {
      const at = new Date(start + j * 300_000).toISOString(); // one every 5 minutes
      const answered = new Date(start + j * 300_000 + 3 * 86_400_000).toISOString();
      const isPublished = j % 2 === 0;
      if (isPublished) published++;
      rows.push({
        mailbox_id: box.id,
        query_code: `B${String(j).padStart(11, '0')}`,
        category: 'suggestion',
        status: 'closed',
        writer_name: `写信人${j}`,
        writer_phone: `139${String(j).padStart(8, '0')}`,
        writer_email: null,
        writer_ip: '10.0.0.1',
        title: `关于城区第 ${j} 号路段路灯维修的建议`,
        body: `城区第 ${j} 号路段的路灯已经坏了两周，晚上出行很不方便，联系电话 13912345678，请尽快修复。`.repeat(3),
        public_allowed: 1,
        received_at: at,
        accept_due: at,
        accepted_at: at,
        lead_unit_id: unitId,
        reply_unit_id: unitId,
        reply: '您反映的问题已转交路灯管理所，已于三日内修复。感谢您对城市管理工作的支持。',
        answered_at: answered,
        first_answered_at: answered,
        closed_at: answered,
        rating: 'satisfied',
        published_at: isPublished ? answered : null,
        updated_at: answered,
      });
    }
    await db.insertInto('letters').values(rows).execute();
  }
  return published;
}

/** Request bodies with fresh challenges answered, one per line, for the wrk script to cycle through. */
async function bodies(s: Services, n: number, name: string): Promise<string> {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await issueChallenge(s.database.db);
    const q = /^(\S) (加|减) (\S)/.exec(c.question)!;
    const a = DIGITS.indexOf(q[1]!);
    const b = DIGITS.indexOf(q[3]!);
    lines.push(
      new URLSearchParams({
        challengeToken: c.token,
        challengeAnswer: String(q[2] === '加' ? a + b : a - b),
        name: '压测',
        phone: `${name === 'one' ? 137 : 136}${String(i).padStart(8, '0')}`,
        category: 'suggestion',
        title: '压测来信',
        body: '这是一封压测来信，内容长度与普通来信相当。'.repeat(10),
        isPublic: 'yes',
      }).toString(),
    );
  }
  const file = path.join(OUT, `letter-bodies-${name}.txt`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The wrk script: POSTs the prepared bodies in turn (each thread its own share), counts statuses. */
function postScript(bodiesFile: string, manyAddresses: boolean): string {
  const file = path.join(OUT, manyAddresses ? 'letters-many.lua' : 'letters-one.lua');
  fs.writeFileSync(
    file,
    `
local bodies = {}
for line in io.lines("${bodiesFile}") do bodies[#bodies + 1] = line end
local threads = {}
local id = 0
function setup(thread) id = id + 1; thread:set("tid", id); table.insert(threads, thread) end
-- Globals, not locals: done() reads each thread's counts through thread:get.
i = 0
statuses = {}
function init(args) i = tid - 1 end
function request()
  local body = bodies[(i % #bodies) + 1]
  i = i + ${THREADS}
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  ${manyAddresses ? 'headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0,255), math.random(0,255), math.random(1,254))' : ''}
  return wrk.format("POST", "/hudong/xiexin/xianzhang", headers, body)
end
function response(status) statuses[status] = (statuses[status] or 0) + 1 end
${DONE}
`,
  );
  return file;
}

const DONE = `
function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads or {}) do
    local s = t:get("statuses")
    if s then for k, v in pairs(s) do all[k] = (all[k] or 0) + v end end
  end
  local parts = {}
  for k, v in pairs(all) do parts[#parts + 1] = string.format('"%s":%d', k, v) end
  io.write(string.format('BENCH {"requests":%d,"seconds":%f,"p50":%f,"p95":%f,"p99":%f,"statuses":{%s}}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, table.concat(parts, ",")))
end`;

function listScript(pages: number): string {
  const file = path.join(OUT, 'letters-list.lua');
  fs.writeFileSync(
    file,
    `
local threads = {}
function setup(thread) table.insert(threads, thread) end
statuses = {}
function request()
  -- Page 1 half the time (most readers), otherwise any page of the list.
  local page = math.random() < 0.5 and 1 or math.random(1, ${pages})
  return wrk.format("GET", "/hudong/fankui/?page=" .. page)
end
function response(status) statuses[status] = (statuses[status] or 0) + 1 end
${DONE}
`,
  );
  return file;
}

/** wrk as a child process, awaited (a synchronous wait would stop the server in this process). */
async function runWrk(name: string, url: string, script: string): Promise<Run> {
  const load0 = os.loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      WRK,
      ['-t', String(THREADS), '-c', String(CONNECTIONS), '-d', `${DURATION}s`, '-s', script, url],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk 退出码 ${code}`))));
  });
  const cpu = process.cpuUsage(cpu0);
  const load1 = os.loadavg()[0]!;
  const line = out.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`wrk 没有输出结果：\n${out}`);
  const r = JSON.parse(line.slice(6)) as {
    requests: number;
    seconds: number;
    p50: number;
    p95: number;
    p99: number;
    statuses: Record<string, number>;
  };
  return {
    name,
    requests: r.requests,
    rps: r.requests / r.seconds,
    p50: r.p50,
    p95: r.p95,
    p99: r.p99,
    statuses: r.statuses,
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, r.requests),
    load: [load0, load1],
  };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-letters-'));
  // Behind a trusted proxy, so the "many addresses" run can name its addresses in X-Forwarded-For.
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    GOVPORTAL_DEMO: 'off',
    WORKER: 'off',
    TRUST_PROXY: 'true',
  });
  const { server, services } = await buildApp(config);
  try {
    await makeSite(services, { name: '涟水县人民政府', isDefault: true });
    let t = Date.now();
    const published = await generate(services, LETTERS);
    const genSeconds = (Date.now() - t) / 1000;
    console.log(`写入 ${LETTERS} 件来信（其中公开 ${published} 件），${fmt(genSeconds, 1)} 秒`);
    t = Date.now();
    // Each POST run its own answered challenges (a token is good once).
    const oneFile = await bodies(services, TOKENS, 'one');
    const manyFile = await bodies(services, TOKENS, 'many');
    console.log(`准备 ${2 * TOKENS} 个验证问题，${fmt((Date.now() - t) / 1000, 1)} 秒`);
    await server.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const pages = Math.ceil(published / 20);
    const runs: Run[] = [];
    runs.push(await runWrk('来信反馈列表 `/hudong/fankui/?page=N`', `${base}/`, listScript(pages)));
    runs.push(await runWrk('写信 POST，同一地址', `${base}/`, postScript(oneFile, false)));
    runs.push(await runWrk('写信 POST，多个地址', `${base}/`, postScript(manyFile, true)));
    const stored = await services.database.db
      .selectFrom('letters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const wrkVersion = spawnSync(WRK, ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0]?.split(' [')[0] ?? 'wrk';
    const statusText = (s: Record<string, number>) =>
      Object.entries(s)
        .sort()
        .map(([k, v]) => `${k}: ${fmt(v)}`)
        .join(', ');
    const entry = [
      heading('政民互动 letter form and 来信反馈 list'),
      '',
      `Command: \`npx tsx bench/letters.ts\` (BENCH_LETTERS=${LETTERS}, BENCH_DURATION=${DURATION}, BENCH_CONNECTIONS=${CONNECTIONS}, BENCH_THREADS=${THREADS})`,
      '',
      `Code: commit ${commit()}.`,
      `Machine: ${machine()}, ${wrkVersion}, SQLite, shared with other work.`,
      `Data: ${fmt(LETTERS)} letters inserted directly in ${fmt(genSeconds, 1)} s, ${fmt(published)} of them published (${fmt(pages)} list pages of 20). Rate limits as shipped (10 letters per address per hour, 5 per phone per day); every POST carries its own answered challenge and phone.`,
      `Load: wrk ${THREADS} threads, ${CONNECTIONS} connections, ${DURATION} s per run, in its own process; the server in the bench process, so its CPU time per request is process.cpuUsage() over the run / requests. The list asks page 1 half the time, a random page otherwise.`,
      '',
      '| run | requests | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | load avg (1 min) start → end | statuses |',
      '|---|---:|---:|---:|---:|---:|---:|---|---|',
      ...runs.map(
        (r) =>
          `| ${r.name} | ${fmt(r.requests)} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.cpuMsPerRequest, 2)} | ${fmt(r.load[0], 1)} → ${fmt(r.load[1], 1)} | ${statusText(r.statuses)} |`,
      ),
      '',
      `Letters stored at the end: ${fmt(Number(stored.n))} (${fmt(Number(stored.n) - LETTERS)} accepted from the form; 429 is the rate limit's refusal, shown as the form again with the Chinese message).`,
    ].join('\n');
    appendResults(entry);
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
