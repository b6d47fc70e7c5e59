import { type RawBuilder, sql } from 'kysely';
import { chunk, type Executor } from '../db/helpers.js';
import {
  filterSql,
  needsJoin,
  RANK_LIMIT,
  TOGETHER_BONUS,
  readDocs,
  type IndexedDoc,
  type SearchEngine,
  type SearchFilters,
  type SearchHits,
} from './engine.js';
import { marked } from './engine-mysql.js';
import type { QueryPlan } from './tokenize.js';
import {
  allQuery,
  BODY_MARK,
  restQuery,
  SEPARATOR,
  type Split,
  split,
  TITLE_MARK,
  titleQuery,
  togetherQuery,
} from './mroonga-query.js';

// MariaDB with Mroonga (Groonga inside the server, Debian's mariadb-plugin-mroonga): the token chain of
// tokenize.ts split on spaces (TokenDelimit), the title's tokens marked `tt` and the body's `qq` in one
// column with one index (mroonga-query.ts says why), which counts a broad query's matches and reads a
// page of them newest first from its posting lists. InnoDB FULLTEXT read every match's row to count:
// 4–7 s for a one-character query at 100k articles (bench/RESULTS.md).
//
// A Mroonga table is not transactional: a write inside the article's transaction would stay after a
// rollback. So the transaction writes only the article's id to search_docs_queue (InnoDB, rolled back
// with it), and the queue is applied to the index after the commit and before every search (`settle`),
// reading each queued article as it now stands: published → indexed, anything else → removed. A search
// therefore sees every committed change, and a crash between the commit and the apply leaves the ids
// queued for the next one.

export const MROONGA_TABLE = 'search_docs_mroonga';
const BATCH = 500;
/** How long a settle after a commit waits for another process's (which applies the same queue). */
const LOCK_SECONDS = 5;

const TOKENS = `tokenizer "TokenDelimit", normalizer "none"`;

/** Whether this server runs the Mroonga engine (an operator installs it: docs/search.md). */
export async function mroongaAvailable(db: Executor): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*) as n from information_schema.engines
    where engine = 'Mroonga' and support in ('YES', 'DEFAULT')`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/** Whether this database's search index is the Mroonga one (migration 0041 or a later reindex made it). */
export async function mroongaInUse(db: Executor): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*) as n from information_schema.tables
    where table_schema = database() and table_name = ${MROONGA_TABLE}`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/**
 * The index and its queue, filled with every published article; the InnoDB index is then emptied. Its
 * table stays, so that engine can still be tested beside this one (mroonga.db.test.ts).
 */
export async function createMroongaIndex(db: Executor): Promise<void> {
  await sql`create table if not exists search_docs_queue (
      id bigint not null auto_increment primary key,
      article_id integer not null
    ) engine = InnoDB`.execute(db);
  await sql`create table if not exists ${sql.table(MROONGA_TABLE)} (
      article_id integer not null primary key,
      tokens longtext not null
    ) engine = Mroonga default charset = utf8mb4`.execute(db);
  await sql`insert into search_docs_queue (article_id) select id from articles where status = 'published'`.execute(db);
  // The rows written bare, the index built after them at once: Groonga builds a whole index fastest.
  await new MroongaEngine().settle(db);
  await addMroongaIndex(db);
  await sql`truncate table search_docs`.execute(db);
}

export async function addMroongaIndex(db: Executor): Promise<void> {
  await sql`alter table ${sql.table(MROONGA_TABLE)}
    add fulltext index search_mroonga_ft (tokens) comment ${sql.lit(TOKENS)}`.execute(db);
}

/** For a bulk load (the bench's generator): rows written bare, the index built at the end. */
export async function dropMroongaIndex(db: Executor): Promise<void> {
  await sql`alter table ${sql.table(MROONGA_TABLE)} drop index search_mroonga_ft`.execute(db);
}

/** The indexed text: the title's tokens, a separator, the body's (mroonga-query.ts). */
export function mroongaTokens(doc: IndexedDoc): string {
  return [marked(doc.title, TITLE_MARK), SEPARATOR, marked(doc.body, BODY_MARK)].join(' ');
}

export class MroongaEngine implements SearchEngine {
  readonly name = 'MariaDB Mroonga';

  async put(trx: Executor, doc: IndexedDoc): Promise<void> {
    await this.enqueue(trx, [doc.id]);
  }

  async putMany(trx: Executor, docs: readonly IndexedDoc[]): Promise<void> {
    await this.enqueue(
      trx,
      docs.map((d) => d.id),
    );
  }

  async remove(trx: Executor, articleId: number): Promise<void> {
    await this.enqueue(trx, [articleId]);
  }

  private async enqueue(trx: Executor, ids: readonly number[]): Promise<void> {
    for (const part of chunk(ids))
      await sql`insert into search_docs_queue (article_id) values ${sql.join(part.map((id) => sql`(${id})`))}`.execute(
        trx,
      );
  }

  async clear(trx: Executor): Promise<void> {
    await sql`delete from search_docs_queue`.execute(trx);
    await sql`truncate table ${sql.table(MROONGA_TABLE)}`.execute(trx);
  }

  async optimize(db: Executor): Promise<void> {
    await this.settle(db);
  }

