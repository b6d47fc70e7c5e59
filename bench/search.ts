import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { sql } from 'kysely';
import { createLogger } from '../src/app.js';
import { type Dialect, loadConfig } from '../src/platform/config.js';
import { createDatabase, type Database } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { RANK_LIMIT } from '../src/platform/search/engine.js';
import { mroongaInUse } from '../src/platform/search/engine-mroonga.js';
import { createServices } from '../src/services.js';
import { makeColumn, makeSite, makeUnit } from '../test/harness/factories.js';
import { appendResults, commit, heading, loadAverage, machine } from './report.js';
import { type Generated, generateServer, generateSqlite, pick, type Target } from './search-data.js';

// Site search at scale on each database's own engine: BENCH_ARTICLES published articles written
// straight into a scratch database (search-data.ts), then the search page's whole service call (count,
// page, rows, highlights; the results cache emptied before each call) timed for queries of 1, 2, 3, 4
// and 6 characters taken from the generated texts, and the index's size against the text's.
//
//   npx tsx bench/search.ts                          SQLite in a scratch file under /tmp
//   BENCH_DIALECT=postgres npx tsx bench/search.ts   a scratch database on BENCH_ADMIN_URL's server
//   BENCH_DIALECT=mysql npx tsx bench/search.ts      (defaults: the test servers, docs/testing.md)
//   BENCH_ARTICLES=1000000 BENCH_QUERIES=20 BENCH_REPEAT=3
//   BENCH_DB=/tmp/x.db   SQLite: keep the file, and reuse it (no generating) when it exists
//   BENCH_DB=gp_search_100k   PostgreSQL / MariaDB: keep that database, and reuse it when it exists
//                        (migrated to the latest schema first; not generated again)
//   BENCH_QUERIES=0      only generate (with BENCH_DB: a database to query in later runs)
//   BENCH_DRY=1          print the results without appending them (trying a change out)
//
// Results are appended to bench/RESULTS.md.

const DIALECT = (process.env.BENCH_DIALECT ?? 'sqlite') as Dialect;
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const LENGTHS = [1, 2, 3, 4, 6];
const ADMIN_URL =
  process.env.BENCH_ADMIN_URL ??
  (DIALECT === 'postgres' ? 'postgres://postgres@127.0.0.1:5432/test' : 'mysql://root@127.0.0.1:3306/test');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

interface Scratch {
  url: string;
  dir: string;
  reused: boolean;
  drop(): Promise<void>;
}

async function scratch(): Promise<Scratch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-search-'));
  const rmDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (DIALECT === 'sqlite') {
    const kept = process.env.BENCH_DB;
    const file = kept ?? path.join(dir, 'bench.db');
    const reused = kept != null && fs.existsSync(kept);
    return { url: `sqlite:${file}`, dir, reused, drop: async () => rmDir() };
  }
  const kept = process.env.BENCH_DB;
  if (kept != null && !/^[a-z_][a-z0-9_]*$/.test(kept)) throw new Error('BENCH_DB: a database name (a-z, 0-9, _)');
  const name = kept ?? `gp_bench_search_${process.pid}`;
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const admin = async (statement: string) => {
    if (DIALECT === 'postgres') {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      const r = await c.query(statement);
      await c.end();
      return r.rows.length;
    }
    const c = await mysql.createConnection({ uri: ADMIN_URL });
    const [rows] = await c.query(statement);
    await c.end();
    return Array.isArray(rows) ? rows.length : 0;
  };
  const exists =
    kept != null &&
    (await admin(
      DIALECT === 'postgres'
        ? `select 1 from pg_database where datname = '${name}'`
        : `select 1 from information_schema.schemata where schema_name = '${name}'`,
    )) > 0;
  if (exists) return { url: u.toString(), dir, reused: true, drop: async () => rmDir() };
  await admin(
    DIALECT === 'postgres'
      ? `create database ${name}`
      : `create database ${name} character set utf8mb4 collate utf8mb4_bin`,
  );
  const drop = async () => {
    rmDir();
    await admin(
      DIALECT === 'postgres' ? `drop database if exists ${name} with (force)` : `drop database if exists ${name}`,
    );
  };
  return { url: u.toString(), dir, reused: false, drop: kept != null ? async () => rmDir() : drop };
}

