import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { addDays, addMonths, dayOfInstant } from '../../platform/calendar/days.js';
import type { Kysely } from 'kysely';
import { ActivityRepository } from './activity.repository.js';
import { ReportsRepository } from './reports.repository.js';
import type { DB } from '../../platform/db/tables.js';
import { shanghaiDay, shanghaiDayStart } from '../../platform/time.js';
import type { CountedItem } from './duty-status.js';
import { GuaranteeEvaluator, type DutyStatusView, type Snapshot } from './evaluation.service.js';
import type { EvaluationRepository } from './evaluation.repository.js';
import {
  blankColumnsIndicator,
  homePageIndicator,
  interactionIndicator,
  overdueColumnsIndicator,
  staleColumnsIndicator,
  unreachableIndicator,
  type ColumnFacts,
  type ColumnRef,
  type IndicatorLevel,
  type IndicatorResult,
} from './rules/indicators.js';
import type { Status } from './rules/counted.js';
import type { UptimeService } from './uptime.service.js';
import type { SharesService } from './shares.service.js';

// The status board: every duty's status with its explanation, the site indicators, and the items
// that counted. Unit roles see only their unit's duties and their own line of per-unit rules.

export interface CheckQuery {
  /** The day to judge; today (Asia/Shanghai) when absent. */
  at?: string;
  /** Judge the day as ended (CLI --at): a day still running can only be "due soon". */
  final?: boolean;
  siteId?: number;
  unitId?: number;
  columnId?: number;
  dutyId?: number;
  updateClass?: string;
  status?: Status;
  withItems?: boolean;
}

export interface SiteIndicators {
  siteId: number;
  siteName: string;
  level: IndicatorLevel;
  indicators: IndicatorResult[];
}

/** A crawl source failing or gone stale (modules/crawl): it counts against its unit like an overdue column. */
export interface SourceProblem {
  sourceId: number;
  siteId: number;
  unitId: number;
  unitName: string;
  unitShortName: string;
  columnId: number;
  columnName: string;
  health: string;
  problem: string;
}

/** The narrow input the board takes from the crawl module (services.ts wires it). */
export type SourceProblems = (siteId: number | null) => Promise<SourceProblem[]>;

export interface CheckResult {
  day: string;
  final: boolean;
  calendarNotes: string[];
  summary: {
    duties: number;
    met: number;
    dueSoon: number;
    breached: number;
    notInForce: number;
    /** Crawl sources of the units shown that fail or went stale. */
    sourceProblems: number;
  };
  duties: DutyStatusView[];
  sites: SiteIndicators[];
  sources: SourceProblem[];
}

const ITEM_LIMIT = 5;
const LEVEL_RANK: Record<IndicatorLevel, number> = { not_applicable: 0, ok: 1, warning: 2, veto: 3 };

export class StatusService {
  private readonly reports: ReportsRepository;
  private readonly activity: ActivityRepository;

  constructor(
    db: Kysely<DB>,
    private readonly evaluator: GuaranteeEvaluator,
    private readonly repo: EvaluationRepository,
    private readonly clock: () => Date = () => new Date(),
    private readonly uptime: UptimeService | null = null,
    private readonly sourceProblems: SourceProblems | null = null,
    private readonly shares: SharesService | null = null,
  ) {
    this.reports = new ReportsRepository(db);
    this.activity = new ActivityRepository(db);
  }

  today(): string {
    return shanghaiDay(this.clock());
  }

  async check(actor: Actor, q: CheckQuery): Promise<CheckResult> {
    const scope = authorize(actor, 'guarantee.read');
    const day = q.at ?? this.today();
    const final = q.final ?? day < this.today();
    const unitId = scope.kind === 'unit' ? scope.unitId : q.unitId;
    const range = GuaranteeEvaluator.checkRange(day);
    const snap = await this.evaluator.load({
      ...range,
      siteId: q.siteId,
      unitId,
      columnId: q.columnId,
      dutyId: q.dutyId,
    });
    // Looking at one unit, a duty units share is that unit's own line (its status, its period).
    const judged = this.evaluator.judge(snap, day, final, unitId);
    // 栏目共建: each co-building unit judged on its own share (shares.service.ts).
    if (this.shares) await this.shares.apply(judged, day, final, unitId);
    let duties = judged;
    if (q.updateClass) duties = duties.filter((d) => d.updateClass === q.updateClass);
    if (q.status) duties = duties.filter((d) => d.status === q.status || d.units.some((u) => u.status === q.status));
    if (q.withItems) await this.attachItems(snap, duties, day);
    // Site indicators need every column and duty of the site: a county view has them (whatever the
    // class or status filter, which only narrows the list shown); a unit's or a single duty's has not.
    // Only today's health is known (a source keeps no history of it): a past day shows none.
    const sources =
      this.sourceProblems && day === this.today() && !q.columnId && !q.dutyId
        ? (await this.sourceProblems(q.siteId ?? null)).filter((p) => !unitId || p.unitId === unitId)
        : [];
    const sites =
      scope.kind === 'all' && !unitId && !q.columnId && !q.dutyId
        ? await this.indicators(snap, judged, day, sources)
        : [];
    return {
      day,
      final,
      calendarNotes: snap.calendar.notesFor(range.from, day),
      summary: {
        duties: duties.length,
        met: duties.filter((d) => d.status === 'met').length,
        dueSoon: duties.filter((d) => d.status === 'due_soon').length,
        breached: duties.filter((d) => d.status === 'breached').length,
        notInForce: duties.filter((d) => d.status === 'not_in_force').length,
        sourceProblems: sources.length,
      },
      duties,
      sites,
      sources,
    };
  }

