// The Chinese names of the server's enumerations, for selects and tags. Most are imported from the
// contract (src/contract/<module>.ts, '@contract/<module>'); the ones still written here mirror the
// server's label tables (a test compares them), so a value added on the server shows up as a failure.

import { ArticleType, VALIDITY } from '@contract/articles';
import {
  CheckMode,
  ENTRY_CHANNELS,
  FormField,
  StepScope,
  SubmissionChannel,
  SubmissionState,
  WordKind,
} from '@contract/review';
import { ColumnKind, UpdateClass } from '@contract/sites';

/** Indexed by any string (a value from the server); the table itself is the contract's. */
export const COLUMN_KIND_LABELS: Record<string, string> = ColumnKind.labels;
export const UPDATE_CLASS_LABELS: Record<string, string> = UpdateClass.labels;

export const ARTICLE_TYPE_LABELS: Record<string, string> = ArticleType.labels;

// Units, roles and 保障人员: '@contract/org'.
// An item's statuses, their labels and what may be done in each: '@contract/content' (the life-cycle table).

export { VALIDITY };

export const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

// Cadence, Channel and PartyRole of the guarantee: '@contract/guarantee'.

// The review's channels, states, form lines, scopes, check modes and word kinds: '@contract/review'.
export const SUBMISSION_CHANNEL_LABELS: Record<string, string> = SubmissionChannel.labels;
export { ENTRY_CHANNELS };
export const SUBMISSION_STATE_LABELS: Record<string, string> = SubmissionState.labels;
export const FORM_FIELD_LABELS: Record<string, string> = FormField.labels;
export const STEP_SCOPE_LABELS: Record<string, string> = StepScope.labels;
export const CHECK_MODE_LABELS: Record<string, string> = CheckMode.labels;
export const WORD_KIND_LABELS: Record<string, string> = WordKind.labels;

// src/modules/guarantee/duty-status.ts and rules/indicators.ts
export const GUARANTEE_STATUS_LABELS: Record<string, string> = {
  met: '达标',
  due_soon: '即将到期',
  breached: '未达标',
  not_in_force: '未生效',
};
export const INDICATOR_LEVEL_LABELS: Record<string, string> = {
  ok: '正常',
  warning: '预警',
  veto: '达到单项否决标准',
  not_applicable: '暂不适用',
};
export const NOTICE_LEVEL_LABELS: Record<string, string> = {
  due_soon: '即将到期提醒',
  breached: '未达标提醒',
  escalated: '督办',
  indicator: '站点指标预警',
};
