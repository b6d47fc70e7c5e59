import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../config.js';

// The tables as the database itself describes them, in an order that loads: every table after the tables
// its foreign keys reference. Read from the catalogue (not from tables.ts) so that a backup holds every
// table a migration made, including ones no code reads any more.

// biome-ignore lint/suspicious/noExplicitAny: the catalogue is read without the app's table types
type AnyKysely = Kysely<any>;

export interface TableInfo {
  name: string;
  columns: string[];
  /** Has an integer `id` primary key: rows are read in id order, and deferred references set by id. */
  hasId: boolean;
}

export interface ForeignKey {
  table: string;
  column: string;
  references: string;
}

export async function foreignKeys(db: AnyKysely, dialect: Dialect): Promise<ForeignKey[]> {
  const query =
    dialect === 'sqlite'
      ? sql<ForeignKey>`select m.name as "table", p."from" as "column", p."table" as "references"
          from sqlite_master m join pragma_foreign_key_list(m.name) p where m.type = 'table'`
      : dialect === 'postgres'
        ? sql<ForeignKey>`select kcu.table_name as "table", kcu.column_name as "column", ccu.table_name as "references"
            from information_schema.table_constraints tc
            join information_schema.key_column_usage kcu
              on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
            join information_schema.constraint_column_usage ccu
              on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
            where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`
        : sql<ForeignKey>`select table_name as \`table\`, column_name as \`column\`, referenced_table_name as \`references\`
            from information_schema.key_column_usage
            where table_schema = database() and referenced_table_name is not null`;
  return (await query.execute(db)).rows;
}

/**
 * The site search's index: derived from the published articles, different on each database (an FTS5
 * virtual table and its shadow tables on SQLite, tsvector tables (search_docs, search_titles) on PostgreSQL,
 * FULLTEXT or the Mroonga table and its queue (search_docs_mroonga, search_docs_queue) on MySQL), so it is not backed up; a restore rebuilds it (`govportal restore` runs the search reindex). The job
 * leases and the cache bus's messages (platform/cluster) belong to the running processes, not the data.
 */
export const DERIVED_TABLE = /^search_(fts|docs|titles)(_|$)|^(job_leases|cache_invalidations)$/;

/** Every table of the application (Kysely's own migration tables and derived indexes excluded), in load order. */
export async function tablesInLoadOrder(db: AnyKysely, dialect: Dialect): Promise<TableInfo[]> {
  const metas = (await db.introspection.getTables()).filter((t) => !t.isView && !DERIVED_TABLE.test(t.name));
  const fks = await foreignKeys(db, dialect);
  const byName = new Map(
    metas.map((t) => [
      t.name,
      {
        name: t.name,
        columns: t.columns.map((c) => c.name),
        hasId: t.columns.some((c) => c.name === 'id'),
      } satisfies TableInfo,
    ]),
  );
  const needs = new Map<string, Set<string>>();
  for (const t of byName.keys()) needs.set(t, new Set());
  for (const fk of fks)
    if (fk.table !== fk.references && byName.has(fk.references)) needs.get(fk.table)?.add(fk.references);
  // Kahn's algorithm, alphabetical among the ready ones so that the order is the same on every dialect;
  // a cycle (none today) is broken at the alphabetically first table and loaded with deferred references.
  const ordered: TableInfo[] = [];
  const left = new Set([...byName.keys()].sort());
  while (left.size > 0) {
    const ready = [...left].find((t) => [...needs.get(t)!].every((r) => !left.has(r))) ?? [...left][0]!;
    left.delete(ready);
    ordered.push(byName.get(ready)!);
  }
  return ordered;
}
