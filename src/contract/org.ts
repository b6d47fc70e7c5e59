// Contract of the organisation module (modules/org): units and their groups, the 附件3 roster of
// 保障人员, accounts, roles and permissions, signing in. Requests are checked with these schemas, replies
// are serialised through them, and the admin app imports the same types and labels.

import { z } from 'zod';
import { Instant, isDay, labelledEnum, patchOf } from './common.js';

// Enumerations -----------------------------------------------------------------------------------

export const UnitCategory = labelledEnum(
  ['town', 'street', 'park', 'party_dept', 'gov_dept', 'vertical', 'direct', 'soe', 'coordination', 'other'],
  {
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
  },
);
export type UnitCategory = (typeof UnitCategory.values)[number];
export const UNIT_CATEGORIES = UnitCategory.values;
export const UNIT_CATEGORY_LABELS = UnitCategory.labels;

export const PersonnelRole = labelledEnum(['leader', 'officer'], { leader: '分管领导', officer: '信息员' });
export type PersonnelRole = (typeof PersonnelRole.values)[number];
export const PERSONNEL_ROLES = PersonnelRole.values;
export const PERSONNEL_ROLE_LABELS = PersonnelRole.labels;

/** The roles of an account (platform/auth/policy.ts says what each may do). */
export const Role = labelledEnum(
  [
    'sysadmin',
    'site_editor',
    'disclosure_reviewer',
    'office_leader',
    'unit_head',
    'unit_leader',
    'unit_officer',
    'hotline_operator',
  ],
  {
    sysadmin: '系统管理员',
    site_editor: '网站中心编辑',
    disclosure_reviewer: '政务公开科审核员',
    office_leader: '政府办领导',
    unit_head: '单位主要领导',
    unit_leader: '单位分管领导',
    unit_officer: '单位信息员',
    hotline_operator: '12345办公室话务员',
  },
);
export type Role = (typeof Role.values)[number];
export const ROLES = Role.values;
export const ROLE_LABELS = Role.labels;

// Permission names and scope kinds live in permissions.ts; the admin app and the server import them from here too.
import { PERMISSIONS, ScopeKind } from './permissions.js';
export { PERMISSIONS, type Permission, ScopeKind } from './permissions.js';

// Requests ---------------------------------------------------------------------------------------

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
  category: UnitCategory.schema,
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
  category: UnitCategory.schema.optional(),
  q: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const GroupInput = z.object({
  name: name(200),
  description: z.string().trim().max(500).nullable().optional(),
  categories: z.array(UnitCategory.schema).min(1, '至少选择一个单位类别'),
});
export type GroupInput = z.infer<typeof GroupInput>;

export const PersonInput = z.object({
  unitId: z.number().int().positive(),
  role: PersonnelRole.schema,
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
  roles: z.array(Role.schema).min(1, '至少选择一个角色'),
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

/** Signing in with a password that must be replaced first (the demo accounts' published one, beyond loopback). */
export const NewPasswordLoginInput = LoginInput.extend({
  newPassword: z.string().min(1, '请填写新密码').max(128),
});

export const GrantInput = z.object({ unitId: z.number().int().positive(), columnId: z.number().int().positive() });

export const UnitFilter = z.object({ unitId: z.coerce.number().int().positive().optional() });
export const AccountFilter = UnitFilter.extend({ role: z.string().max(32).optional() });
export const UnitParams = z.object({ unitId: z.coerce.number().int().positive('单位编号无效') });

// Replies ----------------------------------------------------------------------------------------

/** The signed-in account: who, which unit, what it may do (GET /auth/me, and the reply of signing in). */
export const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string(), shortName: z.string() }),
  roles: z.array(z.object({ role: Role.schema, label: z.string() })),
  permissions: z.partialRecord(z.enum(PERMISSIONS), ScopeKind),
  lastLoginAt: Instant.nullable(),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const Unit = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  category: UnitCategory.schema,
  code: z.string(),
  aliases: z.array(z.string()),
  emails: z.array(z.string()),
  sortOrder: z.number().int(),
  active: z.boolean(),
  /** 纳入考核日期; null: each duty's own date in force decides. */
  assessedFrom: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Unit = z.infer<typeof Unit>;

