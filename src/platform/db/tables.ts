import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// The database as Kysely sees it. Conventions that keep the three dialects interchangeable:
// - timestamps are UTC ISO-8601 strings ("2026-11-26T08:00:00.000Z"), which sort as they compare;
// - calendar dates (成文日期) are "YYYY-MM-DD" strings, days of Asia/Shanghai;
// - flags are integers 0/1 (SQLite has no boolean, MySQL's is a tinyint anyway);
// - structured values that are read whole are JSON text.

export interface SitesTable {
  id: Generated<number>;
  name: string;
  code: string; // short machine name, unique: 'county', 'gaogou'
  site_code: string | null; // 网站标识码
  icp: string | null; // ICP备案号
  psb: string | null; // 公安机关备案号
  sponsor: string | null; // 主办单位
  organizer: string | null; // 承办单位
  contact: string | null; // 联系方式 in the footer
  theme: string;
  is_default: number;
  home_blocks: string; // JSON: [{ columnId, title, limit }]
  created_at: string;
  updated_at: string;
}

export interface SiteHostsTable {
  id: Generated<number>;
  site_id: number;
  host: string;
}

export interface ColumnsTable {
  id: Generated<number>;
  site_id: number;
  parent_id: number | null;
  name: string;
  slug: string;
  path: string; // slug path from the root: 'xwzx/lsxw'
  kind: string; // ColumnKind
  sort_order: number;
  in_nav: number;
  link_url: string | null; // external-link columns
  source_column_id: number | null; // shows another column's items
  update_class: string | null; // national update-window class
  description: string | null;
  page_html: string | null; // single-page columns
  created_at: string;
  updated_at: string;
}

/** Closure table: every (ancestor, descendant) pair including (x, x) at depth 0. */
export interface ColumnClosureTable {
  ancestor_id: number;
  descendant_id: number;
  depth: number;
}

export interface UnitsTable {
  id: Generated<number>;
  name: string; // full name
  short_name: string;
  category: string; // UnitCategory
  code: string; // 组织机构代码 or 统一社会信用代码, the 索引号 prefix
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UnitAliasesTable {
  id: Generated<number>;
  unit_id: number;
  alias: string;
}

export interface UnitEmailsTable {
  id: Generated<number>;
  unit_id: number;
  email: string;
}

export interface UnitGroupsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
}

export interface UnitGroupCategoriesTable {
  group_id: number;
  category: string;
}

export interface PersonnelTable {
  id: Generated<number>;
  unit_id: number;
  role: string; // 'leader' (分管领导) | 'officer' (信息员)
  name: string;
  post: string | null;
  phone: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  unit_id: number;
  phone: string | null;
  email: string | null;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountRolesTable {
  account_id: number;
  role: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token, so a leaked table does not leak sessions
  account_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
}

export interface ColumnGrantsTable {
  id: Generated<number>;
  unit_id: number;
  column_id: number;
  created_at: string;
}

export interface DutiesTable {
  id: Generated<number>;
  column_id: number;
  requirement_text: string;
  cadence: string; // Cadence
  min_per_week: number | null;
  channel: string; // Channel
  rule: string; // JSON of the parsed, editable rule parameters
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface DutyUnitsTable {
  id: Generated<number>;
  duty_id: number;
  unit_id: number | null;
  group_id: number | null;
  role: string; // 'lead' | 'cooperate'
  label: string; // the phrase as written in the list
}

export interface ArticlesTable {
  id: Generated<number>;
  site_id: number;
  column_id: number;
  unit_id: number;
  type: string; // ArticleType
  title: string;
  subtitle: string | null;
  summary: string | null;
  body_html: string;
  body_text: string;
  source: string | null;
  author: string | null;
  link_url: string | null;
  status: string; // ArticleStatus
  published_at: string | null;
  revision: number;
  imported: number;
  is_top: number;
  // Disclosure metadata (政府信息公开)
  index_no: string | null;
  doc_no: string | null; // 文号
  written_on: string | null; // 成文日期
  issuer: string | null; // 发布机构
  topic_category: string | null; // 主题分类
  genre: string | null; // 体裁分类
  keywords: string | null; // 主题词
  validity: string | null; // 有效性
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
  // Review and publishing (migration 0003)
  scheduled_publish_at: string | null;
  scheduled_offline_at: string | null;
  unreviewed: Generated<number>; // published in an emergency, retrospective review pending
  status_reason: string | null; // why it was withdrawn, rejected or taken offline
  channel: Generated<string>; // backoffice | email | paper | import
  review_form_attachment_id: number | null; // the scanned, signed and stamped 审核表 (paper channel)
}

export interface ArticleColumnsTable {
  article_id: number;
  column_id: number;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  snapshot: string; // JSON of the editable fields
  hash: string; // sha256 of the snapshot
  created_by: number | null;
  created_at: string;
}

export interface ArticleRelationsTable {
  policy_id: number;
  interpretation_id: number;
}

export interface AttachmentsTable {
  id: Generated<number>;
  article_id: number | null;
  unit_id: number;
  original_name: string;
  storage_key: string;
  sha256: string;
  size: number;
  mime: string;
  ext: string;
  sort_order: number;
  created_by: number | null;
  created_at: string;
}

export interface IndexSequencesTable {
  prefix: string;
  year: number;
  last_value: number;
}

export interface SettingsTable {
  key: string;
  value: string; // JSON
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  account_id: number | null;
  username: string;
  unit_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  ip: string | null;
  summary: string;
  details: string | null; // JSON
}

export interface SearchPostingsTable {
  token: string;
  article_id: number;
  weight: number;
}

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
  email_state: string;
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
}

export interface WordListsTable {
  id: Generated<number>;
  kind: string;
  word: string;
  correct: string | null;
  note: string | null;
  created_at: string;
}

// Content guarantee (migration 0004)

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

export interface DB {
  sites: SitesTable;
  site_hosts: SiteHostsTable;
  columns: ColumnsTable;
  column_closure: ColumnClosureTable;
  units: UnitsTable;
  unit_aliases: UnitAliasesTable;
  unit_emails: UnitEmailsTable;
  unit_groups: UnitGroupsTable;
  unit_group_categories: UnitGroupCategoriesTable;
  personnel: PersonnelTable;
  accounts: AccountsTable;
  account_roles: AccountRolesTable;
  sessions: SessionsTable;
  column_grants: ColumnGrantsTable;
  duties: DutiesTable;
  duty_units: DutyUnitsTable;
  articles: ArticlesTable;
  article_columns: ArticleColumnsTable;
  article_revisions: ArticleRevisionsTable;
  article_relations: ArticleRelationsTable;
  attachments: AttachmentsTable;
  index_sequences: IndexSequencesTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  search_postings: SearchPostingsTable;
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
  calendar_overrides: CalendarOverridesTable;
  link_checks: LinkChecksTable;
  guarantee_notices: GuaranteeNoticesTable;
  guarantee_indicator_days: GuaranteeIndicatorDaysTable;
  guarantee_reports: GuaranteeReportsTable;
}

export type Site = Selectable<SitesTable>;
export type Column = Selectable<ColumnsTable>;
export type Unit = Selectable<UnitsTable>;
export type Account = Selectable<AccountsTable>;
export type Article = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type Duty = Selectable<DutiesTable>;
export type Attachment = Selectable<AttachmentsTable>;
export type Personnel = Selectable<PersonnelTable>;
