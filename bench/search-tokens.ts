import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { RANK_LIMIT, TITLE_WEIGHT } from '../src/platform/search/engine.js';
import { fts5Query } from '../src/platform/search/engine-sqlite.js';
import { indexTokens, normalize, planQuery, runs } from '../src/platform/search/tokenize.js';
import { appendResults, commit, heading, loadAverage, machine } from './report.js';
import { article, pick } from './search-data.js';

// Which token chain should SQLite's FTS5 index? The shipped one (a pair at each Han character, plus
// FTS5's prefix index for one-character queries) is fast but takes 2.7 times the text's bytes, and
// issue 14 asks for an index no larger than the text. This bench builds the alternatives over the same
// generated articles in one scratch file and measures each one's size and query time:
//
//   pairs+prefix  the shipped chain (tokenize.ts) with prefix='1'; queries as engine-sqlite.ts writes them
//   pairs         the same chain without the prefix index (a one-character query reads every pair's list)
//   chars         one token per Han character; a term is the phrase of its characters
//
//   npx tsx bench/search-tokens.ts                       100,000 articles in a scratch file
//   BENCH_ARTICLES=1000000 BENCH_QUERIES=20 BENCH_REPEAT=3 BENCH_DRY=1 (print only, RESULTS.md untouched)
//   BENCH_DB=/tmp/tokens.db   keep the file, and reuse its texts and tables when it exists
//   BENCH_CHAINS='chars;pairs, body first'   only these chains (names as in the results)
//
// Timed: what the engine runs for the first page of a query alone on one site — the exact count, then
// the page by bm25 (title ×TITLE_WEIGHT) when the count is at most RANK_LIMIT, else newest first by rowid.
// The chain `chars` loses what punctuation separates: 工，作 is the phrase 工 作 (its mean results show it).

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const LENGTHS = [1, 2, 3, 4, 6];

/** One token per Han character, Latin letters and digits as words (as tokenize.ts). */
const charTokens = (text: string): string[] => runs(normalize(text)).flatMap((r) => (r.han ? [...r.text] : [r.text]));

interface Chain {
  name: string;
  prefix: boolean;
  /** The body as the FTS5 table's first column: FTS5 marks every position list of a later column with its number. */
  bodyFirst?: boolean;
  tokens(text: string): string[];
  match(query: string): string;
}

const TITLE_FIRST: Chain[] = [
  { name: 'pairs+prefix', prefix: true, tokens: indexTokens, match: (q) => fts5Query(planQuery(q)) },
  { name: 'pairs', prefix: false, tokens: indexTokens, match: (q) => fts5Query(planQuery(q)) },
  { name: 'chars', prefix: false, tokens: charTokens, match: (q) => `"${charTokens(q).join(' ')}"` },
];
const ALL = [...TITLE_FIRST, ...TITLE_FIRST.map((c) => ({ ...c, name: `${c.name}, body first`, bodyFirst: true }))];
// BENCH_CHAINS='pairs+prefix, body first;chars, body first' measures only those (a 1M run builds fewer tables).
const only = process.env.BENCH_CHAINS?.split(';');
const CHAINS = only ? ALL.filter((c) => only.includes(c.name)) : ALL;
const table = (c: Chain) => `fts_${c.name.replace(/\W/g, '_')}`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const progress = (what: string, done: number, total: number) => process.stderr.write(`\r${what} ${done}/${total}`);

const file =
  process.env.BENCH_DB ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-tokens-')), 'b.db');
const db = new BetterSqlite3(file);
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('cache_size = -524288');
const exists = (name: string) => db.prepare('select 1 from sqlite_master where name = ?').get(name) != null;

if (!exists('texts')) {
  db.exec('create table texts (id integer primary key, title text not null, body text not null)');
  const insert = db.prepare('insert into texts (id, title, body) values (?, ?, ?)');
  const batch = db.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const a = article(k);
      insert.run(k + 1, a.title, a.text);
    }
  });
  for (let i = 0; i < ARTICLES; i += 10_000) {
    batch(i, Math.min(ARTICLES, i + 10_000));
    progress('texts', Math.min(ARTICLES, i + 10_000), ARTICLES);
  }
  process.stderr.write('\n');
}
const count = (db.prepare('select count(*) as n from texts').get() as { n: number }).n;

