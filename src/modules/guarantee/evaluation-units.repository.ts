import type { Kysely } from 'kysely';
import { chunk, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import { lateFlag, shanghaiDayOf, utcDate } from './day-sql.js';

// The reads behind duties units share (issue 8): each unit's own items in a column a unit group keeps,
// and the branch columns of the per-unit 信息公开 trees. Grouped queries over the columns concerned only.

export class SharedItemsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Each unit's newest published item per column before the cutoff, for the columns of duties a group
   * of units shares (each unit is judged on its own items): home columns, then further listings.
   */
  async unitLast(columnIds: readonly number[], cutoff: string, db: Executor = this.db) {
    const out: Array<{ unitId: number; columnId: number; lastAt: string }> = [];
    for (const ids of chunk([...new Set(columnIds)])) {
      const home = await db
        .selectFrom('articles')
        .select(['unit_id', 'column_id', (eb) => eb.fn.max('published_at').as('last_at')])
        .where('column_id', 'in', ids)
        .where('status', '=', 'published')
        .where('published_at', '<', cutoff)
        .groupBy(['unit_id', 'column_id'])
        .execute();
      const listed = await db
        .selectFrom('article_columns as ac')
        .innerJoin('articles as a', 'a.id', 'ac.article_id')
        .select(['a.unit_id', 'ac.column_id', (eb) => eb.fn.max('a.published_at').as('last_at')])
        .where('ac.column_id', 'in', ids)
        .where('a.status', '=', 'published')
        .where('a.published_at', '<', cutoff)
        .groupBy(['a.unit_id', 'ac.column_id'])
        .execute();
      for (const r of [...home, ...listed])
        if (r.last_at !== null) out.push({ unitId: r.unit_id, columnId: r.column_id, lastAt: String(r.last_at) });
    }
    return out;
  }

  /** Published items per unit, home column and Shanghai day in [from, cutoff): shared duties in reports. */
  async unitPublishedCounts(columnIds: readonly number[], from: string, cutoff: string, db: Executor = this.db) {
    const out: Array<{ unitId: number; columnId: number; day: string; n: number }> = [];
    for (const ids of chunk([...new Set(columnIds)])) {
      const rows = await db
        .selectFrom('articles')
        .select([
          'unit_id',
          'column_id',
          utcDate('published_at').as('d'),
          lateFlag('published_at').as('late'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where('column_id', 'in', ids)
        .where('status', '=', 'published')
        .where('published_at', '>=', from)
        .where('published_at', '<', cutoff)
        .groupBy(['unit_id', 'column_id', utcDate('published_at'), lateFlag('published_at')])
        .execute();
      for (const r of rows)
        out.push({ unitId: r.unit_id, columnId: r.column_id, day: shanghaiDayOf(r.d, r.late), n: Number(r.n) });
    }
    return out;
  }

  /** Branch columns of the per-unit 信息公开 trees (not the 一级栏目 the 2019 notice rule counts). */
  async branchColumns(db: Executor = this.db): Promise<number[]> {
    return (await db.selectFrom('unit_branches').select('column_id').execute()).map((r) => r.column_id);
  }
}