/** Bytes of the search index and of the articles' title + text, as each database stores them. */
async function sizes(database: Database): Promise<{ index: number; text: number; what: string }> {
  const db = database.db;
  const one = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0]?.n ?? 0);
  if (database.dialect === 'sqlite')
    return {
      index: await one(sql`select sum(pgsize) as n from dbstat where name like 'search_fts%'`),
      text: await one(
        sql`select sum(length(cast(title as blob)) + length(cast(body_text as blob))) as n from articles`,
      ),
      what: 'the FTS5 table (all its shadow tables)',
    };
  if (database.dialect === 'postgres') {
    await sql`vacuum analyze search_docs`.execute(db);
    await sql`vacuum analyze search_titles`.execute(db);
    return {
      index: await one(
        sql`select pg_total_relation_size('search_docs') + pg_total_relation_size('search_titles') as n`,
      ),
      text: await one(sql`select sum(octet_length(title) + octet_length(body_text)) as n from articles`),
      what: 'search_docs and search_titles with their TOAST and GIN indexes (pg_total_relation_size)',
    };
  }
  const schema = (await sql<{ s: string }>`select database() as s`.execute(db)).rows[0]!.s;
  if (await mroongaInUse(db)) {
    // Groonga keeps its database in files beside the server's (<datadir>/<schema>.mrn*).
    const dir = (await sql<{ d: string }>`select @@datadir as d`.execute(db)).rows[0]!.d;
    const files = fs.readdirSync(dir).filter((f) => f.startsWith(`${schema}.mrn`));
    return {
      index: files.reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0),
      text: await one(sql`select sum(length(title) + length(body_text)) as n from articles`),
      what: `the Mroonga database files (${files.length} files ${schema}.mrn*, the tokens and their index)`,
    };
  }
  // InnoDB keeps a FULLTEXT index in auxiliary tables (FTS_…) of their own tablespaces.
  return {
    index: await one(
      sql`select sum(allocated_size) as n from information_schema.innodb_sys_tablespaces
        where name like ${`${schema}/search_docs%`} or name like ${`${schema}/fts_%`}`,
    ),
    text: await one(sql`select sum(length(title) + length(body_text)) as n from articles`),
    what: 'search_docs (its token text) with its FULLTEXT auxiliary tables (tablespaces allocated)',
  };
}

