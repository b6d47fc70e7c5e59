// Contract of the content module (modules/content): an item's states and THE life-cycle table.
//
// The table is data both sides read. The server applies it (modules/content/article-status.ts: the one
// function that turns an action into a status change, with the refusals; the repository writes a status
// only from its result); the admin app offers an action where the table allows it and names the states
// with these labels. Everything else about statuses — the lists of states that may be deleted,
// submitted, published, that count as published — is derived here, never written out again.

import type { AuditAction } from './audit.js';
import { labelledEnum } from './common.js';

export const ArticleStatus = labelledEnum(
  ['draft', 'in_review', 'returned', 'approved', 'scheduled', 'rejected', 'published', 'offline', 'withdrawn'],
  {
    draft: '草稿',
    in_review: '审核中',
    returned: '已退回',
    approved: '待发布',
    scheduled: '定时发布',
    rejected: '未采用',
    published: '已发布',
    offline: '已下线',
    withdrawn: '已撤稿',
  },
);
export type ArticleStatus = (typeof ArticleStatus.values)[number];

/** What the reason kept with an item in this state is called on screen (states without one keep none). */
export const STATUS_REASON_LABELS: Partial<Record<ArticleStatus, string>> = {
  returned: '退回理由',
  rejected: '未采用理由',
  offline: '原因',
  withdrawn: '原因',
};

/** The name of the reason an item in this state keeps, or undefined when its state keeps none. */
export const reasonLabelOf = (status: string): string | undefined =>
  (STATUS_REASON_LABELS as Record<string, string | undefined>)[status];

/**
 * The conditions a transition may require besides the state it starts from and the taker's
 * permission. The server refuses a transition whose condition its caller found false.
 */
export const CONDITIONS = {
  checksPassed: '内容检查没有阻止级问题，提醒均已说明理由',
  chainStaffed: '审核流程的每一步都有可处理的账号',
  holdsStep: '处理人持有当前审核步骤（步骤的角色，单位步骤须为报送单位，且不是拟稿人）',
  lastStep: '当前步骤是审核流程的最后一步',
  toDrafter: '退回给拟稿人',
  reviewOpen: '审核尚未结束，且不是紧急发布后的事后审核',
  retrospective: '紧急发布后的事后审核',
  approvalOutdated: '修改使已有的审核意见失效',
  autoPublish: '审核流程规定审核通过即发布',
  futureTime: '设定的时间晚于当前时间',
  due: '已到设定的时间',
  gateRefused: '到时发布关卡不予放行',
  reasonGiven: '说明了理由',
  minorAllowed: '政府办允许已发布信息直接勘误（小修改）',
  minorSize: '改动不超过允许的字数',
} as const;
export type Condition = keyof typeof CONDITIONS;

/**
 * The publish gate's paths (review/publish-gate.ts): every transition into 'published' names one and
 * cannot be taken without the gate's clearance for the item's current revision on that path; setting a
 * publish time asks the gate too ('schedule'), so a schedule that could never run is refused at once.
 */
export const GATE_PATHS = {
  publish: '发布：已审核（审核通过的版本即当前版本）、纸质报送有审核表扫描件、无阻止级检查问题',
  scheduled: '定时发布到时：同“发布”，按到时的内容与设置重新判断',
  schedule: '设定发布时间：同“发布”，设定时即判断',
  emergency: '紧急发布：不经审核（事后审核），但纸质审核表与阻止级检查同样适用',
  correction: '勘误（小修改）：已发布信息改正错别字，不经审核，但纸质审核表与阻止级检查同样适用',
  revision: '修改稿审核通过替换原文：修改稿经审核（通过的版本即写入的版本）、纸质报送有审核表扫描件、无阻止级检查问题',
} as const;
export type GatePath = keyof typeof GATE_PATHS;

interface TransitionRule {
  /** What the action is called on screen and in refusals. */
  label: string;
  from: readonly ArticleStatus[];
  to: ArticleStatus;
  /** The permission the taker needs (its scope decides which items), or 'system' for the scheduler. */
  who: string;
  when: readonly Condition[];
  gate?: GatePath;
  /** The domain event (and so the audit record) the change emits. */
  event: AuditAction;
}

