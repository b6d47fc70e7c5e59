import type { WorkCalendar } from '../../platform/calendar/calendar.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import { addDays, mondayOf, dayOfInstant } from '../../platform/calendar/days.js';
import type { Settings } from '../../platform/settings.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../platform/time.js';
import type { CountedItem, UnitVerdict, Verdict } from './duty-status.js';
import type { SharedItemsRepository } from './evaluation-units.repository.js';
import type { EvaluationRepository, LastFirst } from './evaluation.repository.js';
import { ColumnModel, CountsModel } from './evaluation.model.js';
import { isSharedWindow, judgeDuty } from './judge.js';
import { checkOf, readDutyRule } from './duty-rule.js';
import type { Cadence } from './requirement.js';
import type { Status } from './rules/counted.js';
import { mergeSettings, planOf, SETTINGS_KEY, type CheckPlan, type GuaranteeSettings } from './rules/params.js';
import type { Probe } from './rules/windows.js';

// Loading what the checks need (a few grouped queries), then judging every duty in memory.

/**
 * 政民互动 plugs in here: the oldest valid message still unanswered (the veto indicator), and the
 * replies and 共性问题 it published, which count as updates of the columns standing for them (a
 * mailbox's column, the 刊登共性问题 column) like articles do.
 */
export interface InteractionSource {
  oldestUnanswered(siteId: number, cutoff: string): Promise<string | null>;
  columnItems?(from: string, cutoff: string): Promise<InteractionColumnItems>;
}

export interface InteractionColumnItems {
  /** One row per item published in [from, cutoff). */
  published: Array<{ columnId: number; publishedAt: string }>;
  /** Per column, the newest and the first item published before the cutoff. */
  lastFirst: Array<{ columnId: number; lastAt: string; firstAt: string }>;
}

/** Folds 政民互动's items into the articles' last and first items per column (in place). */
function mergeLastFirst(rows: LastFirst[], items: InteractionColumnItems['lastFirst']): LastFirst[] {
  const byColumn = new Map(rows.map((r) => [r.column_id, r]));
  for (const i of items) {
    const r = byColumn.get(i.columnId);
    if (!r) continue; // a column of another site
    // A newer letter is not an article: no article id behind the "last update" then.
    if (!r.last_at || i.lastAt > r.last_at) Object.assign(r, { last_at: i.lastAt, last_id: null });
    if (!r.first_at || i.firstAt < r.first_at) r.first_at = i.firstAt;
  }
  return rows;
}

/**
 * Days of counts loaded before the checked day: the open and the last completed week need 14; a breach
 * that began earlier is dated from the last item or ledger entry (see countedVerdict).
 */
export const LOOKBACK_DAYS = 28;

export interface ResponsibleUnit {
  unitId: number;
  unitName: string;
}

export interface DutyStatusView extends Omit<Verdict, 'periodStart' | 'periodEnd'> {
  dutyId: number;
  siteId: number;
  columnId: number;
  columnName: string;
  columnPath: string;
  updateClass: string | null;
  updateClassLabel: string | null;
  /** The office confirmed the class (otherwise it is the import's proposal, or none). */
  updateClassConfirmed: boolean;
  cadence: Cadence;
  cadenceLabel: string;
  requirementText: string;
  /** The day the duty applies from: before it the verdict is 未生效. */
  effectiveFrom: string;
  plan: CheckPlan;
  rule: string;
  perUnit: boolean;
  lastUpdateAt: string | null;
  blank: boolean;
  responsible: ResponsibleUnit[];
  /** Lead units named one by one (not through a group). */
  namedUnitIds: number[];
  partyLabels: string[];
  units: UnitVerdict[];
  notes: string[];
  items?: CountedItem[];
  /** For per-unit rules: whether the column as a whole was updated in the deciding period. */
  columnStatus: Status;
  periodStart: string | null;
  periodEnd: string | null;
}

export interface DutyRecord {
  id: number;
  siteId: number;
  columnId: number;
  requirementText: string;
  cadence: Cadence;
  plan: CheckPlan;
  /** YYYY-MM-DD: nothing is expected before it. */
  effectiveFrom: string;
  /** Lead units that answer for the duty (groups resolved to their active units). */
  responsible: ResponsibleUnit[];
  /** Every unit named, lead or cooperating (who may see the duty). */
  involved: Set<number>;
  /** Lead units named one by one (not through a group): they answer for the column as a whole. */
  named: Set<number>;
  /**
   * A unit group leads: the units share the column but each is judged on its own items (a window rule
   * per unit; counted rules say so with perUnit).
   */
  shared: boolean;
  partyLabels: string[];
}

