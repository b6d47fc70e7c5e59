import { sql } from 'kysely';
import { engineFor, rebuildIndex } from '../../search/search.js';
import type { AnyDb, MigrationContext } from '../schema-builder.js';

// PostgreSQL search: a four-character query counted its matches by rechecking a phrase of triples in
// every candidate's tsvector (0.9 s for 47k matches at 100k articles, bench/RESULTS.md); the vectors
// now hold each run's quadruples too, so such a query is one lexeme that GIN answers alone
// (engine-postgres.ts). The index is rebuilt with them: the queries ask for quadruples from now on.
// MariaDB and SQLite: nothing to change.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  // Built once after the rebuild rather than kept up row by row.
  await sql`drop index search_docs_tsv_idx`.execute(db);
  await sql`drop index search_titles_tsv_idx`.execute(db);
  await rebuildIndex(db as unknown as Parameters<typeof rebuildIndex>[0], engineFor(ctx.dialect));
  await sql`create index search_docs_tsv_idx on search_docs using gin (tsv)`.execute(db);
  await sql`create index search_titles_tsv_idx on search_titles using gin (tsv)`.execute(db);
}
