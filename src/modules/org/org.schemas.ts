import { z } from 'zod';
import { patchOf } from '../../platform/validation.js';
import { ROLES } from '../../platform/auth/roles.js';
import { isDay } from '../../platform/calendar/days.js';

export const UNIT_CATEGORIES = [
  'town',
  'street',
  'park',
  'party_dept',
  'gov_dept',
  'vertical',
  'direct',
  'soe',
  'coordination',
  'other',
] as const;
export type UnitCategory = (typeof UNIT_CATEGORIES)[number];
export const UNIT_CATEGORY_LABELS: Record<UnitCategory, string> = {
  town: '镇',
  street: '街道',
  park: '园区',
  party_dept: '县委部门',
  gov_dept: '县政府部门',
  vertical: '垂直管理单位',
  direct: '直属单位',
  soe: '国有企业',
  coordination: '议事协调机构',
  other: '其他单位',
};

export const PERSONNEL_ROLES = ['leader', 'officer'] as const;
export type PersonnelRole = (typeof PERSONNEL_ROLES)[number];
export const PERSONNEL_ROLE_LABELS = { leader: '分管领导', officer: '信息员' } as const;

const name = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);
const phone = z
  .string()
  .trim()
  .max(50)
  .regex(/^[0-9+\-() ]*$/, '电话号码只能包含数字、空格和 + - ( )')
  .nullable()
  .optional();
const email = z.string().trim().toLowerCase().email('邮箱地址格式不正确').max(320);

export const UnitInput = z.object({
  name: name(200),
  shortName: name(100),
  category: z.enum(UNIT_CATEGORIES),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z-]{6,32}$/, '单位代码须为 6-32 位数字、大写字母或连字符（组织机构代码或统一社会信用代码）'),
  aliases: z.array(name(200)).max(30).default([]),
  emails: z.array(email).max(20).default([]),
  sortOrder: z.number().int().min(0).max(1_000_000).default(0),
  active: z.boolean().default(true),
  assessedFrom: z
    .string()
    .refine(isDay, '纳入考核日期须为 YYYY-MM-DD 格式的有效日期')
    .nullable()
    .optional()
    .describe('纳入考核日期：此前的时段不考核本单位；不填则按各项保障责任的生效日期'),
});
export type UnitInput = z.infer<typeof UnitInput>;
export const UnitPatch = patchOf(UnitInput);
export type UnitPatch = z.infer<typeof UnitPatch>;

export const UnitListQuery = z.object({
  category: z.enum(UNIT_CATEGORIES).optional(),
  q: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const GroupInput = z.object({
  name: name(200),
  description: z.string().trim().max(500).nullable().optional(),
  categories: z.array(z.enum(UNIT_CATEGORIES)).min(1, '至少选择一个单位类别'),
});
export type GroupInput = z.infer<typeof GroupInput>;

export const PersonInput = z.object({
  unitId: z.number().int().positive(),
  role: z.enum(PERSONNEL_ROLES),
  name: name(100),
  post: z.string().trim().max(200).nullable().optional(),
  /** 办公电话. */
  phone,
  /** 手机. */
  mobile: phone.refine(
    (v) => !v || /^1[3-9]\d{9}$/.test(v.replace(/[\s\-()]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')),
    '手机号码须为 11 位',
  ),
  email: email.nullable().optional(),
});
export type PersonInput = z.infer<typeof PersonInput>;
export const PersonPatch = patchOf(PersonInput.omit({ unitId: true }));
export type PersonPatch = z.infer<typeof PersonPatch>;

/** What the office expects of one unit's roster, when not one 分管领导 and at least one 信息员. */
export const RequirementInput = z.object({
  leaders: z.number().int().min(0, '不能小于 0').max(5, '不能超过 5'),
  minOfficers: z.number().int().min(0, '不能小于 0').max(20, '不能超过 20'),
  note: z.string().trim().min(1, '请说明原因（如：由某单位分管领导兼管）').max(500, '不能超过 500 个字符'),
});
export type RequirementInput = z.infer<typeof RequirementInput>;

export const RosterImportQuery = z.object({
  apply: z.enum(['true', 'false']).default('false').describe('false：只预览将发生的变更；true：导入'),
});

export const AccountInput = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,64}$/, '用户名须为 3-64 位字母、数字或 _ . -'),
  displayName: name(100),
  password: z.string().min(1, '请填写密码').max(128),
  unitId: z.number().int().positive(),
  roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色'),
  phone,
  email: email.nullable().optional(),
  active: z.boolean().default(true),
});
export type AccountInput = z.infer<typeof AccountInput>;
export const AccountPatch = patchOf(AccountInput.omit({ username: true, password: true }));
export type AccountPatch = z.infer<typeof AccountPatch>;

export const PasswordReset = z.object({ password: z.string().min(1, '请填写新密码').max(128) });
export const PasswordChange = z.object({
  currentPassword: z.string().min(1, '请填写当前密码').max(128),
  newPassword: z.string().min(1, '请填写新密码').max(128),
});

export const LoginInput = z.object({
  username: z.string().trim().min(1, '请填写用户名').max(64),
  password: z.string().min(1, '请填写密码').max(128),
});

export const GrantInput = z.object({ unitId: z.number().int().positive(), columnId: z.number().int().positive() });
