import { sql, type RawBuilder } from 'kysely';
import { chunk, type Executor } from '../db/helpers.js';
import {
  filterSql,
  needsJoin,
  ORDER,
  RANK_LIMIT,
  TITLE_WEIGHT,
  TOGETHER_BONUS,
  type IndexedDoc,
  type SearchEngine,
  type SearchFilters,
  type SearchHits,
} from './engine.js';
import { indexTokens, type Phrase, type QueryPlan } from './tokenize.js';

// SQLite: an FTS5 table (compiled into better-sqlite3) of the token chains, contentless (the text is
// in `articles`; the index keeps only the postings) with contentless_delete so an article can be
// replaced. Its columns are (body, title): FTS5 numbers the position lists of every column but the
// first, so the body, nearly all of the index, goes first (migration 0042). Its tokenizer is
// unicode61 over our space-separated tokens; prefix='1' adds an index of first characters so a
// one-character query (县*) reads one list instead of every pair starting with 县 (bench/RESULTS.md).
// Ranking is FTS5's bm25 with the title column weighted TITLE_WEIGHT (weights in column order).
//
// A result set over RANK_LIMIT is not ranked by bm25, which reads the positions of every match (60–110 ms
// for a one-character query at 100k articles); its pages are read in rowid order, which FTS5 walks
// backwards and stops after the page (docs/search.md, "Large result sets").

function phraseSql(p: Phrase): string {
  return `"${p.tokens.join(' ')}"${p.prefix ? ' *' : ''}`;
}

/** An FTS5 query: every term, each one of its alternatives. Tokens are letters and digits only. */
export function fts5Query(plan: QueryPlan): string {
  return plan.terms.map((t) => `(${t.map(phraseSql).join(' OR ')})`).join(' AND ');
}

/** The title and body columns of a document's FTS5 row (also written by bench/search-data.ts). */
export const ftsColumns = (doc: IndexedDoc): [string, string] => [
  indexTokens(doc.title).join(' '),
  indexTokens(doc.body).join(' '),
];

export class SqliteFts5Engine implements SearchEngine {
  readonly name = 'SQLite FTS5';

  async put(trx: Executor, doc: IndexedDoc): Promise<void> {
    await this.remove(trx, doc.id);
    await sql`insert into search_fts (rowid, title, body) values (${doc.id}, ${sql.join(ftsColumns(doc))})`.execute(
      trx,
    );
  }

  async putMany(trx: Executor, docs: readonly IndexedDoc[]): Promise<void> {
    for (const part of chunk(docs.map((d) => d.id)))
      await sql`delete from search_fts where rowid in (${sql.join(part)})`.execute(trx);
    for (const part of chunk(docs, 300)) {
      const values = part.map((d) => sql`(${d.id}, ${sql.join(ftsColumns(d))})`);
      await sql`insert into search_fts (rowid, title, body) values ${sql.join(values)}`.execute(trx);
    }
  }

  async remove(trx: Executor, articleId: number): Promise<void> {
    await sql`delete from search_fts where rowid = ${articleId}`.execute(trx);
  }

  async clear(trx: Executor): Promise<void> {
    await sql`delete from search_fts`.execute(trx);
  }

  /** FTS5 keeps writes in small segments that it merges now and then; 'optimize' merges them all. */
  async optimize(db: Executor): Promise<void> {
    await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
  }

  async search(
    db: Executor,
    plan: QueryPlan,
    filters: SearchFilters,
    page: { limit: number; offset: number },
  ): Promise<SearchHits> {
    if (plan.terms.length === 0) return { total: 0, ids: [] };
    const query = fts5Query(plan);
    // CROSS JOIN makes SQLite read the matches first and look each article up by its key; left to
    // itself the planner may walk the site's articles and probe the index once per article (seconds).
    // INDEXED BY: the covering index of migration 0022 instead of the table's rows, which hold the text.
    const from = sql`search_fts cross join articles indexed by articles_search_idx on articles.id = search_fts.rowid`;
    const join = needsJoin(filters);
    const where = (match: string) =>
      join ? sql`search_fts match ${match} and ${filterSql(filters)}` : sql`search_fts match ${match}`;
    const count = async (match: string) =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*) as n from ${join ? from : sql`search_fts`} where ${where(match)}`.execute(db)
        ).rows[0]?.n ?? 0,
      );
    const total = await count(query);
    if (total === 0 || page.offset >= total) return { total, ids: [] };
    if (total <= RANK_LIMIT) return { total, ids: await this.ranked(db, plan, query, filters, page) };

    // Many matches: title matches, then the rest, each newest first (the largest id is the latest
    // published: ids follow publishing), read from the index in rowid order and stopped after the page.
    const recent = async (match: string, limit: number, offset: number) =>
      (
        await sql<{
          id: number;
        }>`select search_fts.rowid as id from ${join ? from : sql`search_fts`} where ${where(match)}
          order by search_fts.rowid desc limit ${limit} offset ${offset}`.execute(db)
      ).rows.map((r) => Number(r.id));
    const inTitle = `{title}: (${query})`;
    const ids = await recent(inTitle, page.limit, page.offset);
    if (ids.length < page.limit) {
      const titled = ids.length > 0 ? page.offset + ids.length : await count(inTitle);
      const rest = `(${query}) NOT {title}: (${query})`;
      ids.push(...(await recent(rest, page.limit - ids.length, Math.max(0, page.offset - titled))));
    }
    return { total, ids };
  }

  /** A page by bm25 (title weighted), then recency: for result sets up to RANK_LIMIT. */
  private async ranked(
    db: Executor,
    plan: QueryPlan,
    query: string,
    filters: SearchFilters,
    page: { limit: number; offset: number },
  ): Promise<number[]> {
    // bm25() is lower for better matches; negated so that every engine sorts its score descending.
    const together: RawBuilder<unknown> = plan.together
      ? sql`(case when search_fts.rowid in (select rowid from search_fts where search_fts match ${phraseSql(plan.together)}) then ${TOGETHER_BONUS} else 1 end)`
      : sql`1`;
    const rows = await sql<{ id: number }>`select articles.id as id,
        -bm25(search_fts, 1.0, ${TITLE_WEIGHT}) * ${together} as score
      from search_fts cross join articles indexed by articles_search_idx on articles.id = search_fts.rowid
      where search_fts match ${query} and ${filterSql(filters)}
      order by ${ORDER} limit ${page.limit} offset ${page.offset}`.execute(db);
    return rows.rows.map((r) => Number(r.id));
  }
}
