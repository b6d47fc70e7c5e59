// Contract of the guarantee's report over a range (GET /api/guarantee/report, modules/guarantee/
// report.service.ts): for each counted duty the periods it expected, met and missed (per unit where
// the rule is per unit), for each window duty its state at the end of the range. Shared with the admin
// app as '@contract/guarantee-period'.

import { z } from 'zod';
import { Day, Instant } from './common.js';
import { UpdateWindow } from './guarantee.js';

export const PartyPeriods = z.object({
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  /** First day the party is held to the rule: the duty's date in force, or the unit's 纳入考核日期. */
  startDay: Day,
  /** The whole range is before startDay: 未纳入考核. */
  notInForce: z.boolean(),
  expected: z.array(z.string()),
  met: z.array(z.string()),
  missed: z.array(z.string()),
  /** Weeks that began in the range but end after it: not judged yet. */
  pending: z.array(z.string()),
  counts: z.record(z.string(), z.number()),
  workdaysLate: z.number().int(),
});
export type PartyPeriods = z.infer<typeof PartyPeriods>;

/** A window rule's figures over a range, for the column or for one unit's own items. */
export const WindowFigures = z.object({
  lastUpdateAt: Instant.nullable(),
  lastUpdateDay: Day.nullable(),
  breachedAtEnd: z.boolean(),
  blank: z.boolean(),
  workdaysLate: z.number().int(),
});
export type WindowFigures = z.infer<typeof WindowFigures>;

/** One unit of a shared window duty (a unit group's column, each unit judged on its own items). */
export const WindowParty = WindowFigures.extend({
  unitId: z.number().int(),
  unitName: z.string(),
  startDay: Day,
  notInForce: z.boolean(),
});
export type WindowParty = z.infer<typeof WindowParty>;

const DutyHead = z.object({
  dutyId: z.number().int(),
  siteId: z.number().int(),
  columnId: z.number().int(),
  columnPath: z.string(),
  rule: z.string(),
  /** The day the duty applies from. */
  effectiveFrom: Day,
  /** The whole range is before it: 未生效. */
  notInForce: z.boolean(),
});

export const DutyReport = z.discriminatedUnion('kind', [
  DutyHead.extend({
    kind: z.literal('counted'),
    period: z.enum(['workday', 'week']),
    minCount: z.number().int(),
    perUnit: z.boolean(),
    parties: z.array(PartyPeriods),
  }),
  DutyHead.extend({
    kind: z.literal('window'),
    window: UpdateWindow.nullable(),
    namedUnitIds: z.array(z.number().int()),
    /** Shared by a unit group: `parties` has each unit's own figures. */
    perUnit: z.boolean(),
    parties: z.array(WindowParty),
  }).extend(WindowFigures.shape),
]);
export type DutyReport = z.infer<typeof DutyReport>;

export const PeriodReport = z.object({
  from: Day,
  to: Day,
  /** The last day judged: `to`, or today when the range reaches into the future. */
  until: Day,
  calendarNotes: z.array(z.string()),
  duties: z.array(DutyReport),
});
export type PeriodReport = z.infer<typeof PeriodReport>;
