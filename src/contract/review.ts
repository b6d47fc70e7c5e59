// Contract of the review module (modules/review): review chains, an item's review history, the inbox,
// the submission ledger (报送台账) and the pre-publish checks, with their Chinese labels. Shared with the
// admin app as '@contract/review'. The life-cycle table the review follows is content.ts.

import { z } from 'zod';
import { Instant, labelledEnum } from './common.js';

/** How an item reached the portal (报送渠道). */
export const SubmissionChannel = labelledEnum(['backoffice', 'email', 'paper', 'import', 'crawl'], {
  backoffice: '后台报送',
  email: '网络报送（邮箱）',
  paper: '介质报送（纸质）',
  import: '历史导入',
  crawl: '网站抓取',
});
export type SubmissionChannel = (typeof SubmissionChannel.values)[number];
/** Channels a new item can be entered under; e-mail and paper only by the website centre (submission.write). */
export const ENTRY_CHANNELS = ['backoffice', 'email', 'paper'] as const;

/** Who holds a step: the submitting unit's accounts, or the county office's. */
export const StepScope = labelledEnum(['submitter_unit', 'county'], { submitter_unit: '报送单位', county: '县政府办' });
export type StepScope = (typeof StepScope.values)[number];

/** The lines of the 信息发布审核表 (附件2) a step signs. */
export const FormField = labelledEnum(
  ['reviewer', 'unit_head', 'proofreader', 'disclosure', 'office_leader', 'other'],
  {
    reviewer: '审查人意见',
    unit_head: '单位主要领导意见',
    proofreader: '政务公开科校对情况',
    disclosure: '政务公开科意见',
    office_leader: '政府办领导意见',
    other: '其他审核意见',
  },
);
export type FormField = (typeof FormField.values)[number];

export const SubmissionState = labelledEnum(['received', 'returned', 'adopted', 'not_adopted'], {
  received: '已接收',
  returned: '已退回修改',
  adopted: '已采用',
  not_adopted: '未采用',
});
export type SubmissionState = (typeof SubmissionState.values)[number];

/** What a check's findings do: stop the item, ask for a reason, or nothing. */
export const CheckMode = labelledEnum(['block', 'warn', 'off'], { block: '阻止', warn: '提醒', off: '关闭' });
export type CheckMode = (typeof CheckMode.values)[number];

export const WordKind = labelledEnum(['sensitive', 'prohibited', 'wrong_expression'], {
  sensitive: '敏感词',
  prohibited: '禁用词',
  wrong_expression: '错误表述',
});
export type WordKind = (typeof WordKind.values)[number];

// Replies ----------------------------------------------------------------------------------------

export const ChainStep = z.object({
  id: z.number().int(),
  position: z.number().int(),
  name: z.string(),
  role: z.string(),
  scope: StepScope.schema,
  formField: FormField.schema.nullable(),
  dueHours: z.number().int(),
});
export type ChainStep = z.infer<typeof ChainStep>;

export const ChainBinding = z.object({
  id: z.number().int(),
  columnId: z.number().int().nullable(),
  columnName: z.string().nullable(),
  channel: SubmissionChannel.schema.nullable(),
});
export type ChainBinding = z.infer<typeof ChainBinding>;

export const Chain = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  restartPosition: z.number().int(),
  autoPublish: z.boolean(),
  steps: z.array(ChainStep),
  bindings: z.array(ChainBinding),
  updatedAt: Instant,
});
export type Chain = z.infer<typeof Chain>;
export const ChainList = z.array(Chain);

export const ReviewActionView = z.object({
  position: z.number().int(),
  stepName: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  actor: z.string(),
  opinion: z.string().nullable(),
  toPosition: z.number().int().nullable(),
  revision: z.number().int(),
  revisionHash: z.string(),
  ip: z.string().nullable(),
  at: Instant,
});
export type ReviewActionView = z.infer<typeof ReviewActionView>;

