import type { Executor } from '../db/helpers.js';
import type { IndexedDoc, SearchEngine, SearchFilters, SearchHits } from './engine.js';
import { createMroongaIndex, MroongaEngine, mroongaAvailable, mroongaInUse } from './engine-mroonga.js';
import { MysqlFulltextEngine } from './engine-mysql.js';
import type { QueryPlan } from './tokenize.js';

// MariaDB's search index is Mroonga's where the server has that engine (migration 0041, or a reindex
// after an operator installed it), InnoDB FULLTEXT otherwise. Which one a database uses is read once a
// process from its tables, so every process on the database agrees.

export class MariadbEngine implements SearchEngine {
  private chosen: Promise<SearchEngine> | null = null;
  private known: SearchEngine | null = null;

  get name(): string {
    return this.known?.name ?? 'MariaDB';
  }

  private engine(db: Executor): Promise<SearchEngine> {
    this.chosen ??= mroongaInUse(db).then(
      (yes) => {
        this.known = yes ? new MroongaEngine() : new MysqlFulltextEngine();
        return this.known;
      },
      (error: unknown) => {
        this.chosen = null;
        throw error;
      },
    );
    return this.chosen;
  }

  async prepare(db: Executor): Promise<void> {
    if ((await mroongaInUse(db)) || !(await mroongaAvailable(db))) return;
    await createMroongaIndex(db);
    this.chosen = null;
    this.known = null;
  }

  async put(trx: Executor, doc: IndexedDoc): Promise<void> {
    await (await this.engine(trx)).put(trx, doc);
  }

  async putMany(trx: Executor, docs: readonly IndexedDoc[]): Promise<void> {
    await (await this.engine(trx)).putMany(trx, docs);
  }

  async remove(trx: Executor, articleId: number): Promise<void> {
    await (await this.engine(trx)).remove(trx, articleId);
  }

  async clear(trx: Executor): Promise<void> {
    await (await this.engine(trx)).clear(trx);
  }

  async optimize(db: Executor): Promise<void> {
    await (await this.engine(db)).optimize(db);
  }

  async settle(db: Executor): Promise<void> {
    await (await this.engine(db)).settle?.(db);
  }

  async search(
    db: Executor,
    plan: QueryPlan,
    filters: SearchFilters,
    page: { limit: number; offset: number },
  ): Promise<SearchHits> {
    return (await this.engine(db)).search(db, plan, filters, page);
  }
}