  /** The indicators recorded by the daily round, oldest first. */
  async history(actor: Actor, q: { siteId?: number; from?: string; to?: string }) {
    authorize(actor, 'guarantee.read');
    const to = q.to ?? this.today();
    const from = q.from ?? addDays(to, -90);
    const rows = await this.reports.indicatorDays({ siteId: q.siteId, from, to });
    return {
      from,
      to,
      items: rows.map((r) => ({
        siteId: r.site_id,
        day: r.day,
        indicator: r.indicator,
        value: r.value,
        level: r.level,
        explanation: (JSON.parse(r.detail) as { explanation: string }).explanation,
      })),
    };
  }

  /** The 单项否决 indicators of every site in the snapshot at `day`. */
  async indicators(
    snap: Snapshot,
    judged: readonly DutyStatusView[],
    day: string,
    sources: readonly SourceProblem[] = [],
  ): Promise<SiteIndicators[]> {
    const out: SiteIndicators[] = [];
    const uptime = this.uptime
      ? await this.uptime.facts(
          snap.sites.map((s) => s.id),
          day,
          snap.cutoff,
        )
      : new Map();
    for (const site of snap.sites) {
      const columns = [...snap.columns.byId.values()].filter((c) => c.site_id === site.id);
      const facts: ColumnFacts[] = columns.map((c) => {
        const tree = snap.counts.treeLastFirst(snap.columns.sourceSet(c.id));
        const listable = !['link', 'page', 'interaction'].includes(c.kind);
        return {
          id: c.id,
          name: c.name,
          path: snap.columns.namePath(c.id),
          lastDay: tree.lastAt ? dayOfInstant(tree.lastAt) : null,
          updateClass: c.source_column_id === null ? c.update_class : null,
          topNotice: c.source_column_id === null && snap.columns.isTopNotice(c.id),
          // A column opened after the checked day did not exist yet: it cannot have been blank then.
          blankCandidate:
            listable &&
            c.source_column_id === null &&
            !snap.columns.hasChildren(c.id) &&
            dayOfInstant(c.created_at) <= day,
        };
      });
      const byId = new Map(facts.map((f) => [f.id, f]));
      const homeIds = site.homeColumnIds.length
        ? site.homeColumnIds
        : columns.filter((c) => c.update_class === 'news' && c.source_column_id === null).map((c) => c.id);
      // Nothing says which columns the home page shows: its latest items are the site's latest items.
      const wholeSite = homeIds.length === 0;
      const homeSet = wholeSite
        ? columns.map((c) => c.id)
        : [...new Set(homeIds.flatMap((id) => snap.columns.sourceSet(id)))];
      const homeLast = snap.counts.treeLastFirst(homeSet).lastAt;
      const overdue = new Map<number, ColumnRef>();
      const withDuty = new Set(snap.duties.filter((d) => d.siteId === site.id).map((d) => d.columnId));
      for (const d of judged) {
        if (d.siteId !== site.id || d.plan.type === 'link') continue;
        if (d.columnStatus === 'breached') overdue.set(d.columnId, byId.get(d.columnId)!);
      }
      for (const c of columns) {
        if (withDuty.has(c.id) || c.source_column_id !== null) continue;
        const f = byId.get(c.id)!;
        const window = c.update_class
          ? snap.settings.windows[c.update_class as keyof typeof snap.settings.windows]
          : null;
        const stale = window && f.lastDay !== null && this.isStale(f.lastDay, window, day);
        if ((f.blankCandidate && f.lastDay === null) || stale) overdue.set(c.id, f);
      }
      // A failing or stale crawl source leaves the column it feeds without its items: the column counts
      // as overdue (once, whatever else made it so), against the source's unit on the board.
      let fromSources = 0;
      for (const p of sources) {
        const f = byId.get(p.columnId);
        if (p.siteId !== site.id || !f || overdue.has(f.id)) continue;
        overdue.set(f.id, f);
        fromSources++;
      }
      const indicators = [
        homePageIndicator(
          snap.settings,
          day,
          homeLast ? dayOfInstant(homeLast) : null,
          homeIds.map((id) => byId.get(id)).filter((f): f is ColumnFacts => !!f),
          wholeSite,
        ),
        staleColumnsIndicator(snap.settings, day, facts),
        overdueColumnsIndicator(snap.settings, [...overdue.values()], fromSources),
        blankColumnsIndicator(snap.settings, facts),
        interactionIndicator(snap.settings, day, await this.evaluator.interactionFacts(site.id, snap.cutoff)),
        unreachableIndicator(
          snap.settings,
          uptime.get(site.id) ?? { probeUrl: null, month: day.slice(0, 7), probes: 0, failures: 0, shortDays: [] },
        ),
      ];
      const level = indicators.reduce<IndicatorLevel>(
        (a, i) => (LEVEL_RANK[i.level] > LEVEL_RANK[a] ? i.level : a),
        'ok',
      );
      out.push({ siteId: site.id, siteName: site.name, level, indicators });
    }
    return out;
  }

