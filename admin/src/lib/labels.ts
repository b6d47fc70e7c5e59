// The Chinese names of the server's enumerations, for selects and tags, under the names the screens
// use. Every table is the contract's (src/contract/<module>.ts, '@contract/<module>'): none is copied.

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
import {
  GuaranteeStatus,
  INDICATOR_LEVEL_LABELS as GUARANTEE_INDICATOR_LEVEL_LABELS,
  NoticeLevel,
} from '@contract/guarantee';
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

// The guarantee's statuses, indicator levels and notice levels: '@contract/guarantee'.
export const GUARANTEE_STATUS_LABELS: Record<string, string> = GuaranteeStatus.labels;
export const INDICATOR_LEVEL_LABELS: Record<string, string> = GUARANTEE_INDICATOR_LEVEL_LABELS;
export const NOTICE_LEVEL_LABELS: Record<string, string> = NoticeLevel.labels;
