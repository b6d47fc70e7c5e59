import mysql from 'mysql2/promise';
import pg from 'pg';
import { MYSQL_ADMIN_URL, PG_ADMIN_URL } from './db.js';

/** Say which databases this run covers, and fail fast when a requested server is not reachable. */
export default async function setup(): Promise<void> {
  const wanted = (process.env.GOVPORTAL_TEST_DIALECTS ?? 'sqlite').trim();
  const dialects = wanted === 'all' ? ['sqlite', 'postgres', 'mysql'] : wanted.split(',').map((d) => d.trim());
  const skipped = ['sqlite', 'postgres', 'mysql'].filter((d) => !dialects.includes(d));
  console.log(
    `[govportal] 测试数据库：${dialects.join(', ')}${skipped.length ? `；跳过：${skipped.join(', ')}（设置 GOVPORTAL_TEST_DIALECTS=all 运行全部）` : ''}`,
  );
  if (dialects.includes('postgres')) {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
    await c.connect().catch((e: Error) => {
      throw new Error(`无法连接 PostgreSQL（${PG_ADMIN_URL}）：${e.message}`);
    });
    await c.end();
  }
  if (dialects.includes('mysql')) {
    const c = await mysql.createConnection({ uri: MYSQL_ADMIN_URL, connectTimeout: 5000 }).catch((e: Error) => {
      throw new Error(`无法连接 MariaDB/MySQL（${MYSQL_ADMIN_URL}）：${e.message}`);
    });
    await c.end();
  }
}