export interface Snapshot {
  calendar: WorkCalendar;
  settings: GuaranteeSettings;
  columns: ColumnModel;
  counts: CountsModel;
  /** Counts before `loadedFrom` are not in `counts`; the last item before it is in `lastBefore`. */
  loadedFrom: string;
  cutoff: string;
  duties: DutyRecord[];
  units: Map<
    number,
    {
      id: number;
      name: string;
      shortName: string;
      category: string;
      active: boolean;
      sortOrder: number;
      /** 纳入考核日期; null: the duty's own date in force decides. */
      assessedFrom: string | null;
    }
  >;
  probes: Map<number, Probe[]>;
  sites: Array<{ id: number; name: string; homeColumnIds: number[] }>;
  lastBefore: CountsModel | null;
}

export interface LoadOptions {
  siteId?: number;
  unitId?: number;
  columnId?: number;
  dutyId?: number;
  /** First day whose counts are loaded. */
  from: string;
  /** Last day (included) of the checked range. */
  to: string;
  /** Also load each column's last item before `from` (reports that judge every day of a range). */
  withLastBefore?: boolean;
}

export class GuaranteeEvaluator {
  constructor(
    private readonly repo: EvaluationRepository,
    private readonly calendar: CalendarService,
    private readonly settingsStore: Settings,
    private readonly shared: SharedItemsRepository,
    private readonly interaction: InteractionSource | null = null,
  ) {}

  async settings(): Promise<GuaranteeSettings> {
    return mergeSettings(await this.settingsStore.get<Partial<GuaranteeSettings> | null>(SETTINGS_KEY, null));
  }

