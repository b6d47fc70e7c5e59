// Contract of the sites module (modules/sites): sites, their column trees, the column kinds and the
// update classes of the national inspection. Shared with the admin app as '@contract/sites'.

import { z } from 'zod';
import { Instant, labelledEnum, patchOf } from './common.js';

export const ColumnKind = labelledEnum(['list', 'page', 'link', 'topic', 'interaction', 'catalogue'], {
  list: '列表栏目',
  page: '单页栏目',
  link: '外链栏目',
  topic: '专题栏目',
  interaction: '互动栏目',
  catalogue: '信息公开目录',
});
export type ColumnKind = (typeof ColumnKind.values)[number];
export const COLUMN_KINDS = ColumnKind.values;
export const COLUMN_KIND_LABELS = ColumnKind.labels;

// The national inspection groups columns by how often they must be updated (普查/检查指标).
export const UpdateClass = labelledEnum(
  ['news', 'notice', 'personnel', 'annual', 'basic', 'interaction', 'service', 'topic', 'link'],
  {
    news: '动态要闻类',
    notice: '通知公告、政策文件类',
    personnel: '人事、规划计划类',
    annual: '财政预决算、年报类',
    basic: '概况信息类',
    interaction: '互动类',
    service: '办事服务类',
    topic: '专题专栏',
    link: '外链或抓取',
  },
);
export type UpdateClass = (typeof UpdateClass.values)[number];
export const UPDATE_CLASSES = UpdateClass.values;
export const UPDATE_CLASS_LABELS = UpdateClass.labels;

const trimmed = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`).nullable().optional();
// A column's link is followed by visitors (the leave-site page) and fetched by the link checks. A
// path beginning with two slashes, or a backslash that browsers read as one ("/\\evil.example"),
// leaves the site while looking like a path on it.
const url = z
  .string()
  .trim()
  .max(1000)
  .refine((v) => !v.includes('\\'), '链接地址不能包含反斜杠“\\”')
  .refine(
    (v) => /^https?:\/\/[^\s]+$/i.test(v) || /^\/(?!\/)/.test(v),
    '链接地址须以 http://、https:// 或 /（站内路径，不能以 // 开头）开头',
  );

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** An outside address a site's footer links to (a national service): a full http(s) address, or empty/null. */
const httpsAddress = (what: string) =>
  z
    .string()
    .trim()
    .max(1000, '不能超过 1000 个字符')
    .refine((v) => v === '' || isHttpUrl(v), `${what}须为以 http:// 或 https:// 开头的完整网址`)
    .nullable()
    .optional();

export const SiteIdParams = z.object({ siteId: z.coerce.number().int().positive('站点编号无效') });

export const HomeBlock = z.object({
  columnId: z.number().int().positive(),
  title: z.string().trim().max(50).optional(),
  limit: z.number().int().min(1).max(30).default(8),
});
export type HomeBlock = z.infer<typeof HomeBlock>;

export const SiteInput = z.object({
  name: trimmed(200),
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,63}$/, '站点代码须为小写字母开头的字母、数字或连字符'),
  hosts: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+(:\d+)?$/, '域名格式不正确'),
    )
    .max(20)
    .default([]),
  siteCode: z
    .string()
    .trim()
    .regex(/^\d{10}$/, '网站标识码为 10 位数字')
    .nullable()
    .optional(),
  icp: optionalText(100),
  psb: optionalText(100),
  sponsor: optionalText(200),
  organizer: optionalText(200),
  contact: optionalText(300),
  theme: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]+$/, '主题名称无效')
    .default('default'),
  isDefault: z.boolean().default(false),
  homeBlocks: z.array(HomeBlock).max(30).default([]),
  /** 站点无法访问: the public address the site probes on a schedule (its own, so loopback is allowed). */
  probeUrl: z
    .string()
    .trim()
    .max(1000, '不能超过 1000 个字符')
    .refine(
      (v) => isHttpUrl(v),
      '公网访问地址须为以 http:// 或 https:// 开头的完整网址，如 https://www.lianshui.gov.cn/',
    )
    .nullable()
    .optional(),
  /** The site's page at the 党政机关网站标识 verification service (the footer shows the mark only when set). */
  conacUrl: httpsAddress('党政机关网站标识的核验地址'),
  /** The site's entry to the national 我为政府网站找错 platform (null: the platform's front page). */
  jiucuoUrl: httpsAddress('“我为政府网站找错”的地址'),
});
export type SiteInput = z.infer<typeof SiteInput>;
export const SitePatch = patchOf(SiteInput);
export type SitePatch = z.infer<typeof SitePatch>;

export const ColumnInput = z.object({
  siteId: z.number().int().positive(),
  parentId: z.number().int().positive().nullable().default(null),
  name: trimmed(200),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, '英文路径只能包含小写字母、数字和连字符')
    .optional(),
  kind: ColumnKind.schema.default('list'),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  inNav: z.boolean().default(true),
  linkUrl: url.nullable().optional(),
  sourceColumnId: z.number().int().positive().nullable().optional(),
  updateClass: UpdateClass.schema.nullable().optional(),
  description: optionalText(2000),
  pageHtml: z.string().max(2_000_000).nullable().optional(),
});
export type ColumnInput = z.infer<typeof ColumnInput>;
export const ColumnPatch = patchOf(ColumnInput.omit({ siteId: true, parentId: true }));
export type ColumnPatch = z.infer<typeof ColumnPatch>;

export const ColumnMove = z.object({
  parentId: z.number().int().positive().nullable(),
  sortOrder: z.number().int().min(0).max(1_000_000),
});
export type ColumnMove = z.infer<typeof ColumnMove>;

// Replies ----------------------------------------------------------------------------------------

export const Site = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string(),
  hosts: z.array(z.string()),
  siteCode: z.string().nullable(),
  icp: z.string().nullable(),
  psb: z.string().nullable(),
  sponsor: z.string().nullable(),
  organizer: z.string().nullable(),
  contact: z.string().nullable(),
  theme: z.string(),
  isDefault: z.boolean(),
  homeBlocks: z.array(z.object({ columnId: z.number().int(), title: z.string().optional(), limit: z.number().int() })),
  /** The public address probed for 站点无法访问 (null: not set, the indicator does not apply). */
  probeUrl: z.string().nullable(),
  conacUrl: z.string().nullable(),
  jiucuoUrl: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Site = z.infer<typeof Site>;

export const Column = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  slug: z.string(),
  path: z.string(),
  kind: ColumnKind.schema,
  sortOrder: z.number().int(),
  inNav: z.boolean(),
  linkUrl: z.string().nullable(),
  sourceColumnId: z.number().int().nullable(),
  updateClass: UpdateClass.schema.nullable(),
  /** What the guarantee-list import proposed (null: it could not tell, or a person made the column). */
  updateClassProposed: UpdateClass.schema.nullable(),
  /** A person confirmed or chose the class in force. */
  updateClassConfirmed: z.boolean(),
  description: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Column = z.infer<typeof Column>;

export type ColumnNode = Column & { children: ColumnNode[] };
/** A column with its sub-columns, to any depth (the column tree of a site). */
export const ColumnNode: z.ZodType<ColumnNode> = Column.extend({
  get children() {
    return z.array(ColumnNode);
  },
});

/** A column with the path of columns above it (GET /columns/:id). */
export const ColumnDetail = Column.extend({ ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })) });
export type ColumnDetail = z.infer<typeof ColumnDetail>;
