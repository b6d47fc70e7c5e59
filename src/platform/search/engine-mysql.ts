import { type RawBuilder, sql } from 'kysely';
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

// MariaDB (and MySQL): InnoDB FULLTEXT over the token chains. MariaDB has no ngram parser, and
// InnoDB's built-in parser drops words shorter than innodb_ft_min_token_size (3 by default) — every
// Chinese pair — and words on its stopword list (a, the, …). So each token is stored with a two-letter
// mark in front (涟水 → qq涟水, 县 → qq县, g2 → qqg2): every token is then at least 3 characters and
// none is a stopword, whatever the server's settings are. Queries use BOOLEAN MODE: +term, "phrase",
// and qq县* for one character. Two indexes: (title_tokens) for the title's weight and
// (title_tokens, body_tokens) for matching anywhere.

const MARK = 'qq';
/** A text's index tokens, each with a mark, space-separated (the Mroonga engine marks the title `tt`). */
export const marked = (text: string, mark = MARK) =>
  indexTokens(text)
    .map((t) => mark + t)
    .join(' ');

/**
 * One alternative in BOOLEAN MODE. InnoDB takes no * inside quotes, so a phrase ending in a prefix
 * (2026年 → "2026" then 年*) requires the phrase without its last token plus that prefix anywhere.
 */
export function phraseBoolean(p: Phrase, mark = MARK): string {
  const tokens = p.tokens.map((t) => mark + t);
  if (!p.prefix) return tokens.length > 1 ? `"${tokens.join(' ')}"` : tokens[0]!;
  const last = `${tokens.pop()}*`;
  if (tokens.length === 0) return last;
  return `(+${tokens.length > 1 ? `"${tokens.join(' ')}"` : tokens[0]} +${last})`;
}

/**
 * A regular expression over a column of marked tokens (one space between tokens) that holds where
 * MATCH(column) AGAINST (booleanQuery(plan)) holds: every term, one of its alternatives, each phrase's
 * tokens side by side, a prefix (qq县*) as a token's start, and a prefix phrase as its two requirements.
 * It decides the title tier of a large result set from the row already read for the one MATCH of the
 * statement: a second MATCH on the title index (`… AND NOT MATCH(title) …`) scanned for seconds.
 */
export function tokensRegexp(plan: QueryPlan): string {
  const token = (t: string) => `(?:^| )${MARK}${t}`;
  const phrase = (tokens: string[]) => `(?:^| )${tokens.map((t) => MARK + t).join(' ')}(?: |$)`;
  const alternative = (p: Phrase) => {
    if (!p.prefix) return phrase(p.tokens);
    const last = token(p.tokens[p.tokens.length - 1]!);
    if (p.tokens.length === 1) return last;
    return `(?=.*${phrase(p.tokens.slice(0, -1))})(?=.*${last})`;
  };
  return `^${plan.terms.map((t) => `(?=.*(?:${t.map(alternative).join('|')}))`).join('')}`;
}

export function booleanQuery(plan: QueryPlan, required = true): string {
  return plan.terms.map((t) => `${required ? '+' : ''}(${t.map((p) => phraseBoolean(p)).join(' ')})`).join(' ');
}

export class MysqlFulltextEngine implements SearchEngine {
  readonly name = 'MariaDB InnoDB FULLTEXT';

  async put(trx: Executor, doc: IndexedDoc): Promise<void> {
    await this.remove(trx, doc.id);
    await sql`insert into search_docs (article_id, title_tokens, body_tokens)
      values (${doc.id}, ${marked(doc.title)}, ${marked(doc.body)})`.execute(trx);
  }

  async putMany(trx: Executor, docs: readonly IndexedDoc[]): Promise<void> {
    for (const part of chunk(docs.map((d) => d.id)))
      await sql`delete from search_docs where article_id in (${sql.join(part)})`.execute(trx);
    for (const part of chunk(docs, 300)) {
      const values = part.map((d) => sql`(${d.id}, ${marked(d.title)}, ${marked(d.body)})`);
      await sql`insert into search_docs (article_id, title_tokens, body_tokens) values ${sql.join(values)}`.execute(
        trx,
      );
    }
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
    const matches = sql`match(search_docs.title_tokens, search_docs.body_tokens) against (${all} in boolean mode)`;
    const join = needsJoin(filters);
    const from = join ? sql`search_docs join articles on articles.id = search_docs.article_id` : sql`search_docs`;
    const where = (cond: RawBuilder<unknown>) => (join ? sql`${cond} and ${filterSql(filters)}` : cond);
    const count = async (cond: RawBuilder<unknown>) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from ${from} where ${where(cond)}`.execute(db)).rows[0]?.n ?? 0,
      );
    // One statement reads the count (a window over the matches) and the page in the large-set order:
    // InnoDB runs the full-text search once a statement and then reads every match's row, which is
    // most of the cost of a broad query (bench/RESULTS.md), so it is done once, not per tier.
    const inTitle = sql`search_docs.title_tokens regexp ${tokensRegexp(plan)}`;
    const tiered = (
      await sql<{ id: number; n: number }>`select search_docs.article_id as id, count(*) over () as n
        from ${from} where ${where(matches)}
        order by ${inTitle} desc, search_docs.article_id desc limit ${page.limit} offset ${page.offset}`.execute(db)
    ).rows;
    const total = tiered.length > 0 ? Number(tiered[0]!.n) : page.offset > 0 ? await count(matches) : 0;
    if (total === 0 || page.offset >= total) return { total, ids: [] };
    // Many matches: every term in the title first, then the rest, each newest first (engine.ts).
    if (total > RANK_LIMIT) return { total, ids: tiered.map((r) => Number(r.id)) };
    // The title's relevance counts any of the terms found there, not only all of them.
    const titleScore = sql`match(search_docs.title_tokens) against (${booleanQuery(plan, false)} in boolean mode)`;
    const together = plan.together
      ? sql`(case when match(search_docs.title_tokens, search_docs.body_tokens) against (${phraseBoolean(plan.together)} in boolean mode) > 0 then ${TOGETHER_BONUS} else 1 end)`
      : sql`1`;
    const rows = await sql<{ id: number }>`select articles.id as id,
        (${titleScore} * ${TITLE_WEIGHT} + ${matches}) * ${together} as score
      from search_docs join articles on articles.id = search_docs.article_id
      where ${matches} and ${filterSql(filters)} order by ${ORDER} limit ${page.limit} offset ${page.offset}`.execute(
      db,
    );
    return { total, ids: rows.rows.map((r) => Number(r.id)) };
  }
}