  /**
   * Apply the queued changes, one process at a time (a named lock per database). A search does not wait
   * for the lock (`wait` 0): the process holding it is applying the queue already, and a search must not
   * hang behind a large import's thousands of rows.
   */
  async settle(db: Executor, wait = LOCK_SECONDS): Promise<void> {
    const pending = await sql<{ n: number }>`select 1 as n from search_docs_queue limit 1`.execute(db);
    if (pending.rows.length === 0) return;
    // Inside a transaction the connection is already one; otherwise the lock and its release must be
    // on the same connection.
    if (db.isTransaction) return this.apply(db);
    await db.connection().execute(async (conn) => {
      const lock = sql`concat('govportal.search.', database())`;
      const got = await sql<{ ok: number | null }>`select get_lock(${lock}, ${wait}) as ok`.execute(conn);
      if (Number(got.rows[0]?.ok) !== 1) return;
      try {
        await this.apply(conn);
      } finally {
        await sql`select release_lock(${lock})`.execute(conn);
      }
    });
  }

  private async apply(db: Executor): Promise<void> {
    for (;;) {
      const queued = (
        await sql<{ id: number; article_id: number }>`select id, article_id from search_docs_queue
          order by id limit ${BATCH}`.execute(db)
      ).rows;
      if (queued.length === 0) return;
      const ids = [...new Set(queued.map((q) => Number(q.article_id)))];
      const docs = await readDocs(db, ids);
      await sql`delete from ${sql.table(MROONGA_TABLE)} where article_id in (${sql.join(ids)})`.execute(db);
      if (docs.length > 0) {
        const values = docs.map((d) => sql`(${d.id}, ${mroongaTokens(d)})`);
        await sql`insert into ${sql.table(MROONGA_TABLE)} (article_id, tokens) values ${sql.join(values)}`.execute(db);
      }
      // Exactly the rows read: a transaction that queued a lower id may commit after this read.
      await sql`delete from search_docs_queue where id in (${sql.join(queued.map((q) => Number(q.id)))})`.execute(db);
    }
  }

  async search(
    db: Executor,
    plan: QueryPlan,
    filters: SearchFilters,
    page: { limit: number; offset: number },
  ): Promise<SearchHits> {
    if (plan.terms.length === 0) return { total: 0, ids: [] };
    await this.settle(db, 0);
    const join = needsJoin(filters);
    const from = join
      ? sql`${sql.table(MROONGA_TABLE)} as s join articles on articles.id = s.article_id`
      : sql`${sql.table(MROONGA_TABLE)} as s`;
    const where = (cond: RawBuilder<unknown>) => (join ? sql`${cond} and ${filterSql(filters)}` : cond);
    const count = async (cond: RawBuilder<unknown>) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from ${from} where ${where(cond)}`.execute(db)).rows[0]?.n ?? 0,
      );
    const all = split(allQuery(plan));
    const recent = async (cond: RawBuilder<unknown>, limit: number, offset: number) =>
      (
        await sql<{ id: number }>`select s.article_id as id from ${from} where ${where(cond)}
          order by s.article_id desc limit ${limit} offset ${offset}`.execute(db)
      ).rows.map((r) => Number(r.id));
    const inTitle = matching(split(titleQuery(plan)));
    // The title tier's page is read beside the count, on a second connection: the count is most of a
    // broad query's time (bench/RESULTS.md), and the page is wasted only for a narrow one, where it is cheap.
    const [total, titlePage] = await Promise.all([
      count(matching(all)),
      db.isTransaction ? null : recent(inTitle, page.limit, page.offset),
    ]);
    if (total === 0 || page.offset >= total) return { total, ids: [] };
    if (total > RANK_LIMIT) {
      // Many matches: every term in the title first, then the rest, each newest first (engine.ts).
      const ids = titlePage ?? (await recent(inTitle, page.limit, page.offset));
      if (ids.length < page.limit) {
        const titled = ids.length > 0 ? page.offset + ids.length : await count(inTitle);
        const rest = matching(split(restQuery(plan)));
        ids.push(...(await recent(rest, page.limit - ids.length, Math.max(0, page.offset - titled))));
      }
      return { total, ids };
    }
    // At most RANK_LIMIT matches, read whole and ordered here: Groonga's score of the one MATCH (the
    // occurrences, the title's weighed TITLE_WEIGHT times), twice for the chunks side by side, then
    // newest first. A query split into several MATCHes (rare: mroonga-query.ts) is ordered newest first.
    const scored = typeof all === 'string' ? sql`match(s.tokens) against (${all} in boolean mode)` : sql`1`;
    const rows = (
      await sql<{ id: number; score: number; at: string | Date | null }>`select s.article_id as id,
          ${scored} as score, articles.published_at as at
        from ${sql.table(MROONGA_TABLE)} as s join articles on articles.id = s.article_id
        where ${matching(all)} and ${filterSql(filters)}`.execute(db)
    ).rows.map((r) => ({ id: Number(r.id), score: Number(r.score), at: new Date(r.at ?? 0).getTime() }));
    if (plan.together && rows.length > 0) {
      const side = await sql<{ id: number }>`select s.article_id as id from ${sql.table(MROONGA_TABLE)} as s
        where ${matching(split(togetherQuery(plan.together)))} and s.article_id in (${sql.join(rows.map((r) => r.id))})`.execute(
        db,
      );
      const together = new Set(side.rows.map((r) => Number(r.id)));
      for (const r of rows) if (together.has(r.id)) r.score *= TOGETHER_BONUS;
    }
    rows.sort((a, b) => b.score - a.score || b.at - a.at || b.id - a.id);
    return { total, ids: rows.slice(page.offset, page.offset + page.limit).map((r) => r.id) };
  }
}

/** A split query as SQL: each string one MATCH on the index, combined as it says. */
function matching(q: Split): RawBuilder<unknown> {
  if (typeof q === 'string') return sql`match(s.tokens) against (${q} in boolean mode)`;
  if ('not' in q) return sql`not (${matching(q.not)})`;
  if ('and' in q) return sql`(${sql.join(q.and.map(matching), sql` and `)})`;
  return sql`(${sql.join(q.or.map(matching), sql` or `)})`;
}
