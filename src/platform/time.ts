// Days are days in Asia/Shanghai (UTC+8, no daylight saving since 1991); instants are stored in UTC.

const OFFSET_MS = 8 * 3600_000;

/** The UTC instant (ISO) at which a Shanghai calendar day begins. */
export function shanghaiDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS).toISOString();
}

/** The UTC instant (ISO) at which the Shanghai day after `day` begins (exclusive end of `day`). */
export function shanghaiDayEnd(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS + 86_400_000).toISOString();
}

/** The Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDay(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** "2026-11-26 16:05" in Shanghai time, for people. */
export function shanghaiDateTime(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
