import { sql, type Kysely, type Transaction } from 'kysely';
import { chunk } from '../db/helpers.js';
import type { DB } from '../db/tables.js';
import { indexTokens, normalize, planQuery } from './tokenize.js';

const TITLE_WEIGHT = 10;
const MAX_CANDIDATES = 2000;

export interface IndexedDoc {
  id: number;
  title: string;
  text: string;
}

/** The n-gram postings of published articles. Only published articles are ever indexed. */
export class SearchIndex {
  constructor(private readonly db: Kysely<DB>) {}

  async index(trx: Transaction<DB> | Kysely<DB>, doc: IndexedDoc): Promise<void> {
    const weights = new Map<string, number>();
    for (const t of indexTokens(doc.title)) weights.set(t, (weights.get(t) ?? 0) + TITLE_WEIGHT);
    for (const t of indexTokens(doc.text)) weights.set(t, (weights.get(t) ?? 0) + 1);
    await trx.deleteFrom('search_postings').where('article_id', '=', doc.id).execute();
    const rows = [...weights].map(([token, weight]) => ({
      token,
      article_id: doc.id,
      weight: Math.min(weight, 1_000_000),
    }));
    for (const part of chunk(rows, 300)) await trx.insertInto('search_postings').values(part).execute();
  }

  async remove(trx: Transaction<DB> | Kysely<DB>, articleId: number): Promise<void> {
    await trx.deleteFrom('search_postings').where('article_id', '=', articleId).execute();
  }

  /**
   * Candidate article ids with their score, best first. The caller confirms each candidate against
   * its text (`confirms`) because bigrams only prove the pieces are present, not their order.
   */
  async candidates(query: string): Promise<{ terms: string[]; hits: Array<{ id: number; score: number }> }> {
    const plan = planQuery(query);
    if (plan.tokens.length === 0) return { terms: plan.terms, hits: [] };
    const rows = await this.db
      .selectFrom('search_postings')
      .select(['article_id', (eb) => eb.fn.sum<number>('weight').as('score')])
      .where('token', 'in', plan.tokens)
      .groupBy('article_id')
      .having(sql`count(*)`, '=', plan.tokens.length)
      .orderBy('score', 'desc')
      .orderBy('article_id', 'desc')
      .limit(MAX_CANDIDATES)
      .execute();
    return { terms: plan.terms, hits: rows.map((r) => ({ id: Number(r.article_id), score: Number(r.score) })) };
  }
}

export function confirms(terms: readonly string[], title: string, text: string): boolean {
  const hay = normalize(`${title}\n${text}`);
  return terms.every((t) => hay.includes(t));
}
