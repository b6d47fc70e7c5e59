// Contract of the content guarantee's reports (modules/guarantee): a month's figures per unit (the 通报's
// data), the annual figures of the 政府网站工作年度报表, coverage (who answers for which column) and the
// link probes. The duties, settings, notices and bulletins are guarantee.ts. Shared with the admin app
// as '@contract/guarantee-reports'.

import { z } from 'zod';
import { Day, Instant } from './common.js';
import { ConsultFigures } from './consult.js';
import { MissingPersonnel } from './org.js';

/** One unit's month: submitted, adopted (by channel), duties met and breached, days late, its rank. */
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
  workdaysLate: z.number().int(),
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
