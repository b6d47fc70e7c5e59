import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatePortal, type PortalData } from './pages-data.js';
import { fmt, machine, type Run, startNginx, startNode, table, wrk } from './pages-run.js';
import { appendResults, commit, heading } from './report.js';

// Public pages at scale (issue 14 item 5): BENCH_SIZES published articles generated straight into a
// scratch SQLite database (bench/pages-data.ts), then the real server (`node dist/main.js serve`, one
// process) with its page cache off (PUBLIC_CACHE_SECONDS=0), so every request renders: the article page
// (random articles, old and new), a column list's page 1, a deep page of it (random pages in its older
// half) and the home page, each with wrk at one connection (the latency one visitor sees) and at
// BENCH_CONNECTIONS (throughput). Then the cached article page (PUBLIC_CACHE_SECONDS=60, one URL) against
// nginx serving the very same bytes from a file, in the same run. Appends to bench/RESULTS.md.
//
//   npx tsc -p tsconfig.build.json && npx tsx bench/pages.ts
//   BENCH_SIZES=100000,1000000 BENCH_DURATION=10 BENCH_CONNECTIONS=8 change the sizes and the load.
//   BENCH_PROFILE=1 writes a --cpu-prof profile of the uncached runs to bench/out/.

const SIZES = (process.env.BENCH_SIZES ?? '100000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PROFILE = process.env.BENCH_PROFILE === '1';

async function uncached(data: PortalData, dbFile: string, dataDir: string): Promise<Run[]> {
  const profileDir = path.join(import.meta.dirname, 'out');
  const node = await startNode(
    { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${dbFile}`, PUBLIC_CACHE_SECONDS: '0' },
    PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  const runs: Run[] = [];
  try {
    const list = data.lists[0]!;
    // Archive pages are numbered from the oldest (src/modules/portal/list-pages.ts): the older half,
    // ?page=1 up to the middle, are the deepest ranges of the newest-first listings index.
    const pages = Math.max(1, Math.floor(list.listed / 20) - 1);
    const half = Math.max(1, Math.floor(pages / 2));
    const deep = Array.from({ length: 200 }, (_, i) => `/c/${list.path}/?page=${1 + Math.floor((half * i) / 200)}`);
    const targets: Array<[string, string[]]> = [
      [
        `article \`/a/<id>.html\` (${data.sampleIds.length} articles, oldest to newest)`,
        data.sampleIds.map((id) => `/a/${id}.html`),
      ],
      [`column list page 1 \`/c/${list.path}/\` (${fmt(list.listed)} items)`, [`/c/${list.path}/`]],
      [`column list deep pages \`?page=1…${half}\` (the oldest half)`, deep],
      ['home `/`', ['/']],
    ];
    // Every target answers 200 before it is measured: a bench of error pages would be fast and wrong.
    for (const [, paths] of targets) {
      const res = await fetch(node.base + paths[paths.length - 1]);
      if (res.status !== 200) throw new Error(`${paths[paths.length - 1]} 返回 ${res.status}`);
    }
    for (const connections of [1, CONNECTIONS])
      for (const [name, paths] of targets)
        runs.push(
          await wrk(name, 'Node, cache off', node.base, paths, [node.pid], { connections, duration: DURATION }),
        );
  } finally {
    await node.stop();
  }
  return runs;
}

async function cachedVsNginx(data: PortalData, dbFile: string, dataDir: string, scratch: string): Promise<Run[]> {
  const node = await startNode({ DATA_DIR: dataDir, DATABASE_URL: `sqlite:${dbFile}`, PUBLIC_CACHE_SECONDS: '60' });
  const root = path.join(scratch, 'static');
  const id = data.sampleIds[data.sampleIds.length - 1]!;
  const url = `/a/${id}.html`;
  fs.mkdirSync(path.join(root, 'a'), { recursive: true });
  // The same bytes Node sends, as a file (fetched from Node, which also warms its cache).
  fs.writeFileSync(path.join(root, url), Buffer.from(await (await fetch(node.base + url)).arrayBuffer()));
  const nginx = await startNginx(
    path.join(scratch, 'nginx'),
    `  charset utf-8;
  sendfile on;
  tcp_nopush on;
  server { listen 127.0.0.1:{{PORT}}; root ${root}; }`,
  );
  const runs: Run[] = [];
  try {
    const check = await fetch(nginx.base + url);
    if (check.status !== 200) throw new Error(`nginx 返回 ${check.status}`);
    // Alternating, so load from other work on the shared machine weighs on both alike.
    for (let round = 0; round < 2; round++) {
      runs.push(
        await wrk(`cached article \`${url}\``, 'Node, cache on', node.base, [url], [node.pid], {
          connections: CONNECTIONS,
          duration: DURATION,
        }),
      );
      runs.push(
        await wrk(`the same bytes from a file`, 'nginx, 1 worker', nginx.base, [url], [nginx.pid], {
          connections: CONNECTIONS,
          duration: DURATION,
        }),
      );
    }
  } finally {
    await nginx.stop();
    await node.stop();
  }
  return runs;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(import.meta.dirname, '../dist/main.js')))
    throw new Error('请先构建服务器：npx tsc -p tsconfig.build.json');
  for (const size of SIZES) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-pages-'));
    fs.chmodSync(scratch, 0o755); // nginx's worker (nobody when started as root) reads the files below
    try {
      const dbFile = path.join(scratch, 'portal.db');
      const data = await generatePortal(scratch, dbFile, size);
      const dbMb = fs.statSync(dbFile).size / 1024 / 1024;
      console.log(`写入 ${fmt(size)} 条信息，${fmt(data.seconds, 1)} 秒，数据库 ${fmt(dbMb)} MB`);
      const runs = [
        ...(await uncached(data, dbFile, scratch)),
        ...(await cachedVsNginx(data, dbFile, scratch, scratch)),
      ];
      const cached = runs.filter((r) => r.target === 'Node, cache on');
      const files = runs.filter((r) => r.target === 'nginx, 1 worker');
      const ratio = cached.reduce((t, r) => t + r.rps, 0) / files.reduce((t, r) => t + r.rps, 0);
      appendResults(
        [
          heading(`public pages at ${fmt(size)} articles (SQLite)`),
          '',
          `Command: \`npx tsc -p tsconfig.build.json && BENCH_SIZES=${size} BENCH_DURATION=${DURATION} BENCH_CONNECTIONS=${CONNECTIONS} npx tsx bench/pages.ts\``,
          '',
          `Code: commit ${commit()}. Machine: ${machine()}.`,
          `Data: ${fmt(size)} published articles written directly (bench/pages-data.ts: ${data.lists.length} list columns in a county tree, 1 in 50 items also in a second column, column_listings and their counts as publishing writes them) in ${fmt(data.seconds, 1)} s; database ${fmt(dbMb)} MB, no ANALYZE (the server never runs it).`,
          `Server: \`node dist/main.js serve\`, one process, SQLite; its CPU time per request is utime + stime from /proc/<pid>/stat over the run / requests (nginx: master and worker). wrk ${DURATION} s per run, at 1 connection (the latency of one visitor) and at ${CONNECTIONS}.`,
          '',
          ...table(runs),
          '',
          `Cached article page / nginx serving the same bytes from a file: **${fmt(ratio, 2)}×** (req/s summed over the two alternating rounds each).`,
        ].join('\n'),
      );
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
