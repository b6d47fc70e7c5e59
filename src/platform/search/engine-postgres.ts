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

// PostgreSQL: search_docs.tsv, a tsvector with a GIN index. The vector is written as a literal
// ('涟水':1A '水县':2A …) rather than through to_tsvector, so no text-search configuration or locale
// decides how Chinese is split: the tokens are ours, as on the other engines. Title tokens carry
// weight A, body tokens B; ts_rank's weights make A TITLE_WEIGHT times B. Phrases use <-> (followed by).
//
// Beside the token chain of tokenize.ts the vector holds, at the same position as a Han pair, its first
// character alone and the triple and quadruple it starts (涟水县 → 涟水 涟 涟水县 at 1, 水县 水 at 2, 县 at
// 3), so that the broad queries are ONE lexeme: 县 (1 character) reads one posting list instead of every
// pair that starts with 县 ('县':*), 涟水县 (3 characters) is '涟水县' instead of the phrase '涟水' <-> '水县',
// and a four-character term (人力资源, 乡村振兴: the commonest length of a Chinese query) is one lexeme too.
// A query of one lexeme needs no recheck: GIN answers it from the index, without reading the row's
// tsvector (kept out of the row, in TOAST: migration 0039), where a phrase makes PostgreSQL decompress
// the vector of every candidate (bench/RESULTS.md: 0.9 s to count 47k matches of a four-character
// phrase of triples; migration 0040 added the quadruples). Longer chunks are phrases of quadruples,
// whose candidates are far fewer than those of pairs.

const MAX_POS = 16383; // PostgreSQL keeps positions up to this; later ones share it
const MAX_POSITIONS = 256; // positions kept per lexeme
// A tsvector must stay under 1 MB; a body so long that its distinct tokens approach that (hundreds of
// thousands of characters) is indexed up to this budget rather than refused at publishing.
const MAX_LITERAL = 900_000;

const quote = (token: string) => `'${token}'`;
const HAN_PAIR = /^\p{Script=Han}{2}$/u;
const isPair = (t: string | undefined): t is string => t != null && HAN_PAIR.test(t);

/** The tsvector literal of a document: each token with its positions and weight. */
export function tsvectorLiteral(title: string, body: string): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  let bytes = 0;
  const put = (t: string, weight: 'A' | 'B') => {
    let list = positions.get(t);
    if (!list) {
      bytes += Buffer.byteLength(t) + 8;
      if (bytes > MAX_LITERAL) return;
      list = [];
      positions.set(t, list);
    }
    if (list.length < MAX_POSITIONS) {
      list.push(`${pos}${weight}`);
      bytes += 7;
    }
  };
  const add = (tokens: string[], weight: 'A' | 'B') => {
    tokens.forEach((t, i) => {
      pos = Math.min(pos + 1, MAX_POS);
      put(t, weight);
      if (!isPair(t)) return;
      const [first, second] = [...t];
      put(first!, weight);
      // The pair's run goes on when the next token is the pair starting with its second character
      // (a run ends with its last character alone, so the next run's first pair never follows a pair).
      const next = tokens[i + 1];
      if (!isPair(next) || [...next][0] !== second) return;
      put(t + [...next][1]!, weight);
      const after = tokens[i + 2];
      if (isPair(after) && [...after][0] === [...next][1]) put(t + [...next][1]! + [...after][1]!, weight);
    });
  };
  add(indexTokens(title), 'A');
  pos = Math.min(pos + 1, MAX_POS); // a gap: a phrase does not run from the title into the body
  add(indexTokens(body), 'B');
  return [...positions].map(([t, list]) => `${quote(t)}:${[...new Set(list)].join(',')}`).join(' ');
}

/**
 * A phrase as lexemes of the vector above: a chain of Han pairs (one run of 3+ characters) as its
 * triple (3 characters) or the chain of its quadruples (4 and more), a last single Han character exactly (its lexeme stands wherever it starts a token),
 * a last Latin word or number as a prefix (g2 finds g25).
 */
