import { sql } from 'kysely';

// Shanghai days in portable SQL. Instants are stored as UTC ISO strings, and a Shanghai day starts at
// 16:00 UTC the day before, so grouping by the UTC date and "at or after 16:00" gives the Shanghai day
// without any dialect's date functions (the checks run the same on SQLite, PostgreSQL and MariaDB).

export const utcDate = (col: string) => sql<string>`substr(${sql.ref(col)}, 1, 10)`;
export const lateFlag = (col: string) =>
  sql<number>`case when substr(${sql.ref(col)}, 12, 2) >= '16' then 1 else 0 end`;

/** The Shanghai day of a grouped UTC date and its "after 16:00 UTC" flag. */
export function shanghaiDayOf(utc: string, late: number | string): string {
  if (Number(late) !== 1) return utc;
  return new Date(Date.parse(`${utc}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}
