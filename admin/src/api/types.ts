// Shapes of the server's answers, as the admin app uses them (see GET /api/openapi.json).

export type ScopeKind = 'all' | 'unit';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  unit: { id: number; name: string; shortName: string };
  roles: Array<{ role: string; label: string }>;
  permissions: Partial<Record<Permission, ScopeKind>>;
  lastLoginAt: string | null;
  csrfToken: string | null;
}

export type Permission =
  | 'site.read'
  | 'site.write'
  | 'column.read'
  | 'column.write'
  | 'unit.read'
  | 'unit.write'
  | 'personnel.read'
  | 'personnel.write'
  | 'personnel.manage'
  | 'account.read'
  | 'account.write'
  | 'duty.read'
  | 'duty.write'
  | 'article.read'
  | 'article.write'
  | 'article.publish'
  | 'article.delete'
  | 'audit.read'
  | 'import.run'
  | 'review.act'
  | 'review.emergency'
  | 'review.chain.write'
  | 'checks.write'
  | 'submission.read'
  | 'submission.write'
  | 'guarantee.read'
  | 'guarantee.write'
  | 'consult.read'
  | 'consult.write'
  | 'interview.host';

export interface HomeBlock {
  columnId: number;
  title?: string;
  limit: number;
}

export interface Site {
  id: number;
  name: string;
  code: string;
  hosts: string[];
  siteCode: string | null;
  icp: string | null;
  psb: string | null;
  sponsor: string | null;
  organizer: string | null;
  contact: string | null;
  theme: string;
  isDefault: boolean;
  homeBlocks: HomeBlock[];
  /** The public address probed for 站点无法访问. */
  probeUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Column {
  id: number;
  siteId: number;
  parentId: number | null;
  name: string;
  slug: string;
  path: string;
  kind: string;
  sortOrder: number;
  inNav: boolean;
  linkUrl: string | null;
  sourceColumnId: number | null;
  updateClass: string | null;
  updateClassProposed: string | null;
  updateClassConfirmed: boolean;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ColumnNode extends Column {
  children: ColumnNode[];
}

export interface Unit {
  id: number;
  name: string;
  shortName: string;
  category: string;
  code: string;
  aliases: string[];
  emails: string[];
  sortOrder: number;
  active: boolean;
  /** 纳入考核日期; null: each duty's own date in force. */
  assessedFrom: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UnitGroup {
  id: number;
  name: string;
  description: string | null;
  categories: string[];
  members: Array<{ id: number; name: string; shortName: string }>;
}

export interface Grant {
  id: number;
  unitId: number;
  unitName: string;
  columnId: number;
  columnName: string;
  columnPath: string;
  createdAt: string;
}

export interface Person {
  id: number;
  unitId: number;
  role: 'leader' | 'officer';
  name: string;
  post: string | null;
  /** 办公电话. */
  phone: string | null;
  /** 手机. */
  mobile: string | null;
  email: string | null;
  updatedAt: string;
  /** After a save: a second 分管领导 and the like (PersonnelService.saved). */
  warning?: string | null;
}

/** Units with more 分管领导 than expected (GET /api/personnel/warnings). */
export interface PersonnelWarning {
  unitId: number;
  unitName: string;
  leaders: string[];
  expected: number;
  message: string;
}

/** What the office expects of a unit when not one 分管领导 and at least one 信息员. */
export interface PersonnelRequirement {
  unitId: number;
  unitName: string;
  leaders: number;
  minOfficers: number;
  note: string | null;
}

/** POST /api/imports/roster (RosterImportService). */
export interface RosterImportResult {
  applied: boolean;
  summary: {
    format: 'csv' | 'xlsx';
    rows: number;
    units: Array<{ unitId: number; unitName: string; written: string[]; rows: number[] }>;
    unresolved: Array<{ name: string; rows: number[] }>;
    changes: Array<{
      action: 'create' | 'update' | 'delete';
      unitId: number;
      unitName: string;
      role: 'leader' | 'officer';
      name: string;
      row: number | null;
      detail: string;
    }>;
    counts: { created: number; updated: number; unchanged: number; removed: number };
    warnings: Array<{ row: number | null; unitName: string; message: string }>;
    missing: Array<{ unitId: number; unitName: string; missing: string }>;
  };
  report: string[];
}

export interface MissingPersonnel {
  unitId: number;
  unitName: string;
  shortName: string;
  category: string;
  categoryLabel: string;
  missingLeader: boolean;
  missingOfficer: boolean;
  missing: string;
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  unitName: string;
  roles: string[];
  phone: string | null;
  email: string | null;
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleListItem {
  id: number;
  title: string;
  type: string;
  status: string;
  columnId: number;
  columnName: string;
  unitId: number;
  unitName: string;
  publishedAt: string | null;
  updatedAt: string;
  revision: number;
  imported: boolean;
  isTop: boolean;
  indexNo: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Attachment {
  id: number;
  articleId: number | null;
  name: string;
  size: number;
  mime: string;
  ext: string;
  sha256: string;
  createdAt: string;
  url: string;
}

/** One version in an item's file history (GET /api/articles/:id/attachment-history). */
export interface AttachmentVersion extends Attachment {
  kind: 'file' | 'review_form';
  kindLabel: string;
  current: boolean;
  /** Went online with the item: archived, never deleted (原件存档备查). */
  archivedAt: string | null;
  /** Taken out by a correction; kept as history. */
  retiredAt: string | null;
  retiredBy: string | null;
  replacedBy: number | null;
  uploadedBy: string | null;
}

export interface Disclosure {
  docNo: string | null;
  writtenOn: string | null;
  issuer: string | null;
  topicCategory: string | null;
  genre: string | null;
  keywords: string | null;
  validity: string | null;
}

export interface ArticleRef {
  id: number;
  title: string;
  status: string;
}

export interface Article {
  id: number;
  siteId: number;
  columnId: number;
  columnName: string;
  columnPath: string;
  extraColumnIds: number[];
  unitId: number;
  unitName: string;
  type: string;
  typeLabel: string;
  title: string;
  subtitle: string | null;
  summary: string | null;
  bodyHtml: string;
  source: string | null;
  author: string | null;
  linkUrl: string | null;
  isTop: boolean;
  status: string;
  statusLabel: string;
  publishedAt: string | null;
  scheduledPublishAt: string | null;
  scheduledOfflineAt: string | null;
  /** Published in an emergency; the review afterwards has not cleared it yet (未经审核). */
  unreviewed: boolean;
  /** Why it was returned, rejected, taken offline or withdrawn. */
  statusReason: string | null;
  /** How it reached the portal: backoffice, email or paper (entered by the website centre). */
  channel: string;
  imported: boolean;
  revision: number;
  isDisclosure: boolean;
  indexNo: string | null;
  disclosure: Disclosure;
  attachments: Attachment[];
  /** The signed 审核表 scan of a paper submission (never a public file). */
  reviewForm: Attachment | null;
  policies: ArticleRef[];
  interpretations: ArticleRef[];
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  accountId: number | null;
  username: string;
  unitId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  summary: string;
  details: unknown;
}

export interface DocxConversion {
  html: string;
  messages: string[];
  images: Attachment[];
}

export interface ImportJob<R = unknown> {
  id: string;
  kind: string;
  state: 'running' | 'succeeded' | 'failed';
  processed: number;
  total: number | null;
  message: string;
  result: R | null;
  error: { code: string; message: string; issues?: Array<{ field: string; message: string }> } | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ArticleImportSummary {
  lines: number;
  imported: number;
  alreadyImported: number;
  skipped: Array<{ line: number; by: 'id' | 'url' | 'line'; articleId: number }>;
  byColumn: Array<{ column: string; count: number }>;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  indexNumbersAssigned: number;
  sha256: string;
}

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
