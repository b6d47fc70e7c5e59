import { dayOfInstant } from '../../platform/calendar/days.js';
import { UPDATE_CLASS_LABELS, type UpdateClass } from '../sites/sites.schemas.js';
import {
  countedVerdict,
  linkVerdict,
  notInForceVerdict,
  STATUS_LABELS,
  windowVerdict,
  worst,
  type UnitVerdict,
  type Verdict,
} from './duty-status.js';
import type { DutyRecord, DutyStatusView, Snapshot } from './evaluation.service.js';
import { CADENCE_LABELS } from './requirement.js';
import type { Status } from './rules/counted.js';
import { planLabel, type CheckPlan } from './rules/params.js';

// One duty judged on a loaded snapshot (evaluation.service.ts loads it): from its date in force, as a
// column, or unit by unit where units share it (a unit group's column, a weekly rule per unit).

export function judgeDuty(
  snap: Snapshot,
  d: DutyRecord,
  day: string,
  final: boolean,
  onlyUnit?: number,
): DutyStatusView {
  const column = snap.columns.byId.get(d.columnId)!;
  const set = snap.columns.sourceSet(d.columnId);
  const tree = snap.counts.treeLastFirst(set);
  const notes: string[] = [];
  const start = d.effectiveFrom;
  const base = {
    dutyId: d.id,
    siteId: d.siteId,
    columnId: d.columnId,
    columnName: column.name,
    columnPath: snap.columns.namePath(d.columnId),
    updateClass: column.update_class,
    updateClassLabel: column.update_class
      ? (UPDATE_CLASS_LABELS[column.update_class as UpdateClass] ?? column.update_class)
      : null,
    updateClassConfirmed: column.update_class_confirmed === 1,
    cadence: d.cadence,
    cadenceLabel: CADENCE_LABELS[d.cadence] ?? d.cadence,
    requirementText: d.requirementText,
    effectiveFrom: start,
    plan: d.plan,
    rule: planLabel(d.plan),
    lastUpdateAt: tree.lastAt,
    responsible: d.responsible,
    namedUnitIds: [...d.named],
    partyLabels: d.partyLabels,
    notes,
  };
  const plan = d.plan;
  if (day < start) {
    const v = notInForceVerdict(planLabel(plan), `自 ${start} 起生效`);
    return { ...base, ...v, perUnit: false, blank: false, units: [], columnStatus: v.status };
  }
  if (plan.type === 'window') {
    const v = windowVerdict(plan, tree.lastAt, day, start);
    if (!isSharedWindow(d)) return { ...base, ...v, perUnit: false, units: [], columnStatus: v.status };
    // A shared column: every unit of the group keeps it up with items of its own.
    const units: UnitVerdict[] = [];
    for (const r of d.responsible) {
      if (onlyUnit && r.unitId !== onlyUnit) continue;
      const unitStart = unitStartDay(snap, d, r.unitId);
      const own =
        day < unitStart
          ? notInForceVerdict(planLabel(plan), `自 ${unitStart} 起纳入考核`)
          : windowVerdict(plan, snap.counts.unitTreeLast(r.unitId, set), day, unitStart, 'unit');
      units.push({ ...own, unitId: r.unitId, unitName: r.unitName, adopted: null, joinedOn: unitStart });
    }
    return {
      ...base,
      ...perUnitSummary(plan, units, v),
      perUnit: true,
      blank: v.blank,
      units,
      // The column as a whole: whether the site has a column that should be updated and is not.
      columnStatus: v.status,
    };
  }
  if (plan.type === 'link') {
    const v = linkVerdict(plan, column.link_url, snap.probes.get(d.columnId) ?? []);
    return {
      ...base,
      ...v,
      perUnit: false,
      blank: false,
      units: [],
      columnStatus: v.status,
      periodStart: null,
      periodEnd: null,
    };
  }
  const columnPlan = {
    ...plan,
    minCount: plan.perUnit ? 1 : plan.minCount,
    perUnit: false,
    source: 'published' as const,
  };
  const columnVerdict = countedVerdict(
    columnPlan,
    snap.calendar,
    snap.counts.treeCounts(set),
    snap.loadedFrom,
    day,
    final,
    start,
    tree.lastAt,
    '发布',
    tree.lastAt ? dayOfInstant(tree.lastAt) : null,
  );
  if (!plan.perUnit || d.responsible.length === 0) {
    if (plan.perUnit) notes.push('未明确具体保障单位，按栏目整体考核');
    const { raw: _raw, ...v } = columnVerdict;
    return { ...base, ...v, perUnit: false, blank: tree.firstAt === null, units: [], columnStatus: v.status };
  }
  const what = plan.countStates === 'adopted' ? '被采用' : '报送';
  const units: UnitVerdict[] = [];
  for (const r of d.responsible) {
    if (onlyUnit && r.unitId !== onlyUnit) continue;
    const unitStart = unitStartDay(snap, d, r.unitId);
    if (day < unitStart) {
      const v = notInForceVerdict(planLabel(plan), `自 ${unitStart} 起纳入考核`);
      units.push({ ...v, unitId: r.unitId, unitName: r.unitName, adopted: null, joinedOn: unitStart });
      continue;
    }
    const counts = snap.counts.unitCounts(r.unitId, set, plan.countStates);
    const { raw, ...v } = countedVerdict(
      plan,
      snap.calendar,
      counts,
      snap.loadedFrom,
      day,
      final,
      unitStart,
      undefined,
      what,
      snap.counts.unitLastDay(r.unitId, set, plan.countStates),
    );
    const adopted = raw.current
      ? sumBetween(
          snap.counts.unitCounts(r.unitId, set, 'adopted'),
          raw.current.start,
          raw.current.end < day ? raw.current.end : day,
        )
      : null;
    units.push({
      ...v,
      unitId: r.unitId,
      unitName: r.unitName,
      adopted,
      joinedOn: unitStart,
      found: `${v.found}${adopted !== null && plan.countStates === 'all' ? `，其中采用 ${adopted} 条` : ''}`,
    });
  }
  return {
    ...base,
    ...perUnitSummary(plan, units, columnVerdict),
    perUnit: true,
    blank: tree.firstAt === null,
    units,
    columnStatus: columnVerdict.status,
  };
}

