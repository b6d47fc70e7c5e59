// The Chinese names of the server's enumerations, for selects and tags. They mirror the server's
// label tables (a test compares them), so a value added on the server shows up here as a failure.

export const COLUMN_KIND_LABELS: Record<string, string> = {
  list: '列表栏目',
  page: '单页栏目',
  link: '外链栏目',
  topic: '专题栏目',
  interaction: '互动栏目',
  catalogue: '信息公开目录',
};

export const UPDATE_CLASS_LABELS: Record<string, string> = {
  news: '动态要闻类',
  notice: '通知公告、政策文件类',
  personnel: '人事、规划计划类',
  annual: '财政预决算、年报类',
  basic: '概况信息类',
  interaction: '互动类',
  service: '办事服务类',
  topic: '专题专栏',
  link: '外链或抓取',
};

export const UNIT_CATEGORY_LABELS: Record<string, string> = {
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

export const ROLE_LABELS: Record<string, string> = {
  sysadmin: '系统管理员',
  site_editor: '网站中心编辑',
  disclosure_reviewer: '政务公开科审核员',
  office_leader: '政府办领导',
  unit_head: '单位主要领导',
  unit_leader: '单位分管领导',
  unit_officer: '单位信息员',
  hotline_operator: '12345办公室话务员',
};

export const PERSONNEL_ROLE_LABELS: Record<string, string> = { leader: '分管领导', officer: '信息员' };

export const ARTICLE_TYPE_LABELS: Record<string, string> = {
  notice: '通知',
  announcement: '公告',
  survey: '调查',
  news: '新闻',
  document: '公文',
  other: '其他',
};

// An item's statuses, their labels and what may be done in each: '@contract/content' (the life-cycle table).

export const VALIDITY = ['有效', '失效', '废止', '修订'] as const;

export const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

// src/modules/guarantee/requirement.ts
export const CADENCE_LABELS: Record<string, string> = {
  workday_daily: '工作日每天更新',
  weekly_min: '每周至少若干篇',
  dynamic: '动态维护',
  external_link: '外链',
  as_required: '按要求维护',
};

export const CHANNEL_LABELS: Record<string, string> = {
  backoffice: '后台报送',
  email: '网络报送（邮箱）',
  paper: '介质报送（纸质）',
  link: '网站链接',
  cobuilt: '栏目共建',
};

export const PARTY_ROLE_LABELS: Record<string, string> = { lead: '牵头', cooperate: '配合' };

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
