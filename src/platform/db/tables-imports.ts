import type { Generated } from 'kysely';

// The tables of migration 0008 (repeatable imports, the roster's requirements, site probes).
// Conventions as in tables.ts.

export interface ArticleImportKeysTable {
  id: Generated<number>;
  /** sha256 of site, kind and key: what makes a second import of the same line find the first. */
  key_hash: string;
  site_id: number;
  article_id: number;
  kind: string; // id | url | line | legacy (backfilled for items imported before keys existed)
  source_key: string | null;
  created_at: string;
}

/** What the office expects of a unit's roster when it is not one 分管领导 and at least one 信息员. */
export interface PersonnelRequirementsTable {
  unit_id: number;
  leaders: number; // exactly this many 分管领导 (0: none needed)
  min_officers: number; // at least this many 信息员 (0: none needed)
  note: string | null;
  updated_by: number | null;
  updated_at: string;
}

/** One probe of a site's own public address (站点无法访问). */
export interface SiteProbesTable {
  id: Generated<number>;
  site_id: number;
  url: string;
  probed_at: string;
  ok: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface ImportsTables {
  article_import_keys: ArticleImportKeysTable;
  personnel_requirements: PersonnelRequirementsTable;
  site_probes: SiteProbesTable;
}
