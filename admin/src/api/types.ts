// The one reply not yet in the contract (POST /api/imports/guarantee-list, still on the pending list of
// test/http/routes-without-reply-schema.txt). Everything else: '@contract/<module>'.

export interface GuaranteeImportResult {
  applied: boolean;
  summary: {
    site: { id: number; code: string; name: string; created: boolean };
    format: 'csv' | 'xlsx';
    rows: number;
    columns: { created: number; updated: number; unchanged: number };
    duties: { created: number; updated: number; unchanged: number };
    units: { created: string[]; matched: string[] };
    groups: { created: string[]; matched: string[] };
    aliasesLearned: Array<{ unit: string; alias: string }>;
    unresolved: Array<{ name: string; rows: number[] }>;
    gaps: Array<{ row: number; path: string; problem: string }>;
    mirrors: Array<{ row: number; path: string; sourcePath: string }>;
    warnings: Array<{ row: number; path: string; problem: string }>;
    effective: { day: string; explicit: boolean };
    unclassified: Array<{ row: number; path: string }>;
    tree: {
      root: string;
      row: number;
      entries: Array<{ row: number; path: string; sub: string }>;
      subs: string[];
      units: number;
      branchesCreated: number;
      renamed: number;
      columnsCreated: number;
      dutiesCreated: number;
      dutiesUpdated: number;
    } | null;
  };
  changes: Array<{
    action: 'create' | 'update';
    entity: 'site' | 'column' | 'unit' | 'group' | 'alias' | 'duty';
    name: string;
    row?: number;
    detail?: string;
  }>;
  report: string[];
}
