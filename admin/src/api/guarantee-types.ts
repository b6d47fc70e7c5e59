// Shapes of the content-guarantee answers not yet in the contract (status board, a duty's status, a
// unit's overview). Everything else: '@contract/guarantee' and '@contract/guarantee-reports'.

import type {
  CheckPlan,
  GuaranteeNotice,
  GuaranteeStatus,
  IndicatorLevel as IndicatorLevelSchema,
} from '@contract/guarantee';
import type { z } from 'zod';
import type { UnitMonth as MonthUnit } from '@contract/guarantee-reports';

export type GStatus = GuaranteeStatus;
export type IndicatorLevel = z.infer<typeof IndicatorLevelSchema>;

export interface CountedItem {
  kind: 'article' | 'submission';
  id: number;
  title: string;
  at: string;
  columnId: number | null;
  unitName?: string;
  channel?: string;
  state?: string;
}

interface VerdictFields {
  status: GStatus;
  statusLabel: string;
  expected: string;
  found: string;
  since: string | null;
  periodKey: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  count: number | null;
  explanation: string;
}

export interface UnitVerdict extends VerdictFields {
  unitId: number;
  unitName: string;
  adopted: number | null;
  joinedOn: string | null;
  items?: CountedItem[];
}

export interface DutyStatus extends VerdictFields {
  dutyId: number;
  siteId: number;
  columnId: number;
  columnName: string;
  columnPath: string;
  updateClass: string | null;
  updateClassLabel: string | null;
  /** The office confirmed the class (otherwise the import's proposal, or none). */
  updateClassConfirmed: boolean;
  cadence: string;
  cadenceLabel: string;
  requirementText: string;
  /** The day the duty applies from: before it the status is not_in_force (未生效). */
  effectiveFrom: string;
  plan: CheckPlan;
  rule: string;
  perUnit: boolean;
  lastUpdateAt: string | null;
  blank: boolean;
  responsible: Array<{ unitId: number; unitName: string }>;
  partyLabels: string[];
  units: UnitVerdict[];
  notes: string[];
  items?: CountedItem[];
  columnStatus: GStatus;
}

export interface ColumnRef {
  id: number;
  name: string;
  path: string;
  lastDay: string | null;
}

export interface Indicator {
  key: string;
  label: string;
  applicable: boolean;
  value: number | null;
  limit: number;
  warnAbove: number;
  level: IndicatorLevel;
  explanation: string;
  columns: ColumnRef[];
  /** '%' for 站点无法访问 (value, limit and warnAbove are percentages). */
  unit?: '%';
}

export interface SiteIndicators {
  siteId: number;
  siteName: string;
  level: IndicatorLevel;
  indicators: Indicator[];
}

export interface StatusSummary {
  duties: number;
  met: number;
  dueSoon: number;
  breached: number;
  notInForce: number;
}

export interface StatusBoard {
  day: string;
  final: boolean;
  calendarNotes: string[];
  summary: StatusSummary;
  duties: DutyStatus[];
  sites: SiteIndicators[];
}

export interface DutyStatusDetail {
  day: string;
  final: boolean;
  calendarNotes: string[];
  duty: DutyStatus;
}

export interface UnitOverview {
  unit: { id: number; name: string; shortName: string; category: string; assessedFrom: string | null };
  day: string;
  calendarNotes: string[];
  summary: StatusSummary;
  duties: DutyStatus[];
  monthToDate: MonthUnit | null;
  notices: GuaranteeNotice[];
}
