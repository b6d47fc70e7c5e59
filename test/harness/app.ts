import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp extends App {
  config: Config;
  testDb: TestDatabase;
  close(): Promise<void>;
}

export function testConfig(testDb: TestDatabase, overrides: Partial<Config> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-data-'));
  return loadConfig(
    {
      DATA_DIR: dataDir,
      DATABASE_URL: testDb.url,
      LOG_LEVEL: 'silent',
      GOVPORTAL_DEMO: 'off',
      PUBLIC_CACHE_SECONDS: '0',
      WORKER: 'off',
      // Tests of static publishing turn it on with a folder of their own (modules/publish).
      STATIC_PUBLISH: 'off',
      // Journeys sign in with a password only; two-factor tests set the roles they need (docs/security.md).
      TWO_FACTOR_REQUIRED_ROLES: 'none',
    },
    overrides,
  );
}

/**
 * A complete app on a fresh database of the project's dialect; no demo content. `guaranteeClock`
 * fixes the guarantee checks' today (a journey judged on a chosen day, whatever day it runs).
 */
export async function createTestApp(
  options: Partial<Config> & { guaranteeClock?: () => Date; foiClock?: () => Date; interactionClock?: () => Date } = {},
): Promise<TestApp> {
  const { guaranteeClock, foiClock, interactionClock, ...overrides } = options;
  const testDb = await createTestDatabase();
  const config = testConfig(testDb, overrides);
  const app = await buildApp(config, { database: testDb.database, guaranteeClock, foiClock, interactionClock });
  return {
    ...app,
    config,
    testDb,
    close: async () => {
      await app.server.close();
      await testDb.database.close();
      await testDb.drop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in API client: carries the session cookie and the CSRF token like the admin app does. */
export class ApiClient {
  constructor(
    private readonly server: FastifyInstance,
    readonly cookie: string,
    readonly csrf: string,
  ) {}

  static async login(server: FastifyInstance, username: string, password: string): Promise<ApiClient> {
    const res = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`登录失败 ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'gp_session');
    if (!cookie) throw new Error('登录未返回会话 Cookie');
    return new ApiClient(server, `gp_session=${cookie.value}`, (res.json() as { csrfToken: string }).csrfToken);
  }

  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.server.inject({
      method,
      url,
      payload: payload as never,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...headers },
    });
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body: unknown) => this.request('PUT', url, body);
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  delete = (url: string) => this.request('DELETE', url);
}
