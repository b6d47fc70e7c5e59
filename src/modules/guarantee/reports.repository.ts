import type { Insertable, Kysely } from 'kysely';
import { insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { GuaranteeIndicatorDaysTable, GuaranteeReportsTable } from '../../platform/db/tables-guarantee.js';

type IndicatorValues = Pick<Insertable<GuaranteeIndicatorDaysTable>, 'value' | 'level' | 'detail' | 'computed_at'>;

/** What the guarantee keeps of its own results: the archived 通报 and the daily indicator values. */
export class ReportsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** A site by id, or the default site when none is named. */
  async site(siteId?: number) {
    const q = this.db.selectFrom('sites').select(['id', 'name', 'sponsor']);
    return siteId
      ? q.where('id', '=', siteId).executeTakeFirst()
      : q.orderBy('is_default', 'desc').orderBy('id').executeTakeFirst();
  }

  async siteIds(): Promise<number[]> {
    return (await this.db.selectFrom('sites').select('id').execute()).map((s) => s.id);
  }

  async bulletins(q: { siteId?: number; year?: number }) {
    let query = this.db.selectFrom('guarantee_reports').selectAll().where('kind', '=', 'monthly');
    if (q.siteId) query = query.where('site_id', '=', q.siteId);
    if (q.year) query = query.where('period', 'like', `${q.year}-%`);
    return query.orderBy('period', 'desc').orderBy('id', 'desc').execute();
  }

  async bulletinExists(siteId: number, month: string): Promise<boolean> {
    return !!(await this.db
      .selectFrom('guarantee_reports')
      .select('id')
      .where('site_id', '=', siteId)
      .where('kind', '=', 'monthly')
      .where('period', '=', month)
      .executeTakeFirst());
  }

  async report(id: number, db: Executor = this.db) {
    return db.selectFrom('guarantee_reports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertReport(trx: Executor, values: Insertable<GuaranteeReportsTable>): Promise<number> {
    return insertReturningId(trx, 'guarantee_reports', values);
  }

  /** Record an indicator's value of a day, replacing the one recorded earlier that day. */
  async saveIndicator(
    key: { siteId: number; day: string; indicator: string },
    row: IndicatorValues,
    db: Executor = this.db,
  ): Promise<void> {
    const done = await db
      .updateTable('guarantee_indicator_days')
      .set(row)
      .where('site_id', '=', key.siteId)
      .where('day', '=', key.day)
      .where('indicator', '=', key.indicator)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0)
      await db
        .insertInto('guarantee_indicator_days')
        .values({ site_id: key.siteId, day: key.day, indicator: key.indicator, ...row })
        .execute();
  }

  async indicatorDays(q: { siteId?: number; from: string; to: string }) {
    let query = this.db
      .selectFrom('guarantee_indicator_days')
      .selectAll()
      .where('day', '>=', q.from)
      .where('day', '<=', q.to);
    if (q.siteId) query = query.where('site_id', '=', q.siteId);
    return query.orderBy('site_id').orderBy('day').orderBy('indicator').execute();
  }
}
