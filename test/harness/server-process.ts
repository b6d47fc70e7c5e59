import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { projectRoot } from '../../src/platform/config.js';

// The real server as a separate process (`govportal serve` from the sources, through tsx), for tests
// that must kill it the way a crash or an operator's kill -9 does: no shutdown hook, no flush, no
// closing of the database. inject() cannot show that; only another process can die mid-write.

/** A free loopback port (the kernel's choice, released before the server takes it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** The end of what the process wrote (its log and stderr), for a failure's message. */
  stderr(): string;
  /** SIGKILL, then wait until the process is gone. */
  kill(): Promise<void>;
}

/** Starts `govportal serve` with these environment variables and waits until /healthz answers. */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: projectRoot,
    // Like the in-process test app (harness/app.ts): no second sign-in step unless a test asks for it.
    env: { TWO_FACTOR_REQUIRED_ROLES: 'none', ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The log (pino writes to stdout) and stderr, the last few kilobytes, for a failure's message.
  let err = '';
  const keep = (d: Buffer) => {
    err = (err + d.toString()).slice(-6000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const handle: ServerProcess = {
    baseUrl,
    child,
    stderr: () => err,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`服务进程启动失败（退出码 ${child.exitCode}）：${err}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return handle;
    } catch {
      // Not listening yet: the process is still migrating and building the app.
    }
    if (Date.now() > deadline) {
      await handle.kill();
      throw new Error(`服务进程 ${timeoutMs / 1000} 秒内未就绪：${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A signed-in client of a server process: the session cookie and the CSRF header, like the admin app. */
export class HttpClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<HttpClient> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`登录失败 ${username}: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gp_session='));
    if (!cookie) throw new Error('登录未返回会话 Cookie');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return new HttpClient(baseUrl, cookie.split(';')[0]!, csrfToken);
  }

  /** The same session against another process (a restarted server on the same database). */
  on(baseUrl: string): HttpClient {
    return new HttpClient(baseUrl, this.cookie, this.csrf);
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; json: () => unknown }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: () => JSON.parse(text) as unknown };
  }
}
