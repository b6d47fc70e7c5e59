// Contract of the content module's replies (modules/content): an item as the admin API shows it, its
// list rows, revisions and files, the imports of old items. The states and THE life-cycle table are in
// content.ts. Shared with the admin app as '@contract/articles'.
//
// A reply schema keeps only the fields it names (the serializer strips the rest), so the server's
// views are typed from these schemas (z.infer) and a field added to a view without its schema does not
// compile.

import { z } from 'zod';
import { Instant, labelledEnum } from './common.js';
import { ArticleStatus } from './content.js';

// The six information types of the 信息发布审核表 (附件2).
export const ArticleType = labelledEnum(['notice', 'announcement', 'survey', 'news', 'document', 'other'], {
  notice: '通知',
  announcement: '公告',
  survey: '调查',
  news: '新闻',
  document: '公文',
  other: '其他',
});
export type ArticleType = (typeof ArticleType.values)[number];

/**
 * The 政府信息公开 metadata a disclosure item must carry before it is published: 发布机构, 成文日期 and
 * 主题分类 for every one, 文号 also for a 公文. The pre-publish check refuses without them
 * (modules/review/checks/disclosure.ts) and the editor marks them required: one table.
 */
export const DISCLOSURE_REQUIRED = {
  always: ['issuer', 'writtenOn', 'topicCategory'],
  byType: { document: ['docNo'] },
} as const satisfies { always: readonly string[]; byType: Partial<Record<ArticleType, readonly string[]>> };

/** The disclosure fields required of an item of `type` (DISCLOSURE_REQUIRED). */
export function requiredDisclosureFields(type: string | undefined): string[] {
  const more = (DISCLOSURE_REQUIRED.byType as Record<string, readonly string[] | undefined>)[type ?? ''] ?? [];
  return [...DISCLOSURE_REQUIRED.always, ...more];
}

/** 有效性 of a disclosed document (政府信息公开目录). */
export const VALIDITY = ['有效', '失效', '废止', '修订'] as const;

export const AttachmentView = z.object({
  id: z.number().int(),
  articleId: z.number().int().nullable(),
  name: z.string(),
  size: z.number(),
  mime: z.string(),
  ext: z.string(),
  sha256: z.string(),
  createdAt: Instant,
  url: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** One version in an item's file history: current or taken out by a correction, never deleted once online. */
export const AttachmentVersionView = AttachmentView.extend({
  kind: z.enum(['file', 'review_form']),
  kindLabel: z.string(),
  current: z.boolean(),
  /** When it went online with the item (from then on it is archived: 原件存档备查). */
  archivedAt: Instant.nullable(),
  retiredAt: Instant.nullable(),
  retiredBy: z.string().nullable(),
  replacedBy: z.number().int().nullable(),
  uploadedBy: z.string().nullable(),
});
export type AttachmentVersionView = z.infer<typeof AttachmentVersionView>;

export const DisclosureView = z.object({
  docNo: z.string().nullable(),
  writtenOn: z.string().nullable(),
  issuer: z.string().nullable(),
  topicCategory: z.string().nullable(),
  genre: z.string().nullable(),
  keywords: z.string().nullable(),
  validity: z.string().nullable(),
});
export type DisclosureView = z.infer<typeof DisclosureView>;

export const ArticleRef = z.object({ id: z.number().int(), title: z.string(), status: z.string() });
export type ArticleRef = z.infer<typeof ArticleRef>;

/** An item as the admin API shows it. */
export const ArticleView = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  columnId: z.number().int(),
  columnName: z.string(),
  columnPath: z.string(),
  extraColumnIds: z.array(z.number().int()),
  unitId: z.number().int(),
  unitName: z.string(),
  type: ArticleType.schema,
  typeLabel: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  summary: z.string().nullable(),
  bodyHtml: z.string(),
  source: z.string().nullable(),
  author: z.string().nullable(),
  linkUrl: z.string().nullable(),
  isTop: z.boolean(),
  status: ArticleStatus.schema,
  statusLabel: z.string(),
  publishedAt: Instant.nullable(),
  scheduledPublishAt: Instant.nullable(),
  scheduledOfflineAt: Instant.nullable(),
  /** Published in an emergency; the retrospective review has not cleared it yet (未经审核). */
  unreviewed: z.boolean(),
  /** Why it was returned, rejected, taken offline or withdrawn. */
  statusReason: z.string().nullable(),
  /** How it reached the portal: backoffice, email, paper (entered by the website centre), import, crawl. */
  channel: z.string(),
  imported: z.boolean(),
  revision: z.number().int(),
  isDisclosure: z.boolean(),
  indexNo: z.string().nullable(),
  disclosure: DisclosureView,
  attachments: z.array(AttachmentView),
  /** The signed 审核表 scan of a paper submission (not a public file). */
  reviewForm: AttachmentView.nullable(),
  policies: z.array(ArticleRef),
  interpretations: z.array(ArticleRef),
  createdAt: Instant,
  updatedAt: Instant,
});
export type ArticleView = z.infer<typeof ArticleView>;

export const ArticleListItem = z.object({
  id: z.number().int(),
  title: z.string(),
  type: z.string(),
  status: z.string(),
  columnId: z.number().int(),
  columnName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  publishedAt: Instant.nullable(),
  updatedAt: Instant,
  revision: z.number().int(),
  imported: z.boolean(),
  isTop: z.boolean(),
  indexNo: z.string().nullable(),
});
export type ArticleListItem = z.infer<typeof ArticleListItem>;
export const ArticleList = z.object({
  items: z.array(ArticleListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** A revision: its hash identifies exactly what a reviewer approved; the snapshot is what it recorded. */
export const Revision = z.object({
  revision: z.number().int(),
  hash: z.string(),
  createdAt: Instant,
  author: z.string().nullable(),
  snapshot: z.unknown(),
});
export const RevisionList = z.array(Revision);

/** Items published in an emergency whose review afterwards has not cleared them yet (未经审核). */
export const UnreviewedItem = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  publishedAt: Instant.nullable(),
  reason: z.string().nullable(),
});
export type UnreviewedItem = z.infer<typeof UnreviewedItem>;

export const IndexPattern = z.object({ pattern: z.string(), example: z.string() });

/** A .docx turned into the editor's HTML, its images uploaded as attachments. */
export const DocxConversion = z.object({
  html: z.string(),
  messages: z.array(z.string()),
  images: z.array(AttachmentView),
});
export type DocxConversion = z.infer<typeof DocxConversion>;

/** What an import of old items did (GET /api/imports/jobs/:id, result of kind 'articles'). */
export const ArticleImportSummary = z.object({
  lines: z.number().int(),
  imported: z.number().int(),
  alreadyImported: z.number().int(),
  skipped: z.array(
    z.object({ line: z.number().int(), by: z.enum(['id', 'url', 'line']), articleId: z.number().int() }),
  ),
  byColumn: z.array(z.object({ column: z.string(), count: z.number().int() })),
  firstPublishedAt: Instant.nullable(),
  lastPublishedAt: Instant.nullable(),
  indexNumbersAssigned: z.number().int(),
  sha256: z.string(),
});
export type ArticleImportSummary = z.infer<typeof ArticleImportSummary>;
