import { sql, type ColumnDataType, type CreateTableBuilder, type Expression, type Kysely } from 'kysely';
import type { Dialect } from '../config.js';

// Small portable pieces for migrations. Kysely's schema builder covers most of what we need; these
// cover the few places where the dialects disagree on a type name.

export interface MigrationContext {
  dialect: Dialect;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export type AnyDb = Kysely<any>;

type DataType = ColumnDataType | Expression<unknown>;

/** An auto-generated integer primary key. */
export function withId<T extends string>(ctx: MigrationContext, table: CreateTableBuilder<T, never>) {
  if (ctx.dialect === 'postgres') return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Text that may be large (article bodies): MySQL's TEXT stops at 64 KB. */
export function longText(ctx: MigrationContext): DataType {
  return ctx.dialect === 'mysql' ? sql`mediumtext` : 'text';
}

/** A timestamp column: UTC ISO-8601 text, see tables.ts. */
export const timestamp: DataType = 'varchar(32)';

/** Create a table with the dialect's table options (MySQL: InnoDB, utf8mb4 for Chinese text,
 * binary collation so comparisons behave as on PostgreSQL and SQLite). */
export function createTable(db: AnyDb, ctx: MigrationContext, name: string) {
  const builder = db.schema.createTable(name);
  return ctx.dialect === 'mysql'
    ? builder.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`)
    : builder;
}
