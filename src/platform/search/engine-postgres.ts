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

// PostgreSQL: search_docs.tsv, a tsvector with a GIN index. The vector is written as a literal
// ('涟水':1A '水县':2A …) rather than through to_tsvector, so no text-search configuration or locale
// decides how Chinese is split: the tokens are ours, as on the other engines. Title tokens carry
// weight A, body tokens B; ts_rank's weights make A TITLE_WEIGHT times B. Phrases use <-> (followed
// by), a one-character term the prefix form '县':*, which the GIN index serves as a range scan.

const MAX_POS = 16383; // PostgreSQL keeps positions up to this; later ones share it
const MAX_POSITIONS = 256; // positions kept per lexeme
// A tsvector must stay under 1 MB; a body so long that its distinct tokens approach that (hundreds of
// thousands of characters) is indexed up to this budget rather than refused at publishing.
const MAX_LITERAL = 900_000;

const quote = (token: string) => `'${token}'`;

/** The tsvector literal of a document: each token with its positions and weight. */
export function tsvectorLiteral(title: string, body: string): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  let bytes = 0;
  const add = (tokens: string[], weight: 'A' | 'B') => {
    for (const t of tokens) {
      pos = Math.min(pos + 1, MAX_POS);
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
    }
  };
  add(indexTokens(title), 'A');
  pos = Math.min(pos + 1, MAX_POS); // a gap: a phrase does not run from the title into the body
  add(indexTokens(body), 'B');
  return [...positions].map(([t, list]) => `${quote(t)}:${[...new Set(list)].join(',')}`).join(' ');
}

function phraseQuery(p: Phrase): string {
  const parts = p.tokens.map(quote);
  if (p.prefix) parts[parts.length - 1] += ':*';
  return parts.length > 1 ? `(${parts.join(' <-> ')})` : parts[0]!;
}

export function tsQuery(plan: QueryPlan): string {
  return plan.terms.map((t) => `(${t.map(phraseQuery).join(' | ')})`).join(' & ');
}

export class PostgresTsvectorEngine implements SearchEngine {
  readonly name = 'PostgreSQL tsvector + GIN';

  async put(trx: Executor, doc: IndexedDoc): Promise<void> {
    await sql`insert into search_docs (article_id, tsv) values (${doc.id}, ${tsvectorLiteral(doc.title, doc.body)}::tsvector)
      on conflict (article_id) do update set tsv = excluded.tsv`.execute(trx);
  }

  async remove(trx: Executor, articleId: number): Promise<void> {
    await sql`delete from search_docs where article_id = ${articleId}`.execute(trx);
  }

  async clear(trx: Executor): Promise<void> {
    await sql`delete from search_docs`.execute(trx);
  }

  /** The planner needs the new table's statistics to choose the GIN index over a scan. */
  async optimize(db: Executor): Promise<void> {
    await sql`analyze search_docs`.execute(db);
  }

  async search(
    db: Executor,
    plan: QueryPlan,
    filters: SearchFilters,
    page: { limit: number; offset: number },
  ): Promise<SearchHits> {
    if (plan.terms.length === 0) return { total: 0, ids: [] };
    const where = sql`search_docs.tsv @@ ${tsQuery(plan)}::tsquery and ${filterSql(filters)}`;
    const from = sql`search_docs join articles on articles.id = search_docs.article_id`;
    const count = await sql<{ n: number }>`select count(*) as n from ${from} where ${where}`.execute(db);
    const total = Number(count.rows[0]?.n ?? 0);
    if (total === 0 || page.offset >= total) return { total, ids: [] };
    const weights = `{0,0,${1 / TITLE_WEIGHT},1}`; // D, C, B (body), A (title)
    const together = plan.together
      ? sql`(case when search_docs.tsv @@ ${phraseQuery(plan.together)}::tsquery then ${TOGETHER_BONUS} else 1 end)`
      : sql`1`;
    const rows = await sql<{ id: number }>`select articles.id as id,
        ts_rank(${weights}::float4[], search_docs.tsv, ${tsQuery(plan)}::tsquery) * ${together} as score
      from ${from} where ${where} order by ${ORDER} limit ${page.limit} offset ${page.offset}`.execute(db);
    return { total, ids: rows.rows.map((r) => Number(r.id)) };
  }
}
