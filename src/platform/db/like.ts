import { sql, type RawBuilder } from 'kysely';

// LIKE escaping differs by dialect (SQLite has no default escape character, MySQL treats backslash
// specially in literals). An explicit ESCAPE '!' means the same on all three.

export function likeContains(column: string, needle: string): RawBuilder<boolean> {
  const pattern = `%${needle.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '!'`;
}
