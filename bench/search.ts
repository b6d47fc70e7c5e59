import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { createLogger } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { createDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { indexTokens } from '../src/platform/search/tokenize.js';
import { createServices } from '../src/services.js';
import { makeColumn, makeSite, makeUnit } from '../test/harness/factories.js';

// Site search at scale on SQLite (FTS5): BENCH_ARTICLES published articles written straight into the
// database (not through publishing: that would take hours), indexed in the same batches, then the
// search page's whole service call (count, page, rows, highlights; the results cache emptied before
// each call) timed for queries of 1, 2, 3, 4 and 6 characters taken from the generated texts. Also
// the index's size against the text's, and one-character queries with and without FTS5's prefix index.
//
//   npx tsx bench/search.ts              (BENCH_ARTICLES=100000 BENCH_QUERIES=20 BENCH_REPEAT=3)
//
// Results are appended to bench/RESULTS.md.

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const LENGTHS = [1, 2, 3, 4, 6];
const BATCH = 1000;

// A word pool of a county portal's vocabulary; texts are random sentences of these words, so the
// characters and pairs are spread as in real Chinese text rather than a few sentences repeated.
const WORDS = (
  '涟水 县委 县政府 人民 政府 办公室 发展 改革 委员会 财政 教育 卫生 健康 民政 人力资源 社会保障 自然资源 ' +
  '生态环境 住房 城乡建设 交通运输 水利 农业 农村 商务 文化 广电 旅游 应急 管理 市场 监督 统计 医疗 保障 ' +
  '乡镇 街道 园区 社区 村 居民 群众 企业 项目 建设 推进 会议 召开 强调 指出 要求 部署 落实 工作 责任 ' +
  '安全 生产 检查 督查 整改 问题 隐患 排查 防汛 抗旱 秋收 秋种 粮食 产量 增长 同比 投资 招商 引资 ' +
  '营商 环境 优化 服务 政务 一网通办 放管服 审批 许可 公示 公告 通知 通报 意见 方案 办法 规定 条例 ' +
  '环境影响评价 环评 排污 大气 污染 防治 河长制 水质 监测 垃圾 分类 绿化 植树 造林 道路 桥梁 高速 ' +
  '京沪高速 学校 学生 教师 招生 义务教育 医院 疫苗 接种 养老 保险 低保 救助 残疾人 就业 创业 培训 ' +
  '补贴 资金 发放 预算 决算 采购 招标 中标 结果 征收 拆迁 补偿 规划 土地 出让 不动产 登记 税务 ' +
  '消防 交警 公安 法院 检察院 司法 普法 宣传 活动 志愿者 文明 创建 党建 组织 干部 任免 考核 人大 政协'
).split(' ');
const PUNCT = ['，', '，', '、', '。'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const random = rng(20261205);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

function sentence(): string {
  const n = 4 + Math.floor(random() * 9);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(WORDS) + (random() < 0.1 ? String(Math.floor(random() * 2030)) : '');
  return s + pick(PUNCT);
}

function body(): string {
  const n = 6 + Math.floor(random() * 14);
  let s = '';
  for (let i = 0; i < n; i++) s += sentence();
  return s;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-search-'));
  const file = path.join(dir, 'bench.db');
  const url = `sqlite:${file}`;
  const config = loadConfig({
    DATA_DIR: dir,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    GOVPORTAL_DEMO: 'off',
    WORKER: 'off',
  });
  const database = createDatabase('sqlite', url);
  await migrateToLatest(database);
  const s = createServices(config, database, createLogger(config));
  const site = await makeSite(s);
  const unit = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  const columns: number[] = [];
  for (const name of ['涟水新闻', '部门动态', '乡镇动态', '通知公告', '政策文件', '政策解读'])
    columns.push((await makeColumn(s, site.id, name, null)).id);

  // A second FTS5 table without the prefix index, to measure what prefix='1' buys for 1-character queries.
  await sql`create virtual table bench_fts_noprefix using fts5(title, body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0')`.execute(database.db);

  // The generator writes with better-sqlite3's prepared statements on a connection of its own (the
  // FTS5 rows are what SqliteFts5Engine.put writes: the same token chains), a transaction a batch.
  const started = performance.now();
  const bodies: string[] = [];
  const base = Date.parse('2016-01-01T00:00:00Z');
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  const insertArticle = raw.prepare(`insert into articles (site_id, column_id, unit_id, type, title, body_html,
    body_text, status, published_at, revision, imported, is_top, created_at, updated_at)
    values (?, ?, ?, 'news', ?, ?, ?, 'published', ?, 1, 1, 0, ?, ?)`);
  const insertFts = raw.prepare('insert into search_fts (rowid, title, body) values (?, ?, ?)');
  const insertNoPrefix = raw.prepare('insert into bench_fts_noprefix (rowid, title, body) values (?, ?, ?)');
  const writeBatch = raw.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const text = body();
      if (k % 500 === 0) bodies.push(text);
      const title = sentence().slice(0, -1);
      const at = new Date(base + k * 60_000 * 47).toISOString();
      const id = insertArticle.run(
        site.id,
        columns[k % columns.length],
        unit.id,
        title,
        `<p>${text}</p>`,
        text,
        at,
        at,
        at,
      ).lastInsertRowid;
      const t = indexTokens(title).join(' ');
      const b = indexTokens(text).join(' ');
      insertFts.run(id, t, b);
      insertNoPrefix.run(id, t, b);
    }
  });
  for (let i = 0; i < ARTICLES; i += BATCH) {
    writeBatch(i, Math.min(ARTICLES, i + BATCH));
    if ((i / BATCH) % 10 === 0) process.stderr.write(`\r已写入 ${Math.min(ARTICLES, i + BATCH)}/${ARTICLES}`);
  }
  raw.close();
  await s.search.engine.optimize(database.db); // as `govportal search reindex` ends
  const buildSeconds = (performance.now() - started) / 1000;
  process.stderr.write('\n');

  const size = async (pattern: string) =>
    Number(
      (await sql<{ n: number }>`select sum(pgsize) as n from dbstat where name like ${pattern}`.execute(database.db))
        .rows[0]?.n ?? 0,
    );
  const textBytes = Number(
    (
      await sql<{
        n: number;
      }>`select sum(length(cast(title as blob)) + length(cast(body_text as blob))) as n from articles`.execute(
        database.db,
      )
    ).rows[0]?.n ?? 0,
  );
  const ftsBytes = await size('search_fts%');
  const noPrefixBytes = await size('bench_fts_noprefix%');

  const ctx = await s.portal.service.context(undefined);
  const han = (t: string) => [...t.replace(/[^\p{Script=Han}]/gu, '')];
  const queriesOf = (len: number) => {
    const out: string[] = [];
    while (out.length < QUERIES) {
      const chars = han(pick(bodies));
      const at = Math.floor(random() * (chars.length - len));
      const piece = chars.slice(at, at + len).join('');
      if (piece.length === len) out.push(piece);
    }
    return out;
  };
  const timeIt = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  const lines: string[] = [];
  for (const len of LENGTHS) {
    const times: number[] = [];
    let totals = 0;
    for (const q of queriesOf(len)) {
      for (let r = 0; r < REPEAT; r++) {
        s.search.forget();
        times.push(
          await timeIt(async () => {
            const m = await s.portal.service.searchPage(ctx, q, 1);
            if (r === 0) totals += m.total;
          }),
        );
      }
    }
    times.sort((a, b) => a - b);
    lines.push(
      `| ${len} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} | ${Math.round(totals / QUERIES).toLocaleString('en-US')} |`,
    );
    process.stderr.write(`${lines.at(-1)}\n`);
  }

  // 1-character queries straight on both FTS5 tables: count + first page by bm25.
  const direct = async (table: string, q: string) => {
    const t = sql.table(table);
    const m = `"${q}" *`;
    await sql`select count(*) from ${t} where ${t} match ${m}`.execute(database.db);
    await sql`select rowid from ${t} where ${t} match ${m} order by bm25(${t}, 20.0, 1.0) limit 10`.execute(
      database.db,
    );
  };
  const prefixRows: string[] = [];
  for (const table of ['search_fts', 'bench_fts_noprefix']) {
    const times: number[] = [];
    for (const q of queriesOf(1)) for (let r = 0; r < REPEAT; r++) times.push(await timeIt(() => direct(table, q)));
    times.sort((a, b) => a - b);
    prefixRows.push(
      `| ${table === 'search_fts' ? "prefix='1'" : 'no prefix index'} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} | ${((table === 'search_fts' ? ftsBytes : noPrefixBytes) / 1e6).toFixed(1)} |`,
    );
  }

  const mb = (n: number) => (n / 1e6).toFixed(1);
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || 'unknown';
  const report = [
    '',
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: site search on SQLite FTS5, ${ARTICLES.toLocaleString('en-US')} articles`,
    '',
    `Command: \`npx tsx bench/search.ts\` (BENCH_ARTICLES=${ARTICLES}, BENCH_QUERIES=${QUERIES}, BENCH_REPEAT=${REPEAT})`,
    '',
    `Code: commit ${commit}. Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, Node ${process.version}, SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(database.db)).rows[0]!.v} (better-sqlite3), load average ${os.loadavg()[0]!.toFixed(1)} at the end (the machine is shared).`,
    `Content: generated texts (a county portal's vocabulary in random sentences, ${Math.round(textBytes / ARTICLES).toLocaleString('en-US')} bytes of title + text an article), written (prepared statements, the same FTS5 rows the engine writes) in batches of ${BATCH} in ${buildSeconds.toFixed(0)} s.`,
    `Measured: the search page's service call (exact count, first page of 10 by bm25 then recency, the rows, title and snippet highlights), the results cache emptied before each call; ${QUERIES} queries a length, taken from the texts, ${REPEAT} runs each.`,
    '',
    '| query chars | p50 ms | p95 ms | mean results |',
    '|---:|---:|---:|---:|',
    ...lines,
    '',
    `Index size: FTS5 ${mb(ftsBytes)} MB for ${mb(textBytes)} MB of title + text (UTF-8): ratio **${(ftsBytes / textBytes).toFixed(2)}**.`,
    '',
    'One-character queries on the FTS5 table alone (count + first page by bm25), with and without the prefix index:',
    '',
    '| FTS5 table | p50 ms | p95 ms | size MB |',
    '|---|---:|---:|---:|',
    ...prefixRows,
    '',
  ];
  fs.appendFileSync(path.join(import.meta.dirname, 'RESULTS.md'), report.join('\n'));
  console.log(report.join('\n'));
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
