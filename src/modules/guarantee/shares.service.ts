import { SharePeriod, type ShareInput } from '../../contract/crawl.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { addDays, addMonths, monthRange } from '../../platform/calendar/days.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { invalid, notFound } from '../../platform/errors.js';
import { shanghaiDayStart } from '../../platform/time.js';
import { STATUS_LABELS, worst, type UnitVerdict } from './duty-status.js';
import type { DutyStatusView } from './evaluation.service.js';
import type { Status } from './rules/counted.js';
import type { SharesRepository } from './shares.repository.js';

// 栏目共建 (issue 11 item 4): a column several units build together, each owing its share (at least N
// items a month, a quarter or a year). The check judges each unit on its own share, as a line of the
// duty; the duty is as bad as its worst unit, so one unit's missing share is not hidden by another's.

/** The period of `day`: month, quarter or year, as first day and the day after the last. */
export function periodOf(period: string, day: string): { from: string; end: string; key: string } {
  const [y, m] = [day.slice(0, 4), Number(day.slice(5, 7))];
  if (period === 'year') return { from: `${y}-01-01`, end: `${Number(y) + 1}-01-01`, key: y };
  if (period === 'quarter') {
    const first = Math.floor((m - 1) / 3) * 3 + 1;
    const from = `${y}-${String(first).padStart(2, '0')}-01`;
    return { from, end: addMonths(from, 3), key: `${y}-Q${(first + 2) / 3}` };
  }
  const from = `${day.slice(0, 7)}-01`;
  return { from, end: addMonths(from, 1), key: day.slice(0, 7) };
}

/** One unit's share judged at `day`: met once reached, due soon while the period runs, breached after. */
export function judgeShare(
  share: { unitId: number; unitName: string; minItems: number; period: string },
  count: number,
  day: string,
  final: boolean,
): UnitVerdict {
  const p = periodOf(share.period, day);
  const last = addDays(p.end, -1);
  const periodLabel = (SharePeriod.labels as Record<string, string>)[share.period] ?? share.period;
  const expected = `共建份额：${periodLabel}至少 ${share.minItems} 条`;
  const status: Status = count >= share.minItems ? 'met' : day < last || !final ? 'due_soon' : 'breached';
  const found = `本期（${p.from} 至 ${last}）已发布 ${count} 条`;
  return {
    unitId: share.unitId,
    unitName: share.unitName,
    adopted: null,
    joinedOn: null,
    status,
    statusLabel: STATUS_LABELS[status],
    expected,
    found,
    since: status === 'breached' ? last : null,
    sinceKey: status === 'breached' ? `share:${p.key}` : null,
    periodKey: p.key,
    periodStart: p.from,
    periodEnd: last,
    count,
    explanation: `要求：${expected}；实际：${found}`,
  };
}

/** A unit's share as the 通报 shows it. */
export interface ShareLine {
  columnName: string;
  unitId: number;
  unitName: string;
  expected: string;
  periodFrom: string;
  periodTo: string;
  count: number;
  minItems: number;
  status: Status;
  statusLabel: string;
}

export class SharesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: SharesRepository,
  ) {}

  async get(actor: Actor, dutyId: number) {
    authorize(actor, 'duty.read');
    if (!(await this.repo.dutyColumn(dutyId))) throw notFound('保障责任');
    return { dutyId, shares: (await this.repo.forDuties([dutyId])).get(dutyId) ?? [] };
  }

  async set(actor: Actor, dutyId: number, input: ShareInput) {
    authorize(actor, 'duty.write');
    const units = new Set(input.shares.map((s) => s.unitId));
    if (units.size !== input.shares.length) throw invalid('shares', '同一单位只能有一个共建份额');
    await this.uow.run(async (trx, emit) => {
      if (!(await this.repo.dutyColumn(dutyId, trx))) throw notFound('保障责任');
      if ((await this.repo.existingUnits(trx, [...units])) !== units.size) throw invalid('shares', '共建单位不存在');
      await this.repo.replace(trx, dutyId, input.shares);
      await emit({
        type: 'duty.shares.set',
        actor,
        entityType: 'duty',
        entityId: dutyId,
        summary: `设置栏目共建份额（${input.shares.length} 个单位）`,
        details: { shares: input.shares },
      });
    });
    return this.get(actor, dutyId);
  }

  /**
   * Each co-building unit's share on a site at the end of a month, for the 通报: a monthly share is
   * judged on the month, a quarterly or yearly one on its period so far (未达标 only once it ended).
   */
  async monthLines(siteId: number, month: string): Promise<ShareLine[]> {
    const last = monthRange(month).to;
    const out: ShareLine[] = [];
    for (const r of await this.repo.ofSite(siteId)) {
      if (r.effective_from > last) continue; // the duty was not in force yet
      const p = periodOf(r.period, last);
      const counts = await this.repo.publishedByUnit(
        r.column_id,
        [r.unit_id],
        shanghaiDayStart(p.from),
        shanghaiDayStart(p.end),
      );
      const verdict = judgeShare(
        { unitId: r.unit_id, unitName: r.unit_name, minItems: r.min_items, period: r.period },
        counts.get(r.unit_id) ?? 0,
        last,
        true,
      );
      out.push({
        columnName: r.column_name,
        unitId: r.unit_id,
        unitName: r.short_name || r.unit_name,
        expected: verdict.expected,
        periodFrom: p.from,
        periodTo: verdict.periodEnd!,
        count: verdict.count ?? 0,
        minItems: r.min_items,
        status: verdict.status,
        statusLabel: verdict.statusLabel,
      });
    }
    return out;
  }

  /**
   * Add each co-building unit's line to the duties that have shares (a unit's view: its line only),
   * and let the worst line decide the duty's status.
   */
  async apply(duties: DutyStatusView[], day: string, final: boolean, onlyUnit?: number): Promise<void> {
    const shares = await this.repo.forDuties(duties.map((d) => d.dutyId));
    for (const d of duties) {
      const list = (shares.get(d.dutyId) ?? []).filter((s) => !onlyUnit || s.unitId === onlyUnit);
      if (!list.length || d.status === 'not_in_force') continue;
      const lines: UnitVerdict[] = [];
      for (const s of list) {
        const p = periodOf(s.period, day);
        const counts = await this.repo.publishedByUnit(
          d.columnId,
          [s.unitId],
          shanghaiDayStart(p.from),
          shanghaiDayStart(p.end),
        );
        lines.push(judgeShare(s, counts.get(s.unitId) ?? 0, day, final));
      }
      // A unit already judged by the duty's own rule keeps that line; the share is its stricter one.
      const others = d.units.filter((u) => !lines.some((l) => l.unitId === u.unitId));
      d.units = [...others, ...lines.map((l) => ({ ...l, joinedOn: l.joinedOn ?? d.effectiveFrom }))];
      d.perUnit = true;
      let status: Status = d.status;
      for (const l of lines) status = worst(status, l.status);
      if (status !== d.status) {
        d.status = status as typeof d.status; // the worst of in-force verdicts is in force
        d.statusLabel = STATUS_LABELS[status];
      }
      const short = lines.filter((l) => l.status !== 'met');
      d.notes.push(
        `栏目共建：${lines.length} 个单位各按份额考核${short.length ? `，${short.map((l) => `${l.unitName}${l.found}`).join('；')}` : '，均已完成'}`,
      );
    }
  }
}
