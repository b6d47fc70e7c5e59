import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Database } from '../src/platform/db/database.js';
import type { IndexedDoc, SearchEngine } from '../src/platform/search/engine.js';
import { addMroongaIndex, dropMroongaIndex, mroongaInUse } from '../src/platform/search/engine-mroonga.js';
import { ftsColumns } from '../src/platform/search/engine-sqlite.js';

// The search bench's generated articles, written straight into the database (publishing them one by
// one would take hours at 1M): random sentences of a county portal's vocabulary, so characters and
// pairs are spread as in real Chinese text rather than a few sentences repeated. Seeded: every run
// and every database gets the same texts.

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

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
export const random = rng(20261205);
export const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

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

export interface Target {
  siteId: number;
  unitId: number;
  columns: number[];
}

export interface Generated {
  /** Every 500th body, to take queries from. */
  samples: string[];
  seconds: number;
}

const BASE = Date.parse('2016-01-01T00:00:00Z');
/** Article k: its texts and its day (later k = newer), the same on every database. */
export function article(k: number) {
  const text = body();
  const title = sentence().slice(0, -1);
  return { text, title, at: new Date(BASE + k * 60_000 * 47).toISOString() };
}

const progress = (done: number, total: number) => process.stderr.write(`\r已写入 ${done}/${total}`);

/**
 * SQLite: better-sqlite3's prepared statements on a connection of their own, no journal while
 * loading (a scratch database), one transaction per batch; the FTS5 rows are what the engine writes.
 */
export function generateSqlite(file: string, t: Target, count: number, batch = 5000): Generated {
  const started = performance.now();
  const samples: string[] = [];
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -262144');
  const insertArticle = raw.prepare(`insert into articles (site_id, column_id, unit_id, type, title, body_html,
    body_text, status, published_at, revision, imported, is_top, created_at, updated_at)
    values (?, ?, ?, 'news', ?, ?, ?, 'published', ?, 1, 1, 0, ?, ?)`);
  const insertFts = raw.prepare('insert into search_fts (rowid, title, body) values (?, ?, ?)');
  const write = raw.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const a = article(k);
      if (k % 500 === 0) samples.push(a.text);
      const c = t.columns[k % t.columns.length];
      const id = insertArticle.run(
        t.siteId,
        c,
        t.unitId,
        a.title,
        `<p>${a.text}</p>`,
        a.text,
        a.at,
        a.at,
        a.at,
      ).lastInsertRowid;
      insertFts.run(id, ...ftsColumns({ id: Number(id), title: a.title, body: a.text }));
    }
  });
  for (let i = 0; i < count; i += batch) {
    write(i, Math.min(count, i + batch));
    progress(Math.min(count, i + batch), count);
  }
  raw.pragma('journal_mode = WAL');
  raw.close();
  process.stderr.write('\n');
  return { samples, seconds: (performance.now() - started) / 1000 };
}

/**
 * PostgreSQL and MariaDB: multi-row inserts through Kysely with ids given here, and the engine's own
 * bulk write of the index rows (`putMany`, as `govportal search reindex` uses) in the same transaction.
 */
export async function generateServer(
  database: Database,
  engine: SearchEngine,
  t: Target,
  count: number,
  batch = 500,
): Promise<Generated> {
  const started = performance.now();
  const samples: string[] = [];
  const db = database.db;
  const first =
    Number(
      (
        await db
          .selectFrom('articles')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    ) + 1;
  // As in any bulk load, the full-text indexes are dropped while loading and built once at the end
  // (the statements of migration 0022): kept up row by row, the GIN index held PostgreSQL to about
  // 60 articles a second on the shared machine.
  const pgIndexes = [
    sql`create index search_docs_tsv_idx on search_docs using gin (tsv)`,
    sql`create index search_titles_tsv_idx on search_titles using gin (tsv)`, // migration 0039
  ];
  const myIndexes = [
    sql`create fulltext index search_docs_title_ft on search_docs (title_tokens)`,
    sql`create fulltext index search_docs_all_ft on search_docs (title_tokens, body_tokens)`,
  ];
  const mroonga = database.dialect === 'mysql' && (await mroongaInUse(db));
  if (database.dialect === 'postgres') {
    await sql`drop index search_docs_tsv_idx`.execute(db);
    await sql`drop index search_titles_tsv_idx`.execute(db);
  } else if (mroonga) await dropMroongaIndex(db);
  else {
    await sql`drop index search_docs_title_ft on search_docs`.execute(db);
    await sql`drop index search_docs_all_ft on search_docs`.execute(db);
  }
  for (let i = 0; i < count; i += batch) {
    const rows: Record<string, unknown>[] = [];
    const docs: IndexedDoc[] = [];
    for (let k = i; k < Math.min(count, i + batch); k++) {
      const a = article(k);
      if (k % 500 === 0) samples.push(a.text);
      const id = first + k;
      rows.push({
        id,
        site_id: t.siteId,
        column_id: t.columns[k % t.columns.length]!,
        unit_id: t.unitId,
        type: 'news',
        title: a.title,
        body_html: `<p>${a.text}</p>`,
        body_text: a.text,
        status: 'published',
        published_at: a.at,
        revision: 1,
        imported: 1,
        is_top: 0,
        created_at: a.at,
        updated_at: a.at,
      });
      docs.push({ id, title: a.title, body: a.text });
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('articles')
        .values(rows as never)
        .execute();
      await engine.putMany(trx, docs);
    });
    progress(Math.min(count, i + batch), count);
  }
  process.stderr.write('\n正在建立全文索引…');
  if (mroonga) {
    // The queue the transactions wrote is applied to the bare table, then the indexes are built.
    await engine.settle?.(db);
    await addMroongaIndex(db);
  } else for (const index of database.dialect === 'postgres' ? pgIndexes : myIndexes) await index.execute(db);
  if (database.dialect === 'postgres')
    await sql`select setval(pg_get_serial_sequence('articles', 'id'), (select max(id) from articles))`.execute(db);
  process.stderr.write('\n');
  return { samples, seconds: (performance.now() - started) / 1000 };
}
