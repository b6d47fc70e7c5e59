// Contract of the 依申请公开 module (modules/foi, issue 13): applications under the 政府信息公开条例
// (2019), their handling, the 告知书 and the annual report's section 三 and 四.

import { z } from 'zod';
import { Day, Instant, labelledEnum } from './common.js';
import { optionalText, text } from './foi-text.js';

export * from './foi-guide.js';
export { FileBytes } from './common.js';

export const ApplicantKind = labelledEnum(['person', 'organisation'], {
  person: '公民',
  organisation: '法人或者其他组织',
});

/** The annual report's applicant columns (国办公开办函〔2021〕30号 section 三). */
export const ApplicantCategory = labelledEnum(
  ['natural', 'business', 'research', 'public_interest', 'legal_service', 'other_org'],
  {
    natural: '自然人',
    business: '商业企业',
    research: '科研机构',
    public_interest: '社会公益组织',
    legal_service: '法律服务机构',
    other_org: '其他',
  },
);

export const IdType = labelledEnum(['resident_id', 'passport', 'hk_mo_permit', 'tw_permit', 'other'], {
  resident_id: '居民身份证',
  passport: '护照',
  hk_mo_permit: '港澳居民来往内地通行证',
  tw_permit: '台湾居民来往大陆通行证',
  other: '其他有效身份证件',
});

export const ProvisionForm = labelledEnum(['paper', 'email', 'disc', 'inspect'], {
  paper: '纸质',
  email: '电子邮件',
  disc: '光盘',
  inspect: '自行查阅',
});

export const ReceiptWay = labelledEnum(['post', 'email', 'pickup', 'onsite'], {
  post: '邮寄',
  email: '电子邮件',
  pickup: '自行领取',
  onsite: '当场阅读、抄录',
});

/** How the application arrived: the receipt date depends on it (条例第三十一条). */
export const Channel = labelledEnum(['in_person', 'registered_mail', 'ordinary_mail', 'online'], {
  in_person: '当面提交',
  registered_mail: '挂号信（邮政特快专递）',
  ordinary_mail: '平信',
  online: '网上申请',
});

export const FoiState = labelledEnum(['registered', 'correction', 'consulting', 'answered', 'withdrawn'], {
  registered: '办理中',
  correction: '待申请人补正',
  consulting: '征求第三方意见中',
  answered: '已答复',
  withdrawn: '视为放弃申请',
});

/** 条例第三十六条 answer types, as the 告知书 names them. */
export const AnswerType = labelledEnum(
  ['disclose', 'partial', 'refuse', 'unable', 'not_handled', 'published', 'not_ours', 'other'],
  {
    disclose: '予以公开',
    partial: '部分公开',
    refuse: '不予公开',
    unable: '无法提供',
    not_handled: '不予处理',
    published: '已主动公开',
    not_ours: '不属于本机关负责公开',
    other: '其他处理',
  },
);
export type AnswerTypeValue = (typeof AnswerType.values)[number];

/** The grounds of each answer type that has them, as the annual report lists them. */
export const ANSWER_GROUNDS = {
  refuse: {
    state_secret: '属于国家秘密',
    law_prohibited: '其他法律行政法规禁止公开',
    three_security: '危及“三安全一稳定”',
    third_party: '保护第三方合法权益',
    internal_affairs: '属于三类内部事务信息',
    process_info: '属于四类过程性信息',
    enforcement_file: '属于行政执法案卷',
    query_matter: '属于行政查询事项',
  },
  unable: {
    not_held: '本机关不掌握相关政府信息',
    needs_creation: '没有现成信息需要另行制作',
    unclear_after_correction: '补正后申请内容仍不明确',
  },
  not_handled: {
    petition: '信访举报投诉类申请',
    repeated: '重复申请',
    publication: '要求提供公开出版物',
    excessive: '无正当理由大量反复申请',
    confirm_existing: '要求行政机关确认或重新出具已获取信息',
  },
  other: {
    correction_overdue: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    fee_overdue: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    other: '其他',
  },
} as const satisfies Partial<Record<AnswerTypeValue, Record<string, string>>>;

/** A phone as people write it ("139 0000 1111", "+86 139…", "0517-8000 0000"), kept without spaces. */
export const Mobile = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s()（）]/g, '').replace(/^\+?86(?=1)/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, '请填写11位手机号码或带区号的固定电话'));