export function phraseQuery(p: Phrase): string {
  let tokens = p.tokens;
  const chain =
    tokens.length > 1 && tokens.every((t, i) => isPair(t) && (i === 0 || [...tokens[i - 1]!][1] === [...t][0]));
  if (chain && !p.prefix)
    tokens =
      tokens.length === 2
        ? [tokens[0]! + [...tokens[1]!][1]!]
        : tokens.slice(0, -2).map((t, i) => t + [...tokens[i + 1]!][1]! + [...tokens[i + 2]!][1]!);
  const parts = tokens.map(quote);
  const last = tokens[tokens.length - 1]!;
  if (p.prefix && !/^\p{Script=Han}$/u.test(last)) parts[parts.length - 1] = `${quote(last)}:*`;
  return parts.length > 1 ? `(${parts.join(' <-> ')})` : parts[0]!;
}

export function tsQuery(plan: QueryPlan): string {
  return plan.terms.map((t) => `(${t.map((p) => phraseQuery(p)).join(' | ')})`).join(' & ');
}

export class PostgresTsvectorEngine implements SearchEngine {
  readonly name = 'PostgreSQL tsvector + GIN';

  async put(trx: Executor, doc: IndexedDoc): Promise<void> {
    await sql`insert into search_docs (article_id, tsv) values (${doc.id}, ${tsvectorLiteral(doc.title, doc.body)}::tsvector)
      on conflict (article_id) do update set tsv = excluded.tsv`.execute(trx);
  }

  async putMany(trx: Executor, docs: readonly IndexedDoc[]): Promise<void> {
    for (const part of chunk(docs, 300)) {
      const values = part.map((d) => sql`(${d.id}, ${tsvectorLiteral(d.title, d.body)}::tsvector)`);
      await sql`insert into search_docs (article_id, tsv) values ${sql.join(values)}
        on conflict (article_id) do update set tsv = excluded.tsv`.execute(trx);
    }
  }

  async remove(trx: Executor, articleId: number): Promise<void> {
    await sql`delete from search_docs where article_id = ${articleId}`.execute(trx);
  }

  /**
   * Emptied by TRUNCATE (search_titles with it, by its key): a DELETE left every old row dead in the
   * table and its TOAST until a VACUUM FULL, so a rebuild more than doubled the index's size on disk.
   */
  async clear(trx: Executor): Promise<void> {
    await sql`truncate search_docs cascade`.execute(trx);
  }

  /** The planner needs the new table's statistics to choose the GIN index over a scan. */
  async optimize(db: Executor): Promise<void> {
    await sql`analyze search_docs`.execute(db);
    // search_titles comes with migration 0039; migration 0022 rebuilds through this engine before it.
    const titles = await sql<{ t: string | null }>`select to_regclass('search_titles') as t`.execute(db);
    if (titles.rows[0]?.t) await sql`analyze search_titles`.execute(db);
  }

