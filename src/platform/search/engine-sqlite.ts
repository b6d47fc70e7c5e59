import { sql } from 'kysely';
import type { Executor } from '../db/helpers.js';
import {
  filterSql,
  ORDER,
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
// replaced. Its tokenizer is unicode61 over our space-separated tokens; prefix='1' adds an index of
// first characters so a one-character query (县*) reads one list instead of every pair starting
// with 县 (bench/RESULTS.md). Ranking is FTS5's bm25 with the title column weighted TITLE_WEIGHT.

function phraseSql(p: Phrase): string {
  return `"${p.tokens.join(' ')}"${p.prefix ? ' *' : ''}`;
}

/** An FTS5 query: every term, each one of its alternatives. Tokens are letters and digits only. */
export function fts5Query(plan: QueryPlan): string {
  return plan.terms.map((t) => `(${t.map(phraseSql).join(' OR ')})`).join(' AND ');
}

export class SqliteFts5Engine implements SearchEngine {
  readonly name = 'SQLite FTS5';

  async put(trx: Executor, doc: IndexedDoc): Promise<void> {
    await this.remove(trx, doc.id);
    await sql`insert into search_fts (rowid, title, body) values (${doc.id}, ${indexTokens(doc.title).join(' ')}, ${indexTokens(doc.body).join(' ')})`.execute(
      trx,
    );
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
    const match = fts5Query(plan);
    const where = sql`search_fts match ${match} and ${filterSql(filters)}`;
    // CROSS JOIN makes SQLite read the matches first and look each article up by its key; left to
    // itself the planner may walk the site's articles and probe the index once per article (seconds).
    // INDEXED BY: the covering index of migration 0022 instead of the table's rows, which hold the text.
    const from = sql`search_fts cross join articles indexed by articles_search_idx on articles.id = search_fts.rowid`;
    const count = await sql<{ n: number }>`select count(*) as n from ${from} where ${where}`.execute(db);
    const total = Number(count.rows[0]?.n ?? 0);
    if (total === 0 || page.offset >= total) return { total, ids: [] };
    // bm25() is lower for better matches; negated so that every engine sorts its score descending.
    const together = plan.together
      ? sql`(case when search_fts.rowid in (select rowid from search_fts where search_fts match ${phraseSql(plan.together)}) then ${TOGETHER_BONUS} else 1 end)`
      : sql`1`;
    const rows = await sql<{ id: number }>`select articles.id as id,
        -bm25(search_fts, ${TITLE_WEIGHT}, 1.0) * ${together} as score
      from ${from} where ${where} order by ${ORDER} limit ${page.limit} offset ${page.offset}`.execute(db);
    return { total, ids: rows.rows.map((r) => Number(r.id)) };
  }
}
