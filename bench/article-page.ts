import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { createBenchContent } from './content.js';
import { appendResults, commit, heading, machine } from './report.js';

// The public article page against nginx serving the very same bytes as a static file: same load tool
// (autocannon, in its own process so it does not share the app's event loop), same connections and
// duration, in one run. Results are appended to bench/RESULTS.md.
//
//   npx tsx bench/article-page.ts        (or: npm run bench:article)
//   BENCH_CONNECTIONS=50 BENCH_DURATION=10 BENCH_ROUNDS=3 BENCH_ARTICLES=300 change the load or the content.
//
// The two targets are measured in alternating rounds (app, nginx, app, nginx, ...) and each reports
// its median round: on a shared machine, load from other work then weighs on both alike.

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 300);
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const BENCH_DIR = import.meta.dirname;
const OUT = path.join(BENCH_DIR, 'out');
const AUTOCANNON = path.resolve(BENCH_DIR, '../node_modules/autocannon/autocannon.js');

interface Result {
  rps: number;
  p50: number;
  p99: number;
  mbps: number;
  requests: number;
  errors: number;
  non2xx: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Run autocannon as a separate process and read its JSON summary. */
function autocannon(url: string, duration: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(duration), '-j', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon 退出码 ${code}：${err}`));
      const r = JSON.parse(out) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        throughput: { average: number };
        errors: number;
        non2xx: number;
      };
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        mbps: r.throughput.average / 1024 / 1024,
        requests: r.requests.total,
        errors: r.errors,
        non2xx: r.non2xx,
      });
    });
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false, // not listening yet: try again shortly
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} 没有就绪`);
}

function startNginx(root: string, port: number): ChildProcess {
  const temp = path.join(OUT, 'nginx-temp');
  fs.mkdirSync(temp, { recursive: true });
  const conf = path.join(OUT, 'nginx.conf');
  // One worker against one Node process; access logging off on both sides; keep-alive connections
  // are not cut after 1000 requests (Node does not cut them either).
  fs.writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${path.join(OUT, 'nginx.pid')};
error_log ${path.join(OUT, 'nginx-error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  types { text/html html; }
  charset utf-8;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`,
  );
  return spawn(NGINX, ['-p', OUT, '-c', conf, '-e', path.join(OUT, 'nginx-error.log')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** The round with the median request rate. */
function median(rounds: Result[]): Result {
  return [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor(rounds.length / 2)]!;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    GOVPORTAL_DEMO: 'off',
    PUBLIC_CACHE_SECONDS: '60',
  });
  const { server, services } = await buildApp(config);
  let nginx: ChildProcess | undefined;
  try {
    console.log(`创建 ${ARTICLES} 条信息……`);
    const { articleId, published } = await createBenchContent(services, ARTICLES);
    await server.listen({ port: 0, host: '127.0.0.1' });
    const appUrl = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/a/${articleId}.html`;
    const page = Buffer.from(await (await fetch(appUrl)).arrayBuffer());
    const staticRoot = path.join(OUT, 'static');
    fs.mkdirSync(staticRoot, { recursive: true });
    fs.writeFileSync(path.join(staticRoot, 'article.html'), page);

    const nginxPort = await freePort();
    nginx = startNginx(staticRoot, nginxPort);
    const nginxUrl = `http://127.0.0.1:${nginxPort}/article.html`;
    await waitFor(nginxUrl);
    const served = Buffer.from(await (await fetch(nginxUrl)).arrayBuffer());
    if (!served.equals(page)) throw new Error('nginx 返回的内容与应用页面不一致');

    console.log(`页面 ${page.length} 字节；预热……`);
    await autocannon(appUrl, 3);
    await autocannon(nginxUrl, 3);
    console.log(`压测：${CONNECTIONS} 个连接，${ROUNDS} 轮，每轮每个目标 ${DURATION} 秒`);
    const load = os.loadavg()[0]!;
    const apps: Result[] = [];
    const ngxs: Result[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      apps.push(await autocannon(appUrl, DURATION));
      ngxs.push(await autocannon(nginxUrl, DURATION));
      console.log(`第 ${i + 1} 轮：govportal ${fmt(apps[i]!.rps)} req/s，nginx ${fmt(ngxs[i]!.rps)} req/s`);
    }
    for (const r of [...apps, ...ngxs]) {
      if (r.errors || r.non2xx) throw new Error(`压测出现 ${r.errors} 个错误、${r.non2xx} 个非 2xx 响应`);
    }
    const app = median(apps);
    const ngx = median(ngxs);
    const ratio = app.rps / ngx.rps;
    // nginx prints its version on stderr.
    const nginxVersion =
      spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim().replace('nginx version: ', '') || 'nginx';
    const row = (name: string, r: Result) =>
      `| ${name} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.mbps, 1)} | ${fmt(r.requests)} |`;
    const entry = [
      heading('public article page vs nginx'),
      '',
      `Command: \`npx tsx bench/article-page.ts\` (BENCH_CONNECTIONS=${CONNECTIONS}, BENCH_DURATION=${DURATION}, BENCH_ARTICLES=${ARTICLES})`,
      '',
      `Code: commit ${commit()}.`,
      `Machine: ${machine()}, ${nginxVersion} (1 worker), SQLite, page cache on.`,
      `Content: ${published} published articles; measured page \`/a/${articleId}.html\`, a disclosure item with an attachment and a linked 解读, ${fmt(page.length)} bytes (nginx serves the same bytes from a file).`,
      `Load: autocannon ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s per target after a 3 s warm-up each, in a separate process on the same machine (1-minute load average ${fmt(load, 1)} at the start). Each target's median round:`,
      '',
      '| target | req/s | p50 ms | p99 ms | MB/s | requests |',
      '|---|---:|---:|---:|---:|---:|',
      row('govportal `/a/:id.html`', app),
      row('nginx static file', ngx),
      '',
      `Ratio govportal / nginx: **${fmt(ratio, 2)}** (requests per second; per round: ${apps.map((a, i) => fmt(a.rps / ngxs[i]!.rps, 2)).join(', ')}).`,
    ].join('\n');
    appendResults(entry);
    console.log(`\n${entry}\n`);
  } finally {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
