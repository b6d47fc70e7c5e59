import { sql } from 'kysely';
import { engineFor, rebuildIndex } from '../../search/search.js';
import type { AnyDb, MigrationContext } from '../schema-builder.js';

// PostgreSQL search at 100k articles (bench/RESULTS.md, docs/search.md "Large result sets"): the
// title tier gets a table of its own, search_titles, whose small vectors stay in the row, so "title
// matches first" no longer rechecks every candidate's whole tsvector for a weight label; search_docs
// keeps its tsvector out of the row (TOAST) from 128 bytes on, so counting a GIN bitmap reads narrow
// rows; and the index is rebuilt with the single characters and triples engine-postgres.ts now adds.
// search_titles follows search_docs through a trigger: the engine writes search_docs only, as it did
// when migration 0022 (which rebuilds through the current engine) ran.
// MariaDB and SQLite: nothing to change in their schema.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  // Built once after the rebuild rather than kept up row by row (about 60 articles a second).
  await sql`drop index search_docs_tsv_idx`.execute(db);
  await sql`alter table search_docs set (toast_tuple_target = 128)`.execute(db);
  await sql`create table search_titles (
      article_id integer primary key references search_docs (article_id) on delete cascade,
      tsv tsvector not null)`.execute(db);
  await sql`create function search_titles_sync() returns trigger language plpgsql as $$
    begin
      insert into search_titles (article_id, tsv) values (new.article_id, ts_filter(new.tsv, '{a}'))
        on conflict (article_id) do update set tsv = excluded.tsv;
      return null;
    end $$`.execute(db);
  await sql`create trigger search_docs_titles after insert or update of tsv on search_docs
    for each row execute function search_titles_sync()`.execute(db);
  await rebuildIndex(db as unknown as Parameters<typeof rebuildIndex>[0], engineFor(ctx.dialect));
  await sql`create index search_docs_tsv_idx on search_docs using gin (tsv)`.execute(db);
  await sql`create index search_titles_tsv_idx on search_titles using gin (tsv)`.execute(db);
}
