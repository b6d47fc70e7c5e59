import type {
  DutyReport,
  PartyPeriods,
  PeriodReport,
  WindowFigures,
  WindowParty,
} from '../../contract/guarantee-period.js';
import type { UnitMonth } from '../../contract/guarantee-reports.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { CalendarService } from '../../platform/calendar/calendar.service.js';
import { addDays, dayOfInstant, maxDay, minDay, mondayOf, monthRange } from '../../platform/calendar/days.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../platform/time.js';
import type { EvaluationRepository } from './evaluation.repository.js';
import type { DutyRecord, GuaranteeEvaluator, Snapshot } from './evaluation.service.js';
import { isSharedWindow, unitStartDay } from './judge.js';
import { expectedPeriods, results, workdaysInBreach, type CountedRule } from './rules/counted.js';
import { planLabel } from './rules/params.js';
import { lastDayUpTo, windowStatus } from './rules/windows.js';

// Reports over a range: the periods each counted duty expected, met and missed (per unit where the
// rule is per unit), window duties at the end of the range; and the monthly figures per unit. The
// report's shapes are the contract's (contract/guarantee-period.ts), re-exported for this module.

export type { DutyReport, PartyPeriods, PeriodReport, WindowFigures, WindowParty };

type DutyHead = Pick<
  DutyReport,
  'dutyId' | 'siteId' | 'columnId' | 'columnPath' | 'rule' | 'effectiveFrom' | 'notInForce'
>;

