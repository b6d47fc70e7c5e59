// Building blocks of the contract between the server and the admin app (src/contract/README in
// docs/ARCHITECTURE.md). Everything here is imported by both sides, so it may depend on zod only:
// never on the database, Fastify or Node.

import { z } from 'zod';

/** `:id` in a path. */
export const IdParams = z.object({ id: z.coerce.number().int().positive('编号无效') });

/** A UTC instant as the API writes it (ISO 8601, e.g. 2026-12-05T01:02:03.000Z). */
export const Instant = z.string();

/** An Asia/Shanghai calendar day, YYYY-MM-DD. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** The reply of a change that returns nothing (HTTP 204). */
export const NoContent = z.null().describe('无内容');

/**
 * An enumeration with the Chinese label of each value, written once: the server validates with
 * `schema`, the admin app shows `labels`, and a value without a label does not compile.
 */
export function labelledEnum<const V extends readonly [string, ...string[]]>(
  values: V,
  labels: Record<V[number], string>,
) {
  return { values, schema: z.enum(values), labels } as const;
}

/** The label of a value, or the value itself when it is not one of ours (data from an older version). */
export function labelOf<V extends string>(labels: Record<V, string>, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return (labels as Record<string, string>)[value] ?? value;
}
