import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialect } from '../../../test/harness/db.js';
import { seedRawArticles } from '../../../test/harness/raw-seed.js';
import { migrateToLatest } from '../db/migrate.js';
import { Settings } from '../settings.js';
import { rebuildIndex, SearchService } from './search.js';
import { MysqlFulltextEngine } from './engine-mysql.js';
import { MROONGA_TABLE, mroongaAvailable } from './engine-mroonga.js';
import { planQuery } from './tokenize.js';

// MariaDB's search on Mroonga (migration 0041, engine-mroonga.ts): an index outside the transaction,
// fed through a queue that is. The test server runs Mroonga (test/run.sh installs Debian's
// mariadb-plugin-mroonga); GOVPORTAL_TEST_MROONGA=off says it cannot, and these tests are then skipped.

const at = '2026-03-01T02:00:00.000Z';
const wanted = testDialect() === 'mysql' && process.env.GOVPORTAL_TEST_MROONGA !== 'off';
let t: TestDatabase;
let search: SearchService;
const found = async (q: string) => (await search.search(q, { siteId: 1 }, { limit: 50, offset: 0 })).ids;

describe.runIf(wanted)('site search on MariaDB Mroonga', () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    expect(await mroongaAvailable(t.database.db), 'the test server has no Mroonga (test/run.sh)').toBe(true);
    // Migration 0041 carries an index that InnoDB FULLTEXT holds across.
    await migrateToLatest(t.database, '0040_search_postgres_quadruples');
    const db = t.database.db;
    await seedRawArticles(db, at, [
      { id: 1, title: '人力资源招聘公告', status: 'published' },
      { id: 2, title: '涟水县城市建设规划', status: 'published' },
      { id: 3, title: '草稿里的乡村振兴', status: 'draft' },
      { id: 4, title: '京沪高速G2涟水段施工', status: 'published' },
    ]);
    expect(await rebuildIndex(db, new MysqlFulltextEngine())).toBe(3);
    await migrateToLatest(t.database);
    search = new SearchService(db, t.dialect, new Settings(db));
  });

  afterAll(async () => {
    await t?.database.close();
    await t?.drop();
  });

  it('moves the InnoDB index to Mroonga in migration 0041', async () => {
    expect(await found('人力资源')).toEqual([1]);
    expect(search.engine.name).toBe('MariaDB Mroonga');
    const innodb = await sql<{ n: number }>`select count(*) as n from search_docs`.execute(t.database.db);
    expect(Number(innodb.rows[0]!.n)).toBe(0);
  });

  it('leaves nothing in the index from a transaction that rolled back', async () => {
    const db = t.database.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('articles').set({ status: 'published', published_at: at }).where('id', '=', 3).execute();
        await search.index(trx, 3);
        await trx.updateTable('articles').set({ title: '回滚' }).where('id', '=', 3).execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await found('乡村振兴')).toEqual([]);
    // A take-down that rolled back leaves the item found.
    await expect(
      db.transaction().execute(async (trx) => {
        await search.remove(trx, 2);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await found('城市建设')).toEqual([2]);
  });

  it('applies changes committed but not yet applied (a crash after the commit) before the next search', async () => {
    const db = t.database.db;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('articles').set({ status: 'published', published_at: at }).where('id', '=', 3).execute();
      await search.index(trx, 3);
    });
    const queued = await sql<{ n: number }>`select count(*) as n from search_docs_queue`.execute(db);
    expect(Number(queued.rows[0]!.n)).toBe(1);
    const fresh = new SearchService(db, t.dialect, new Settings(db)); // another process
    expect((await fresh.search('乡村振兴', { siteId: 1 }, { limit: 10, offset: 0 })).ids).toEqual([3]);
    const left = await sql<{ n: number }>`select count(*) as n from search_docs_queue`.execute(db);
    expect(Number(left.rows[0]!.n)).toBe(0);
  });

  it('finds the same as InnoDB FULLTEXT, which a server without Mroonga keeps', async () => {
    const db = t.database.db;
    const innodb = new MysqlFulltextEngine();
    await rebuildIndex(db, innodb);
    const queries = ['县', '涟水', '涟水县', '人力资源', '城市 规划', 'g2', 'G2京沪', '京沪高速G', '2026年', '草稿'];
    for (const q of queries) {
      const plan = planQuery(q);
      const page = { limit: 10, offset: 0 };
      const filters = { siteId: 1, siteHoldsAll: true };
      const ours = await search.engine.search(db, plan, filters, page);
      expect(ours, q).toEqual(await innodb.search(db, plan, filters, page));
    }
    expect((await found('涟水')).sort()).toEqual([2, 4]);
    const rows = await sql<{ n: number }>`select count(*) as n from ${sql.table(MROONGA_TABLE)}`.execute(db);
    expect(Number(rows.rows[0]!.n)).toBe(4);
  });

  it('moves an InnoDB index to Mroonga at a reindex, once the server has the plugin', async () => {
    const db = t.database.db;
    await sql`drop table ${sql.table(MROONGA_TABLE)}`.execute(db);
    await sql`drop table search_docs_queue`.execute(db);
    const before = new SearchService(db, t.dialect, new Settings(db));
    expect(await before.search('涟水', { siteId: 1 }, { limit: 10, offset: 0 })).toMatchObject({ total: 2 });
    expect(before.engine.name).toBe('MariaDB InnoDB FULLTEXT');
    expect(await before.reindex()).toBe(4);
    expect(before.engine.name).toBe('MariaDB Mroonga');
    search = new SearchService(db, t.dialect, new Settings(db));
    expect((await found('涟水')).sort()).toEqual([2, 4]);
  });
});
