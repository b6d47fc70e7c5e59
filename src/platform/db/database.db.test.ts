import { sql } from 'kysely';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, MYSQL_ADMIN_URL, PG_ADMIN_URL, type TestDatabase } from '../../../test/harness/db.js';

// A database server may end connections the pool holds idle: a restart, a failover, an
// administrator's command. The service must carry on with new connections, not end the process.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.database.close();
  await t.drop();
});

it('carries on after the server ends its idle connections', async () => {
  const db = t.database.db;
  await Promise.all([1, 2, 3].map(() => sql`select 1 as one`.execute(db)));
  if (t.dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const name = new URL(t.url).pathname.slice(1);
    const ended = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    await admin.end();
    expect(ended.rowCount).toBeGreaterThan(0);
  }
  if (t.dialect === 'mysql') {
    const admin = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
    const name = new URL(t.url).pathname.slice(1);
    const [rows] = await admin.query<mysql.RowDataPacket[]>(
      'select id from information_schema.processlist where db = ?',
      [name],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) await admin.query(`kill ${Number(r.id)}`);
    await admin.end();
  }
  // The pool hears of the ended connections a moment later; unheard, that would be an uncaught error.
  await new Promise((r) => setTimeout(r, 200));
  const r = await sql<{ one: number }>`select 1 as one`.execute(db);
  expect(Number(r.rows[0]!.one)).toBe(1);
});