/** What an application says, whoever enters it (the applicant online, the unit for paper ones). */
export const ApplicationFields = z.object({
  unitId: z.coerce.number().int().positive('请选择受理机关'),
  applicantKind: ApplicantKind.schema,
  /** For an organisation: which annual-report column it counts in. A person is always 自然人. */
  orgCategory: ApplicantCategory.schema.nullish(),
  applicantName: text(200, '姓名或名称'),
  idType: IdType.schema.nullish(),
  idNumber: optionalText(64, '证件号码'),
  orgCode: optionalText(32, '统一社会信用代码'),
  legalRep: optionalText(100, '法定代表人或负责人'),
  contactName: optionalText(100, '联系人'),
  phone: Mobile,
  email: z.union([z.literal(''), z.string().trim().email('电子邮箱格式不正确').max(200)]).nullish(),
  address: optionalText(300, '通信地址'),
  postcode: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^\d{6}$/, '邮政编码应为6位数字'),
    ])
    .nullish(),
  description: text(2000, '所需信息的内容描述'),
  docNumber: optionalText(200, '文件名称或文号'),
  purpose: optionalText(1000, '用途'),
  provisionForm: ProvisionForm.schema,
  receiptWay: ReceiptWay.schema,
});
export type ApplicationFields = z.infer<typeof ApplicationFields>;

/** A paper, letter or counter application entered by the unit, with the dates its channel needs. */
export const RegisterApplication = ApplicationFields.extend({
  channel: Channel.schema,
  /** The day it was handed in, posted or submitted. */
  submittedDay: Day,
  /** 挂号信: the day the unit signed for it. */
  signedDay: Day.nullish(),
  /** 平信, 网上: the day the unit confirmed receipt with the applicant. */
  confirmedDay: Day.nullish(),
});
export type RegisterApplication = z.infer<typeof RegisterApplication>;

export const ApplicationsQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  state: FoiState.schema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export const ClockView = z.object({
  receivedDay: Day,
  /** The day the clock (re)started from: receipt, or the corrected application's arrival. */
  startDay: Day,
  correctionDueDay: Day,
  /** Null while the clock is paused without a known end. */
  dueDay: Day.nullable(),
  pausedWorkdays: z.number().int(),
  paused: z.boolean(),
  extended: z.boolean(),
  workdaysLeft: z.number().int().nullable(),
  status: z.enum(['running', 'paused', 'due_soon', 'overdue', 'done']),
});
export type ClockView = z.infer<typeof ClockView>;

export const ApplicationSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  applicantKind: ApplicantKind.schema,
  /** Masked: lists never show whole names, phones or ID numbers. */
  applicantName: z.string(),
  phone: z.string(),
  description: z.string(),
  channel: Channel.schema,
  state: FoiState.schema,
  answerType: AnswerType.schema.nullable(),
  clock: ClockView,
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const FoiEvent = z.object({
  action: z.string(),
  label: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  day: Day,
  note: z.string().nullable(),
  username: z.string(),
  at: Instant,
});

export const FoiFile = z.object({
  id: z.number().int(),
  kind: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: Instant,
});