export const UnitRef = z.object({ id: z.number().int(), name: z.string(), shortName: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

export const Group = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  categories: z.array(UnitCategory.schema),
});
export type Group = z.infer<typeof Group>;

/** A group with the active units its categories take in. */
export const UnitGroup = Group.extend({ members: z.array(UnitRef) });
export type UnitGroup = z.infer<typeof UnitGroup>;

/** A column a unit was granted beyond its duties. */
export const Grant = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  columnId: z.number().int(),
  columnName: z.string(),
  columnPath: z.string(),
  createdAt: Instant,
});
export type Grant = z.infer<typeof Grant>;

export const Person = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  role: PersonnelRole.schema,
  name: z.string(),
  post: z.string().nullable(),
  /** 办公电话. */
  phone: z.string().nullable(),
  /** 手机. */
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  updatedAt: Instant,
});
export type Person = z.infer<typeof Person>;

/** A person just saved, with what the office should know (a second 分管领导 and the like). */
export const SavedPerson = Person.extend({ warning: z.string().nullable() });
export type SavedPerson = z.infer<typeof SavedPerson>;

/** Units with more 分管领导 than expected. */
export const PersonnelWarning = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  leaders: z.array(z.string()),
  expected: z.number().int(),
  message: z.string(),
});
export type PersonnelWarning = z.infer<typeof PersonnelWarning>;

/** What the office expects of a unit when not one 分管领导 and at least one 信息员. */
export const PersonnelRequirement = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  leaders: z.number().int(),
  minOfficers: z.number().int(),
  note: z.string().nullable(),
});
export type PersonnelRequirement = z.infer<typeof PersonnelRequirement>;

export const MissingPersonnel = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  shortName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  missingLeader: z.boolean(),
  missingOfficer: z.boolean(),
  missing: z.string(),
});
export type MissingPersonnel = z.infer<typeof MissingPersonnel>;

const RosterFields = z.object({
  post: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
});

/** What importing the 附件3 spreadsheet changes (or would change: a preview is the same plan). */
export const RosterImportResult = z.object({
  applied: z.boolean(),
  summary: z.object({
    format: z.enum(['csv', 'xlsx']),
    rows: z.number().int(),
    units: z.array(
      z.object({
        unitId: z.number().int(),
        unitName: z.string(),
        written: z.array(z.string()),
        rows: z.array(z.number().int()),
      }),
    ),
    unresolved: z.array(z.object({ name: z.string(), rows: z.array(z.number().int()) })),
    changes: z.array(
      z.object({
        action: z.enum(['create', 'update', 'delete']),
        unitId: z.number().int(),
        unitName: z.string(),
        role: PersonnelRole.schema,
        name: z.string(),
        /** The spreadsheet row it comes from (none for a removal). */
        row: z.number().int().nullable(),
        personId: z.number().int().nullable(),
        /** The values written (create, update). */
        values: RosterFields.nullable(),
        detail: z.string(),
      }),
    ),
    counts: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      removed: z.number().int(),
    }),
    warnings: z.array(z.object({ row: z.number().int().nullable(), unitName: z.string(), message: z.string() })),
    /** Units (all active ones) that still miss a 分管领导 or 信息员 after the import, as the office expects. */
    missing: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), missing: z.string() })),
  }),
  /** The summary in Chinese, line by line, as the CLI prints it. */
  report: z.array(z.string()),
});
export type RosterImportResult = z.infer<typeof RosterImportResult>;

export const Account = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  roles: z.array(Role.schema),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: Instant.nullable(),
  failedAttempts: z.number().int(),
  lastLoginAt: Instant.nullable(),
  /** Two-factor sign-in is set up (src/contract/two-factor.ts). */
  twoFactor: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Account = z.infer<typeof Account>;
