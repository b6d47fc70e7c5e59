import { sql, type Kysely } from 'kysely';
import { WAS_PUBLISHED } from '../../contract/content.js';
import type { SharePeriod } from '../../contract/crawl.js';

type SharePeriodValue = (typeof SharePeriod.values)[number];
import { chunk, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';

/** 栏目共建 shares (duty_shares, migration 0013): each co-building unit's items per period. */
export class SharesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async forDuties(dutyIds: readonly number[], db: Executor = this.db) {
    const out = new Map<
      number,
      Array<{ unitId: number; unitName: string; minItems: number; period: SharePeriodValue }>
    >();
    for (const ids of chunk([...dutyIds])) {
      const rows = await db
        .selectFrom('duty_shares as s')
        .innerJoin('units as u', 'u.id', 's.unit_id')
        .select(['s.duty_id', 's.unit_id', 'u.name as unit_name', 's.min_items', 's.period'])
        .where('s.duty_id', 'in', ids)
        .orderBy('s.duty_id')
        .orderBy('u.sort_order')
        .orderBy('u.id')
        .execute();
      for (const r of rows) {
        const list = out.get(r.duty_id) ?? [];
        list.push({
          unitId: r.unit_id,
          unitName: r.unit_name,
          minItems: r.min_items,
          period: r.period as SharePeriodValue,
        });
        out.set(r.duty_id, list);
      }
    }
    return out;
  }

  /** How many of these unit ids exist. */
  async existingUnits(db: Executor, unitIds: readonly number[]): Promise<number> {
    const rows = await db
      .selectFrom('units')
      .select('id')
      .where('id', 'in', [...unitIds, 0])
      .execute();
    return rows.length;
  }

  async replace(db: Executor, dutyId: number, shares: Array<{ unitId: number; minItems: number; period: string }>) {
    await db.deleteFrom('duty_shares').where('duty_id', '=', dutyId).execute();
    if (shares.length)
      await db
        .insertInto('duty_shares')
        .values(shares.map((s) => ({ duty_id: dutyId, unit_id: s.unitId, min_items: s.minItems, period: s.period })))
        .execute();
  }

  /** Every share on a site's columns, with the column's name, for the monthly 通报. */
  ofSite(siteId: number, db: Executor = this.db) {
    return db
      .selectFrom('duty_shares as s')
      .innerJoin('duties as d', 'd.id', 's.duty_id')
      .innerJoin('columns as c', 'c.id', 'd.column_id')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select([
        's.duty_id',
        'd.column_id',
        'd.effective_from',
        'c.name as column_name',
        's.unit_id',
        'u.name as unit_name',
        'u.short_name',
        's.min_items',
        's.period',
      ])
      .where('c.site_id', '=', siteId)
      .orderBy('c.sort_order')
      .orderBy('c.id')
      .orderBy('u.sort_order')
      .orderBy('u.id')
      .execute();
  }

  dutyColumn(dutyId: number, db: Executor = this.db) {
    return db.selectFrom('duties').select(['id', 'column_id']).where('id', '=', dutyId).executeTakeFirst();
  }

  /**
   * Items each unit published in a column or its sub-columns between two instants (items taken
   * offline since still count: they were published in the period).
   */
  async publishedByUnit(
    columnId: number,
    unitIds: readonly number[],
    from: string,
    to: string,
    db: Executor = this.db,
  ) {
    const out = new Map<number, number>();
    if (!unitIds.length) return out;
    const rows = await db
      .selectFrom('articles as a')
      .innerJoin('column_closure as cc', 'cc.descendant_id', 'a.column_id')
      .select(['a.unit_id', sql<number>`count(distinct a.id)`.as('n')])
      .where('cc.ancestor_id', '=', columnId)
      .where('a.unit_id', 'in', [...unitIds])
      .where('a.status', 'in', WAS_PUBLISHED)
      .where('a.published_at', '>=', from)
      .where('a.published_at', '<', to)
      .groupBy('a.unit_id')
      .execute();
    for (const r of rows) out.set(r.unit_id, Number(r.n));
    return out;
  }
}
