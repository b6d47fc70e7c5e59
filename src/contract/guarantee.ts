// Contract of the content-guarantee module (modules/guarantee): duties, their check parameters, the
// settings, notices, trends, 通报, update classes and the working-day calendar. The status board's
// replies (status, report, overview, coverage, annual) are not described here yet.

import { z } from 'zod';
import { Day, Instant, labelledEnum } from './common.js';

// Enumerations with their labels ------------------------------------------------------------------

export const Cadence = labelledEnum(['workday_daily', 'weekly_min', 'dynamic', 'external_link', 'as_required'], {
  workday_daily: '工作日每天更新',
  weekly_min: '每周至少若干篇',
  dynamic: '动态维护',
  external_link: '外链',
  as_required: '按要求维护',
});
export type Cadence = (typeof Cadence.values)[number];

// The four ways of the notice (涟政办发〔2018〕103号 三): 后台报送、网络报送（邮箱）、介质报送（纸质）, plus
// 网站链接 and 栏目共建.
export const Channel = labelledEnum(['backoffice', 'email', 'paper', 'link', 'cobuilt'], {
  backoffice: '后台报送',
  email: '网络报送（邮箱）',
  paper: '介质报送（纸质）',
  link: '网站链接',
  cobuilt: '栏目共建',
});
export type Channel = (typeof Channel.values)[number];

export const PartyRole = labelledEnum(['lead', 'cooperate'], { lead: '牵头', cooperate: '配合' });
export type PartyRole = (typeof PartyRole.values)[number];

// Check parameters ----------------------------------------------------------------------------------

/** An update window: at least one item within so many days or calendar months before the check. */
export const UpdateWindow = z.object({
  days: z.number().int().optional(),
  months: z.number().int().optional(),
  /** Warn (due soon) this many days before the window runs out. */
  warnDays: z.number().int(),
});
export type UpdateWindow = z.infer<typeof UpdateWindow>;

/** A duty's own check parameters; a missing one takes the default. */
export const CheckOverrides = z.object({
  minCount: z.number().int().optional(),
  perUnit: z.boolean().optional(),
  countStates: z.enum(['all', 'adopted']).optional(),
  workdaysOnly: z.boolean().optional(),
  window: UpdateWindow.nullable().optional(),
  failuresToBreach: z.number().int().optional(),
});
export type CheckOverrides = z.infer<typeof CheckOverrides>;

export const CheckPlan = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('counted'),
    period: z.enum(['workday', 'week']),
    minCount: z.number().int(),
    perUnit: z.boolean(),
    source: z.enum(['published', 'ledger']),
    countStates: z.enum(['all', 'adopted']),
    workdaysOnly: z.boolean(),
  }),
  z.object({
    type: z.literal('window'),
    window: UpdateWindow.nullable(),
    windowSource: z.enum(['duty', 'class', 'none']),
  }),
  z.object({ type: z.literal('link'), failuresToBreach: z.number().int() }),
]);
export type CheckPlan = z.infer<typeof CheckPlan>;

export const DutyParams = z.object({
  dutyId: z.number().int(),
  columnName: z.string(),
  cadence: Cadence.schema,
  overrides: CheckOverrides,
  plan: CheckPlan,
  /** The plan in words. */
  rule: z.string(),
});
export type DutyParams = z.infer<typeof DutyParams>;

// Duties ----------------------------------------------------------------------------------------------

/** A duty's rule: the reading of its wording, with what a person chose by hand. */
export const DutyRule = z.object({
  cadence: Cadence.schema,
  minPerWeek: z.number().int().nullable(),
  perUnit: z.boolean(),
  workdaysOnly: z.boolean(),
  channel: Channel.schema,
  emailTo: z.string().nullable(),
  basis: z.string().nullable(),
  warnings: z.array(z.string()),
  /** Chosen in the duty editor instead of read from the wording; survives new wording. */
  manual: z
    .object({
      cadence: Cadence.schema.optional(),
      minPerWeek: z.number().int().nullable().optional(),
      channel: Channel.schema.optional(),
    })
    .optional(),
  check: CheckOverrides.optional(),
});
export type DutyRule = z.infer<typeof DutyRule>;

