import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { createDatabase } from '../../src/platform/db/database.js';
// Each test file gets a database of its own on the dialect its vitest project names, so files can run
// in parallel and leave nothing behind. PostgreSQL and MariaDB are the servers already running on the
// machine (see docs/testing.md).
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_ADMIN_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
export function testDialect() {
    const d = process.env.TEST_DIALECT ?? 'sqlite';
    if (d !== 'sqlite' && d !== 'postgres' && d !== 'mysql')
        throw new Error(`TEST_DIALECT 无效：${d}`);
    return d;
}
function withDatabase(url, name) {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
}
export async function createTestDatabase() {
    const dialect = testDialect();
    const name = `gp_t_${crypto.randomBytes(6).toString('hex')}`;
    if (dialect === 'sqlite') {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-test-'));
        const url = `sqlite:${path.join(dir, 'test.db')}`;
        return {
            database: createDatabase('sqlite', url),
            url,
            dialect,
            reopen: () => createDatabase('sqlite', url),
            drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
        };
    }
    if (dialect === 'postgres') {
        const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        const url = withDatabase(PG_ADMIN_URL, name);
        return {
            database: createDatabase('postgres', url),
            url,
            dialect,
            reopen: () => createDatabase('postgres', url),
            drop: async () => {
                const c = new pg.Client({ connectionString: PG_ADMIN_URL });
                await c.connect();
                await c.query(`drop database if exists ${name} with (force)`);
                await c.end();
            },
        };
    }
    const admin = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
    await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
    await admin.end();
    const url = withDatabase(MYSQL_ADMIN_URL, name);
    return {
        database: createDatabase('mysql', url),
        url,
        dialect,
        reopen: () => createDatabase('mysql', url),
        drop: async () => {
            const c = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
            await c.query(`drop database if exists ${name}`);
            await c.end();
        },
    };
}
//# sourceMappingURL=db.js.map