// Contract of the guarantee list's import (POST /api/imports/guarantee-list, modules/guarantee/
// list-import.*): what was made, updated or left, what could not be read, and the report the CLI prints.
// Shared with the admin app as '@contract/guarantee-import'.

import { z } from 'zod';
import { Day } from './common.js';

const Counts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
const Note = z.object({ row: z.number().int(), path: z.string(), problem: z.string() });
const Made = z.object({ created: z.array(z.string()), matched: z.array(z.string()) });

export const ImportChange = z.object({
  action: z.enum(['create', 'update']),
  entity: z.enum(['site', 'column', 'unit', 'group', 'alias', 'duty']),
  name: z.string(),
  row: z.number().int().optional(),
  detail: z.string().optional(),
});
export type ImportChange = z.infer<typeof ImportChange>;

export const ImportSummary = z.object({
  site: z.object({ id: z.number().int(), code: z.string(), name: z.string(), created: z.boolean() }),
  format: z.enum(['csv', 'xlsx']),
  rows: z.number().int(),
  /** The day new duties apply from; `explicit`: given with the import (it then also moves existing ones). */
  effective: z.object({ day: Day, explicit: z.boolean() }),
  columns: Counts,
  duties: Counts,
  units: Made,
  groups: Made,
  aliasesLearned: z.array(z.object({ unit: z.string(), alias: z.string() })),
  unresolved: z.array(z.object({ name: z.string(), rows: z.array(z.number().int()) })),
  gaps: z.array(Note),
  mirrors: z.array(z.object({ row: z.number().int(), path: z.string(), sourcePath: z.string() })),
  warnings: z.array(Note),
  /** Duty columns whose update class nobody could tell yet (the office picks one in the admin app). */
  unclassified: z.array(z.object({ row: z.number().int(), path: z.string() })),
  /** The per-unit 信息公开 tree: the rows it carries and what keeping it in step with the units did. */
  tree: z
    .object({
      root: z.string(),
      row: z.number().int(),
      entries: z.array(z.object({ row: z.number().int(), path: z.string(), sub: z.string() })),
      subs: z.array(z.string()),
      units: z.number().int(),
      branchesCreated: z.number().int(),
      renamed: z.number().int(),
      columnsCreated: z.number().int(),
      dutiesCreated: z.number().int(),
      dutiesUpdated: z.number().int(),
    })
    .nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const GuaranteeImportResult = z.object({
  applied: z.boolean(),
  summary: ImportSummary,
  changes: z.array(ImportChange),
  /** The summary in Chinese, line by line, as the CLI prints it. */
  report: z.array(z.string()),
});
export type GuaranteeImportResult = z.infer<typeof GuaranteeImportResult>;
