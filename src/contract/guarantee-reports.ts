// Contract of the content guarantee's reports (modules/guarantee): a month's figures per unit (the 通报's
// data), the annual figures of the 政府网站工作年度报表, coverage (who answers for which column) and the
// link probes. The duties, settings, notices and bulletins are guarantee.ts. Shared with the admin app
// as '@contract/guarantee-reports'.

import { z } from 'zod';
import { Day, Instant } from './common.js';
import { ConsultFigures } from './consult.js';
import { Cadence, CheckPlan, GuaranteeNotice, GuaranteeStatus, IndicatorLevel } from './guarantee.js';
import { MissingPersonnel } from './org.js';

/**
 * One unit's month: duties met and breached, days late, its rank by those, and beside them submitted
 * and adopted (by channel).
 */
export const UnitMonth = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  shortName: z.string(),
  /** The unit's 纳入考核日期 (null: each duty's own date in force). */
  joinedOn: Day.nullable(),
  submitted: z.number().int(),
  byChannel: z.record(z.string(), z.number()),
  /** Adopted per channel (issue 11 item 5: the 通报's adoption by channel). */
  adoptedByChannel: z.record(z.string(), z.number()),
  adopted: z.number().int(),
  adoptionRate: z.number().nullable(),
  dutiesMet: z.number().int(),
  dutiesBreached: z.number().int(),
  /** Duties met of the duties judged in the month, in per cent (one decimal); null when it had none. */
  dutiesMetRate: z.number().nullable(),
  workdaysLate: z.number().int(),
  /** By duties met (rate), then working days late, then adopted and submitted; units without duties last. */
  rank: z.number().int(),
});
export type UnitMonth = z.infer<typeof UnitMonth>;

/** GET /api/guarantee/months/:month: the month so far when it is the current one (`until`). */
export const MonthFigures = z.object({
  month: z.string(),
  from: Day,
  to: Day,
  until: Day,
  calendarNotes: z.array(z.string()),
  units: z.array(UnitMonth),
});
export type MonthFigures = z.infer<typeof MonthFigures>;

/** 留言办理 of the year, from 政民互动 (modules/interaction), where it is wired. */
export const InteractionYear = z.object({
  /** The year again, as 政民互动 reports it. */
  year: z.number().int().optional(),
  received: z.number().int(),
  closed: z.number().int(),
  averageDays: z.number().nullable(),
  publicReplies: z.number().int(),
});
export type InteractionYear = z.infer<typeof InteractionYear>;

export const AnnualFigures = z.object({
  year: z.number().int(),
  siteId: z.number().int(),
  siteName: z.string(),
  publishing: z.object({
    total: z.number().int(),
    basic: z.number().int(),
    news: z.number().int(),
    catalogue: z.number().int(),
  }),
  topics: z.object({
    maintained: z.number().int(),
    created: z.number().int(),
    columns: z.array(
      z.object({ columnId: z.number().int(), name: z.string(), items: z.number().int(), createdOn: z.string() }),
    ),
  }),
  interpretations: z.object({ total: z.number().int() }),
  interaction: z.union([
    z.object({ available: z.literal(false), note: z.string() }),
    InteractionYear.extend({ available: z.literal(true), note: z.string() }),
  ]),
  /** 征集调查 and 在线访谈 (modules/consult), when the composition root plugged them in. */
  consult: ConsultFigures.nullable(),
  notes: z.array(z.string()),
});
export type AnnualFigures = z.infer<typeof AnnualFigures>;

/** Who answers for what: units without their people, columns nobody answers for, duties without units or accounts. */
export const Coverage = z.object({
  roster: z.array(MissingPersonnel),
  uncoveredColumns: z.array(
    z.object({
      columnId: z.number().int(),
      siteId: z.number().int(),
      columnPath: z.string(),
      kind: z.string(),
      hasChildren: z.boolean(),
    }),
  ),
  dutiesWithoutUnits: z.array(
    z.object({
      dutyId: z.number().int(),
      columnId: z.number().int(),
      columnPath: z.string(),
      partyLabels: z.array(z.string()),
    }),
  ),
  dutiesWithoutAccounts: z.array(
    z.object({
      dutyId: z.number().int(),
      columnId: z.number().int(),
      columnPath: z.string(),
      units: z.array(z.object({ unitId: z.number().int(), unitName: z.string() })),
    }),
  ),
  summary: z.object({
    unitsMissingPeople: z.number().int(),
    uncoveredColumns: z.number().int(),
    dutiesWithoutUnits: z.number().int(),
    dutiesWithoutAccounts: z.number().int(),
  }),
});
export type Coverage = z.infer<typeof Coverage>;

/** One probe of a link column's address. */
export const ProbeResult = z.object({
  columnId: z.number().int(),
  url: z.string(),
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  finalUrl: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
  checkedAt: Instant,
});
export type ProbeResult = z.infer<typeof ProbeResult>;
export const ProbeResults = z.array(ProbeResult);

// The status board ----------------------------------------------------------------------------------

/** An item or submission a verdict counted (shown on request: a duty's status with items). */
export const CountedItem = z.object({
  kind: z.enum(['article', 'submission']),
  id: z.number().int(),
  title: z.string(),
  at: Instant,
  columnId: z.number().int().nullable(),
  unitName: z.string().optional(),
  channel: z.string().optional(),
  state: z.string().optional(),
});
export type CountedItem = z.infer<typeof CountedItem>;

