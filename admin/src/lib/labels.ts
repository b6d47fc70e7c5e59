// The Chinese names of the server's enumerations, for selects and tags. Most are imported from the
// contract (src/contract/<module>.ts, '@contract/<module>'); the ones still written here mirror the
// server's label tables (a test compares them), so a value added on the server shows up as a failure.

import { ArticleType, VALIDITY } from '@contract/articles';
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

// src/modules/review/review.schemas.ts
export const SUBMISSION_CHANNEL_LABELS: Record<string, string> = {
  backoffice: '后台报送',
  email: '网络报送（邮箱）',
  paper: '介质报送（纸质）',
  import: '历史导入',
  crawl: '网站抓取',
};
/** Channels a new item can be entered under; e-mail and paper only by the website centre (submission.write). */
export const ENTRY_CHANNELS = ['backoffice', 'email', 'paper'] as const;
export const SUBMISSION_STATE_LABELS: Record<string, string> = {
  received: '已接收',
  returned: '已退回修改',
  adopted: '已采用',
  not_adopted: '未采用',
};
export const FORM_FIELD_LABELS: Record<string, string> = {
  reviewer: '审查人意见',
  unit_head: '单位主要领导意见',
  proofreader: '政务公开科校对情况',
  disclosure: '政务公开科意见',
  office_leader: '政府办领导意见',
  other: '其他审核意见',
};
export const STEP_SCOPE_LABELS: Record<string, string> = { submitter_unit: '报送单位', county: '县政府办' };
export const CHECK_MODE_LABELS: Record<string, string> = { block: '阻止', warn: '提醒', off: '关闭' };
export const WORD_KIND_LABELS: Record<string, string> = {
  sensitive: '敏感词',
  prohibited: '禁用词',
  wrong_expression: '错误表述',
};

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
