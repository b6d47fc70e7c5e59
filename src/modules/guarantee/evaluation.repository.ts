import type { Kysely } from 'kysely';
import { chunk, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import { lateFlag, shanghaiDayOf, utcDate } from './day-sql.js';

// The reads of the guarantee checks. Each is one grouped query over every column, unit or duty at
// once (never one query per duty), so evaluating thousands of duties costs a handful of queries.
// Instants are UTC ISO strings; days are Shanghai days (day-sql.ts).

export interface ColumnRow {
  id: number;
  site_id: number;
  parent_id: number | null;
  name: string;
  kind: string;
  update_class: string | null;
  update_class_confirmed: number;
  source_column_id: number | null;
  link_url: string | null;
  created_at: string;
}

export interface LastFirst {
  column_id: number;
  last_at: string | null;
  last_id: number | null;
  first_at: string | null;
}

export class EvaluationRepository {
  constructor(private readonly db: Kysely<DB>) {}

  sites(db: Executor = this.db) {
    return db.selectFrom('sites').select(['id', 'name', 'home_blocks']).orderBy('id').execute();
  }

  columns(siteId: number | undefined, db: Executor = this.db): Promise<ColumnRow[]> {
    let q = db
      .selectFrom('columns')
      .select([
        'id',
        'site_id',
        'parent_id',
        'name',
        'kind',
        'update_class',
        'update_class_confirmed',
        'source_column_id',
        'link_url',
        'created_at',
      ]);
    if (siteId) q = q.where('site_id', '=', siteId);
    return q.orderBy('site_id').orderBy('sort_order').orderBy('id').execute();
  }

  closure(siteId: number | undefined, db: Executor = this.db) {
    let q = db
      .selectFrom('column_closure')
      .innerJoin('columns', 'columns.id', 'column_closure.ancestor_id')
      .select(['column_closure.ancestor_id', 'column_closure.descendant_id', 'column_closure.depth']);
    if (siteId) q = q.where('columns.site_id', '=', siteId);
    return q.execute();
  }

  /** Duties of a site, or only those a unit answers for (named, or through a group of its category). */
  duties(filter: { siteId?: number; unitId?: number; columnId?: number; dutyId?: number }, db: Executor = this.db) {
    let q = db
      .selectFrom('duties')
      .innerJoin('columns', 'columns.id', 'duties.column_id')
      .select([
        'duties.id',
        'duties.column_id',
        'duties.requirement_text',
        'duties.cadence',
        'duties.min_per_week',
        'duties.channel',
        'duties.rule',
        'duties.effective_from',
        'columns.site_id',
      ]);
    if (filter.siteId) q = q.where('columns.site_id', '=', filter.siteId);
    if (filter.columnId) q = q.where('duties.column_id', '=', filter.columnId);
    if (filter.dutyId) q = q.where('duties.id', '=', filter.dutyId);
    if (filter.unitId) {
      const unitId = filter.unitId;
      q = q.where('duties.id', 'in', (eb) =>
        eb
          .selectFrom('duty_units')
          .select('duty_units.duty_id')
          .where((w) =>
            w.or([
              w('duty_units.unit_id', '=', unitId),
              w(
                'duty_units.group_id',
                'in',
                w
                  .selectFrom('unit_group_categories')
                  .innerJoin('units', 'units.category', 'unit_group_categories.category')
                  .select('unit_group_categories.group_id')
                  .where('units.id', '=', unitId),
              ),
            ]),
          ),
      );
    }
    return q.orderBy('columns.site_id').orderBy('columns.path').orderBy('duties.id').execute();
  }

  parties(db: Executor = this.db) {
    return db
      .selectFrom('duty_units')
      .select(['duty_id', 'unit_id', 'group_id', 'role', 'label'])
      .orderBy('id')
      .execute();
  }

  units(db: Executor = this.db) {
    return db
      .selectFrom('units')
      .select(['id', 'name', 'short_name', 'category', 'active', 'assessed_from', 'sort_order'])
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
  }

  groupCategories(db: Executor = this.db) {
    return db
      .selectFrom('unit_group_categories')
      .innerJoin('unit_groups', 'unit_groups.id', 'unit_group_categories.group_id')
      .select(['unit_group_categories.group_id', 'unit_group_categories.category', 'unit_groups.name'])
      .execute();
  }

  /**
   * For every column: its newest published item before the cutoff and its first one. Correlated
   * subqueries on (column_id, status, published_at) make each a single index seek per column.
   */
  async lastFirst(siteId: number | undefined, cutoff: string, db: Executor = this.db): Promise<LastFirst[]> {
    let q = db
      .selectFrom('columns as c')
      .select((eb) => [
        'c.id as column_id',
        eb
          .selectFrom('articles as a')
          .select('a.published_at')
          .whereRef('a.column_id', '=', 'c.id')
          .where('a.status', '=', 'published')
          .where('a.published_at', '<', cutoff)
          .orderBy('a.published_at', 'desc')
          .limit(1)
          .as('last_at'),
        eb
          .selectFrom('articles as a')
          .select('a.published_at')
          .whereRef('a.column_id', '=', 'c.id')
          .where('a.status', '=', 'published')
          .where('a.published_at', '<', cutoff)
          .orderBy('a.published_at', 'asc')
          .limit(1)
          .as('first_at'),
      ]);
    if (siteId) q = q.where('c.site_id', '=', siteId);
    const home = await q.execute();
    // Items listed in further columns (一文多发): few, grouped in one pass.
    const extra = await db
      .selectFrom('article_columns as ac')
      .innerJoin('articles as a', 'a.id', 'ac.article_id')
      .select([
        'ac.column_id',
        (eb) => eb.fn.max('a.published_at').as('last_at'),
        (eb) => eb.fn.min('a.published_at').as('first_at'),
      ])
      .where('a.status', '=', 'published')
      .where('a.published_at', '<', cutoff)
      .groupBy('ac.column_id')
      .execute();
    const out = new Map<number, LastFirst>(
      home.map((r) => [
        r.column_id,
        { column_id: r.column_id, last_at: r.last_at ?? null, last_id: null, first_at: r.first_at ?? null },
      ]),
    );
    for (const e of extra) {
      const row = out.get(e.column_id);
      if (!row) continue;
      const last = e.last_at === null ? null : String(e.last_at);
      const first = e.first_at === null ? null : String(e.first_at);
      if (last && (!row.last_at || last > row.last_at)) row.last_at = last;
      if (first && (!row.first_at || first < row.first_at)) row.first_at = first;
    }
    return [...out.values()];
  }

  /**
   * Published items per home column and Shanghai day in [from, cutoff), for the columns whose rules
   * count days (a range seek per column on articles_column_pub_idx).
   */
  async publishedCounts(columnIds: readonly number[], from: string, cutoff: string, db: Executor = this.db) {
    const out: Array<{ columnId: number; day: string; n: number }> = [];
    for (const ids of chunk([...new Set(columnIds)])) {
      const rows = await db
        .selectFrom('articles')
        .select([
          'column_id',
          utcDate('published_at').as('d'),
          lateFlag('published_at').as('late'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where('column_id', 'in', ids)
        .where('status', '=', 'published')
        .where('published_at', '>=', from)
        .where('published_at', '<', cutoff)
        .groupBy(['column_id', utcDate('published_at'), lateFlag('published_at')])
        .execute();
      for (const r of rows) out.push({ columnId: r.column_id, day: shanghaiDayOf(r.d, r.late), n: Number(r.n) });
    }
    return out;
  }

  /** The newest published item of each column before the cutoff (the item behind a "last update"). */
  async lastItems(columnIds: readonly number[], cutoff: string, db: Executor = this.db): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const ids of chunk([...new Set(columnIds)])) {
      const rows = await db
        .selectFrom('columns as c')
        .select((eb) => [
          'c.id',
          eb
            .selectFrom('articles as a')
            .select('a.id')
            .whereRef('a.column_id', '=', 'c.id')
            .where('a.status', '=', 'published')
            .where('a.published_at', '<', cutoff)
            .orderBy('a.published_at', 'desc')
            .orderBy('a.id', 'desc')
            .limit(1)
            .as('last_id'),
        ])
        .where('c.id', 'in', ids)
        .execute();
      for (const r of rows) if (r.last_id !== null) out.set(r.id, Number(r.last_id));
    }
    return out;
  }

  /** Items listed in further columns, one row per listing, in [from, cutoff). */
  async extraListings(from: string, cutoff: string, db: Executor = this.db) {
    const rows = await db
      .selectFrom('article_columns as ac')
      .innerJoin('articles as a', 'a.id', 'ac.article_id')
      .select(['ac.article_id', 'ac.column_id', 'a.column_id as home_id', 'a.unit_id', 'a.published_at'])
      .where('a.status', '=', 'published')
      .where('a.published_at', '>=', from)
      .where('a.published_at', '<', cutoff)
      .execute();
    return rows.map((r) => ({
      articleId: r.article_id,
      columnId: r.column_id,
      homeId: r.home_id,
      unitId: r.unit_id,
      publishedAt: r.published_at!,
    }));
  }

  /** Ledger entries per unit, column, Shanghai day and state in [from, cutoff), every channel. */
  async ledgerCounts(from: string, cutoff: string, db: Executor = this.db) {
    const rows = await db
      .selectFrom('submissions')
      .select([
        'unit_id',
        'column_id',
        'state',
        utcDate('received_at').as('d'),
        lateFlag('received_at').as('late'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('received_at', '>=', from)
      .where('received_at', '<', cutoff)
      .groupBy(['unit_id', 'column_id', 'state', utcDate('received_at'), lateFlag('received_at')])
      .execute();
    return rows.map((r) => ({
      unitId: r.unit_id,
      columnId: r.column_id,
      state: r.state,
      day: shanghaiDayOf(r.d, r.late),
      n: Number(r.n),
    }));
  }

  /** Each unit's last ledger entry per column before the cutoff (all, and adopted): where a breach began. */
  async lastSubmissions(cutoff: string, db: Executor = this.db) {
    // Answered from the covering index submissions_unit_column_idx (unit, column, state, received_at).
    const rows = await db
      .selectFrom('submissions')
      .select(['unit_id', 'column_id', 'state', (eb) => eb.fn.max('received_at').as('at')])
      .where('received_at', '<', cutoff)
      .where('column_id', 'is not', null)
      .groupBy(['unit_id', 'column_id', 'state'])
      .execute();
    const out = new Map<string, { unitId: number; columnId: number; all: string | null; adopted: string | null }>();
    for (const r of rows) {
      const key = `${r.unit_id}|${r.column_id}`;
      const row = out.get(key) ?? { unitId: r.unit_id, columnId: r.column_id!, all: null, adopted: null };
      const at = String(r.at);
      if (!row.all || at > row.all) row.all = at;
      if (r.state === 'adopted') row.adopted = at;
      out.set(key, row);
    }
    return [...out.values()];
  }

  /** Ledger entries per unit, channel and state received in [from, cutoff): the 通报's figures. */
  ledgerTotals(from: string, cutoff: string, db: Executor = this.db) {
    return db
      .selectFrom('submissions')
      .select(['unit_id', 'channel', 'state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('received_at', '>=', from)
      .where('received_at', '<', cutoff)
      .groupBy(['unit_id', 'channel', 'state'])
      .execute();
  }

  /** Probes of link columns up to the cutoff, newest first, at most `per` per column. */
  async probes(columnIds: readonly number[], cutoff: string, per = 10, db: Executor = this.db) {
    const out = new Map<
      number,
      Array<{
        checked_at: string;
        ok: number;
        status_code: number | null;
        error: string | null;
        final_url: string | null;
      }>
    >();
    for (const ids of chunk(columnIds)) {
      const rows = await db
        .selectFrom('link_checks')
        .select(['column_id', 'checked_at', 'ok', 'status_code', 'error', 'final_url'])
        .where('column_id', 'in', ids)
        .where('checked_at', '<', cutoff)
        .orderBy('column_id')
        .orderBy('checked_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      for (const r of rows) {
        const list = out.get(r.column_id) ?? [];
        if (list.length < per) list.push(r);
        out.set(r.column_id, list);
      }
    }
    return out;
  }

  /** Published items in [from, cutoff), newest first, at most `limit`: the items that counted. */
  itemsBetween(siteId: number | undefined, from: string, cutoff: string, limit: number, db: Executor = this.db) {
    let q = db
      .selectFrom('articles')
      .innerJoin('units', 'units.id', 'articles.unit_id')
      .select([
        'articles.id',
        'articles.title',
        'articles.published_at',
        'articles.column_id',
        'units.short_name as unit_name',
        'articles.channel',
      ])
      .where('articles.status', '=', 'published')
      .where('articles.published_at', '>=', from)
      .where('articles.published_at', '<', cutoff);
    if (siteId) q = q.where('articles.site_id', '=', siteId);
    return q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
  }

  /** Ledger entries in [from, cutoff), newest first: the submissions that counted. */
  submissionsBetween(from: string, cutoff: string, limit: number, db: Executor = this.db) {
    return db
      .selectFrom('submissions')
      .select(['id', 'unit_id', 'title', 'channel', 'state', 'received_at', 'article_id', 'column_id'])
      .where('received_at', '>=', from)
      .where('received_at', '<', cutoff)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async articleTitles(ids: readonly number[], db: Executor = this.db) {
    const out = new Map<number, { id: number; title: string; published_at: string | null; column_id: number }>();
    for (const part of chunk([...new Set(ids)])) {
      for (const r of await db
        .selectFrom('articles')
        .select(['id', 'title', 'published_at', 'column_id'])
        .where('id', 'in', part)
        .execute())
        out.set(r.id, r);
    }
    return out;
  }
}
