import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { createTestDatabase } from './db.js';
export function testConfig(testDb, overrides = {}) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-data-'));
    return loadConfig({
        DATA_DIR: dataDir,
        DATABASE_URL: testDb.url,
        LOG_LEVEL: 'silent',
        GOVPORTAL_DEMO: 'off',
        PUBLIC_CACHE_SECONDS: '0',
        WORKER: 'off',
    }, overrides);
}
/**
 * A complete app on a fresh database of the project's dialect; no demo content. `guaranteeClock`
 * fixes the guarantee checks' today (a journey judged on a chosen day, whatever day it runs).
 */
export async function createTestApp(options = {}) {
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
    server;
    cookie;
    csrf;
    constructor(server, cookie, csrf) {
        this.server = server;
        this.cookie = cookie;
        this.csrf = csrf;
    }
    static async login(server, username, password) {
        const res = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
        if (res.statusCode !== 200)
            throw new Error(`登录失败 ${username}: ${res.statusCode} ${res.body}`);
        const cookie = res.cookies.find((c) => c.name === 'gp_session');
        if (!cookie)
            throw new Error('登录未返回会话 Cookie');
        return new ApiClient(server, `gp_session=${cookie.value}`, res.json().csrfToken);
    }
    request(method, url, payload, headers = {}) {
        return this.server.inject({
            method,
            url,
            payload: payload,
            headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...headers },
        });
    }
    get = (url) => this.request('GET', url);
    post = (url, body) => this.request('POST', url, body ?? {});
    put = (url, body) => this.request('PUT', url, body);
    patch = (url, body) => this.request('PATCH', url, body);
    delete = (url) => this.request('DELETE', url);
}
//# sourceMappingURL=app.js.map