// Contract of the crawl module (modules/crawl): department sites' list pages and feeds brought into
// columns (网站链接与抓取, issue 11 item 3), and a co-built column's shares per unit (栏目共建, item 4).

import { z } from 'zod';
import { Instant, labelledEnum } from './common.js';

export const SourceKind = labelledEnum(['feed', 'html'], { feed: 'RSS/Atom 订阅源', html: '网页列表' });
export const SourceMode = labelledEnum(['link', 'full'], {
  link: '链接（标题、日期、地址）',
  full: '全文（送审后发布）',
});
export const SourceHealth = labelledEnum(['ok', 'failing', 'stale', 'new', 'disabled'], {
  ok: '正常',
  failing: '抓取失败',
  stale: '长期未更新',
  new: '尚未抓取',
  disabled: '已停用',
});
export const SharePeriod = labelledEnum(['month', 'quarter', 'year'], {
  month: '每月',
  quarter: '每季度',
  year: '每年',
});

/** Consecutive failed runs after which a source counts against its unit. */
export const FAILING_AFTER = 3;

const selector = z.string().trim().max(300).nullable().optional();

export const SourceInput = z
  .object({
    name: z.string().trim().min(1, '请填写名称').max(200),
    url: z
      .string()
      .trim()
      .max(1000)
      .regex(/^https?:\/\/\S+$/i, '地址须以 http:// 或 https:// 开头'),
    kind: SourceKind.schema,
    mode: SourceMode.schema.default('link'),
    unitId: z.number().int().positive(),
    columnId: z.number().int().positive(),
    linkSelector: selector.describe('网页列表中每条信息的链接（或包含链接的元素）的 CSS 选择器'),
    titleSelector: selector.describe('条目内标题的选择器；不填用链接文字'),
    dateSelector: selector.describe('条目内日期的选择器；不填在条目文字中找日期'),
    bodySelector: selector.describe('全文模式：信息页面正文的选择器'),
    everyMinutes: z
      .number()
      .int()
      .min(10)
      .max(7 * 24 * 60)
      .default(60),
    staleDays: z.number().int().min(1).max(365).default(30),
    enabled: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'html' && !v.linkSelector)
      ctx.addIssue({ code: 'custom', path: ['linkSelector'], message: '网页列表须填写链接选择器' });
    if (v.kind === 'html' && v.mode === 'full' && !v.bodySelector)
      ctx.addIssue({ code: 'custom', path: ['bodySelector'], message: '网页列表的全文模式须填写正文选择器' });
  });
export type SourceInput = z.infer<typeof SourceInput>;

export const Source = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  name: z.string(),
  url: z.string(),
  kind: SourceKind.schema,
  mode: SourceMode.schema,
  unitId: z.number().int(),
  unitName: z.string(),
  columnId: z.number().int(),
  columnName: z.string(),
  linkSelector: z.string().nullable(),
  titleSelector: z.string().nullable(),
  dateSelector: z.string().nullable(),
  bodySelector: z.string().nullable(),
  everyMinutes: z.number().int(),
  staleDays: z.number().int(),
  enabled: z.boolean(),
  health: SourceHealth.schema,
  lastRunAt: Instant.nullable(),
  lastSuccessAt: Instant.nullable(),
  consecutiveFailures: z.number().int(),
  newestItemAt: Instant.nullable(),
  lastError: z.string().nullable(),
  items: z.number().int(),
});
export type Source = z.infer<typeof Source>;

export const SourceList = z.object({ items: z.array(Source) });

export const LogEntry = z.object({
  id: z.number().int(),
  at: Instant,
  ok: z.boolean(),
  found: z.number().int(),
  added: z.number().int(),
  message: z.string(),
  durationMs: z.number().int(),
});
export const SourceLog = z.object({ items: z.array(LogEntry) });

export const RunResult = z.object({
  ok: z.boolean(),
  found: z.number().int(),
  added: z.number().int(),
  message: z.string(),
});
export type RunResult = z.infer<typeof RunResult>;

/** 试抓取: what a source's settings would take now, without keeping anything. */
export const Preview = z.object({
  ok: z.boolean(),
  message: z.string(),
  charset: z.string().nullable(),
  total: z.number().int(),
  entries: z.array(
    z.object({
      title: z.string(),
      url: z.string(),
      publishedAt: Instant.nullable(),
      known: z.boolean(),
    }),
  ),
});
export type Preview = z.infer<typeof Preview>;

export const SourcesQuery = z.object({ siteId: z.coerce.number().int().positive().optional() });
/** 试抓取 of an existing source's new settings marks the entries it already took. */
export const PreviewQuery = z.object({ sourceId: z.coerce.number().int().positive().optional() });

export const ShareInput = z.object({
  shares: z
    .array(
      z.object({
        unitId: z.number().int().positive(),
        minItems: z.number().int().min(1).max(1000),
        period: SharePeriod.schema.default('month'),
      }),
    )
    .max(100),
});
export type ShareInput = z.infer<typeof ShareInput>;

export const Share = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  minItems: z.number().int(),
  period: SharePeriod.schema,
});
export const ShareList = z.object({ dutyId: z.number().int(), shares: z.array(Share) });
export type ShareList = z.infer<typeof ShareList>;