/**
 * THE life of an item. Every status change is one of these; nothing else writes a status.
 * draft → in_review → (returned → in_review)* → approved → [scheduled] → published → offline | withdrawn;
 * rejected ends a review; the office leader's emergency publication skips the review and has it after.
 */
export const ARTICLE_TRANSITIONS = {
  submit: {
    label: '送审',
    from: ['draft', 'returned', 'rejected', 'offline', 'withdrawn'],
    to: 'in_review',
    who: 'article.write',
    when: ['checksPassed', 'chainStaffed'],
    event: 'review.submitted',
  },
  resubmit: {
    label: '修改后重新送审',
    from: ['returned'],
    to: 'in_review',
    who: 'article.write',
    when: ['checksPassed', 'chainStaffed'],
    event: 'review.resubmitted',
  },
  recall: {
    label: '撤回送审',
    from: ['in_review'],
    to: 'draft',
    who: 'article.write',
    when: ['reviewOpen', 'reasonGiven'],
    event: 'review.recalled',
  },
  approve: {
    label: '审核通过',
    from: ['in_review'],
    to: 'approved',
    who: 'review.act',
    when: ['holdsStep', 'lastStep', 'checksPassed'],
    event: 'review.approved',
  },
  return: {
    label: '退回修改',
    from: ['in_review'],
    to: 'returned',
    who: 'review.act',
    when: ['holdsStep', 'toDrafter', 'reasonGiven'],
    event: 'review.returned',
  },
  reject: {
    label: '不予采用',
    from: ['in_review'],
    to: 'rejected',
    who: 'review.act',
    when: ['holdsStep', 'reasonGiven'],
    event: 'review.rejected',
  },
  invalidate: {
    label: '修改后重新审核',
    from: ['approved', 'scheduled'],
    to: 'in_review',
    who: 'article.write',
    when: ['approvalOutdated'],
    event: 'review.invalidated',
  },
  publish: {
    label: '发布',
    from: ['approved', 'scheduled'],
    to: 'published',
    who: 'article.publish',
    when: [],
    gate: 'publish',
    event: 'article.published',
  },
  publish_on_approval: {
    label: '审核通过即发布',
    from: ['approved'],
    to: 'published',
    who: 'review.act',
    when: ['holdsStep', 'lastStep', 'autoPublish'],
    gate: 'publish',
    event: 'article.published',
  },
  schedule: {
    label: '定时发布',
    from: ['approved', 'scheduled'],
    to: 'scheduled',
    who: 'article.publish',
    when: ['futureTime'],
    gate: 'schedule',
    event: 'article.scheduled',
  },
  cancel_schedule: {
    label: '取消定时发布',
    from: ['scheduled'],
    to: 'approved',
    who: 'article.publish',
    when: [],
    event: 'article.schedule_cancelled',
  },
  publish_due: {
    label: '到时发布',
    from: ['scheduled'],
    to: 'published',
    who: 'system',
    when: ['due'],
    gate: 'scheduled',
    event: 'article.published',
  },
  refuse_schedule: {
    label: '定时发布未执行',
    from: ['scheduled'],
    to: 'approved',
    who: 'system',
    when: ['due', 'gateRefused'],
    event: 'article.schedule_refused',
  },
  emergency_publish: {
    label: '紧急发布',
    // Not from 'approved': a reviewed item is published by the ordinary 发布 (紧急发布 is 未经审核).
    from: ['draft', 'in_review', 'returned', 'rejected', 'offline', 'withdrawn'],
    to: 'published',
    who: 'review.emergency',
    when: ['reasonGiven'],
    gate: 'emergency',
    event: 'article.published',
  },
  correct_minor: {
    label: '勘误（小修改）',
    // The item stays online: the corrected revision replaces the published one at once, recorded with
    // the size of the change. Only small changes, only where the office allowed it (a setting).
    from: ['published'],
    to: 'published',
    who: 'article.write',
    when: ['minorAllowed', 'minorSize', 'reasonGiven'],
    gate: 'correction',
    event: 'article.corrected',
  },
  apply_correction: {
    label: '修改稿替换原文',
    // A correction reviewed while the published revision stayed online (review/revisions.service.ts):
    // the last approval writes the approved proposal onto the item as a new revision, still online.
    from: ['published'],
    to: 'published',
    who: 'review.act',
    when: ['holdsStep', 'lastStep', 'checksPassed'],
    gate: 'revision',
    event: 'article.correction_applied',
  },
  unpublish: {
    label: '下线',
    from: ['published'],
    to: 'offline',
    who: 'article.publish',
    when: ['reasonGiven'],
    event: 'article.unpublished',
  },
  unpublish_due: {
    label: '定时下线',
    from: ['published'],
    to: 'offline',
    who: 'system',
    when: ['due'],
    event: 'article.unpublished',
  },
  withdraw: {
    label: '撤稿',
    from: ['published'],
    to: 'withdrawn',
    who: 'article.publish',
    when: ['reasonGiven'],
    event: 'article.withdrawn',
  },
  retract: {
    label: '事后审核未通过撤稿',
    from: ['published'],
    to: 'withdrawn',
    who: 'review.act',
    when: ['holdsStep', 'retrospective', 'reasonGiven'],
    event: 'article.withdrawn',
  },
} as const satisfies Record<string, TransitionRule>;
export type ArticleAction = keyof typeof ARTICLE_TRANSITIONS;
export const ARTICLE_ACTIONS = Object.keys(ARTICLE_TRANSITIONS) as ArticleAction[];