export const ReviewFlowView = z.object({
  id: z.number().int(),
  chainId: z.number().int(),
  channel: z.string(),
  state: z.string(),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
  retrospective: z.boolean(),
  /** Reviews a correction of the published item (原文保持在线), not the item itself. */
  correction: z.boolean(),
  actions: z.array(ReviewActionView),
});
export type ReviewFlowView = z.infer<typeof ReviewFlowView>;

/** An item's review: its chain, where the review stands, and every flow with its actions. */
export const ReviewHistory = z.object({
  articleId: z.number().int(),
  status: z.string(),
  unreviewed: z.boolean(),
  chain: z
    .object({
      id: z.number().int(),
      name: z.string(),
      /** The step an edit after approvals sends the item back to (approvals from there on are void). */
      restartPosition: z.number().int(),
      steps: z.array(
        z.object({
          position: z.number().int(),
          name: z.string(),
          role: z.string(),
          roleLabel: z.string(),
          scope: StepScope.schema,
        }),
      ),
    })
    .nullable(),
  current: z
    .object({
      flowId: z.number().int(),
      state: z.string(),
      position: z.number().int(),
      stepName: z.string().nullable(),
      dueAt: Instant.nullable(),
      overdue: z.boolean(),
      retrospective: z.boolean(),
      /** The step reviews a correction of the published item: the proposal is at GET …/correction. */
      correction: z.boolean(),
      canAct: z.boolean(),
      revision: z.number().int(),
      revisionHash: z.string(),
    })
    .nullable(),
  flows: z.array(ReviewFlowView),
});
export type ReviewHistory = z.infer<typeof ReviewHistory>;

/** A task in the inbox: a review step to take, or (position 0) a returned item to revise. */
export const Task = z.object({
  id: z.number().int(),
  articleId: z.number().int(),
  articleTitle: z.string(),
  articleStatus: z.string(),
  unitName: z.string(),
  /** 0: the drafter's task of revising a returned item. */
  position: z.number().int(),
  title: z.string(),
  role: z.string().nullable(),
  roleLabel: z.string(),
  dueAt: Instant,
  overdue: z.boolean(),
  createdAt: Instant,
  /** The review after an emergency publication (the item is online already). */
  retrospective: z.boolean(),
  /** The review of a correction of a published item (the published revision stays online meanwhile). */
  correction: z.boolean(),
});
export type Task = z.infer<typeof Task>;
export const TaskList = z.array(Task);

/**
 * An item waiting for a publisher (待发布, or set to go online at a time): the other half of the 待办 of
 * whoever holds article.publish, so an item never leaves every inbox between its last approval and online.
 */
export const PublishQueueItem = z.object({
  articleId: z.number().int(),
  title: z.string(),
  status: z.string(),
  unitName: z.string(),
  columnName: z.string(),
  /** When the last approval was given (null for an item approved before flows were recorded). */
  approvedAt: Instant.nullable(),
  scheduledPublishAt: Instant.nullable(),
});
export type PublishQueueItem = z.infer<typeof PublishQueueItem>;
export const PublishQueue = z.array(PublishQueueItem);

/** Whether the office allows a 勘误 (typo fix) of a published item without a new review, and how large. */
export const MinorCorrectionSetting = z.object({
  enabled: z.boolean(),
  maxChars: z.number().int().min(1, '至少 1 字').max(200, '不能超过 200 字'),
});
export type MinorCorrectionSetting = z.infer<typeof MinorCorrectionSetting>;

/** A 勘误: the corrected title and/or body, and why (kept in the audit log and the review history). */
export const MinorCorrectionInput = z.object({
  title: z.string().trim().min(1, '标题不能为空').max(500, '标题不能超过 500 字').optional(),
  bodyHtml: z.string().max(2_000_000).optional(),
  reason: z.string().trim().min(2, '请说明勘误的原因').max(500, '原因不能超过 500 字'),
  expectedRevision: z.number().int().optional(),
});

/**
 * A correction of a published item that goes through review while the published revision stays online
 * (修改（送审，原文保持在线）): the proposed text and why.
 */
