import type { Generated } from 'kysely';

// The review tables (migration 0003): chains, flows, the submission ledger, tasks, notifications, checks.
// Conventions as in tables.ts.

export interface ReviewChainsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  restart_position: number; // where an edit after approval sends the item back to
  auto_publish: number; // publish as soon as the last step approves
  created_at: string;
  updated_at: string;
}

export interface ReviewStepsTable {
  id: Generated<number>;
  chain_id: number;
  position: number; // 1..n in order
  name: string;
  role: string;
  scope: string; // 'submitter_unit' | 'county'
  form_field: string | null;
  due_hours: number;
}

export interface ReviewBindingsTable {
  id: Generated<number>;
  chain_id: number;
  column_id: number | null;
  channel: string | null;
  created_at: string;
}

export interface SubmissionsTable {
  id: Generated<number>;
  unit_id: number;
  channel: string;
  column_id: number | null;
  article_id: number | null;
  title: string;
  state: string;
  reason: string | null;
  source_ref: string | null;
  received_at: string;
  decided_at: string | null;
  decided_by: number | null;
  created_at: string;
}

export interface ReviewFlowsTable {
  id: Generated<number>;
  article_id: number;
  chain_id: number;
  submission_id: number | null;
  channel: string;
  state: string;
  position: number; // the step holding the item; 0 = back with the drafter
  revision: number;
  revision_hash: string;
  retrospective: number;
  /** The correction of a published item this flow reviews (article_corrections), or null for the item itself. */
  correction_id: number | null;
  drafter_id: number | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ReviewActionsTable {
  id: Generated<number>;
  flow_id: number;
  position: number;
  step_name: string;
  action: string;
  actor_id: number | null;
  actor_name: string;
  actor_unit_id: number | null;
  opinion: string | null;
  to_position: number | null;
  revision: number;
  revision_hash: string;
  ip: string | null;
  at: string;
}

export interface TasksTable {
  id: Generated<number>;
  flow_id: number;
  article_id: number;
  position: number;
  title: string;
  assignee_role: string | null;
  assignee_unit_id: number | null;
  assignee_account_id: number | null;
  excluded_account_id: number | null;
  state: string;
  due_at: string;
  created_at: string;
  done_at: string | null;
  done_by: number | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  account_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string | null;
  email_state: 'none' | 'pending' | 'sent' | 'failed';
  email_attempts: Generated<number>;
  email_error: string | null;
  created_at: string;
  read_at: string | null;
  emailed_at: string | null;
}

export interface CheckResultsTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  check_kind: string;
  severity: string;
  location_kind: string;
  location_label: string;
  attachment_id: number | null;
  start_offset: number;
  end_offset: number;
  excerpt: string;
  context: string;
  context_offset: number;
  message: string;
  suggestion: string | null;
  override_reason: string | null;
  overridden_by: number | null;
  overridden_at: string | null;
  created_at: string;
}

export interface CheckRunsTable {
  article_id: number;
  revision: number;
  findings: number;
  ran_at: string;
  config_hash: string | null; // the settings and word lists the run used (migration 0005)
}

export interface WordListsTable {
  id: Generated<number>;
  kind: string;
  word: string;
  correct: string | null;
  note: string | null;
  created_at: string;
}

export interface ArticleCorrectionsTable {
  id: Generated<number>;
  article_id: number;
  /** The item's id while the proposal is open, null once it ended: one open proposal per item (unique). */
  pending_article_id: number | null;
  base_revision: number;
  /** JSON of the proposed fields (CorrectionFields). */
  snapshot: string;
  reason: string;
  state: string;
  drafted_by: number;
  applied_revision: number | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ReviewTables {
  article_corrections: ArticleCorrectionsTable;
  review_chains: ReviewChainsTable;
  review_steps: ReviewStepsTable;
  review_bindings: ReviewBindingsTable;
  submissions: SubmissionsTable;
  review_flows: ReviewFlowsTable;
  review_actions: ReviewActionsTable;
  tasks: TasksTable;
  notifications: NotificationsTable;
  check_results: CheckResultsTable;
  check_runs: CheckRunsTable;
  word_lists: WordListsTable;
}
