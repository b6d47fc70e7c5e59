import type { Generated } from 'kysely';

// The content-guarantee tables (migration 0004). Conventions as in tables.ts.

export interface CalendarOverridesTable {
  id: Generated<number>;
  day: string; // YYYY-MM-DD
  workday: number;
  name: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface LinkChecksTable {
  id: Generated<number>;
  column_id: number;
  url: string;
  checked_at: string;
  ok: number;
  status_code: number | null;
  final_url: string | null;
  error: string | null;
  duration_ms: number;
}

export interface GuaranteeNoticesTable {
  id: Generated<number>;
  site_id: number;
  duty_id: number | null;
  column_id: number | null;
  unit_id: number | null;
  indicator: string | null;
  level: string; // due_soon | breached | escalated
  period_key: string;
  dedupe_key: string;
  title: string;
  body: string;
  recipients: string; // JSON
  created_at: string;
}

export interface GuaranteeIndicatorDaysTable {
  site_id: number;
  day: string;
  indicator: string;
  value: number | null;
  level: string;
  detail: string; // JSON
  computed_at: string;
}

export interface GuaranteeReportsTable {
  id: Generated<number>;
  site_id: number;
  kind: string;
  period: string;
  title: string;
  doc_no: string;
  xlsx_key: string;
  html_key: string;
  pdf_key: string | null;
  summary: string; // JSON
  generated_by: string;
  generated_at: string;
}

/** The per-unit 信息公开 tree of a site (0006): 部门和乡镇信息公开/<unit>/<template columns>. */
export interface DisclosureTreesTable {
  id: Generated<number>;
  site_id: number;
  root_column_id: number;
  group_ids: string; // JSON [groupId]
  template: string; // JSON [{ name, updateClass, requirementText, row }]
  created_at: string;
  updated_at: string;
}

export interface UnitBranchesTable {
  id: Generated<number>;
  tree_id: number;
  unit_id: number;
  column_id: number;
  created_at: string;
}

export interface GuaranteeTables {
  calendar_overrides: CalendarOverridesTable;
  link_checks: LinkChecksTable;
  guarantee_notices: GuaranteeNoticesTable;
  guarantee_indicator_days: GuaranteeIndicatorDaysTable;
  guarantee_reports: GuaranteeReportsTable;
  disclosure_trees: DisclosureTreesTable;
  unit_branches: UnitBranchesTable;
}
