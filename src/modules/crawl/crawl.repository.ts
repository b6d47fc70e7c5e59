import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Scope } from '../../platform/auth/policy.js';
import { chunk, insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { CrawlSourcesTable } from '../../platform/db/tables-crawl.js';

export type SourceRow = Awaited<ReturnType<CrawlRepository['list']>>[number];

/** Crawl sources, what they delivered and their log; a unit's scope is a WHERE clause here. */
export class CrawlRepository {
  constructor(readonly db: Kysely<DB>) {}

  private sources(db: Executor, scope: Scope) {
    let q = db
      .selectFrom('crawl_sources as s')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .innerJoin('columns as c', 'c.id', 's.column_id')
      .selectAll('s')
      .select(['u.name as unit_name', 'c.name as column_name'])
      .select((eb) =>
        eb
          .selectFrom('crawl_items as i')
          .whereRef('i.source_id', '=', 's.id')
          .select((i) => i.fn.countAll<number>().as('n'))
          .as('item_count'),
      );
    if (scope.kind === 'unit') q = q.where('s.unit_id', '=', scope.unitId);
    return q;
  }

  list(scope: Scope, siteId?: number, db: Executor = this.db) {
    let q = this.sources(db, scope);
    if (siteId) q = q.where('s.site_id', '=', siteId);
    return q.orderBy('s.id').execute();
  }

  get(scope: Scope, id: number, db: Executor = this.db) {
    return this.sources(db, scope).where('s.id', '=', id).executeTakeFirst();
  }

  /** Enabled sources whose next run is due at `now` (never run, or their interval has passed). */
  async due(now: string, db: Executor = this.db): Promise<number[]> {
    const rows = await db
      .selectFrom('crawl_sources')
      .select(['id', 'last_run_at', 'every_minutes'])
      .where('enabled', '=', 1)
      .orderBy('id')
      .execute();
    const t = Date.parse(now);
    return rows
      .filter((r) => !r.last_run_at || Date.parse(r.last_run_at) + r.every_minutes * 60_000 <= t)
      .map((r) => r.id);
  }

  insert(db: Executor, row: Insertable<CrawlSourcesTable>): Promise<number> {
    return insertReturningId(db, 'crawl_sources', row);
  }

  async update(db: Executor, id: number, patch: Updateable<CrawlSourcesTable>): Promise<void> {
    await db.updateTable('crawl_sources').set(patch).where('id', '=', id).execute();
  }

  async remove(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('crawl_sources').where('id', '=', id).execute();
  }

  /** Which of these URL and content hashes the source already has. */
  async known(sourceId: number, urlHashes: string[], contentHashes: string[], db: Executor = this.db) {
    const urls = new Set<string>();
    const contents = new Set<string>();
    for (const part of chunk(urlHashes))
      for (const r of await db
        .selectFrom('crawl_items')
        .select('url_hash')
        .where('source_id', '=', sourceId)
        .where('url_hash', 'in', part)
        .execute())
        urls.add(r.url_hash);
    for (const part of chunk(contentHashes))
      for (const r of await db
        .selectFrom('crawl_items')
        .select('content_hash')
        .where('source_id', '=', sourceId)
        .where('content_hash', 'in', part)
        .execute())
        contents.add(r.content_hash);
    return { urls, contents };
  }

  insertItem(
    db: Executor,
    row: {
      source_id: number;
      url: string;
      url_hash: string;
      content_hash: string;
      title: string;
      published_at: string | null;
      article_id: number | null;
      created_at: string;
    },
  ): Promise<number> {
    return insertReturningId(db, 'crawl_items', row);
  }

  async log(
    db: Executor,
    row: {
      source_id: number;
      at: string;
      ok: number;
      found: number;
      added: number;
      message: string;
      duration_ms: number;
    },
  ): Promise<void> {
    await db.insertInto('crawl_logs').values(row).execute();
  }

  logOf(sourceId: number, limit: number, db: Executor = this.db) {
    return db
      .selectFrom('crawl_logs')
      .selectAll()
      .where('source_id', '=', sourceId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Every source's health for the guarantee board: owner, column, last success, failures, newest item. */
  health(siteId: number | null, db: Executor = this.db) {
    let q = db
      .selectFrom('crawl_sources as s')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .innerJoin('columns as c', 'c.id', 's.column_id')
      .select([
        's.id',
        's.site_id',
        's.name',
        's.unit_id',
        'u.name as unit_name',
        'u.short_name as unit_short_name',
        's.column_id',
        'c.name as column_name',
        's.enabled',
        's.stale_days',
        's.created_at',
        's.last_run_at',
        's.last_success_at',
        's.consecutive_failures',
        's.newest_item_at',
        's.last_error',
      ])
      .where('s.enabled', '=', 1);
    if (siteId !== null) q = q.where('s.site_id', '=', siteId);
    return q.orderBy('s.id').execute();
  }
}
