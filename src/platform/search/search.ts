import type { Kysely } from 'kysely';
import type { Dialect } from '../config.js';
import type { ClusterBus } from '../cluster/bus.js';
import type { Executor } from '../db/helpers.js';
import type { DB } from '../db/tables.js';
import type { EventBus } from '../events.js';
import type { ProgressFn } from '../jobs/progress.js';
import type { Settings } from '../settings.js';
import { DEFAULT_ABBREVIATIONS, equivalentsOf, type Abbreviation } from './abbreviations.js';
import { type SearchEngine, type SearchFilters, toDoc } from './engine.js';
import { MariadbEngine } from './engine-mariadb.js';
import { PostgresTsvectorEngine } from './engine-postgres.js';
import { SqliteFts5Engine } from './engine-sqlite.js';
import { planQuery } from './tokenize.js';

export const ABBREVIATIONS_KEY = 'search.abbreviations';
/** Popular queries are answered from memory for this long (and until the next index change). */
const CACHE_MS = 30_000;
const CACHE_ENTRIES = 500;
const REINDEX_BATCH = 500;

export function engineFor(dialect: Dialect): SearchEngine {
  switch (dialect) {
    case 'sqlite':
      return new SqliteFts5Engine();
    case 'postgres':
      return new PostgresTsvectorEngine();
    case 'mysql':
      return new MariadbEngine();
  }
}

export interface SearchResult {
  total: number;
  ids: number[];
  /** The normalised pieces to highlight (the query's and its abbreviations' runs). */
  marks: string[];
}

/**
 * Published articles in the database's full-text engine. Writers call index()/remove() inside the
 * transaction that changes the article, so the index never disagrees with what the site shows.
 */
export class SearchService {
  readonly engine: SearchEngine;
  private readonly cache = new Map<string, { at: number; result: SearchResult }>();
  private abbreviations: { at: number; list: Abbreviation[] } | null = null;
  /** The sites that have published (so indexed) articles; emptied with the results cache. */
  private sites: { at: number; ids: number[] } | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    dialect: Dialect,
    private readonly settings: Settings,
    private readonly now: () => number = Date.now,
  ) {
    this.engine = engineFor(dialect);
  }

  /** Bring an article's index entry in step with its row: indexed when published, absent otherwise. */
  async index(trx: Executor, articleId: number): Promise<void> {
    const row = await trx
      .selectFrom('articles')
      .select(['id', 'title', 'doc_no', 'body_text', 'status'])
      .where('id', '=', articleId)
      .executeTakeFirst();
    if (row?.status === 'published') await this.engine.put(trx, toDoc(row));
    else await this.engine.remove(trx, articleId);
  }

  async remove(trx: Executor, articleId: number): Promise<void> {
    await this.engine.remove(trx, articleId);
  }

  /**
   * Forget the cached results; called once a change to articles has committed (services.ts), never
   * inside the transaction, where a reader could cache the old results again before the commit.
   */
  forget(): void {
    this.cache.clear();
    this.sites = null;
    // Another process may have saved the abbreviation list (the cluster bus calls this there too).
    this.abbreviations = null;
  }

  /**
   * After a committed change to articles, an import or the abbreviation list: forget the cached results,
   * apply what the change queued (MariaDB's Mroonga), and tell the other processes on the database.
   */
  follow(events: EventBus, bus: Pick<ClusterBus, 'publish' | 'on'>): void {
    events.onCommitted(async (event) => {
      if (event.entityType === 'article' || event.type.startsWith('import') || event.type.startsWith('search.')) {
        this.forget();
        await this.settle();
        await bus.publish('search', null);
      }
    });
    bus.on('search', () => this.forget());
  }

  /** Apply what committed transactions queued for an index kept outside them (MariaDB's Mroonga). */
  async settle(): Promise<void> {
    await this.engine.settle?.(this.db);
  }

  async search(query: string, filters: SearchFilters, page: { limit: number; offset: number }): Promise<SearchResult> {
    const key = JSON.stringify([query, filters, page]);
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < CACHE_MS) return hit.result;
    const plan = planQuery(query, equivalentsOf(await this.abbreviationList()));
    const sites = await this.indexedSites();
    const found = sites.includes(filters.siteId)
      ? await this.engine.search(this.db, plan, { ...filters, siteHoldsAll: sites.length === 1 }, page)
      : { total: 0, ids: [] };
    const result = { ...found, marks: plan.marks };
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { at: this.now(), result });
    return result;
  }

  /** One index seek a site: most installations have one, whose search then needs no join (engine.ts). */
  private async indexedSites(): Promise<number[]> {
    if (this.sites && this.now() - this.sites.at < CACHE_MS) return this.sites.ids;
    const rows = await this.db
      .selectFrom('sites')
      .select('sites.id')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('articles')
            .select('articles.id')
            .whereRef('articles.site_id', '=', 'sites.id')
            .where('articles.status', '=', 'published'),
        ),
      )
      .execute();
    this.sites = { at: this.now(), ids: rows.map((r) => r.id) };
    return this.sites.ids;
  }

  async abbreviationList(): Promise<Abbreviation[]> {
    if (this.abbreviations && this.now() - this.abbreviations.at < CACHE_MS) return this.abbreviations.list;
    const list = await this.settings.get<Abbreviation[]>(ABBREVIATIONS_KEY, DEFAULT_ABBREVIATIONS);
    this.abbreviations = { at: this.now(), list };
    return list;
  }

  async saveAbbreviations(trx: Executor, list: Abbreviation[]): Promise<void> {
    await this.settings.set(trx, ABBREVIATIONS_KEY, list);
    this.abbreviations = null;
    this.forget();
  }

  /** Rebuild the whole index from the published articles (`govportal search reindex`). */
  async reindex(progress: ProgressFn = () => undefined): Promise<number> {
    await this.engine.prepare?.(this.db);
    const done = await rebuildIndex(this.db, this.engine, progress);
    this.forget();
    return done;
  }
}

/** Empty the index and put every published article in, in batches of one transaction each. */
export async function rebuildIndex(
  db: Executor,
  engine: SearchEngine,
  progress: ProgressFn = () => undefined,
): Promise<number> {
  const published = () => db.selectFrom('articles').where('status', '=', 'published');
  const total = Number(
    (
      await published()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  await engine.clear(db);
  let done = 0;
  let after = 0;
  for (;;) {
    const rows = await published()
      .select(['id', 'title', 'doc_no', 'body_text', 'status'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(REINDEX_BATCH)
      .execute();
    if (rows.length === 0) break;
    const put = (trx: Executor) => engine.putMany(trx, rows.map(toDoc));
    // Inside a migration the whole rebuild is already one transaction.
    if (db.isTransaction) await put(db);
    else {
      await db.transaction().execute(put);
      await engine.settle?.(db);
    }
    done += rows.length;
    after = rows[rows.length - 1]!.id;
    progress(done, total, `已重建搜索索引 ${done}/${total} 条`);
  }
  await engine.optimize(db);
  return done;
}