/** A verdict in words: what was expected, what was found, since when, for which period. */
const VerdictFields = {
  status: GuaranteeStatus.schema,
  statusLabel: z.string(),
  expected: z.string(),
  found: z.string(),
  since: z.string().nullable(),
  /** Stable identity of a breach (the day it began), for notices that must not repeat. */
  sinceKey: z.string().nullable(),
  periodKey: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  count: z.number().nullable(),
  explanation: z.string(),
  /** Window rules (updated within N days or months): the day it must be updated by, the last update's day. */
  deadline: z.string().nullable().optional(),
  lastDay: z.string().nullable().optional(),
};

export const UnitVerdict = z.object({
  ...VerdictFields,
  unitId: z.number().int(),
  unitName: z.string(),
  adopted: z.number().nullable(),
  /** The day this unit is held to the duty from: the duty's date in force or the unit's 纳入考核日期. */
  joinedOn: z.string().nullable(),
  /** Window rules: the unit's part of the column has never had an item (空白栏目). */
  blank: z.boolean().optional(),
  items: z.array(CountedItem).optional(),
});
export type UnitVerdict = z.infer<typeof UnitVerdict>;

export const DutyStatus = z.object({
  ...VerdictFields,
  dutyId: z.number().int(),
  siteId: z.number().int(),
  columnId: z.number().int(),
  columnName: z.string(),
  columnPath: z.string(),
  updateClass: z.string().nullable(),
  updateClassLabel: z.string().nullable(),
  /** The office confirmed the class (otherwise the import's proposal, or none). */
  updateClassConfirmed: z.boolean(),
  cadence: Cadence.schema,
  cadenceLabel: z.string(),
  requirementText: z.string(),
  /** The day the duty applies from: before it the status is not_in_force (未生效). */
  effectiveFrom: z.string(),
  plan: CheckPlan,
  rule: z.string(),
  perUnit: z.boolean(),
  lastUpdateAt: Instant.nullable(),
  blank: z.boolean(),
  responsible: z.array(z.object({ unitId: z.number().int(), unitName: z.string() })),
  /** Lead units named one by one (not through a group). */
  namedUnitIds: z.array(z.number().int()),
  partyLabels: z.array(z.string()),
  units: z.array(UnitVerdict),
  notes: z.array(z.string()),
  items: z.array(CountedItem).optional(),
  /** For per-unit rules: whether the column as a whole was updated in the deciding period. */
  columnStatus: GuaranteeStatus.schema,
});
export type DutyStatus = z.infer<typeof DutyStatus>;

export const ColumnRef = z.object({
  id: z.number().int(),
  name: z.string(),
  path: z.string(),
  lastDay: z.string().nullable(),
  /** The facts an indicator judged the column by (its update class, 一级 notice column, may be blank). */
  updateClass: z.string().nullable().optional(),
  topNotice: z.boolean().optional(),
  blankCandidate: z.boolean().optional(),
});
export type ColumnRef = z.infer<typeof ColumnRef>;

/** A 单项否决 indicator of a site. */
export const Indicator = z.object({
  key: z.string(),
  label: z.string(),
  applicable: z.boolean(),
  value: z.number().nullable(),
  /** Veto when value reaches this; warning when it passes warnAbove. */
  limit: z.number(),
  warnAbove: z.number(),
  level: IndicatorLevel,
  explanation: z.string(),
  columns: z.array(ColumnRef),
  /** '%' for 站点无法访问 (value, limit and warnAbove are percentages). */
  unit: z.literal('%').optional(),
});
export type Indicator = z.infer<typeof Indicator>;

export const SiteIndicators = z.object({
  siteId: z.number().int(),
  siteName: z.string(),
  level: IndicatorLevel,
  indicators: z.array(Indicator),
});
export type SiteIndicators = z.infer<typeof SiteIndicators>;

/** A crawl source failing or gone stale (modules/crawl): it counts against its unit like an overdue column. */
export const SourceProblem = z.object({
  sourceId: z.number().int(),
  siteId: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  columnId: z.number().int(),
  health: z.string(),
  problem: z.string(),
});

export const StatusSummary = z.object({
  duties: z.number().int(),
  met: z.number().int(),
  dueSoon: z.number().int(),
  breached: z.number().int(),
  notInForce: z.number().int(),
  /** Crawl sources of the units shown that fail or went stale. */
  sourceProblems: z.number().int(),
});
export type StatusSummary = z.infer<typeof StatusSummary>;

/** GET /api/guarantee/status: every duty's status on a day and the sites' indicators. */
export const StatusBoard = z.object({
  day: Day,
  final: z.boolean(),
  calendarNotes: z.array(z.string()),
  summary: StatusSummary,
  duties: z.array(DutyStatus),
  sites: z.array(SiteIndicators),
  sources: z.array(SourceProblem),
});
export type StatusBoard = z.infer<typeof StatusBoard>;

export const DutyStatusDetail = z.object({
  day: Day,
  final: z.boolean(),
  calendarNotes: z.array(z.string()),
  duty: DutyStatus,
});
export type DutyStatusDetail = z.infer<typeof DutyStatusDetail>;

/** A unit's own view: its duties, its month so far and the notices it received. */
export const UnitOverview = z.object({
  unit: z.object({
    id: z.number().int(),
    name: z.string(),
    shortName: z.string(),
    category: z.string(),
    assessedFrom: z.string().nullable(),
  }),
  day: Day,
  calendarNotes: z.array(z.string()),
  summary: StatusSummary,
  duties: z.array(DutyStatus),
  monthToDate: UnitMonth.nullable(),
  notices: z.array(GuaranteeNotice),
});
export type UnitOverview = z.infer<typeof UnitOverview>;