export const CorrectionProposal = z.object({
  title: z.string().trim().min(1, '标题不能为空').max(500, '标题不能超过 500 字'),
  subtitle: z.string().max(500, '副标题不能超过 500 字').nullable().optional(),
  summary: z.string().max(2000, '摘要不能超过 2000 字').nullable().optional(),
  bodyHtml: z.string().max(2_000_000),
  reason: z.string().trim().min(2, '请说明修改的原因').max(500, '原因不能超过 500 字'),
  overrides: z
    .array(
      z.object({
        checkId: z.number().int().positive(),
        reason: z.string().trim().min(2, '请说明忽略该提示的理由').max(500),
      }),
    )
    .max(200)
    .default([]),
});

/** The item's open correction: what it proposes, on which revision, where it stands. */
export const PendingCorrection = z
  .object({
    id: z.number().int(),
    articleId: z.number().int(),
    state: z.enum(['draft', 'in_review', 'returned']),
    baseRevision: z.number().int(),
    publishedRevision: z.number().int(),
    reason: z.string(),
    draftedBy: z.number().int(),
    drafterName: z.string(),
    title: z.string(),
    subtitle: z.string().nullable(),
    summary: z.string().nullable(),
    bodyHtml: z.string(),
    flowId: z.number().int().nullable(),
    position: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .nullable();
export type PendingCorrection = z.infer<typeof PendingCorrection>;

export const Finding = z.object({
  id: z.number().int(),
  check: z.string(),
  checkLabel: z.string(),
  severity: z.enum(['block', 'warn']),
  location: z.object({ kind: z.string(), label: z.string(), attachmentId: z.number().int().nullable() }),
  excerpt: z.string(),
  context: z.string(),
  /** The context, escaped by the server, with the offending text in <mark>. */
  contextHtml: z.string(),
  message: z.string(),
  suggestion: z.string().nullable(),
  overrideReason: z.string().nullable(),
  overriddenAt: Instant.nullable(),
});
export type Finding = z.infer<typeof Finding>;
export const CheckResults = z.object({ revision: z.number().int(), findings: z.array(Finding) });
export type CheckResults = z.infer<typeof CheckResults>;

export const CheckModeSetting = z.object({
  check: z.string(),
  label: z.string(),
  mode: CheckMode.schema,
  /** What blocks whatever the mode (密级标志, ID and bank card numbers), said beside the setting. */
  always: z.string().nullable(),
});
export type CheckModeSetting = z.infer<typeof CheckModeSetting>;
export const CheckModeList = z.array(CheckModeSetting);

export const WordLists = z.object({
  custom: z.array(
    z.object({
      id: z.number().int(),
      kind: WordKind.schema,
      word: z.string(),
      correct: z.string().nullable(),
      note: z.string().nullable(),
      createdAt: Instant,
    }),
  ),
  /** The lists the checks carry in code, shown beside the office's own. */
  defaults: z.object({
    words: z.array(z.object({ word: z.string(), kind: z.enum(['sensitive', 'prohibited']) })),
    expressions: z.array(
      z.object({
        wrong: z.string(),
        correct: z.string(),
        note: z.string().optional(),
        accepted: z.array(z.string()).optional(),
      }),
    ),
  }),
});
export type WordLists = z.infer<typeof WordLists>;

/** An entry of the submission ledger (报送台账). */
export const Submission = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  channel: z.string(),
  channelLabel: z.string(),
  columnId: z.number().int().nullable(),
  columnName: z.string().nullable(),
  articleId: z.number().int().nullable(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  reason: z.string().nullable(),
  sourceRef: z.string().nullable(),
  receivedAt: Instant,
  decidedAt: Instant.nullable(),
});
export type Submission = z.infer<typeof Submission>;
export const SubmissionList = z.object({ total: z.number().int(), items: z.array(Submission) });

export const SubmissionCount = z.object({
  unitId: z.number().int(),
  submitted: z.number().int(),
  adopted: z.number().int(),
  byChannel: z.record(z.string(), z.number().int()),
});
export type SubmissionCount = z.infer<typeof SubmissionCount>;
export const SubmissionCounts = z.array(SubmissionCount);