/** A window duty a unit group shares: judged unit by unit. */
export function isSharedWindow(d: DutyRecord): boolean {
  return d.plan.type === 'window' && d.shared && d.responsible.length > 0;
}

/** The day a unit is held to a duty from: the duty's date in force, or the unit's 纳入考核日期 if later. */
export function unitStartDay(snap: Snapshot, d: DutyRecord, unitId: number): string {
  const assessed = snap.units.get(unitId)?.assessedFrom ?? null;
  return assessed && assessed > d.effectiveFrom ? assessed : d.effectiveFrom;
}

/** A per-unit duty's verdict from its units' lines: the worst of them, said as a count. */
function perUnitSummary(
  plan: CheckPlan,
  units: readonly UnitVerdict[],
  column: Pick<Verdict, 'periodKey' | 'periodStart' | 'periodEnd'>,
): Omit<Verdict, never> {
  let status: Status = 'not_in_force';
  for (const u of units) status = worst(status, u.status);
  const counted = units.filter((u) => u.status === status);
  const inForce = units.filter((u) => u.status !== 'not_in_force');
  const waiting = units.length - inForce.length;
  const summary = `${inForce.length} 个保障单位中 ${units.filter((u) => u.status === 'breached').length} 个未达标、${units.filter((u) => u.status === 'due_soon').length} 个即将到期${waiting ? `（另有 ${waiting} 个单位尚未纳入考核）` : ''}`;
  // The period the verdict is about is the deciding units' (the week still open when one is due
  // soon), not the column's published items, which a ledger-counted rule does not look at.
  const period = counted.find((u) => u.periodStart) ?? column;
  return {
    status,
    statusLabel: STATUS_LABELS[status],
    expected: planLabel(plan),
    found: summary,
    since:
      status === 'breached'
        ? (counted
            .map((u) => u.since)
            .filter((s): s is string => !!s)
            .sort()[0] ?? null)
        : null,
    sinceKey: null,
    periodKey: period.periodKey,
    periodStart: period.periodStart,
    periodEnd: period.periodEnd,
    count: null,
    explanation: `要求：${planLabel(plan)}；实际：${summary}`,
  };
}

function sumBetween(counts: ReadonlyMap<string, number>, from: string, to: string): number {
  let n = 0;
  for (const [d, v] of counts) if (d >= from && d <= to) n += v;
  return n;
}