async function main() {
  const place = await scratch();
  const config = loadConfig({
    DATA_DIR: place.dir,
    DATABASE_URL: place.url,
    LOG_LEVEL: 'silent',
    GOVPORTAL_DEMO: 'off',
    WORKER: 'off',
  });
  let database = createDatabase(DIALECT, place.url);
  await migrateToLatest(database);
  let s = createServices(config, database, createLogger(config));
  let generated: Generated;
  if (place.reused) {
    const rows = await database.db.selectFrom('articles').select('body_text').where(sql`id % 500`, '=', 1).execute();
    generated = { samples: rows.map((r) => r.body_text), seconds: 0 };
  } else {
    const site = await makeSite(s);
    const unit = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
    const columns: number[] = [];
    for (const name of ['涟水新闻', '部门动态', '乡镇动态', '通知公告', '政策文件', '政策解读'])
      columns.push((await makeColumn(s, site.id, name, null)).id);
    const target: Target = { siteId: site.id, unitId: unit.id, columns };
    if (DIALECT === 'sqlite') {
      await database.close();
      generated = generateSqlite(place.url.slice('sqlite:'.length), target, ARTICLES);
      database = createDatabase(DIALECT, place.url);
      s = createServices(config, database, createLogger(config));
    } else generated = await generateServer(database, s.search.engine, target, ARTICLES);
    const t0 = performance.now();
    await s.search.engine.optimize(database.db); // as `govportal search reindex` ends
    generated.seconds += (performance.now() - t0) / 1000;
  }
  const count = Number(
    (
      await database.db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n,
  );
  const size = await sizes(database);
  if (QUERIES === 0) {
    // BENCH_QUERIES=0 with BENCH_DB: generate the kept database and stop (queries in later runs).
    console.log(`${count} articles in ${place.url}`);
    await database.close();
    await place.drop();
    return;
  }

  const ctx = await s.portal.service.context(undefined);
  const han = (t: string) => [...t.replace(/[^\p{Script=Han}]/gu, '')];
  const queriesOf = (len: number) => {
    const out: string[] = [];
    while (out.length < QUERIES) {
      const chars = han(pick(generated.samples));
      const at = Math.floor(Math.random() * (chars.length - len));
      const piece = chars.slice(at, at + len).join('');
      if (piece.length === len) out.push(piece);
    }
    return out;
  };
  const lines: string[] = [];
  // Wall time, and this process's CPU time (user + system): on SQLite that includes the database's
  // work, and it says what a query costs when the shared machine's other jobs stretch the wall time.
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (const len of LENGTHS) {
    const times: number[] = [];
    const cpus: number[] = [];
    let totals = 0;
    for (const q of queriesOf(len)) {
      for (let r = 0; r < REPEAT; r++) {
        s.search.forget();
        const t0 = performance.now();
        const c0 = cpuMs();
        const m = await s.portal.service.searchPage(ctx, q, 1);
        times.push(performance.now() - t0);
        cpus.push(cpuMs() - c0);
        if (r === 0) totals += m.total;
      }
    }
    times.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    const cells = [percentile(times, 0.5), percentile(times, 0.95), percentile(cpus, 0.5), percentile(cpus, 0.95)];
    lines.push(
      `| ${len} | ${cells.map((c) => c.toFixed(1)).join(' | ')} | ${Math.round(totals / QUERIES).toLocaleString('en-US')} |`,
    );
    process.stderr.write(`${lines.at(-1)}\n`);
  }

  const version = async () => {
    if (DIALECT === 'sqlite')
      return `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(database.db)).rows[0]!.v} (better-sqlite3)`;
    const v = (await sql<{ v: string }>`select version() as v`.execute(database.db)).rows[0]!.v;
    return DIALECT === 'postgres' ? v.split(' on ')[0]! : `MariaDB ${v}`;
  };
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const env = `BENCH_DIALECT=${DIALECT} BENCH_ARTICLES=${ARTICLES} BENCH_QUERIES=${QUERIES} BENCH_REPEAT=${REPEAT}`;
  const report = [
    '',
    heading(`site search on ${s.search.engine.name}, ${count.toLocaleString('en-US')} articles`),
    '',
    `Command: \`${env} npx tsx bench/search.ts\``,
    '',
    `Code: commit ${commit()}. Machine: ${machine()}, ${await version()}; load average ${loadAverage()} at the end (what else ran: say it by hand).`,
    `Content: generated texts (a county portal's vocabulary in random sentences, ${Math.round(size.text / count).toLocaleString('en-US')} bytes of title + text an article), ${place.reused ? `reused from ${process.env.BENCH_DB}` : `written straight into the database with the engine's index rows (bench/search-data.ts) in ${generated.seconds.toFixed(0)} s`}.`,
    `Measured: the search page's service call (exact count, first page of 10 — by relevance up to ${RANK_LIMIT.toLocaleString('en-US')} matches, above that title matches then the rest, newest first — the rows, title and snippet highlights), the results cache emptied before each call; ${QUERIES} queries a length, taken from the texts, ${REPEAT} runs each. CPU: this process's user + system time per call${DIALECT === 'sqlite' ? ' (the database runs inside it)' : ` (without the ${DIALECT === 'postgres' ? 'PostgreSQL' : 'MariaDB'} server's)`}.`,
    '',
    `| query chars | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms | mean results |`,
    '|---:|---:|---:|---:|---:|---:|',
    ...lines,
    '',
    `Index size: ${mb(size.index)} MB (${size.what}) for ${mb(size.text)} MB of title + text (UTF-8): ratio **${(size.index / size.text).toFixed(2)}**.`,
    '',
  ];
  appendResults(report.join('\n'));
  await database.close();
  await place.drop(); // a kept database (BENCH_DB) stays: drop() then only removes the data directory
}

await main();
