// Between the editor's form values and the server's article body (ArticleInput in
// src/modules/content/content.schemas.ts). Pure, so the server's test suite checks it.

export interface DisclosureValues {
  docNo?: string | null;
  writtenOn?: string | null;
  issuer?: string | null;
  topicCategory?: string | null;
  genre?: string | null;
  keywords?: string | null;
  validity?: string | null;
}

export interface ArticleFormValues {
  columnId?: number;
  extraColumnIds?: number[];
  unitId?: number;
  type: string;
  title: string;
  subtitle?: string | null;
  summary?: string | null;
  bodyHtml?: string;
  source?: string | null;
  author?: string | null;
  linkUrl?: string | null;
  isTop?: boolean;
  disclosure?: DisclosureValues;
  interpretsPolicyIds?: number[];
  /** Only on a new item entered by the website centre: backoffice, email or paper. */
  channel?: string;
}

export interface ArticleLike {
  columnId: number;
  extraColumnIds: number[];
  unitId: number;
  type: string;
  title: string;
  subtitle: string | null;
  summary: string | null;
  bodyHtml: string;
  source: string | null;
  author: string | null;
  linkUrl: string | null;
  isTop: boolean;
  disclosure: Required<{ [K in keyof DisclosureValues]: string | null }>;
  policies: Array<{ id: number }>;
}

const text = (v: string | null | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

export function toFormValues(a: ArticleLike): ArticleFormValues {
  return {
    columnId: a.columnId,
    extraColumnIds: a.extraColumnIds,
    unitId: a.unitId,
    type: a.type,
    title: a.title,
    subtitle: a.subtitle,
    summary: a.summary,
    bodyHtml: a.bodyHtml,
    source: a.source,
    author: a.author,
    linkUrl: a.linkUrl,
    isTop: a.isTop,
    disclosure: { ...a.disclosure },
    interpretsPolicyIds: a.policies.map((p) => p.id),
  };
}

/**
 * The request body. Blank optional fields are sent as null (the server clears them), the home column
 * is never repeated among the extra columns, and the unit is only sent by people who may choose it.
 * The channel is fixed when an item is created (ArticlePatch has none), so only a new item sends it.
 */
export function toPayload(
  v: ArticleFormValues,
  attachmentIds: number[],
  opts: { sendUnit: boolean; sendChannel?: boolean },
) {
  const d = v.disclosure ?? {};
  return {
    columnId: v.columnId,
    extraColumnIds: (v.extraColumnIds ?? []).filter((id) => id !== v.columnId),
    ...(opts.sendUnit && v.unitId ? { unitId: v.unitId } : {}),
    ...(opts.sendChannel && v.channel ? { channel: v.channel } : {}),
    type: v.type,
    title: v.title.trim(),
    subtitle: text(v.subtitle),
    summary: text(v.summary),
    bodyHtml: v.bodyHtml ?? '',
    source: text(v.source),
    author: text(v.author),
    linkUrl: text(v.linkUrl),
    isTop: v.isTop ?? false,
    disclosure: {
      docNo: text(d.docNo),
      writtenOn: text(d.writtenOn),
      issuer: text(d.issuer),
      topicCategory: text(d.topicCategory),
      genre: text(d.genre),
      keywords: text(d.keywords),
      validity: text(d.validity),
    },
    attachmentIds: [...new Set(attachmentIds)],
    interpretsPolicyIds: [...new Set(v.interpretsPolicyIds ?? [])],
  };
}

/** Addresses of attachments used as pictures in the body, so the list can mark them. */
export function imagesInBody(html: string): Set<string> {
  return new Set([...html.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]!));
}