  async load(o: LoadOptions): Promise<Snapshot> {
    const from = shanghaiDayStart(o.from);
    const cutoff = shanghaiDayEnd(o.to);
    const [
      calendar,
      settings,
      columns,
      closure,
      duties,
      parties,
      units,
      groups,
      lastFirst,
      extra,
      ledger,
      sites,
      lastSubmissions,
    ] = await Promise.all([
      this.calendar.load(),
      this.settings(),
      this.repo.columns(o.siteId),
      this.repo.closure(o.siteId),
      this.repo.duties({ siteId: o.siteId, unitId: o.unitId, columnId: o.columnId, dutyId: o.dutyId }),
      this.repo.parties(),
      this.repo.units(),
      this.repo.groupCategories(),
      this.repo.lastFirst(o.siteId, cutoff),
      this.repo.extraListings(from, cutoff),
      this.repo.ledgerCounts(from, cutoff),
      this.repo.sites(),
      this.repo.lastSubmissions(cutoff),
    ]);
    const interactionItems = this.interaction?.columnItems ? await this.interaction.columnItems(from, cutoff) : null;
    if (interactionItems) mergeLastFirst(lastFirst, interactionItems.lastFirst);
    const model = new ColumnModel(columns, closure);
    // When a unit is held to a duty comes from the dates people set, never from when its row was made
    // or from its first submission (one old entry must not decide another column's weeks).
    const unitMap = new Map(
      units.map((u) => [
        u.id,
        {
          id: u.id,
          name: u.name,
          shortName: u.short_name,
          category: u.category,
          active: u.active === 1,
          sortOrder: u.sort_order,
          assessedFrom: u.assessed_from,
        },
      ]),
    );
    const groupUnits = new Map<number, number[]>();
    for (const g of groups)
      for (const u of unitMap.values())
        if (u.active && u.category === g.category)
          groupUnits.set(g.group_id, [...(groupUnits.get(g.group_id) ?? []), u.id]);
    const partiesOf = new Map<number, typeof parties>();
    for (const p of parties) partiesOf.set(p.duty_id, [...(partiesOf.get(p.duty_id) ?? []), p]);
    const unitOrder = (a: ResponsibleUnit, b: ResponsibleUnit) =>
      unitMap.get(a.unitId)!.sortOrder - unitMap.get(b.unitId)!.sortOrder || a.unitId - b.unitId;
    const records: DutyRecord[] = duties.map((d) => {
      const column = model.byId.get(d.column_id);
      const rule = readDutyRule(d);
      const own = partiesOf.get(d.id) ?? [];
      const lead = new Map<number, ResponsibleUnit>();
      const involved = new Set<number>();
      const named = new Set<number>();
      for (const p of own) {
        if (p.unit_id !== null && p.role === 'lead' && unitMap.get(p.unit_id)?.active) named.add(p.unit_id);
        const ids = p.unit_id !== null ? [p.unit_id] : p.group_id !== null ? (groupUnits.get(p.group_id) ?? []) : [];
        for (const id of ids) {
          const u = unitMap.get(id);
          if (!u?.active) continue;
          involved.add(id);
          if (p.role === 'lead') lead.set(id, { unitId: id, unitName: u.shortName });
        }
      }
      return {
        id: d.id,
        siteId: d.site_id,
        columnId: d.column_id,
        requirementText: d.requirement_text,
        cadence: d.cadence as Cadence,
        plan: planOf(rule, checkOf(rule), column?.update_class ?? null, settings),
        effectiveFrom: d.effective_from,
        responsible: [...lead.values()].sort(unitOrder),
        involved,
        named,
        shared: own.some((p) => p.role === 'lead' && p.group_id !== null),
        partyLabels: own.map((p) => (p.role === 'cooperate' ? `${p.label}（配合）` : p.label)),
      };
    });
    // Per-day counts only for the columns whose rules count days (and, for reports that judge every day
    // of a range, the window rules too): most duties need only their column's last item.
    const counted = records.filter((r) => r.plan.type === 'counted' || (o.withLastBefore && r.plan.type === 'window'));
    const published = await this.repo.publishedCounts(
      [...new Set(counted.flatMap((r) => model.sourceSet(r.columnId)))],
      from,
      cutoff,
    );
    for (const i of interactionItems?.published ?? [])
      published.push({ columnId: i.columnId, day: dayOfInstant(i.publishedAt), n: 1 });
    const linkColumns = records.filter((r) => r.plan.type === 'link').map((r) => r.columnId);
    const rawProbes = await this.repo.probes(linkColumns, cutoff);
    const probes = new Map(
      [...rawProbes].map(([id, list]) => [
        id,
        list.map((p) => ({
          checkedAt: p.checked_at,
          ok: p.ok === 1,
          statusCode: p.status_code,
          error: p.error,
          finalUrl: p.final_url,
        })),
      ]),
    );
    // Shared window duties: each unit's own last item (and, for reports, its items per day).
    const sharedColumns = [
      ...new Set(records.filter((r) => isSharedWindow(r)).flatMap((r) => model.sourceSet(r.columnId))),
    ];
    const unitLast = sharedColumns.length ? await this.shared.unitLast(sharedColumns, cutoff) : [];
    const unitPublished =
      o.withLastBefore && sharedColumns.length
        ? await this.shared.unitPublishedCounts(sharedColumns, from, cutoff)
        : [];
    model.setBranches(await this.shared.branchColumns());
    const lastBefore = o.withLastBefore
      ? new CountsModel({
          published: [],
          lastFirst: mergeLastFirst(
            await this.repo.lastFirst(o.siteId, from),
            this.interaction?.columnItems ? (await this.interaction.columnItems(from, from)).lastFirst : [],
          ),
          extra: [],
          ledger: [],
          unitLast: sharedColumns.length ? await this.shared.unitLast(sharedColumns, from) : [],
        })
      : null;
    return {
      calendar,
      settings,
      columns: model,
      counts: new CountsModel({ published, lastFirst, extra, ledger, lastSubmissions, unitLast, unitPublished }),
      loadedFrom: o.from,
      cutoff,
      duties: records,
      units: unitMap,
      probes,
      sites: sites
        .filter((s) => !o.siteId || s.id === o.siteId)
        .map((s) => ({ id: s.id, name: s.name, homeColumnIds: homeColumns(s.home_blocks) })),
      lastBefore,
    };
  }

  /** Every duty of the snapshot judged at `day` (at its end when final, during it otherwise). */
  judge(snap: Snapshot, day: string, final: boolean, onlyUnit?: number): DutyStatusView[] {
    return snap.duties.map((d) => this.judgeDuty(snap, d, day, final, onlyUnit));
  }

  judgeDuty(snap: Snapshot, d: DutyRecord, day: string, final: boolean, onlyUnit?: number): DutyStatusView {
    // The judging itself is pure and lives in judge.ts.
    return judgeDuty(snap, d, day, final, onlyUnit);
  }

  /** The range a status check loads: long enough to find when a breach began. */
  static checkRange(day: string): { from: string; to: string } {
    return { from: mondayOf(addDays(day, -LOOKBACK_DAYS)), to: day };
  }

  async interactionFacts(siteId: number, cutoff: string): Promise<{ oldestUnansweredDay: string | null } | null> {
    if (!this.interaction) return null;
    const at = await this.interaction.oldestUnanswered(siteId, cutoff);
    return { oldestUnansweredDay: at ? dayOfInstant(at) : null };
  }
}

function homeColumns(json: string): number[] {
  try {
    const blocks = JSON.parse(json) as Array<{ columnId?: number }>;
    return blocks.map((b) => Number(b.columnId)).filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return []; // an unreadable value is treated like no choice: the news columns stand for the home page
  }
}