const built: Record<string, number> = {};
for (const c of CHAINS) {
  const t = table(c);
  if (exists(t)) continue;
  const started = performance.now();
  db.exec(`create virtual table ${t} using fts5(${c.bodyFirst ? 'body, title' : 'title, body'}, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0'${c.prefix ? ", prefix='1'" : ''})`);
  const insert = db.prepare(`insert into ${t} (rowid, title, body) values (?, ?, ?)`);
  const read = db.prepare('select id, title, body from texts where id > ? order by id limit 10000');
  let last = 0;
  for (;;) {
    const rows = read.all(last) as { id: number; title: string; body: string }[];
    if (rows.length === 0) break;
    db.transaction(() => {
      for (const r of rows) insert.run(r.id, c.tokens(r.title).join(' '), c.tokens(r.body).join(' '));
    })();
    last = rows.at(-1)!.id;
    progress(c.name, last, count);
  }
  db.exec(`insert into ${t} (${t}) values ('optimize')`);
  process.stderr.write('\n');
  built[c.name] = (performance.now() - started) / 1000;
}

const textBytes = (
  db.prepare('select sum(length(cast(title as blob)) + length(cast(body as blob))) as n from texts').get() as {
    n: number;
  }
).n;
// A contentless FTS5 table and its shadow tables (dbstat reads every page: once a chain).
const SHADOW = ['', '_data', '_idx', '_docsize', '_config'];
const sizes = new Map(
  CHAINS.map((c) => [
    c.name,
    (
      db
        .prepare(`select sum(pgsize) as n from dbstat where name in (${SHADOW.map(() => '?').join(', ')})`)
        .get(...SHADOW.map((s) => table(c) + s)) as { n: number }
    ).n,
  ]),
);

// The queries: pieces of Han text at random places of every 500th article, the same for every chain.
const samples = (db.prepare('select body from texts where id % 500 = 0').all() as { body: string }[]).map((r) => [
  ...r.body.replace(/[^\p{Script=Han}]/gu, ''),
]);
const queriesOf = (len: number) => {
  const out: string[] = [];
  while (out.length < QUERIES) {
    const chars = pick(samples);
    const at = Math.floor(Math.random() * (chars.length - len));
    const piece = chars.slice(at, at + len);
    if (piece.length === len) out.push(piece.join(''));
  }
  return out;
};

const rows: string[] = [];
for (const len of LENGTHS) {
  const queries = queriesOf(len);
  for (const c of CHAINS) {
    const t = table(c);
    const countOf = db.prepare(`select count(*) as n from ${t} where ${t} match ?`);
    const ranked = db.prepare(
      `select rowid from ${t} where ${t} match ? order by bm25(${t}, ${c.bodyFirst ? `1.0, ${TITLE_WEIGHT}` : `${TITLE_WEIGHT}, 1.0`}) limit 10`,
    );
    const newest = db.prepare(`select rowid from ${t} where ${t} match ? order by rowid desc limit 10`);
    const times: number[] = [];
    let totals = 0;
    for (const q of queries) {
      const m = c.match(q);
      for (let r = 0; r < REPEAT; r++) {
        const t0 = performance.now();
        const n = (countOf.get(m) as { n: number }).n;
        (n <= RANK_LIMIT ? ranked : newest).all(m);
        times.push(performance.now() - t0);
        if (r === 0) totals += n;
      }
    }
    times.sort((a, b) => a - b);
    rows.push(
      `| ${len} | ${c.name} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} | ${Math.round(totals / QUERIES).toLocaleString('en-US')} |`,
    );
    process.stderr.write(`${rows.at(-1)}\n`);
  }
}

const mb = (n: number) => (n / 1e6).toFixed(1);
const sqlite = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
const report = [
  '',
  heading(`FTS5 token chains side by side, ${count.toLocaleString('en-US')} articles (SQLite)`),
  '',
  `Command: \`${only ? `BENCH_CHAINS='${only.join(';')}' ` : ''}BENCH_ARTICLES=${ARTICLES} BENCH_QUERIES=${QUERIES} BENCH_REPEAT=${REPEAT} npx tsx bench/search-tokens.ts\``,
  '',
  `Code: commit ${commit()}. Machine: ${machine()}, SQLite ${sqlite} (better-sqlite3); load average ${loadAverage()} at the end (what else ran: say it by hand).`,
  `Content: the search bench's generated texts (bench/search-data.ts), ${mb(textBytes)} MB of title + text (UTF-8). Measured: the exact count and the first page of 10 (bm25 up to ${RANK_LIMIT} matches, else newest first), ${QUERIES} queries a length, ${REPEAT} runs each.`,
  '',
  '| chain | index MB | ratio to the text | built in s |',
  '|---|---:|---:|---:|',
  ...CHAINS.map(
    (c) =>
      `| ${c.name} | ${mb(sizes.get(c.name)!)} | **${(sizes.get(c.name)! / textBytes).toFixed(2)}** | ${built[c.name]?.toFixed(0) ?? 'reused'} |`,
  ),
  '',
  '| query chars | chain | p50 ms | p95 ms | mean results |',
  '|---:|---|---:|---:|---:|',
  ...rows,
  '',
];
appendResults(report.join('\n'));
db.close();
if (!process.env.BENCH_DB) fs.rmSync(path.dirname(file), { recursive: true, force: true });