export const ApplicationDetail = ApplicationSummary.extend({
  applicantCategory: ApplicantCategory.schema,
  idType: z.string().nullable(),
  idNumber: z.string().nullable(),
  orgCode: z.string().nullable(),
  legalRep: z.string().nullable(),
  contactName: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  docNumber: z.string().nullable(),
  purpose: z.string().nullable(),
  provisionForm: ProvisionForm.schema,
  receiptWay: ReceiptWay.schema,
  submittedAt: Instant,
  correction: z.object({ day: Day, dueDay: Day, note: z.string().nullable(), correctedDay: Day.nullable() }).nullable(),
  consultation: z.object({ day: Day, party: z.string(), replyDay: Day.nullable() }).nullable(),
  extension: z.object({ days: z.number().int(), day: Day, approver: z.string(), reason: z.string() }).nullable(),
  answer: z
    .object({
      type: AnswerType.schema,
      ground: z.string().nullable(),
      groundLabel: z.string().nullable(),
      day: Day,
      link: z.string().nullable(),
      organ: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  events: z.array(FoiEvent),
  files: z.array(FoiFile),
  /** What the acting person may do next. */
  actions: z.array(z.string()),
  /** The server's today (Asia/Shanghai): the default day of a step. */
  today: Day,
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const ApplicationList = z.object({ items: z.array(ApplicationSummary) });

export const Registered = z.object({ id: z.number().int(), number: z.string() });

/** One step on an application; which fields it needs depends on the action. */
export const ActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('request_correction'), day: Day, dueDay: Day, note: text(2000, '补正内容') }),
  z.object({ action: z.literal('corrected'), day: Day, note: optionalText(2000, '说明') }),
  z.object({ action: z.literal('correction_expired'), day: Day }),
  z.object({ action: z.literal('consult'), day: Day, party: text(200, '第三方名称') }),
  z.object({ action: z.literal('consult_reply'), day: Day, note: optionalText(2000, '第三方意见') }),
  z.object({
    action: z.literal('extend'),
    day: Day,
    days: z.coerce.number().int().min(1, '延长期限至少1个工作日').max(20, '延长期限最长不超过20个工作日'),
    approver: text(100, '批准延期的负责人'),
    reason: text(1000, '延期理由'),
  }),
  z.object({
    action: z.literal('answer'),
    day: Day,
    type: AnswerType.schema,
    ground: z.string().max(32).nullish(),
    link: z
      .string()
      .trim()
      .regex(/^https?:\/\/[^\s<>"]+$/, '请填写完整的链接地址（以 http:// 或 https:// 开头）')
      .max(1000)
      .nullish(),
    organ: optionalText(200, '负责公开的机关'),
    note: optionalText(4000, '答复说明'),
  }),
]);
export type ActionInput = z.infer<typeof ActionInput>;

export const HandlingUnits = z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })) });

// ---- annual report (section 三 and 四) ----

export const AnnualQuery = z.object({
  year: z.coerce.number().int().min(2019).max(2100),
  unitId: z.coerce.number().int().positive().optional(),
});

export const AnnualRow = z.object({
  key: z.string(),
  label: z.string(),
  level: z.number().int(),
  /** natural, business, research, public_interest, legal_service, other_org, total */
  cells: z.array(z.number().int()),
});

export const AppealCounts = z.object({
  review: z.array(z.number().int()),
  suit_direct: z.array(z.number().int()),
  suit_after_review: z.array(z.number().int()),
});

export const AnnualTable = z.object({
  year: z.number().int(),
  scope: z.string(),
  rows: z.array(AnnualRow),
  /** 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 per kind. */
  appeals: AppealCounts,
  /** Failed sums ("三、本年度办理结果 总计 ≠ …"); empty when every total equals its parts. */
  problems: z.array(z.string()),
});
export type AnnualTable = z.infer<typeof AnnualTable>;

export const AppealOutcome = labelledEnum(['upheld', 'corrected', 'other', 'pending'], {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
});
export const AppealKind = labelledEnum(['review', 'suit_direct', 'suit_after_review'], {
  review: '行政复议',
  suit_direct: '行政诉讼（未经复议直接起诉）',
  suit_after_review: '行政诉讼（复议后起诉）',
});

export const AppealsInput = z.object({
  year: z.coerce.number().int().min(2019).max(2100),
  unitId: z.coerce.number().int().positive(),
  counts: z.array(
    z.object({
      kind: AppealKind.schema,
      outcome: AppealOutcome.schema,
      count: z.coerce.number().int().min(0, '数量不能为负数').max(100000),
    }),
  ),
});

export const ApplicationParams = z.object({ id: z.coerce.number().int().positive('编号无效') });
export const FileParams = ApplicationParams.extend({ fileId: z.coerce.number().int().positive('编号无效') });
export const NoticeParams = ApplicationParams.extend({ format: z.enum(['html', 'pdf']) });
export const AnnualXlsxQuery = AnnualQuery;

/** Overdue applications per unit, without personal data: the guarantee board and the monthly 通报. */
export const OverdueUnit = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  overdue: z.number().int(),
  oldestDueDay: Day,
  maxWorkdaysLate: z.number().int(),
});
export type OverdueUnit = z.infer<typeof OverdueUnit>;
export const OverdueList = z.object({ asOf: Day, items: z.array(OverdueUnit) });
