import type { Article } from '../../platform/db/tables.js';
import type { ArticleView } from '../../contract/articles.js';
import {
  ARTICLE_STATUS_LABELS,
  ARTICLE_TYPE_LABELS,
  type ArticleStatus,
  type ArticleType,
  type Disclosure,
} from './content.schemas.js';

// An article as the admin API and the public site see it, and the part of it a revision's hash covers.

export type { ArticleView } from '../../contract/articles.js';

/** The fields a revision records; its hash identifies exactly what a reviewer approved. */
export function snapshotOf(a: Article, extraColumnIds: number[], attachmentIds: number[], policyIds: number[]) {
  return {
    columnId: a.column_id,
    extraColumnIds,
    unitId: a.unit_id,
    type: a.type,
    ...textOf(a),
    disclosure: disclosureOf(a),
    attachmentIds,
    policyIds,
  };
}

/** The fields a person writes, in the order the revision hash has always read them. */
function textOf(a: Article) {
  return {
    title: a.title,
    subtitle: a.subtitle,
    summary: a.summary,
    bodyHtml: a.body_html,
    source: a.source,
    author: a.author,
    linkUrl: a.link_url,
    isTop: a.is_top === 1,
  };
}

function disclosureOf(a: Article): ArticleView['disclosure'] {
  return {
    docNo: a.doc_no,
    writtenOn: a.written_on,
    issuer: a.issuer,
    topicCategory: a.topic_category,
    genre: a.genre,
    keywords: a.keywords,
    validity: a.validity,
  };
}

/** The other way: disclosure metadata as the article's columns (a field not given is cleared). */
export function disclosureRow(d: { [K in keyof Disclosure]?: string | null }) {
  return {
    doc_no: d.docNo ?? null,
    written_on: d.writtenOn ?? null,
    issuer: d.issuer ?? null,
    topic_category: d.topicCategory ?? null,
    genre: d.genre ?? null,
    keywords: d.keywords ?? null,
    validity: d.validity ?? null,
  };
}

/** What the service loaded beside the row: names, lists and relations. */
type Loaded = Pick<
  ArticleView,
  | 'columnName'
  | 'columnPath'
  | 'extraColumnIds'
  | 'unitName'
  | 'isDisclosure'
  | 'attachments'
  | 'reviewForm'
  | 'policies'
  | 'interpretations'
>;

export function toArticleView(a: Article, loaded: Loaded): ArticleView {
  return {
    ...loaded,
    id: a.id,
    siteId: a.site_id,
    columnId: a.column_id,
    unitId: a.unit_id,
    type: a.type as ArticleType,
    typeLabel: ARTICLE_TYPE_LABELS[a.type as ArticleType] ?? a.type,
    ...textOf(a),
    status: a.status as ArticleStatus,
    statusLabel: ARTICLE_STATUS_LABELS[a.status as ArticleStatus] ?? a.status,
    publishedAt: a.published_at,
    scheduledPublishAt: a.scheduled_publish_at,
    scheduledOfflineAt: a.scheduled_offline_at,
    unreviewed: a.unreviewed === 1,
    statusReason: a.status_reason,
    channel: a.channel,
    imported: a.imported === 1,
    revision: a.revision,
    indexNo: a.index_no,
    disclosure: disclosureOf(a),
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}
