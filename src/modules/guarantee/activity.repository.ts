import { type Kysely, sql } from 'kysely';
import { chunk } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import { WAS_PUBLISHED } from '../content/content.schemas.js';

// What units did, as the guarantee's reports and charts count it: items published, entries in the
// submission ledger, the columns an item is listed in. Read only.

/** The Shanghai day of a stored instant, and whether it came after 16:00 (stored UTC, +8). */
const dayOf = (col: string) => sql<string>`substr(${sql.ref(col)}, 1, 10)`;
const lateOf = (col: string) => sql<number>`case when substr(${sql.ref(col)}, 12, 2) >= '16' then 1 else 0 end`;

export class ActivityRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Items published in [from, to) per column. */
  async publishedByColumn(siteId: number, from: string, to: string) {
    const rows = await this.db
      .selectFrom('articles')
      .select(['column_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('site_id', '=', siteId)
      .where('status', 'in', WAS_PUBLISHED)
      .where('published_at', '>=', from)
      .where('published_at', '<', to)
      .groupBy('column_id')
      .execute();
    return rows.map((r) => ({ columnId: r.column_id, n: Number(r.n) }));
  }

  /** 解读信息: items linked to a policy as its interpretation (双向关联), published in [from, to). */
  async interpretations(siteId: number, from: string, to: string): Promise<number> {
    const row = await this.db
      .selectFrom('article_relations')
      .innerJoin('articles', 'articles.id', 'article_relations.interpretation_id')
      .select((eb) => eb.fn.count<number>('article_relations.interpretation_id').distinct().as('n'))
      .where('articles.site_id', '=', siteId)
      .where('articles.status', 'in', WAS_PUBLISHED)
      .where('articles.published_at', '>=', from)
      .where('articles.published_at', '<', to)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async unit(id: number) {
    return this.db
      .selectFrom('units')
      .select(['id', 'name', 'short_name', 'category', 'assessed_from'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async units() {
    return this.db
      .selectFrom('units')
      .select(['id', 'short_name', 'sort_order'])
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
  }

  /** Published items per unit, stored day and late flag, in [start, end). */
  async publishedPerDay(q: { start: string; end: string; siteId?: number; unitId?: number }) {
    let query = this.db
      .selectFrom('articles')
      .select([
        'unit_id',
        dayOf('published_at').as('d'),
        lateOf('published_at').as('late'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('status', 'in', WAS_PUBLISHED)
      .where('published_at', '>=', q.start)
      .where('published_at', '<', q.end);
    if (q.siteId) query = query.where('site_id', '=', q.siteId);
    if (q.unitId) query = query.where('unit_id', '=', q.unitId);
    return query.groupBy(['unit_id', dayOf('published_at'), lateOf('published_at')]).execute();
  }

  /** Ledger entries per unit, state, stored day and late flag, in [start, end). */
  async submittedPerDay(q: { start: string; end: string; unitId?: number }) {
    let query = this.db
      .selectFrom('submissions')
      .select([
        'unit_id',
        'state',
        dayOf('received_at').as('d'),
        lateOf('received_at').as('late'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('received_at', '>=', q.start)
      .where('received_at', '<', q.end);
    if (q.unitId) query = query.where('unit_id', '=', q.unitId);
    return query.groupBy(['unit_id', 'state', dayOf('received_at'), lateOf('received_at')]).execute();
  }

  /** The columns each item is listed in besides its own (article_columns). */
  async listings(articleIds: readonly number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    for (const ids of chunk(articleIds))
      for (const r of await this.db
        .selectFrom('article_columns')
        .select(['article_id', 'column_id'])
        .where('article_id', 'in', ids)
        .execute())
        out.set(r.article_id, [...(out.get(r.article_id) ?? []), r.column_id]);
    return out;
  }
}
