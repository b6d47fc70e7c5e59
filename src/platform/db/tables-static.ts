import type { Generated } from 'kysely';

// The tables of migration 0025 (static publishing, modules/publish). Conventions as in tables.ts.

/** One file static publishing wrote: what the tamper guard checks the folder against. */
export interface StaticFilesTable {
  id: Generated<number>;
  site_id: number;
  /** Relative to the output folder, `<site code>/...`, with `/` separators. */
  path: string;
  sha256: string; // hex
  size: number;
  written_at: string;
}

/** What a file shows (portal/dependents.ts tags): a change touching a tag regenerates the file. */
export interface StaticFileTagsTable {
  file_id: number;
  site_id: number;
  tag: string;
}

export interface StaticTables {
  static_files: StaticFilesTable;
  static_file_tags: StaticFileTagsTable;
}
