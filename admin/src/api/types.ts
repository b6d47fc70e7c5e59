// Shapes of the server's answers, as the admin app uses them (see GET /api/openapi.json).

export interface DutyRule {
  cadence: string;
  minPerWeek: number | null;
  perUnit: boolean;
  workdaysOnly: boolean;
  channel: string;
  emailTo: string | null;
  basis: string | null;
  warnings: string[];
}

export interface DutyParty {
  id: number;
  kind: 'unit' | 'group' | 'vague' | 'unresolved';
  unitId: number | null;
  unitName: string | null;
  groupId: number | null;
  groupName: string | null;
  role: 'lead' | 'cooperate';
  roleLabel: string;
  label: string;
}

export interface Duty {
  id: number;
  siteId: number;
  columnId: number;
  columnName: string;
  columnPath: string;
  requirementText: string;
  cadence: string;
  cadenceLabel: string;
  minPerWeek: number | null;
  channel: string;
  channelLabel: string;
  rule: DutyRule;
  note: string | null;
  /** YYYY-MM-DD: the day the duty applies from. */
  effectiveFrom: string;
  parties: DutyParty[];
  createdAt: string;
  updatedAt: string;
}

export interface ParsedDuty {
  requirement: {
    text: string;
    cadence: string;
    cadenceLabel: string;
    minPerWeek: number | null;
    channel: string;
    channelLabel: string;
    rule: DutyRule;
  };
  parties: Array<{
    kind: 'unit' | 'group' | 'vague' | 'unresolved';
    role: 'lead' | 'cooperate';
    roleLabel: string;
    label: string;
    unitId: number | null;
    unitName: string | null;
    groupId: number | null;
    groupName: string | null;
    status: string;
  }>;
  cobuilt: boolean;
  warnings: string[];
}

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
