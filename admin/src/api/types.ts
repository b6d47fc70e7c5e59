// Shapes of the server's answers, as the admin app uses them (see GET /api/openapi.json).

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
