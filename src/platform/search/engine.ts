import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/helpers.js';
import type { Phrase, QueryPlan } from './tokenize.js';

// One interface over each database's own full-text engine (docs/search.md). The engines index the
// token chain of tokenize.ts; filtering by site, status, column, unit, type and date is a join on
// `articles`, so only the tokens are stored twice.

export interface IndexedDoc {
  id: number;
  /** The title and the 文号, weighted far above the body. */
  title: string;
  body: string;
}

export interface SearchFilters {
  siteId: number;
  /** The column and its sub-columns, and items listed there too (一文多发). */
  columnId?: number | undefined;
  unitId?: number | undefined;
  type?: string | undefined;
  /** Published on or after / before these instants (UTC ISO). */
  from?: string | undefined;
  to?: string | undefined;
  /**
   * Every article in the index belongs to this site (set by SearchService, which knows which sites
   * have published articles): the engine may then count and order the index's matches alone, with
   * no lookup in `articles` per match (most installations have one site).
   */
  siteHoldsAll?: boolean | undefined;
}

export interface SearchHits {
  total: number;
  /** Article ids of the page, best first (ties: newest first). */
  ids: number[];
}

export interface SearchEngine {
  readonly name: string;
  /** Replace the document in the index; runs inside the caller's transaction. */
  put(trx: Executor, doc: IndexedDoc): Promise<void>;
  /** Replace many documents at once (a rebuild, a bulk import): one statement a batch, not one a document. */
  putMany(trx: Executor, docs: readonly IndexedDoc[]): Promise<void>;
  remove(trx: Executor, articleId: number): Promise<void>;
  /** Empty the whole index (before a rebuild). */
  clear(trx: Executor): Promise<void>;
  /** After a rebuild: merge the index into its most compact form, where the engine has such a step. */
  optimize(db: Executor): Promise<void>;
  /**
   * Apply committed changes that the index took outside the transaction (engine-mroonga.ts); the
   * other engines write inside it and have nothing to do.
   */
  settle?(db: Executor): Promise<void>;
  /** Before a rebuild: set up the best index the server offers (engine-mariadb.ts). */
  prepare?(db: Executor): Promise<void>;
  search(
    db: Executor,
    plan: QueryPlan,
    filters: SearchFilters,
    page: { limit: number; offset: number },
  ): Promise<SearchHits>;
}

type IndexRow = { id: number; title: string; doc_no: string | null; body_text: string; status: string };

/** What the index holds of an article: the 文号 goes with the title. */
export const toDoc = (r: IndexRow): IndexedDoc => ({
  id: r.id,
  title: [r.title, r.doc_no ?? ''].join('\n'),
  body: r.body_text,
});

/** The documents of those of these articles that are published (the others belong out of the index). */
export async function readDocs(db: Executor, ids: readonly number[]): Promise<IndexedDoc[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'title', 'doc_no', 'body_text', 'status'])
    .where('id', 'in', ids)
    .where('status', '=', 'published')
    .execute();
  return rows.map(toDoc);
}

/** How many times a title match outweighs a body match. */
export const TITLE_WEIGHT = 20;
/**
 * Result sets up to this size are ordered by relevance (bm25 and the like), which reads every match's
 * positions; larger ones (a one- or two-character query can match most of the site) are ordered title
 * matches first, then the rest, each newest first, which an index reads in order and stops after a page.
 * It was 2,000: PostgreSQL's ts_rank reads each match's tsvector from TOAST (about 75 µs a match), so
 * 600–2,000 matches took 45–150 ms and made the p95 (bench/RESULTS.md, 2026-12-06 07:45); at 500 the
 * ranked sets cost at most about 40 ms there, and a set of 500 matches is read newest first anyway.
 */
export const RANK_LIMIT = 500;

/** Whether the matches must be looked up in `articles` for the filters (all but the lone site's). */
export function needsJoin(f: SearchFilters): boolean {
  return !f.siteHoldsAll || f.columnId != null || f.unitId != null || f.type != null || f.from != null || f.to != null;
}

/** Results that have the query's chunks side by side score this many times more. */
export const TOGETHER_BONUS = 2;

export function phrasesOf(plan: QueryPlan): Phrase[] {
  return plan.terms.flat();
}

/** The WHERE conditions on `articles` every engine joins its matches with. */
export function filterSql(f: SearchFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`articles.site_id = ${f.siteId}`, sql`articles.status = 'published'`];
  if (f.columnId != null) {
    const subtree = sql`select descendant_id from column_closure where ancestor_id = ${f.columnId}`;
    parts.push(
      sql`(articles.column_id in (${subtree}) or articles.id in (select article_id from article_columns where column_id in (${subtree})))`,
    );
  }
  if (f.unitId != null) parts.push(sql`articles.unit_id = ${f.unitId}`);
  if (f.type != null) parts.push(sql`articles.type = ${f.type}`);
  if (f.from != null) parts.push(sql`articles.published_at >= ${f.from}`);
  if (f.to != null) parts.push(sql`articles.published_at < ${f.to}`);
  return sql.join(parts, sql` and `);
}

/** Best first; equal scores newest first. */
export const ORDER = sql`score desc, articles.published_at desc, articles.id desc`;
