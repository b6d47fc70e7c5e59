import { z } from 'zod';
import { patchOf } from '../../platform/validation.js';

export const COLUMN_KINDS = ['list', 'page', 'link', 'topic', 'interaction', 'catalogue'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];
export const COLUMN_KIND_LABELS: Record<ColumnKind, string> = {
  list: '列表栏目',
  page: '单页栏目',
  link: '外链栏目',
  topic: '专题栏目',
  interaction: '互动栏目',
  catalogue: '信息公开目录',
};

// The national inspection groups columns by how often they must be updated (普查/检查指标).
export const UPDATE_CLASSES = [
  'news',
  'notice',
  'personnel',
  'annual',
  'basic',
  'interaction',
  'service',
  'topic',
  'link',
] as const;
export type UpdateClass = (typeof UPDATE_CLASSES)[number];
export const UPDATE_CLASS_LABELS: Record<UpdateClass, string> = {
  news: '动态要闻类',
  notice: '通知公告、政策文件类',
  personnel: '人事、规划计划类',
  annual: '财政预决算、年报类',
  basic: '概况信息类',
  interaction: '互动类',
  service: '办事服务类',
  topic: '专题专栏',
  link: '外链或抓取',
};

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

export const IdParams = z.object({ id: z.coerce.number().int().positive('编号无效') });
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
  kind: z.enum(COLUMN_KINDS).default('list'),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  inNav: z.boolean().default(true),
  linkUrl: url.nullable().optional(),
  sourceColumnId: z.number().int().positive().nullable().optional(),
  updateClass: z.enum(UPDATE_CLASSES).nullable().optional(),
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
