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

// MariaDB (and MySQL): InnoDB FULLTEXT over the token chains. MariaDB has no ngram parser, and
// InnoDB's built-in parser drops words shorter than innodb_ft_min_token_size (3 by default) — every
// Chinese pair — and words on its stopword list (a, the, …). So each token is stored with a two-letter
// mark in front (涟水 → qq涟水, 县 → qq县, g2 → qqg2): every token is then at least 3 characters and
// none is a stopword, whatever the server's settings are. Queries use BOOLEAN MODE: +term, "phrase",
// and qq县* for one character. Two indexes: (title_tokens) for the title's weight and
// (title_tokens, body_tokens) for matching anywhere.

const MARK = 'qq';
const marked = (tokens: string[]) => tokens.map((t) => MARK + t).join(' ');

/**
 * One alternative in BOOLEAN MODE. InnoDB takes no * inside quotes, so a phrase ending in a prefix
 * (2026年 → "2026" then 年*) requires the phrase without its last token plus that prefix anywhere.
 */
function phraseBoolean(p: Phrase): string {
  const tokens = p.tokens.map((t) => MARK + t);
  if (!p.prefix) return tokens.length > 1 ? `"${tokens.join(' ')}"` : tokens[0]!;
  const last = `${tokens.pop()}*`;
  if (tokens.length === 0) return last;
  return `(+${tokens.length > 1 ? `"${tokens.join(' ')}"` : tokens[0]} +${last})`;
}

export function booleanQuery(plan: QueryPlan, required = true): string {
  return plan.terms.map((t) => `${required ? '+' : ''}(${t.map(phraseBoolean).join(' ')})`).join(' ');
}

export class MysqlFulltextEngine implements SearchEngine {
  readonly name = 'MariaDB InnoDB FULLTEXT';

  async put(trx: Executor, doc: IndexedDoc): Promise<void> {
    await this.remove(trx, doc.id);
    await sql`insert into search_docs (article_id, title_tokens, body_tokens)
      values (${doc.id}, ${marked(indexTokens(doc.title))}, ${marked(indexTokens(doc.body))})`.execute(trx);
  }

  async remove(trx: Executor, articleId: number): Promise<void> {
    await sql`delete from search_docs where article_id = ${articleId}`.execute(trx);
  }

  async clear(trx: Executor): Promise<void> {
    await sql`delete from search_docs`.execute(trx);
  }

  /** OPTIMIZE TABLE on InnoDB rebuilds the table (a copy): left to the operator, not run here. */
  async optimize(): Promise<void> {}

  async search(
    db: Executor,
    plan: QueryPlan,
    filters: SearchFilters,
    page: { limit: number; offset: number },
  ): Promise<SearchHits> {
    if (plan.terms.length === 0) return { total: 0, ids: [] };
    const all = booleanQuery(plan);
    const where = sql`match(search_docs.title_tokens, search_docs.body_tokens) against (${all} in boolean mode) and ${filterSql(filters)}`;
    const from = sql`search_docs join articles on articles.id = search_docs.article_id`;
    const count = await sql<{ n: number }>`select count(*) as n from ${from} where ${where}`.execute(db);
    const total = Number(count.rows[0]?.n ?? 0);
    if (total === 0 || page.offset >= total) return { total, ids: [] };
    // The title's relevance counts any of the terms found there, not only all of them.
    const titleScore = sql`match(search_docs.title_tokens) against (${booleanQuery(plan, false)} in boolean mode)`;
    const together = plan.together
      ? sql`(case when match(search_docs.title_tokens, search_docs.body_tokens) against (${phraseBoolean(plan.together)} in boolean mode) > 0 then ${TOGETHER_BONUS} else 1 end)`
      : sql`1`;
    const rows = await sql<{ id: number }>`select articles.id as id,
        (${titleScore} * ${TITLE_WEIGHT} + match(search_docs.title_tokens, search_docs.body_tokens) against (${all} in boolean mode)) * ${together} as score
      from ${from} where ${where} order by ${ORDER} limit ${page.limit} offset ${page.offset}`.execute(db);
    return { total, ids: rows.rows.map((r) => Number(r.id)) };
  }
}
