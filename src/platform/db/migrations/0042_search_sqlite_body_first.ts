import { sql } from 'kysely';
import { engineFor, rebuildIndex } from '../../search/search.js';
import type { AnyDb, MigrationContext } from '../schema-builder.js';

// SQLite search: the FTS5 table is made again with the body as its first column. FTS5 writes each
// position list of a column after the first with that column's number, so with the title first every
// body entry — nearly all of the index — carried it: at 100k articles the index shrinks from 208 MB to
// 149 MB, at the same query times (bench/search-tokens.ts, bench/RESULTS.md). The index is rebuilt
// from the published articles. PostgreSQL and MariaDB: nothing to change.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'sqlite') return;
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(body, title, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0', prefix='1')`.execute(db);
  await rebuildIndex(db as unknown as Parameters<typeof rebuildIndex>[0], engineFor(ctx.dialect));
}
