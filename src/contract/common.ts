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

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is the string a real calendar day ("2026-02-30" is not)? (platform/calendar/days.ts re-exports it.) */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

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

/** A page of a list: the items and where they stand in the whole. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/**
 * The schema of a partial update (PATCH): every field optional and, unlike `.partial()`, with no
 * defaults. In zod 4 a default inside `.partial()` still fills an absent field, so a PATCH that only
 * changes the title would reset the body to its default; here an absent field stays absent.
 */
export function patchOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      ((field instanceof z.ZodDefault ? field.removeDefault() : field) as z.ZodType).optional(),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>> }>;
}

/**
 * A background job (an import) the admin app polls: its progress, and its result once it succeeded
 * (the module's summary; GET /api/imports/jobs/:id says which by `kind`).
 */
export const ImportJob = z.object({
  id: z.string(),
  kind: z.string(),
  ownerId: z.number().int().nullable(),
  state: z.enum(['running', 'succeeded', 'failed']),
  processed: z.number().int(),
  total: z.number().int().nullable(),
  message: z.string(),
  result: z.unknown(),
  // The error's body as any refusal carries it: code, message, and the details its code has.
  error: z
    .looseObject({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    })
    .nullable(),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
});
export interface ImportJob<R = unknown> extends Omit<z.infer<typeof ImportJob>, 'result'> {
  result: R | null;
}

/** A file the server sends as it is (a download, a PDF, an XLSX, a printable HTML page). */
export const FileBytes = z.any().describe('文件内容（二进制）');