  async search(
    db: Executor,
    plan: QueryPlan,
    filters: SearchFilters,
    page: { limit: number; offset: number },
  ): Promise<SearchHits> {
    if (plan.terms.length === 0) return { total: 0, ids: [] };
    // The planner takes a one-character query's GIN bitmap (70% of the rows) for dearer than reading
    // the table, not knowing that reading it means decompressing every row's tsvector from TOAST
    // (3 s at 100k articles, against 15–25 ms for the bitmap): inside the search's own read-only
    // transaction it is told to prefer the indexes.
    if (db.isTransaction) return this.searchIn(db, plan, filters, page);
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return this.searchIn(trx, plan, filters, page);
    });
  }

  private async searchIn(
    db: Executor,
    plan: QueryPlan,
    filters: SearchFilters,
    page: { limit: number; offset: number },
  ): Promise<SearchHits> {
    const query = tsQuery(plan);
    const matches = sql`search_docs.tsv @@ ${query}::tsquery`;
    const join = needsJoin(filters);
    const joined = (table: 'search_docs' | 'search_titles') =>
      join
        ? sql`${sql.table(table)} join articles on articles.id = ${sql.ref(`${table}.article_id`)}`
        : sql.table(table);
    const where = (cond: RawBuilder<unknown>) => (join ? sql`${cond} and ${filterSql(filters)}` : cond);
    const count = async (table: 'search_docs' | 'search_titles', cond: RawBuilder<unknown>) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from ${joined(table)} where ${where(cond)}`.execute(db)).rows[0]
          ?.n ?? 0,
      );
    // The matches' ids up to one more than can be ranked: when they are all (a narrow query), they are
    // the count and what the ranking reads, so a phrase's candidates are fetched from TOAST once for
    // matching and once for ranking, not a third time for a count of their own; the scan stops there
    // for a broad one, which is then counted on its own.
    const counted = (
      await sql<{ id: number }>`select search_docs.article_id as id from ${joined('search_docs')}
        where ${where(matches)} limit ${RANK_LIMIT + 1}`.execute(db)
    ).rows;
    const total = counted.length <= RANK_LIMIT ? counted.length : await count('search_docs', matches);
    if (total === 0 || page.offset >= total) return { total, ids: [] };
    if (total > RANK_LIMIT) {
      // Many matches: title matches, then the rest, each newest first (engine.ts). The titles have a
      // table of their own (migration 0039), small enough to stay in the row: a weight label in the
      // query ('县':*A) made GIN recheck every candidate's whole tsvector.
      const inTitle = sql`search_titles.tsv @@ ${query}::tsquery`;
      const recent = async (
        table: 'search_docs' | 'search_titles',
        cond: RawBuilder<unknown>,
        limit: number,
        offset: number,
      ) =>
        (
          await sql<{ id: number }>`select ${sql.ref(`${table}.article_id`)} as id from ${joined(table)}
            where ${where(cond)} order by ${sql.ref(`${table}.article_id`)} desc limit ${limit} offset ${offset}`.execute(
            db,
          )
        ).rows.map((r) => Number(r.id));
      const ids = await recent('search_titles', inTitle, page.limit, page.offset);
      if (ids.length < page.limit) {
        const titled = ids.length > 0 ? page.offset + ids.length : await count('search_titles', inTitle);
        const rest = sql`${matches} and not exists (select 1 from search_titles
          where search_titles.article_id = search_docs.article_id and ${inTitle})`;
        ids.push(...(await recent('search_docs', rest, page.limit - ids.length, Math.max(0, page.offset - titled))));
      }
      return { total, ids };
    }
    const weights = `{0,0,${1 / TITLE_WEIGHT},1}`; // D, C, B (body), A (title)
    const together = plan.together
      ? sql`(case when search_docs.tsv @@ ${phraseQuery(plan.together)}::tsquery then ${TOGETHER_BONUS} else 1 end)`
      : sql`1`;
    // The matches (at most RANK_LIMIT) are ranked first, then each is looked up in `articles` by its key
    // (LATERAL … OFFSET 0 keeps that order): left to the planner, a stale estimate of `articles`
    // (autovacuum off, or not yet run after a bulk import) made it walk every article and test each
    // one's tsvector (8 s at 100k).
    const rows = await sql<{ id: number }>`with hits as materialized (
        select search_docs.article_id,
          ts_rank(${weights}::float4[], search_docs.tsv, ${query}::tsquery) * ${together} as score
        from search_docs where search_docs.article_id = any(${counted.map((r) => Number(r.id))}::int[]))
      select articles.id as id, hits.score as score from hits cross join lateral (
        select articles.id, articles.published_at from articles
        where articles.id = hits.article_id and ${filterSql(filters)} offset 0) as articles
      order by ${ORDER} limit ${page.limit} offset ${page.offset}`.execute(db);
    return { total, ids: rows.rows.map((r) => Number(r.id)) };
  }
}