export const PartyKind = z.enum(['unit', 'group', 'vague', 'unresolved']);

export const DutyParty = z.object({
  id: z.number().int(),
  kind: PartyKind,
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  groupId: z.number().int().nullable(),
  groupName: z.string().nullable(),
  role: PartyRole.schema,
  roleLabel: z.string(),
  label: z.string(),
});
export type DutyParty = z.infer<typeof DutyParty>;

export const Duty = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  columnId: z.number().int(),
  columnName: z.string(),
  /** The column's names from the top: 政务公开/管理公开/财政预决算. */
  columnPath: z.string(),
  columnSlugPath: z.string(),
  requirementText: z.string(),
  cadence: Cadence.schema,
  cadenceLabel: z.string(),
  minPerWeek: z.number().int().nullable(),
  channel: Channel.schema,
  channelLabel: z.string(),
  rule: DutyRule,
  note: z.string().nullable(),
  /** The day the duty applies from; checks before it say 未生效. */
  effectiveFrom: Day,
  parties: z.array(DutyParty),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Duty = z.infer<typeof Duty>;
export const DutyList = z.array(Duty);

/** POST /api/duties/parse: what the wording and the responsible units read as; nothing is saved. */
export const ParsedDuty = z.object({
  requirement: z.object({
    text: z.string(),
    cadence: Cadence.schema,
    cadenceLabel: z.string(),
    minPerWeek: z.number().int().nullable(),
    channel: Channel.schema,
    channelLabel: z.string(),
    rule: DutyRule,
  }),
  parties: z.array(
    z.object({
      kind: PartyKind,
      role: PartyRole.schema,
      roleLabel: z.string(),
      label: z.string(),
      unitId: z.number().int().nullable(),
      unitName: z.string().nullable(),
      groupId: z.number().int().nullable(),
      groupName: z.string().nullable(),
      alias: z.string().nullable().optional(),
      status: z.string(),
    }),
  ),
  cobuilt: z.boolean(),
  warnings: z.array(z.string()),
});
export type ParsedDuty = z.infer<typeof ParsedDuty>;

// Settings --------------------------------------------------------------------------------------------

const limits = z.object({ limit: z.number(), warnAbove: z.number() });
export const GuaranteeSettings = z.object({
  /** Update windows by column class. */
  windows: z.record(z.string(), UpdateWindow.nullable()),
  indicators: z.object({
    homePage: z.object({ limitDays: z.number(), warnDays: z.number() }),
    staleColumns: limits.extend({ newsDays: z.number(), noticeMonths: z.number() }),
    overdueColumns: limits,
    blankColumns: limits,
    interaction: z.object({ months: z.number() }),
    unreachable: z.object({
      limitPercent: z.number(),
      warnPercent: z.number(),
      probesPerDay: z.number(),
      timeoutSeconds: z.number(),
    }),
  }),
  notices: z.object({ hour: z.number(), escalateAfterWorkdays: z.number(), sendDueSoon: z.boolean() }),
  links: z.object({ timeoutMs: z.number(), failuresToBreach: z.number() }),
});
export type GuaranteeSettings = z.infer<typeof GuaranteeSettings>;

export const SettingsReply = z.object({ settings: GuaranteeSettings, defaults: GuaranteeSettings });

// Notices, trends, 通报, indicator history -----------------------------------------------------------

export const GuaranteeNotice = z.object({
  id: z.number().int(),
  siteId: z.number().int().nullable(),
  dutyId: z.number().int().nullable(),
  columnId: z.number().int().nullable(),
  unitId: z.number().int().nullable(),
  indicator: z.string().nullable(),
  level: z.string(),
  periodKey: z.string(),
  title: z.string(),
  body: z.string(),
  /** Who it went to, as recorded at the time ({ accountId, username, email }). */
  recipients: z.array(z.unknown()),
  createdAt: Instant,
});
export type GuaranteeNotice = z.infer<typeof GuaranteeNotice>;
export const NoticeList = z.object({ total: z.number().int(), items: z.array(GuaranteeNotice) });

