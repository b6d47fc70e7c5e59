// Contract of the 政民互动 module (modules/interaction): a letter's states and THE loop table, the
// labels the admin app and the public pages show, and the API's shapes.
//
// The loop (issue 12 item 2): 受理 (or 不予受理) → 转办/会办 → the unit's 信息员 drafts, its leader signs
// → 12345 审核 → 答复 → the writer rates (不满意 reopens once) → 办结. A unit may 退单 and the office
// 改派 or rules; 延期 is a request beside the states (it moves the deadline, not the state).

import { z } from 'zod';
import { labelledEnum } from './common.js';

export const LetterStatus = labelledEnum(
  ['received', 'rejected', 'accepted', 'assigned', 'unit_returned', 'drafted', 'signed', 'answered', 'closed'],
  {
    received: '待受理',
    rejected: '不予受理',
    accepted: '已受理待转办',
    assigned: '单位办理中',
    unit_returned: '单位退单',
    drafted: '待单位领导签发',
    signed: '待12345审核',
    answered: '已答复待评价',
    closed: '已办结',
  },
);
export type LetterStatus = (typeof LetterStatus.values)[number];

export const MailboxKind = labelledEnum(['secretary', 'magistrate', 'department', 'consult', 'complaint'], {
  secretary: '书记信箱',
  magistrate: '县长信箱',
  department: '部门信箱',
  consult: '在线咨询',
  complaint: '投诉监督',
});
export type MailboxKind = (typeof MailboxKind.values)[number];

export const LetterCategory = labelledEnum(['consult', 'suggestion', 'complaint', 'help'], {
  consult: '咨询',
  suggestion: '建议',
  complaint: '投诉',
  help: '求助',
});
export type LetterCategory = (typeof LetterCategory.values)[number];

export const RejectKind = labelledEnum(['duplicate', 'abusive', 'out_of_scope'], {
  duplicate: '重复来信',
  abusive: '含辱骂、违法等内容',
  out_of_scope: '不属于受理范围',
});

export const Rating = labelledEnum(['satisfied', 'basic', 'unsatisfied'], {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
});
export type Rating = (typeof Rating.values)[number];

/** Who takes a step: the 12345 office, the unit's 信息员, the unit's leader, the writer, the system. */
export type LetterActor = 'office' | 'unit_officer' | 'unit_leader' | 'writer';

interface LetterRule {
  label: string;
  from: readonly LetterStatus[];
  to: LetterStatus;
  who: LetterActor;
  /** A reason must be given (shown in the history). */
  needsReason?: boolean;
}

export const LETTER_ACTIONS = {
  accept: { label: '受理', from: ['received'], to: 'accepted', who: 'office' },
  reject: { label: '不予受理', from: ['received'], to: 'rejected', who: 'office', needsReason: true },
  assign: { label: '转办', from: ['accepted'], to: 'assigned', who: 'office' },
  reassign: { label: '改派', from: ['unit_returned'], to: 'assigned', who: 'office', needsReason: true },
  rule: { label: '裁定由原单位办理', from: ['unit_returned'], to: 'assigned', who: 'office', needsReason: true },
  unit_return: { label: '退单', from: ['assigned'], to: 'unit_returned', who: 'unit_officer', needsReason: true },
  draft: { label: '拟写答复', from: ['assigned'], to: 'drafted', who: 'unit_officer' },
  sign: { label: '领导签发', from: ['drafted'], to: 'signed', who: 'unit_leader' },
  return_draft: { label: '退回修改', from: ['drafted'], to: 'assigned', who: 'unit_leader', needsReason: true },
  approve: { label: '审核通过并答复', from: ['signed'], to: 'answered', who: 'office' },
  return_reply: { label: '审核退回单位', from: ['signed'], to: 'assigned', who: 'office', needsReason: true },
  rate: { label: '评价', from: ['answered'], to: 'closed', who: 'writer' },
  reopen: { label: '不满意重新办理', from: ['answered'], to: 'assigned', who: 'writer' },
  close: { label: '办结', from: ['answered'], to: 'closed', who: 'office' },
} as const satisfies Record<string, LetterRule>;
export type LetterAction = keyof typeof LETTER_ACTIONS;

