import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { machine as runtime } from './report.js';

// What the page benchmarks share: wrk in its own process with bench/pages.lua, the server's CPU time
// read from /proc/<pid>/stat (utime + stime of the process and, for nginx, of its workers) before and
// after a run, the real server started as `node dist/main.js serve`, and the results' formatting.

export const WRK = process.env.WRK ?? '/usr/bin/wrk';
export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
export const BENCH_DIR = import.meta.dirname;
export const ROOT = path.resolve(BENCH_DIR, '..');
const LUA = path.join(BENCH_DIR, 'pages.lua');
const TICK_MS = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

export interface Run {
  name: string;
  target: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  kbPerRequest: number;
  statuses: Record<string, number>;
  errors: number;
  cpuMsPerRequest: number;
  load: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** CPU milliseconds used so far by these processes and their direct children (nginx's workers). */
export function cpuMs(pids: number[]): number {
  const wanted = new Set(pids);
  let ticks = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    // Fields after the command name (which may hold spaces) start at its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const ppid = Number(f[1]);
    if (wanted.has(pid) || wanted.has(ppid)) ticks += Number(f[11]) + Number(f[12]); // utime, stime
  }
  return ticks * TICK_MS;
}

/** One wrk run over a list of paths; `pids` are the serving processes whose CPU time is read. */
export async function wrk(
  name: string,
  target: string,
  base: string,
  paths: string[],
  pids: number[],
  opts: { connections: number; duration: number; gzip?: boolean },
): Promise<Run> {
  const list = path.join(
    os.tmpdir(),
    `govportal-bench-paths-${process.pid}-${Math.random().toString(36).slice(2)}.txt`,
  );
  fs.writeFileSync(list, `${paths.join('\n')}\n`);
  const threads = Math.min(2, opts.connections);
  const args = [
    '-t',
    String(threads),
    '-c',
    String(opts.connections),
    '-d',
    `${opts.duration}s`,
    '--latency',
    '-s',
    LUA,
  ];
  if (opts.gzip) args.push('-H', 'Accept-Encoding: gzip');
  args.push(base, '--', list);
  const load = os.loadavg()[0]!;
  const cpu0 = cpuMs(pids);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk 退出码 ${code}`))));
  });
  const cpu = cpuMs(pids) - cpu0;
  fs.rmSync(list, { force: true });
  const line = out.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`wrk 没有输出结果：\n${out}`);
  const r = JSON.parse(line.slice(6)) as {
    requests: number;
    seconds: number;
    bytes: number;
    errors: number;
    p50: number;
    p95: number;
    p99: number;
    statuses: Record<string, number>;
  };
  return {
    name,
    target,
    connections: opts.connections,
    requests: r.requests,
    rps: r.requests / r.seconds,
    p50: r.p50,
    p95: r.p95,
    p99: r.p99,
    kbPerRequest: r.bytes / 1024 / Math.max(1, r.requests),
    statuses: r.statuses,
    errors: r.errors,
    cpuMsPerRequest: cpu / Math.max(1, r.requests),
    load,
  };
}

export interface NodeServer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/** `node dist/main.js serve` (build it first: `npx tsc -p tsconfig.build.json`), ready when /healthz answers. */
export async function startNode(env: Record<string, string>, extraArgs: string[] = []): Promise<NodeServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...extraArgs, path.join(ROOT, 'dist/main.js'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      GOVPORTAL_DEMO: 'off',
      WORKER: 'off',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`服务进程退出（${child.exitCode}）`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false, // not listening yet
    );
    if (ok) break;
    if (i > 600) throw new Error('服务进程 60 秒内未就绪');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export function table(runs: Run[]): string[] {
  const statuses = (s: Record<string, number>) =>
    Object.entries(s)
      .sort()
      .map(([k, v]) => `${k}: ${fmt(v)}`)
      .join(', ');
  return [
    '| page | served by | conns | requests | req/s | p50 ms | p95 ms | p99 ms | KB/req | server CPU ms/req | load (1 min) | statuses |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...runs.map(
      (r) =>
        `| ${r.name} | ${r.target} | ${r.connections} | ${fmt(r.requests)} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.kbPerRequest, 1)} | ${fmt(r.cpuMsPerRequest, 3)} | ${fmt(r.load, 1)} | ${statuses(r.statuses)}${r.errors ? `, socket errors: ${r.errors}` : ''} |`,
    ),
  ];
}

/** The machine line of the page benches: the runtime, wrk's and nginx's versions. */
export function machine(): string {
  const wrkVersion = spawnSync(WRK, ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0]?.split(' [')[0] ?? 'wrk';
  const nginxVersion = spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim().replace('nginx version: ', '');
  return `${runtime()}, ${wrkVersion}, ${nginxVersion}; the load average is given per run (what else ran: say it by hand)`;
}

export interface Nginx {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * nginx (one worker, like the one Node process it is compared with) with `http` as the body of its
 * http block, in a scratch prefix directory; `{{PORT}}` in it is replaced by a free port.
 */
export function startNginx(prefix: string, http: string): Promise<Nginx> {
  const temp = path.join(prefix, 'temp');
  return startNginxWith(
    prefix,
    (port) => `worker_processes 1;
daemon off;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')} warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  keepalive_requests 10000000;
${http.replaceAll('{{PORT}}', String(port))}
}
`,
  );
}

/** nginx in the foreground with the whole configuration `conf(port)` makes, on a free port. */
export async function startNginxWith(prefix: string, conf: (port: number) => string): Promise<Nginx> {
  const port = await freePort();
  fs.mkdirSync(path.join(prefix, 'temp'), { recursive: true });
  const file = path.join(prefix, 'nginx.conf');
  const log = path.join(prefix, 'error.log');
  fs.writeFileSync(file, conf(port));
  const child = spawn(NGINX, ['-p', prefix, '-c', file, '-e', log], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx 退出（${child.exitCode}）：${fs.readFileSync(log, 'utf8')}`);
    const up = await fetch(`${base}/`).then(
      () => true,
      () => false, // not listening yet
    );
    if (up) break;
    if (i > 100) throw new Error('nginx 10 秒内未就绪');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
