import mysql from 'mysql2/promise';
import { normalize, runs } from '../src/platform/search/tokenize.js';

// Would a token per Han character make MariaDB's one-character queries faster on Mroonga? The shipped
// index answers 县 as the prefix query `+(qq县* tt县*)`, a union of the lists of every pair starting with
// 县. This builds a second Mroonga table of single-character tokens (`qs县` in the body, `ts县` in the
// title) beside it and times the count of the same characters both ways: the median of 5 each.
//
//   BENCH_DIALECT=mysql BENCH_ARTICLES=100000 BENCH_QUERIES=0 BENCH_DB=gp_search_100k npx tsx bench/search.ts
//   BENCH_URL=mysql://root@127.0.0.1:3306/gp_search_100k npx tsx bench/mroonga-count.ts
//
// Prints the table; the scratch table t_single is dropped at the end.

const URL = process.env.BENCH_URL ?? 'mysql://root@127.0.0.1:3306/gp_search_100k';
const CHARS = [...'工县政作会水民发建管安环督强保'];
const c = await mysql.createConnection({ uri: URL });
await c.query('drop table if exists t_single');
await c.query(`create table t_single (article_id int not null primary key, tokens longtext not null)
  engine = Mroonga default charset = utf8mb4`);
const singles = (text: string, mark: string) =>
  runs(normalize(text))
    .flatMap((r) => (r.han ? [...r.text].map((ch) => mark + ch) : []))
    .join(' ');
let last = 0;
for (;;) {
  const [rows] = await c.query<mysql.RowDataPacket[]>(
    'select id, title, body_text from articles where id > ? order by id limit 2000',
    [last],
  );
  if (rows.length === 0) break;
  const values = rows.map((r) => [r.id, `${singles(r.title, 'ts')} zz ${singles(r.body_text, 'qs')}`]);
  await c.query('insert into t_single (article_id, tokens) values ?', [values]);
  last = rows.at(-1)!.id;
}
await c.query(`alter table t_single add fulltext index t_single_ft (tokens)
  comment 'tokenizer "TokenDelimit", normalizer "none"'`);

const median = async (table: string, query: string) => {
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const [r] = await c.query<mysql.RowDataPacket[]>(
      `select count(*) as n from ${table} where match(tokens) against (? in boolean mode)`,
      [query],
    );
    times.push(performance.now() - t0);
    n = Number(r[0]!.n);
  }
  return { ms: times.sort((a, b) => a - b)[2]!, n };
};
console.log('| character | matches | prefix of pairs ms | single-character token ms |\n|---|---:|---:|---:|');
for (const ch of CHARS) {
  const pairs = await median('search_docs_mroonga', `+(qq${ch}* tt${ch}*)`);
  const single = await median('t_single', `+(qs${ch} ts${ch})`);
  console.log(`| ${ch} | ${pairs.n.toLocaleString('en-US')} | ${pairs.ms.toFixed(1)} | ${single.ms.toFixed(1)} |`);
}
await c.query('drop table t_single');
await c.end();
