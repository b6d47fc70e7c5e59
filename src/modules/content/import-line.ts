import crypto from 'node:crypto';
import { z } from 'zod';
import { VALIDITY } from './content.schemas.js';

// One line of a historical import (JSONL) and what makes it the same line the next time: the pure
// part of article-import.ts.

const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Why a YYYY-MM-DD date does not exist, or null when it does. JavaScript's Date rolls 2025-02-30 over
 * to 2025-03-02; an import must refuse it instead, or an item lands on a day nobody wrote.
 */
export function impossibleDate(date: string): string | null {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12) return `月份须为 01–12（“${date}”）`;
  const last = m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]!;
  if (d < 1 || d > last) return `日期“${date}”不存在（${y} 年 ${m} 月只有 ${last} 天）`;
  return null;
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Why an ISO 8601 time with a zone does not exist, or null when it does. */
export function impossibleTime(value: string): string | null {
  const m = ISO_TIME.exec(value);
  if (!m) return null; // the format rule reports it
  const date = impossibleDate(m[1]!);
  if (date) return date;
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || s > 59)
    return `时间“${m[2]}:${m[3]}${m[4] ? `:${m[4]}` : ''}”不存在（时须为 00–23，分、秒须为 00–59）`;
  if (m[5] !== 'Z') {
    const offset = Number(m[7]) * 60 + Number(m[8]);
    if (Number(m[8]) > 59 || (m[6] === '+' ? offset > 14 * 60 : offset > 12 * 60))
      return `时区“${m[5]}”无效（须在 -12:00 至 +14:00 之间）`;
  }
  return null;
}

export const ImportLine = z.object({
  /** The item's id in the old portal: what makes a second import of the line find the first. */
  id: z
    .union([text(200).min(1, '不能为空'), z.number().int()])
    .transform(String)
    .nullable()
    .optional(),
  /** The item's address on the old portal, when it has no id. */
  source_url: text(1000).min(1, '不能为空').nullable().optional(),
  site: text(64).optional(),
  column: text(500).min(1, '请填写栏目路径，如 新闻中心/涟水新闻'),
  extra_columns: z.array(text(500)).max(20).default([]),
  unit: text(200).min(1, '请填写发布单位'),
  title: text(500).min(1, '请填写标题'),
  body_html: z.string().max(5_000_000).default(''),
  published_at: z
    .string()
    .regex(ISO_TIME, '须为带时区的 ISO 8601 时间，如 2019-03-01T09:30:00+08:00')
    .superRefine((v, ctx) => {
      const why = impossibleTime(v);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    }),
  type: z.string().trim().default('news'),
  summary: text(1000).nullable().optional(),
  source: text(200).nullable().optional(),
  author: text(100).nullable().optional(),
  index_no: text(64).nullable().optional(),
  doc_no: text(100).nullable().optional(),
  written_on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '成文日期须为 YYYY-MM-DD')
    .superRefine((v, ctx) => {
      const why = impossibleDate(v);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    })
    .nullable()
    .optional(),
  issuer: text(200).nullable().optional(),
  topic_category: text(100).nullable().optional(),
  genre: text(50).nullable().optional(),
  keywords: text(200).nullable().optional(),
  validity: z.enum(VALIDITY).nullable().optional(),
});
export type ImportLine = z.infer<typeof ImportLine>;

export type ImportKeyKind = 'id' | 'url' | 'line';

export interface ImportKey {
  kind: ImportKeyKind;
  hash: string;
  /** The id or the address as the file gave it (null for a line key). */
  source: string | null;
  /** The column + title + time key, which items imported before keys existed were given. */
  lineHash: string;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** An address compared as the web does: scheme and host in any case, without its #fragment. */
export function normalizeSourceUrl(raw: string): string {
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return raw.trim();
    u.hash = '';
    return u.href;
  } catch {
    // A relative address (/art/2019/1/16/art_1002.html) is kept as written.
    return raw.trim();
  }
}

/**
 * The stable key of a line within a site: its id if present, else its source address, else its column,
 * title and publish time (as an instant, so +08:00 and Z spellings agree). The line formula must stay
 * equal to legacyKeyHash in migration 0008, which keyed the items imported before.
 */
export function importKey(siteId: number, line: ImportLine, columnId: number, publishedAt: string): ImportKey {
  const lineHash = sha256(`${siteId}\nline\n${columnId}\n${line.title}\n${publishedAt}`);
  if (line.id) return { kind: 'id', hash: sha256(`${siteId}\nid\n${line.id}`), source: line.id, lineHash };
  if (line.source_url) {
    const url = normalizeSourceUrl(line.source_url);
    return { kind: 'url', hash: sha256(`${siteId}\nurl\n${url}`), source: url, lineHash };
  }
  return { kind: 'line', hash: lineHash, source: null, lineHash };
}

export const KEY_LABELS: Record<ImportKeyKind, string> = {
  id: '编号',
  url: '原网址',
  line: '栏目、标题和发布时间',
};
