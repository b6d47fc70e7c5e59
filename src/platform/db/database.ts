import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, type Dialect as KyselyDialect } from 'kysely';
import mysql from 'mysql2';
import pg from 'pg';
import type { Dialect } from '../config.js';
import type { DB } from './tables.js';
import { guardedDialect } from './transaction-scope.js';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
}

// COUNT(*) and SUM() come back from PostgreSQL as int8 strings; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function sqlitePath(url: string): string {
  const p = url.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:(\/\/)?/i, '');
  return p === '' ? ':memory:' : p;
}

function createDialect(dialect: Dialect, url: string): KyselyDialect {
  switch (dialect) {
    case 'sqlite': {
      const file = sqlitePath(url);
      if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      const sqlite = new BetterSqlite3(file);
      // WAL lets the public site read while an editor writes; synchronous=FULL makes a commit that
      // was acknowledged survive a power cut, not only a process crash.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 5000');
      return new SqliteDialect({ database: sqlite });
    }
    case 'postgres': {
      const pool = new pg.Pool({ connectionString: url, max: 10 });
      // An idle connection the server ends (a restart, a failover, an administrator's command) is an
      // 'error' event on the pool; unheard, it would end the process. The pool drops that connection
      // and the next query opens a new one, so there is nothing more to do.
      pool.on('error', () => undefined);
      return new PostgresDialect({ pool });
    }
    case 'mysql':
      return new MysqlDialect({
        pool: mysql.createPool({
          uri: url.replace(/^mariadb:/i, 'mysql:'),
          charset: 'utf8mb4',
          timezone: 'Z',
          dateStrings: true,
          supportBigNumbers: true,
          connectionLimit: 10,
        }),
      });
  }
}

export function createDatabase(dialect: Dialect, url: string): Database {
  const db = new Kysely<DB>({ dialect: guardedDialect(createDialect(dialect, url)) });
  return { db, dialect, close: () => db.destroy() };
}
