import { z } from 'zod';
import {
  FormField as FormFieldEnum,
  StepScope as StepScopeEnum,
  SubmissionChannel,
  SubmissionState as SubmissionStateEnum,
} from '../../contract/review.js';
import { ROLES } from '../../platform/auth/roles.js';

// The enumerations and their labels are the contract's (src/contract/review.ts).
export const CHANNELS = SubmissionChannel.values;
export type Channel = SubmissionChannel;
export const CHANNEL_LABELS: Record<Channel, string> = SubmissionChannel.labels;

export const STEP_SCOPES = StepScopeEnum.values;
export type StepScope = StepScopeEnum;

/** The lines of the 信息发布审核表 (附件2) a step signs. */
export const FORM_FIELDS = FormFieldEnum.values;
export type FormField = FormFieldEnum;
export const FORM_FIELD_LABELS: Record<FormField, string> = FormFieldEnum.labels;

export const SUBMISSION_STATES = SubmissionStateEnum.values;
export type SubmissionState = SubmissionStateEnum;
export const SUBMISSION_STATE_LABELS: Record<SubmissionState, string> = SubmissionStateEnum.labels;

const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);

export const StepInput = z.object({
  name: text(50).min(1, '请填写步骤名称'),
  role: z.enum(ROLES),
  scope: z.enum(STEP_SCOPES),
  formField: z.enum(FORM_FIELDS).nullable().default(null),
  dueHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
});
export type StepInput = z.infer<typeof StepInput>;

export const ChainInput = z.object({
  name: text(100).min(1, '请填写流程名称'),
  description: text(1000).nullable().optional(),
  restartPosition: z.number().int().min(1).default(1).describe('审核通过后再修改时，退回到第几步重新审核'),
  autoPublish: z.boolean().default(false).describe('最后一步通过后自动发布'),
  steps: z.array(StepInput).min(1, '至少需要一个审核步骤').max(10),
});
export type ChainInput = z.infer<typeof ChainInput>;

export const BindingInput = z.object({
  chainId: z.number().int().positive(),
  columnId: z.number().int().positive().nullable().default(null).describe('栏目（其下级栏目继承）；为空表示全站'),
  channel: z.enum(CHANNELS).nullable().default(null).describe('报送渠道；为空表示所有渠道'),
});
export type BindingInput = z.infer<typeof BindingInput>;

const opinion = text(2000);

export const SubmitInput = z.object({
  overrides: z
    .array(z.object({ checkId: z.number().int().positive(), reason: text(500).min(2, '请说明忽略该提示的理由') }))
    .max(200)
    .default([])
    .describe('对“提醒”级检查结果的说明；“阻止”级问题必须修改'),
});

export const ApproveInput = z.object({
  opinion: opinion.min(1, '请填写审核意见'),
  overrides: SubmitInput.shape.overrides,
  publishAt: z
    .string()
    .datetime({ offset: true, message: '发布时间须为带时区的 ISO 8601 时间' })
    .nullable()
    .optional()
    .describe('最后一步：定时发布时间；具有发布权限者可用'),
  publishNow: z.boolean().default(false).describe('最后一步：通过后立即发布；具有发布权限者可用'),
});

export const ReturnInput = z.object({
  reason: opinion.min(2, '请填写退回理由'),
  toPosition: z.number().int().min(0).default(0).describe('退回到第几步；0 表示退回拟稿人'),
});

export const ReasonInput = z.object({ reason: opinion.min(2, '请填写理由') });

export const ScheduleInput = z.object({
  publishAt: z.string().datetime({ offset: true, message: '时间须为带时区的 ISO 8601 时间' }).nullable().optional(),
  offlineAt: z.string().datetime({ offset: true, message: '时间须为带时区的 ISO 8601 时间' }).nullable().optional(),
});

export const LedgerQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  channel: z.enum(CHANNELS).optional(),
  state: z.enum(SUBMISSION_STATES).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD')
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const IdParams = z.object({ id: z.coerce.number().int().positive('编号无效') });