/** Steps beside the states (history entries that move no state). */
export const SIDE_STEPS = {
  submit: '来信',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  deny_extension: '不批准延期',
  publish: '公开到来信反馈',
  unpublish: '撤下公开',
  remind: '催办',
} as const;

/** The state an action leads to from `from`, or a refusal in words. Pure: the service applies it. */
export function letterTransition(
  action: LetterAction,
  from: LetterStatus,
): { ok: true; to: LetterStatus } | { ok: false; message: string } {
  const rule: LetterRule = LETTER_ACTIONS[action];
  if (!rule.from.includes(from))
    return {
      ok: false,
      message: `当前状态“${LetterStatus.labels[from]}”不能${rule.label}（仅限：${rule.from.map((s) => LetterStatus.labels[s]).join('、')}）`,
    };
  return { ok: true, to: rule.to };
}

/** The actions the table allows from a state for a kind of taker (the admin app offers these). */
export const actionsFrom = (status: LetterStatus, who: LetterActor): LetterAction[] =>
  (Object.keys(LETTER_ACTIONS) as LetterAction[]).filter(
    (a) => LETTER_ACTIONS[a].who === who && (LETTER_ACTIONS[a].from as readonly string[]).includes(status),
  );

// ---- API shapes ----

export const LetterEventView = z.object({
  action: z.string(),
  label: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actor: z.string(),
  unitId: z.number().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

export const LetterSummary = z.object({
  id: z.number(),
  queryCode: z.string(),
  mailbox: z.string(),
  mailboxKind: z.string(),
  category: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  title: z.string(),
  receivedAt: z.string(),
  acceptDue: z.string(),
  replyDue: z.string().nullable(),
  leadUnitId: z.number().nullable(),
  leadUnitName: z.string().nullable(),
  overdue: z.boolean(),
  extensionState: z.string().nullable(),
});
export type LetterSummary = z.infer<typeof LetterSummary>;

export const LetterDetail = LetterSummary.extend({
  writerName: z.string(),
  writerPhone: z.string(),
  writerEmail: z.string().nullable(),
  body: z.string(),
  publicAllowed: z.boolean(),
  helperUnitIds: z.array(z.number()),
  rejectKind: z.string().nullable(),
  rejectReason: z.string().nullable(),
  unitReturnReason: z.string().nullable(),
  extensionDays: z.number().nullable(),
  extensionReason: z.string().nullable(),
  draft: z.string().nullable(),
  reply: z.string().nullable(),
  answeredAt: z.string().nullable(),
  rating: z.string().nullable(),
  reopened: z.number(),
  closedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number(),
  attachments: z.array(z.object({ id: z.number(), name: z.string(), size: z.number(), mime: z.string() })),
  history: z.array(LetterEventView),
  actions: z.array(z.object({ action: z.string(), label: z.string(), needsReason: z.boolean() })),
});
export type LetterDetail = z.infer<typeof LetterDetail>;

export const LetterList = z.object({ items: z.array(LetterSummary), total: z.number() });

export const LetterActionBody = z.object({
  action: z.enum(Object.keys(LETTER_ACTIONS) as [LetterAction, ...LetterAction[]]),
  version: z.number().int(),
  reason: z.string().trim().max(1000).optional(),
  rejectKind: RejectKind.schema.optional(),
  unitId: z.number().int().optional(),
  helperUnitIds: z.array(z.number().int()).max(20).optional(),
  text: z.string().trim().max(20_000).optional(),
});
export type LetterActionBody = z.infer<typeof LetterActionBody>;

export const ExtensionBody = z.object({
  version: z.number().int(),
  days: z.number().int().min(1).max(30).optional(),
  reason: z.string().trim().max(1000).optional(),
  decision: z.enum(['request', 'approve', 'deny']),
});

export const StatsRow = z.object({
  unitId: z.number().nullable(),
  unitName: z.string(),
  month: z.string(),
  received: z.number(),
  closed: z.number(),
  onTimeRate: z.number().nullable(),
  satisfiedRate: z.number().nullable(),
});
export const StatsReply = z.object({ rows: z.array(StatsRow) });
export type StatsRow = z.infer<typeof StatsRow>;

export const LettersQuery = z.object({
  status: z.string().max(24).optional(),
  mailboxId: z.coerce.number().int().optional(),
  /** The lead unit (承办单位). A unit's own people stay inside their scope whatever they ask for. */
  unitId: z.coerce.number().int().optional(),
  /** Only letters whose running deadline (受理, or 答复 while the office or a unit holds it) has passed. */
  overdue: z
    .enum(['true', 'false', '1', '0'], { error: 'overdue 只能是 true 或 false' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type LettersQuery = z.infer<typeof LettersQuery>;

export const PublishBody = z.object({ version: z.number().int(), publish: z.boolean() });

export const StatsQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM'),
  to: z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM'),
});

export const MailboxView = z.object({
  id: z.number(),
  kind: z.string(),
  slug: z.string(),
  name: z.string(),
  unitId: z.number().nullable(),
  acceptDays: z.number(),
  consultDays: z.number(),
  otherDays: z.number(),
  enabled: z.boolean(),
  /** The column its published replies count toward in the guarantee checks. */
  columnId: z.number().nullable(),
});
export type MailboxView = z.infer<typeof MailboxView>;
const days = (label: string, max: number) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}应为整数`)
    .min(1, `${label}至少 1 个工作日`)
    .max(max, `${label}不能超过 ${max} 个工作日`);
export const MailboxUpdateBody = z.object({
  acceptDays: days('受理时限', 10),
  consultDays: days('咨询答复时限', 60),
  otherDays: days('建议、投诉、求助答复时限', 60),
  enabled: z.boolean(),
  columnId: z.number().int().positive().nullable(),
});
export type MailboxUpdateBody = z.infer<typeof MailboxUpdateBody>;
export const MailboxCreateBody = z.object({ unitId: z.number({ error: '请选择单位' }).int().positive() });
export const MailboxList = z.object({ items: z.array(MailboxView) });

export const UnansweredReply = z.object({
  today: z.string(),
  letters: z.array(z.object({ id: z.number(), title: z.string(), receivedAt: z.string() })),
});

// ---- 刊登共性问题 (issue 12 item 5): one published question and answer made from similar letters ----

export const FaqBody = z.object({
  question: z.string().trim().min(1, '请填写问题').max(500, '问题不能超过 500 个字'),
  answer: z.string().trim().min(1, '请填写解答').max(20_000, '解答不能超过 20000 个字'),
  letterIds: z
    .array(z.number().int().positive())
    .min(2, '共性问题应由至少两件相似来信归纳而成')
    .max(200, '一次最多关联 200 件来信'),
  columnId: z.number().int().positive().nullable().optional(),
});
export type FaqBody = z.infer<typeof FaqBody>;

export const FaqView = z.object({
  id: z.number(),
  question: z.string(),
  answer: z.string(),
  columnId: z.number().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  letters: z.array(z.object({ id: z.number(), title: z.string(), queryCode: z.string(), status: z.string() })),
});
export type FaqView = z.infer<typeof FaqView>;
export const FaqList = z.object({ items: z.array(FaqView) });
export const FaqPublishBody = z.object({ publish: z.boolean() });

export const LetterFileParams = z.object({
  id: z.coerce.number().int().positive('编号无效'),
  fileId: z.coerce.number().int().positive('编号无效'),
});
export const LetterFileBytes = z.any().describe('附件内容（二进制）');

// ---- the public forms' blacklist (platform/public-forms), kept by the 12345 office ----

export const BlacklistEntryView = z.object({
  id: z.number(),
  kind: z.enum(['address', 'phone']),
  value: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export const BlacklistList = z.object({ items: z.array(BlacklistEntryView) });
export const BlacklistBody = z.object({
  kind: z.enum(['address', 'phone'], { error: '请选择网络地址或手机号码' }),
  value: z.string().trim().min(1, '请填写要暂停的网络地址或手机号码').max(128),
  reason: z.string().trim().min(1, '请填写理由（仅内部可见）').max(500),
  /** Up to when (an instant); none: until removed. */
  expiresAt: z.iso.datetime({ offset: true, message: '到期时间格式不正确' }).nullable().optional(),
});
export type BlacklistBody = z.infer<typeof BlacklistBody>;
