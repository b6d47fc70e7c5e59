import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { GuaranteeTables } from './tables-guarantee.js';
import type { FoiTables } from './tables-foi.js';
import type { CrawlTables } from './tables-crawl.js';
import type { ConsultTables } from './tables-consult.js';
import type { ImportsTables } from './tables-imports.js';
import type { InteractionTables } from './tables-interaction.js';
import type { SecurityTables } from './tables-security.js';
import type { IntakeTables } from './tables-intake.js';
import type { ReviewTables } from './tables-review.js';
import type { StaticTables } from './tables-static.js';
import type { ClusterTables } from './tables-cluster.js';

export type * from './tables-guarantee.js';
export type * from './tables-review.js';
export type * from './tables-security.js';
export type * from './tables-interaction.js';

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
  probe_url: Generated<string | null>; // 0008: the public address probed for 站点无法访问 (null: not set)
  conac_url: Generated<string | null>; // 0034: the site's 党政机关网站标识 verification page
  jiucuo_url: Generated<string | null>; // 0034: the site's 我为政府网站找错 entry
  picture_column_id: Generated<number | null>; // 0035: the 图片新闻 column of the home page
}

/** 专题专栏 banners of a site's home page (migration 0035). */
export interface HomeBannersTable {
  id: Generated<number>;
  site_id: number;
  title: string;
  link_url: string;
  attachment_id: number;
  sort_order: number;
  starts_on: string | null; // YYYY-MM-DD, Shanghai, inclusive
  ends_on: string | null;
  created_at: string;
}

/** The 网站链接 block of a site's home page, in named groups (migration 0035). */
export interface HomeLinksTable {
  id: Generated<number>;
  site_id: number;
  group_name: string;
  group_order: number;
  name: string;
  url: string;
  sort_order: number;
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
  update_class: string | null; // national update-window class in force
  update_class_proposed: string | null; // what the guarantee-list import proposed (0006)
  update_class_confirmed: Generated<number>; // a person confirmed or chose update_class (0006)
  description: string | null;
  page_html: string | null; // single-page columns
  created_at: string;
  updated_at: string;
}

/** Closure table: every (ancestor, descendant) pair including (x, x) at depth 0. */
/** One row per column whose public list shows a published item (content/listings.repository.ts). */
export interface ColumnListingsTable {
  column_id: number;
  article_id: number;
  is_top: number;
  published_at: string;
}

export interface ColumnListingCountsTable {
  column_id: number;
  listed: number;
}

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
  assessed_from: string | null; // 纳入考核日期 (0006); null: each duty's own date decides
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
  phone: string | null; // 办公电话
  email: string | null;
  created_at: string;
  updated_at: string;
  mobile: Generated<string | null>; // 0008: 手机 (optional on insert)
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
  effective_from: string; // YYYY-MM-DD: the day the duty applies from (0006)
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
  // The archive of what went online (migration 0005)
  kind: Generated<string>; // file | review_form (the signed 审核表 of a paper item)
  archived_at: string | null; // went online with its item: never deleted from then on
  retired_at: string | null; // taken out of its item by a correction; kept as history
  retired_by: number | null;
  replaced_by: number | null; // the version that took its place
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
  /** Place in the hash chain, null until sealed at commit (migration 0016, platform/audit/chain.ts). */
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** Every table; the review (0003) and guarantee (0004) tables are declared beside their migrations' areas. */
export interface DB
  extends ReviewTables,
    GuaranteeTables,
    ImportsTables,
    SecurityTables,
    FoiTables,
    InteractionTables,
    IntakeTables,
    CrawlTables,
    ConsultTables,
    StaticTables,
    ClusterTables {
  sites: SitesTable;
  site_hosts: SiteHostsTable;
  columns: ColumnsTable;
  column_closure: ColumnClosureTable;
  column_listings: ColumnListingsTable;
  column_listing_counts: ColumnListingCountsTable;
  home_banners: HomeBannersTable;
  home_links: HomeLinksTable;
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