const weekly = z.array(z.number());
export const Trend = z.object({
  from: Day,
  to: Day,
  /** Mondays. */
  weeks: z.array(Day),
  series: z.array(
    z.object({ unitId: z.number().int(), unitName: z.string(), published: weekly, submitted: weekly, adopted: weekly }),
  ),
  totals: z.object({ published: weekly, submitted: weekly, adopted: weekly }),
});
export type Trend = z.infer<typeof Trend>;
export type TrendSeries = Trend['series'][number];

export const BulletinFormat = z.enum(['xlsx', 'html', 'pdf']);
export const Bulletin = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  kind: z.string(),
  /** YYYY-MM. */
  period: z.string(),
  title: z.string(),
  docNo: z.string(),
  formats: z.array(BulletinFormat),
  generatedBy: z.string(),
  generatedAt: Instant,
  summary: z.object({
    units: z.number().int(),
    submitted: z.number().int(),
    adopted: z.number().int(),
    unitsBreached: z.number().int(),
  }),
});
export type Bulletin = z.infer<typeof Bulletin>;
export const BulletinList = z.array(Bulletin);

/** A duty's status on a day (the status board, notices, 通报). */
export const GuaranteeStatus = labelledEnum(['met', 'due_soon', 'breached', 'not_in_force'], {
  met: '达标',
  due_soon: '即将到期',
  breached: '未达标',
  not_in_force: '未生效',
});
export type GuaranteeStatus = (typeof GuaranteeStatus.values)[number];

/** A site indicator's level against the 单项否决 thresholds. */
export const IndicatorLevel = z.enum(['ok', 'warning', 'veto', 'not_applicable']);
export const INDICATOR_LEVEL_LABELS: Record<z.infer<typeof IndicatorLevel>, string> = {
  ok: '正常',
  warning: '预警',
  veto: '达到单项否决标准',
  not_applicable: '暂不适用',
};

/** What a guarantee notice is about (提醒, 督办, 站点指标预警). */
export const NoticeLevel = labelledEnum(['due_soon', 'breached', 'escalated', 'indicator'], {
  due_soon: '即将到期提醒',
  breached: '未达标提醒',
  escalated: '督办',
  indicator: '站点指标预警',
});
export const IndicatorHistory = z.object({
  from: Day,
  to: Day,
  items: z.array(
    z.object({
      siteId: z.number().int(),
      day: Day,
      indicator: z.string(),
      value: z.number().nullable(),
      level: z.string(),
      explanation: z.string(),
    }),
  ),
});

// Update classes and the calendar ---------------------------------------------------------------------

export const ColumnClass = z.object({
  columnId: z.number().int(),
  siteId: z.number().int(),
  path: z.string(),
  kind: z.string(),
  updateClass: z.string().nullable(),
  updateClassLabel: z.string().nullable(),
  /** The window the class gives (in words), or that there is none. */
  windowLabel: z.string(),
  proposed: z.string().nullable(),
  proposedLabel: z.string().nullable(),
  confirmed: z.boolean(),
  hasDuty: z.boolean(),
  hasChildren: z.boolean(),
});
export type ColumnClass = z.infer<typeof ColumnClass>;
export const ColumnClasses = z.object({ siteId: z.number().int(), columns: z.array(ColumnClass) });
export type ColumnClasses = z.infer<typeof ColumnClasses>;
export const ClassesConfirmed = z.object({ confirmed: z.number().int() });

export const CalendarOverride = z.object({
  id: z.number().int(),
  day: Day,
  workday: z.boolean(),
  name: z.string(),
  note: z.string().nullable(),
  updatedAt: Instant,
});
export type CalendarOverride = z.infer<typeof CalendarOverride>;
export const CalendarOverrideList = z.array(CalendarOverride);

export const CalendarDay = z.object({ day: Day, workday: z.boolean(), name: z.string(), source: z.string() });
export type CalendarDay = z.infer<typeof CalendarDay>;
export const CalendarDays = z.object({ days: z.array(CalendarDay), notes: z.array(z.string()) });