/** How an item comes into being: written in the back office, or imported from the old portal as it stood. */
export const ARTICLE_ENTRIES = {
  create: { label: '新建', to: 'draft', who: 'article.write' },
  import: { label: '导入历史信息', to: 'published', who: 'import.run' },
} as const satisfies Record<string, { label: string; to: ArticleStatus; who: string }>;
export type ArticleEntry = keyof typeof ARTICLE_ENTRIES;

// Derived from the table ------------------------------------------------------------------------

/** Whether the table lets an item in this state take the action (the state part of the rule only). */
export function mayTake(action: ArticleAction, status: string): boolean {
  return (ARTICLE_TRANSITIONS[action].from as readonly string[]).includes(status);
}

const statesWhere = (test: (s: ArticleStatus) => boolean): readonly ArticleStatus[] =>
  ArticleStatus.values.filter(test);

/** The state of an item on the public site: where every publishing transition leads. */
export const ONLINE = ARTICLE_TRANSITIONS.publish.to;
export const isOnline = (status: string): boolean => status === ONLINE;

/**
 * Published, and counted as a publication of its day in figures over time (annual figures, weekly
 * trends): online, or taken offline since (a 公示 at the end of its period). Withdrawn (撤稿) items
 * were retracted and do not count.
 */
export const WAS_PUBLISHED: readonly ArticleStatus[] = statesWhere(
  (s) => isOnline(s) || s === ARTICLE_TRANSITIONS.unpublish.to,
);
export const wasPublished = (status: string): boolean => (WAS_PUBLISHED as readonly string[]).includes(status);

/** Waiting for a reviewer's decision (locked except for the holders of the current step). */
export const awaitsReview = (status: string): boolean => mayTake('approve', status);

/** May be submitted for review. */
export const maySubmit = (status: string): boolean => mayTake('submit', status);

/** May be deleted: not on its way online nor online (and, checked on the row, never published). */
export const mayDelete = (status: string): boolean => maySubmit(status);

/** May be edited at all: an item online is changed by taking it offline (or withdrawing it) first, or by a 勘误 (correct_minor). */
export const isEditable = (status: string): boolean => !isOnline(status);

/** Reviewed and waiting: a publisher may put it online now. */
export const mayPublish = (status: string): boolean => mayTake('publish', status);

/** May be set to go offline at a time: online, or on its way there (not waiting to be submitted). */
export const mayScheduleOffline = (status: string): boolean => !maySubmit(status);

/** The office leader may publish it at once, unreviewed (not online, not set to go online, not already approved). */
export const mayEmergencyPublish = (status: string): boolean => mayTake('emergency_publish', status);