  private isStale(lastDay: string, w: { days?: number; months?: number }, day: string): boolean {
    const cut = w.months ? addMonths(day, -w.months) : addDays(day, -(w.days ?? 0));
    return lastDay <= cut;
  }

  /** The items behind each verdict: one query for articles, one for ledger entries, one for listings. */
  private async attachItems(snap: Snapshot, duties: DutyStatusView[], day: string): Promise<void> {
    const starts = duties
      .flatMap((d) => [d.periodStart, ...d.units.map((u) => u.periodStart)])
      .filter((s): s is string => !!s && d0(s, day));
    const from = starts.length ? shanghaiDayStart(starts.sort()[0]!) : null;
    const articles = from ? await this.repo.itemsBetween(undefined, from, snap.cutoff, 5000) : [];
    const listings = await this.activity.listings(articles.map((a) => a.id));
    const submissions =
      from && duties.some((d) => d.perUnit && d.plan.type === 'counted')
        ? await this.repo.submissionsBetween(from, snap.cutoff, 5000)
        : [];
    const windowColumns = duties
      .filter((d) => d.plan.type === 'window')
      .map((d) => snap.counts.treeLastFirst(snap.columns.sourceSet(d.columnId)).lastColumnId)
      .filter((id): id is number => id !== null);
    const lastByColumn = await this.repo.lastItems(windowColumns, snap.cutoff);
    const last = await this.repo.articleTitles([...lastByColumn.values()]);
    for (const d of duties) {
      const set = new Set(snap.columns.sourceSet(d.columnId));
      if (d.plan.type === 'window') {
        const column = snap.counts.treeLastFirst([...set]).lastColumnId;
        const id = column !== null ? lastByColumn.get(column) : undefined;
        const a = id !== undefined ? last.get(id) : undefined;
        d.items = a ? [{ kind: 'article', id: a.id, title: a.title, at: a.published_at!, columnId: a.column_id }] : [];
      } else if (d.plan.type === 'counted' && !d.perUnit && d.periodStart) {
        const start = shanghaiDayStart(d.periodStart);
        d.items = articles
          .filter(
            (a) =>
              a.published_at! >= start && (set.has(a.column_id) || (listings.get(a.id) ?? []).some((c) => set.has(c))),
          )
          .slice(0, ITEM_LIMIT)
          .map((a) => ({
            kind: 'article',
            id: a.id,
            title: a.title,
            at: a.published_at!,
            columnId: a.column_id,
            unitName: a.unit_name,
            channel: a.channel,
          }));
      }
      // Ledger entries are what a counted per-unit rule counts; a shared window rule reads published items.
      if (d.plan.type !== 'counted') continue;
      for (const u of d.units) {
        if (!u.periodStart) continue;
        const start = shanghaiDayStart(u.periodStart);
        u.items = submissions
          .filter(
            (s) => s.unit_id === u.unitId && s.column_id !== null && set.has(s.column_id) && s.received_at >= start,
          )
          .slice(0, ITEM_LIMIT)
          .map(
            (s): CountedItem => ({
              kind: 'submission',
              id: s.id,
              title: s.title,
              at: s.received_at,
              columnId: s.column_id,
              channel: s.channel,
              state: s.state,
            }),
          );
      }
    }
  }
}

/** Periods that started long before the day (a window's last item) are not item-listed in bulk. */
const d0 = (start: string, day: string) => start >= addDays(day, -14);
