import { z } from 'zod';
import { ArticleType as ArticleTypeEnum, VALIDITY } from '../../contract/articles.js';
import { ArticleStatus as ArticleStatusEnum, WAS_PUBLISHED } from '../../contract/content.js';
import { patchOf } from '../../platform/validation.js';

// The six information types of the 信息发布审核表 (附件2): src/contract/articles.ts.
export const ARTICLE_TYPES = ArticleTypeEnum.values;
export type ArticleType = ArticleTypeEnum;
export const ARTICLE_TYPE_LABELS: Record<ArticleType, string> = ArticleTypeEnum.labels;
export const articleTypeFromLabel = (label: string): ArticleType | undefined =>
  (Object.entries(ARTICLE_TYPE_LABELS) as Array<[ArticleType, string]>).find(([, l]) => l === label)?.[0];

// An item's states, their labels and what counts as published come from the life-cycle table
// (src/contract/content.ts, applied by article-status.ts); these names stay for the modules that use them.
export const ARTICLE_STATUSES = ArticleStatusEnum.values;
export type ArticleStatus = ArticleStatusEnum;
export const ARTICLE_STATUS_LABELS: Record<ArticleStatus, string> = ArticleStatusEnum.labels;
export { WAS_PUBLISHED };

export { VALIDITY };

// A refusal names the field and its limit (标题不能超过 500 字), the same words as the admin form
// (admin/src/lib/rules.ts maxChars), so a pasted title too long is said, never cut without a word.
const text = (max: number, label?: string) =>
  z
    .string()
    .trim()
    .max(max, label ? `${label}不能超过 ${max} 字` : `不能超过 ${max} 个字符`);
const optional = (max: number, label?: string) => text(max, label).nullable().optional();
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD')
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    '日期无效',
  );

export const Disclosure = z.object({
  docNo: optional(100, '文号').describe('文号，如 涟政办发〔2018〕103号'),
  writtenOn: isoDate.nullable().optional().describe('成文日期'),
  issuer: optional(200, '发布机构').describe('发布机构（全称）'),
  topicCategory: optional(100, '主题分类').describe('主题分类，如 综合政务\\政务公开'),
  genre: optional(50, '体裁分类').describe('体裁分类'),
  keywords: optional(200, '主题词').describe('主题词'),
  validity: z.enum(VALIDITY).nullable().optional().describe('有效性'),
});
export type Disclosure = z.infer<typeof Disclosure>;

const ids = (max: number) => z.array(z.number().int().positive()).max(max).default([]);

export const ArticleInput = z.object({
  columnId: z.number().int().positive().describe('主栏目'),
  extraColumnIds: ids(20).describe('同时发布到的其他栏目（一文多发）'),
  unitId: z.number().int().positive().optional().describe('发布单位；单位账号总是本单位'),
  type: z.enum(ARTICLE_TYPES).default('news'),
  title: text(500, '标题').min(1, '请填写标题'),
  subtitle: optional(500, '副标题'),
  summary: optional(1000, '摘要'),
  bodyHtml: z.string().max(5_000_000, '正文过长').default(''),
  source: optional(200, '来源'),
  author: optional(100, '作者'),
  linkUrl: z
    .string()
    .trim()
    .max(1000)
    .regex(/^https?:\/\/\S+$/i, '链接须以 http:// 或 https:// 开头')
    .nullable()
    .optional()
    .describe('标题直接链接到外部地址时填写'),
  isTop: z.boolean().default(false),
  disclosure: Disclosure.default({}),
  attachmentIds: ids(50),
  interpretsPolicyIds: ids(20).describe('本文解读的政策文件'),
  channel: z
    .enum(['backoffice', 'email', 'paper', 'crawl'])
    .default('backoffice')
    .describe(
      '报送渠道：单位在后台录入为 backoffice；网站中心代录邮箱或纸质报送的信息为 email 或 paper；crawl 只由抓取任务使用',
    ),
});
export type ArticleInput = z.infer<typeof ArticleInput>;

export const ArticlePatch = patchOf(ArticleInput.omit({ channel: true })).extend({
  expectedRevision: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('编辑开始时的版本号；不一致时拒绝保存，避免覆盖他人修改'),
});
export type ArticlePatch = z.infer<typeof ArticlePatch>;

export const ArticleListQuery = z.object({
  siteId: z.coerce.number().int().positive().optional(),
  columnId: z.coerce.number().int().positive().optional(),
  includeSubcolumns: z.enum(['true', 'false']).default('true'),
  unitId: z.coerce.number().int().positive().optional(),
  status: ArticleStatusEnum.schema.optional(),
  type: z.enum(ARTICLE_TYPES).optional(),
  from: isoDate.optional().describe('发布日期起（含）'),
  to: isoDate.optional().describe('发布日期止（含）'),
  q: z.string().trim().max(100).optional().describe('标题包含'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuery>;

export const IdParams = z.object({ id: z.coerce.number().int().positive('编号无效') });
