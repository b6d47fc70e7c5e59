import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { addDays, mondayOf } from '../../platform/calendar/days.js';
import type { DB } from '../../platform/db/tables.js';
import { invalid, notFound } from '../../platform/errors.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../platform/time.js';
import { ActivityRepository } from './activity.repository.js';
import type { NoticesService } from './notices.service.js';
import { shanghaiDayOf } from './day-sql.js';
import type { ReportService } from './report.service.js';
import type { StatusService } from './status.service.js';

// Views for the admin screens: a unit's own page (its duties, its month so far, the notices it got)
// and weekly trend series per unit for the charts.

const MAX_WEEKS = 60;

export interface TrendSeries {
  unitId: number;
  unitName: string;
  /** Items the unit published, per week of publication (those taken offline since included). */
  published: number[];
  /** Ledger entries (every channel) and the adopted ones, per week. */
  submitted: number[];
  adopted: number[];
}

export class OverviewService {
  private readonly activity: ActivityRepository;

  constructor(
    db: Kysely<DB>,
    private readonly status: StatusService,
    private readonly reports: ReportService,
    private readonly notices: NoticesService,
  ) {
    this.activity = new ActivityRepository(db);
  }

  /** A unit's own view: unit roles get their unit, county roles name one. */
  async unit(actor: Actor, unitId?: number, at?: string) {
    const scope = authorize(actor, 'guarantee.read');
    const id = scope.kind === 'unit' ? scope.unitId : unitId;
    if (!id) throw invalid('unitId', '请选择单位');
    const unit = await this.activity.unit(id);
    if (!unit) throw notFound('单位');
    const day = at ?? this.status.today();
    const [check, month, notices] = await Promise.all([
      this.status.check(actor, { at: day, unitId: id }),
      this.reports.month(actor, day.slice(0, 7)),
      this.notices.list(actor, { unitId: id, page: 1, pageSize: 20 }),
    ]);
    if (scope.kind === 'unit') for (const d of check.duties) d.units = d.units.filter((u) => u.unitId === id);
    return {
      unit: {
        id: unit.id,
        name: unit.name,
        shortName: unit.short_name,
        category: unit.category,
        assessedFrom: unit.assessed_from,
      },
      day: check.day,
      calendarNotes: check.calendarNotes,
      summary: check.summary,
      duties: check.duties,
      monthToDate: month.units.find((u) => u.unitId === id) ?? null,
      notices: notices.items,
    };
  }

  /** Weekly series per unit between two days (weeks by their Monday), for the trend charts. */
  async trend(actor: Actor, q: { from?: string; to?: string; siteId?: number; unitId?: number }) {
    const scope = authorize(actor, 'guarantee.read');
    const to = q.to ?? this.status.today();
    const from = mondayOf(q.from ?? addDays(to, -7 * 12 + 1));
    if (to < from) throw invalid('to', '结束日期不能早于开始日期');
    const weeks: string[] = [];
    for (let w = from; w <= to; w = addDays(w, 7)) weeks.push(w);
    if (weeks.length > MAX_WEEKS) throw invalid('from', `趋势图最多显示 ${MAX_WEEKS} 周`);
    const unitId = scope.kind === 'unit' ? scope.unitId : q.unitId;
    const start = shanghaiDayStart(from);
    const end = shanghaiDayEnd(to);
    const [a, l, units] = await Promise.all([
      this.activity.publishedPerDay({ start, end, siteId: q.siteId, unitId }),
      this.activity.submittedPerDay({ start, end, unitId }),
      this.activity.units(),
    ]);
    const index = new Map(weeks.map((w, i) => [w, i]));
    const series = new Map<number, TrendSeries>();
    const get = (id: number) => {
      let s = series.get(id);
      if (!s) {
        s = {
          unitId: id,
          unitName: units.find((u) => u.id === id)?.short_name ?? String(id),
          published: weeks.map(() => 0),
          submitted: weeks.map(() => 0),
          adopted: weeks.map(() => 0),
        };
        series.set(id, s);
      }
      return s;
    };
    for (const r of a) {
      const i = index.get(mondayOf(shanghaiDayOf(r.d, r.late)));
      if (i !== undefined) get(r.unit_id).published[i]! += Number(r.n);
    }
    for (const r of l) {
      const i = index.get(mondayOf(shanghaiDayOf(r.d, r.late)));
      if (i === undefined) continue;
      get(r.unit_id).submitted[i]! += Number(r.n);
      if (r.state === 'adopted') get(r.unit_id).adopted[i]! += Number(r.n);
    }
    const order = new Map(units.map((u, i) => [u.id, i]));
    const list = [...series.values()].sort((x, y) => (order.get(x.unitId) ?? 0) - (order.get(y.unitId) ?? 0));
    const totals = {
      published: weeks.map((_, i) => list.reduce((s, u) => s + u.published[i]!, 0)),
      submitted: weeks.map((_, i) => list.reduce((s, u) => s + u.submitted[i]!, 0)),
      adopted: weeks.map((_, i) => list.reduce((s, u) => s + u.adopted[i]!, 0)),
    };
    return { from, to, weeks, series: list, totals };
  }
}
