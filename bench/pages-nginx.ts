import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderStandalone } from '../deploy/nginx/render.js';
import { generatePortal } from './pages-data.js';
import { fmt, machine, NGINX, type Run, startNginx, startNginxWith, startNode, table, wrk } from './pages-run.js';
import { appendResults, commit, heading } from './report.js';

// Issue 15's page benchmark: the article, home and column pages through the shipped nginx
// configuration (deploy/nginx/govportal.conf, rendered with scratch paths, the static files present)
// against nginx serving the same bytes as plain files (a bare `root`) and against the Node-served page
// as it is today (one process, PUBLIC_CACHE_SECONDS=60, its page cache warm), in one run, in alternating
// rounds. The static layout is filled by fetching each page from Node and writing it where static
// publishing puts it, so all three serve identical bytes. One nginx worker each, like the one Node
// process. Appends to bench/RESULTS.md.
//
//   npx tsc -p tsconfig.build.json && npx tsx bench/pages-nginx.ts
//   BENCH_ARTICLES=100000 BENCH_DURATION=10 BENCH_CONNECTIONS=8 BENCH_ROUNDS=2

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(import.meta.dirname, '../dist/main.js')))
    throw new Error('请先构建服务器：npx tsc -p tsconfig.build.json');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-nginx-'));
  fs.chmodSync(scratch, 0o755); // nginx's worker (nobody when started as root) reads the files below
  const stops: Array<() => Promise<void>> = [];
  try {
    const dbFile = path.join(scratch, 'portal.db');
    const data = await generatePortal(scratch, dbFile, ARTICLES);
    const node = await startNode({ DATA_DIR: scratch, DATABASE_URL: `sqlite:${dbFile}`, PUBLIC_CACHE_SECONDS: '60' });
    stops.push(node.stop);

    // The static layout, filled from Node: what static publishing writes for these addresses.
    const staticDir = path.join(scratch, 'public');
    const root = path.join(staticDir, data.siteCode);
    const list = data.lists[0]!;
    const articleIds = data.sampleIds.slice(-50);
    const pages: Array<[string, string[]]> = [
      ['article', articleIds.map((id) => `/a/${id}.html`)],
      ['home', ['/']],
      [`column list \`/c/${list.path}/\``, [`/c/${list.path}/`]],
    ];
    const fileOf = (url: string) => path.join(root, url.endsWith('/') ? `${url}index.html` : url);
    for (const [, urls] of pages)
      for (const url of urls) {
        const res = await fetch(node.base + url);
        if (res.status !== 200) throw new Error(`${url} 返回 ${res.status}`);
        fs.mkdirSync(path.dirname(fileOf(url)), { recursive: true });
        fs.writeFileSync(fileOf(url), Buffer.from(await res.arrayBuffer()));
      }

    const shippedDir = path.join(scratch, 'nginx-shipped');
    fs.mkdirSync(shippedDir);
    const shipped = await startNginxWith(shippedDir, (port) =>
      renderStandalone(shippedDir, {
        listen: `127.0.0.1:${port}`,
        staticDir,
        upstreams: [new URL(node.base).host],
        defaultSite: data.siteCode,
      }),
    );
    stops.push(shipped.stop);
    const plain = await startNginx(
      path.join(scratch, 'nginx-plain'),
      `  charset utf-8;
  sendfile on;
  tcp_nopush on;
  server { listen 127.0.0.1:{{PORT}}; root ${root}; index index.html; }`,
    );
    stops.push(plain.stop);

    // The same bytes from all three, checked before anything is measured.
    for (const [, urls] of pages) {
      const expected = fs.readFileSync(fileOf(urls[0]!));
      for (const base of [shipped.base, plain.base]) {
        const got = Buffer.from(await (await fetch(base + urls[0])).arrayBuffer());
        if (!got.equals(expected)) throw new Error(`${base}${urls[0]} 与 Node 的页面不同`);
      }
    }

    const targets: Array<[string, string, number]> = [
      ['nginx, shipped config', shipped.base, shipped.pid],
      ['nginx, plain files', plain.base, plain.pid],
      ['Node, cache on', node.base, node.pid],
    ];
    const runs: Run[] = [];
    for (let round = 0; round < ROUNDS; round++)
      for (const [name, urls] of pages)
        for (const [target, base, pid] of targets)
          runs.push(await wrk(name, target, base, urls, [pid], { connections: CONNECTIONS, duration: DURATION }));
    // What a browser gets: compressed on the fly by the shipped configuration.
    runs.push(
      await wrk('article, Accept-Encoding: gzip', 'nginx, shipped config', shipped.base, pages[0]![1], [shipped.pid], {
        connections: CONNECTIONS,
        duration: DURATION,
        gzip: true,
      }),
    );

    const sum = (page: string, target: string) =>
      runs.filter((r) => r.name === page && r.target === target).reduce((t, r) => t + r.rps, 0);
    const ratios = pages.map(
      ([page]) =>
        `| ${page} | ${fmt(sum(page, 'nginx, shipped config') / sum(page, 'nginx, plain files'), 2)}× | ${fmt(sum(page, 'Node, cache on') / sum(page, 'nginx, plain files'), 2)}× |`,
    );
    appendResults(
      [
        heading(`pages through the shipped nginx config vs plain files vs Node (${fmt(ARTICLES)} articles, SQLite)`),
        '',
        `Command: \`npx tsc -p tsconfig.build.json && BENCH_ARTICLES=${ARTICLES} BENCH_DURATION=${DURATION} BENCH_CONNECTIONS=${CONNECTIONS} BENCH_ROUNDS=${ROUNDS} npx tsx bench/pages-nginx.ts\``,
        '',
        `Code: commit ${commit()}. Machine: ${machine()}.`,
        `Setup: ${fmt(ARTICLES)} published articles generated directly (bench/pages-data.ts). The static layout (\`<STATIC_DIR>/${data.siteCode}/index.html\`, \`a/<id>.html\`, \`c/<path>/index.html\`) was filled by fetching each page from the Node server and writing its bytes, not by static publishing; the three targets send identical bodies (checked). nginx (${NGINX}) with one worker in both configurations: deploy/nginx/govportal.conf rendered by deploy/nginx/render.ts (try_files, security headers, gzip on but not asked for except in the last row), and a bare \`root\`. Node: \`node dist/main.js serve\`, one process, PUBLIC_CACHE_SECONDS=60, cache warm. wrk ${DURATION} s per run, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds; article runs ask 50 articles at random. Server CPU: utime + stime from /proc (nginx master + worker, or the Node process) / requests.`,
        '',
        ...table(runs),
        '',
        '| page | shipped config / plain files (goal ≥ 0.9×) | Node / plain files |',
        '|---|---:|---:|',
        ...ratios,
      ].join('\n'),
    );
  } finally {
    for (const stop of stops.reverse()) await stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