export class ReportService {
  constructor(
    private readonly evaluator: GuaranteeEvaluator,
    private readonly repo: EvaluationRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Days after today have not happened: a range reaching into the future is judged up to today. Today
   * itself is still open: what happened so far counts, but it is not yet a day missed.
   */
  private until(to: string): { until: string; open: boolean } {
    const today = dayOfInstant(this.clock().toISOString());
    return { until: minDay(to, today), open: to >= today };
  }

  async period(actor: Actor, q: { from: string; to: string; siteId?: number }): Promise<PeriodReport> {
    const scope = authorize(actor, 'guarantee.read');
    // A year and a bit at most: the report lists every working day of every duty.
    CalendarService.assertRange(q.from, q.to, 400);
    const unitId = scope.kind === 'unit' ? scope.unitId : undefined;
    // Counts from a few weeks earlier: "working days late" at the start of the range depends on them.
    const loadFrom = mondayOf(addDays(q.from, -42));
    const { until, open } = this.until(q.to);
    const snap = await this.evaluator.load({
      from: loadFrom,
      to: maxDay(until, q.from),
      siteId: q.siteId,
      unitId,
      withLastBefore: true,
    });
    const duties = snap.duties.flatMap((d) => this.dutyReport(snap, d, q.from, until, unitId, open) ?? []);
    return { from: q.from, to: q.to, until, calendarNotes: snap.calendar.notesFor(q.from, q.to), duties };
  }

  /** One duty over from..to; `open`: `to` is today, not yet over, so it can be met but not missed. */
  dutyReport(
    snap: Snapshot,
    d: DutyRecord,
    from: string,
    to: string,
    onlyUnit?: number,
    open = false,
  ): DutyReport | null {
    // The last day that can have been missed.
    const judgedTo = open ? addDays(to, -1) : to;
    const set = snap.columns.sourceSet(d.columnId);
    const tree = snap.counts.treeLastFirst(set);
    const start = d.effectiveFrom;
    const head: DutyHead = {
      dutyId: d.id,
      siteId: d.siteId,
      columnId: d.columnId,
      columnPath: snap.columns.namePath(d.columnId),
      rule: planLabel(d.plan),
      effectiveFrom: start,
      notInForce: to < start,
    };
    if (d.plan.type === 'window') {
      const plan = d.plan;
      const figures = (
        counts: ReadonlyMap<string, number>,
        before: string | null,
        lastAt: string | null,
        startDay: string,
      ): WindowFigures => {
        const lastBefore = before ? dayOfInstant(before) : null;
        // Days before the date in force are not late, however stale the column was then.
        const lateFrom = maxDay(from, startDay);
        const late = (judgedTo < lateFrom ? [] : snap.calendar.workdaysBetween(lateFrom, judgedTo)).filter(
          (day) => windowStatus(plan.window, lastDayUpTo(lastBefore, counts, day), day, startDay).status === 'breached',
        ).length;
        const end = windowStatus(plan.window, lastAt ? dayOfInstant(lastAt) : null, to, startDay);
        return {
          lastUpdateAt: lastAt,
          lastUpdateDay: end.lastDay,
          breachedAtEnd: to >= startDay && end.status === 'breached',
          blank: end.blank,
          workdaysLate: late,
        };
      };
      const column = figures(
        snap.counts.treeCounts(set),
        snap.lastBefore?.treeLastFirst(set).lastAt ?? null,
        tree.lastAt,
        start,
      );
      const parties: WindowParty[] = isSharedWindow(d)
        ? d.responsible
            .filter((r) => !onlyUnit || r.unitId === onlyUnit)
            .map((r) => {
              const startDay = unitStartDay(snap, d, r.unitId);
              return {
                unitId: r.unitId,
                unitName: r.unitName,
                startDay,
                notInForce: to < startDay,
                ...figures(
                  snap.counts.unitTreeCounts(r.unitId, set),
                  snap.lastBefore?.unitTreeLast(r.unitId, set) ?? null,
                  snap.counts.unitTreeLast(r.unitId, set),
                  startDay,
                ),
              };
            })
        : [];
      return {
        ...head,
        kind: 'window',
        window: plan.window,
        ...column,
        namedUnitIds: [...d.named],
        perUnit: isSharedWindow(d),
        parties,
      };
    }
    if (d.plan.type !== 'counted') return null;
    const plan = d.plan;
    const rule: CountedRule = { period: plan.period, minCount: plan.minCount, workdaysOnly: plan.workdaysOnly };
    const party = (
      unitId: number | null,
      unitName: string | null,
      counts: ReadonlyMap<string, number>,
      startDay: string,
    ): PartyPeriods => {
      const periods = results(rule, expectedPeriods(rule, snap.calendar, from, to, startDay), counts, to);
      const done = periods.filter((p) => p.end <= judgedTo || (p.end <= to && p.met));
      const c: Record<string, number> = {};
      for (const p of periods) c[p.key] = p.count;
      return {
        unitId,
        unitName,
        startDay,
        notInForce: to < startDay,
        expected: done.map((p) => p.key),
        met: done.filter((p) => p.met).map((p) => p.key),
        missed: done.filter((p) => !p.met).map((p) => p.key),
        pending: periods.filter((p) => !done.includes(p)).map((p) => p.key),
        counts: c,
        workdaysLate:
          judgedTo < from
            ? 0
            : workdaysInBreach(rule, snap.calendar, counts, snap.loadedFrom, from, judgedTo, startDay).length,
      };
    };
    if (!plan.perUnit || d.responsible.length === 0) {
      return {
        ...head,
        kind: 'counted',
        period: plan.period,
        minCount: plan.minCount,
        perUnit: false,
        parties: [party(null, null, snap.counts.treeCounts(set), start)],
      };
    }
    const parties = d.responsible
      .filter((r) => !onlyUnit || r.unitId === onlyUnit)
      .map((r) =>
        party(
          r.unitId,
          r.unitName,
          snap.counts.unitCounts(r.unitId, set, plan.countStates),
          unitStartDay(snap, d, r.unitId),
        ),
      );
    return { ...head, kind: 'counted', period: plan.period, minCount: plan.minCount, perUnit: true, parties };
  }

  /**
   * The monthly 通报 figures per unit: submissions by channel and adopted (the ledger, every channel),
   * duties met and breached in the month, working days late, and the ranking.
   */
  async month(
    actor: Actor,
    month: string,
    siteId?: number,
  ): Promise<{
    month: string;
    from: string;
    to: string;
    until: string;
    calendarNotes: string[];
    units: UnitMonth[];
    duties: DutyReport[];
  }> {
    authorize(actor, 'guarantee.read');
    const range = monthRange(month);
    const from = range.from;
    // The month so far when it is the current one.
    const { until: to, open } = this.until(range.to);
    const snap = await this.evaluator.load({
      from: mondayOf(addDays(from, -42)),
      to: maxDay(to, from),
      siteId,
      withLastBefore: true,
    });
    const duties = snap.duties.flatMap((d) => this.dutyReport(snap, d, from, to, undefined, open) ?? []);
    const totals = await this.repo.ledgerTotals(shanghaiDayStart(from), shanghaiDayEnd(to));
    const rows = new Map<number, UnitMonth>();
    for (const u of snap.units.values()) {
      if (!u.active) continue;
      rows.set(u.id, {
        unitId: u.id,
        unitName: u.name,
        shortName: u.shortName,
        joinedOn: u.assessedFrom,
        submitted: 0,
        byChannel: {},
        adoptedByChannel: {},
        adopted: 0,
        adoptionRate: null,
        dutiesMet: 0,
        dutiesBreached: 0,
        dutiesMetRate: null,
        workdaysLate: 0,
        rank: 0,
      });
    }
    for (const t of totals) {
      const r = rows.get(t.unit_id);
      if (!r) continue;
      const n = Number(t.n);
      r.submitted += n;
      r.byChannel[t.channel] = (r.byChannel[t.channel] ?? 0) + n;
      if (t.state === 'adopted') {
        r.adopted += n;
        r.adoptedByChannel[t.channel] = (r.adoptedByChannel[t.channel] ?? 0) + n;
      }
    }
    for (const d of duties) {
      if (d.kind === 'window') {
        // A shared column counts for each unit on its own figures; a column named units answer for together.
        const lines = d.perUnit
          ? d.parties.filter((p) => !p.notInForce).map((p) => ({ id: p.unitId, late: p.workdaysLate }))
          : d.notInForce
            ? []
            : d.namedUnitIds.map((id) => ({ id, late: d.workdaysLate }));
        for (const { id, late } of lines) {
          const r = rows.get(id);
          if (!r) continue;
          if (late > 0) r.dutiesBreached++;
          else r.dutiesMet++;
          r.workdaysLate += late;
        }
        continue;
      }
      const record = snap.duties.find((x) => x.id === d.dutyId)!;
      for (const p of d.parties) {
        const ids = p.unitId !== null ? [p.unitId] : [...record.named];
        for (const id of ids) {
          const r = rows.get(id);
          if (!r || p.expected.length === 0) continue;
          if (p.missed.length > 0) r.dutiesBreached++;
          else r.dutiesMet++;
          r.workdaysLate += p.workdaysLate;
        }
      }
    }
    const list = [...rows.values()];
    for (const r of list) {
      r.adoptionRate = r.submitted ? Math.round((r.adopted / r.submitted) * 1000) / 10 : null;
      const judged = r.dutiesMet + r.dutiesBreached;
      r.dutiesMetRate = judged ? Math.round((r.dutiesMet / judged) * 1000) / 10 : null;
    }
    // Ranked by how well a unit met its duties (the 通报's purpose), not by how much it sent: the share of
    // duties met, then working days late; submissions only part ties. Units with no duty in the month
    // have nothing to be judged on and come last (the exact ratio, not the rounded one, decides).
    const metRatio = (u: UnitMonth) => {
      const judged = u.dutiesMet + u.dutiesBreached;
      return judged ? u.dutiesMet / judged : -1;
    };
    const order = (a: UnitMonth, b: UnitMonth) =>
      metRatio(b) - metRatio(a) ||
      a.workdaysLate - b.workdaysLate ||
      b.adopted - a.adopted ||
      b.submitted - a.submitted;
    list.sort(
      (a, b) =>
        order(a, b) || snap.units.get(a.unitId)!.sortOrder - snap.units.get(b.unitId)!.sortOrder || a.unitId - b.unitId,
    );
    for (const [i, r] of list.entries()) r.rank = i > 0 && order(list[i - 1]!, r) === 0 ? list[i - 1]!.rank : i + 1;
    return {
      month,
      from,
      to: range.to,
      until: to,
      calendarNotes: snap.calendar.notesFor(from, range.to),
      units: list,
      duties,
    };
  }
}
export type { UnitMonth };
