import type { Actor } from '../../platform/auth/actor.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { DutyStatusView } from '../guarantee/evaluation.service.js';
import type { DutiesService } from '../guarantee/duties.service.js';
import { DutyInput } from '../guarantee/guarantee.schemas.js';
import type { UnitsService } from '../org/units.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import { buildDemoContent, type ContentColumn, type DemoLine } from './demo-content.js';
import type { DemoRepository } from './demo.repository.js';

// The story the demo's guarantee board tells on its first day: nearly every duty met, and three
// problems a county website centre meets every week — a department behind on its weekly 部门动态, a
// 规范性文件 column nobody updated for seven months (the 通知公告/政策文件 class: six months), and a
// link column whose site is gone. None of them reaches a 单项否决 line.

export const STORY = {
  behind: { columnPath: '新闻中心/部门动态', unitName: '气象局' },
  stale: '政务公开/决策公开/规章、规范性文件',
  /**
   * The dead link: a reserved .invalid host (RFC 6761), so it fails without a network and fast. The
   * probes are written as the worker would have written them on the two days before; nothing here or
   * in the tests fetches it.
   */
  deadLink: {
    parentPath: '首页栏目',
    name: '涟水旅游网',
    slug: 'lsly',
    url: 'https://www.lianshui-tour.invalid/',
    unit: '文广新局',
  },
} as const;

export interface StoryDeps {
  uow: UnitOfWork;
  columns: ColumnsService;
  duties: DutiesService;
  units: UnitsService;
  calendar: CalendarService;
  repo: DemoRepository;
  /** Every duty of the site as the status board judges it on a day (services.ts wires the guarantee). */
  board: (day: string) => Promise<DutyStatusView[]>;
}

export class DemoStory {
  constructor(private readonly d: StoryDeps) {}

  /** The planted dead link: a link column with its 外链 duty and two failed probes before the start. */
  async plantDeadLink(actor: Actor, siteId: number, start: string, now: Date): Promise<number> {
    const s = STORY.deadLink;
    const all = await this.d.columns.listBySite(siteId);
    const parent = all.find((c) => c.parentId === null && c.name === s.parentPath);
    const column = await this.d.columns.create(actor, {
      siteId,
      parentId: parent?.id ?? null,
      name: s.name,
      slug: s.slug,
      kind: 'link',
      inNav: false,
      linkUrl: s.url,
    });
    const unitId = (await this.d.units.nameIndex()).resolve(s.unit);
    await this.d.duties.create(
      actor,
      DutyInput.parse({
        columnId: column.id,
        requirementText: '外链',
        effectiveFrom: start,
        parties: unitId ? [{ unitId, role: 'lead' }] : [],
      }),
    );
    const host = new URL(s.url).hostname;
    await this.d.uow.run(async (trx) => {
      await this.d.repo.recordProbes(
        trx,
        [2, 1].map((daysBack) => ({
          column_id: column.id,
          url: s.url,
          checked_at: new Date(now.getTime() - daysBack * 86_400_000).toISOString(),
          ok: 0,
          status_code: null,
          final_url: null,
          error: `getaddrinfo ENOTFOUND ${host}`,
          duration_ms: 12,
        })),
      );
    });
    return column.id;
  }

  /** The generated items for the site's duties and for its other listable columns. */
  async content(siteId: number, today: string, start: string, now: Date, fallbackUnit: string): Promise<DemoLine[]> {
    const [duties, columns, units, calendar] = await Promise.all([
      this.d.board(today),
      this.d.columns.listBySite(siteId),
      this.d.units.all(),
      this.d.calendar.current(),
    ]);
    const full = new Map<string, string>();
    for (const u of units) {
      full.set(u.shortName, u.name);
      full.set(u.name, u.name);
    }
    const byId = new Map(columns.map((c) => [c.id, c]));
    const withDuty = new Set(duties.filter((d) => d.siteId === siteId).map((d) => d.columnId));
    const parents = new Set(columns.map((c) => c.parentId));
    const namePath = (id: number): string => {
      const c = byId.get(id)!;
      return c.parentId === null ? c.name : `${namePath(c.parentId)}/${c.name}`;
    };
    const others: ContentColumn[] = columns
      .filter(
        (c) =>
          !withDuty.has(c.id) &&
          !parents.has(c.id) &&
          c.sourceColumnId === null &&
          c.kind !== 'link' &&
          c.kind !== 'page',
      )
      .map((c) => ({ columnPath: namePath(c.id), columnName: c.name, columnKind: c.kind, updateClass: c.updateClass }));
    return buildDemoContent({
      today,
      now,
      start,
      calendar,
      fallbackUnit,
      fullName: (n) => full.get(n) ?? n,
      behind: STORY.behind,
      stale: STORY.stale,
      columns: others,
      duties: duties
        .filter((d) => d.siteId === siteId && byId.get(d.columnId)?.sourceColumnId === null)
        .map((d) => ({
          columnPath: namePath(d.columnId),
          columnName: d.columnName,
          columnKind: byId.get(d.columnId)!.kind,
          updateClass: d.updateClass,
          plan: d.plan,
          perUnit: d.perUnit,
          units: d.units.map((u) => ({ unitId: u.unitId, unitName: u.unitName })),
          responsible: d.responsible.map((u) => ({ unitId: u.unitId, unitName: u.unitName })),
        })),
    });
  }

  /**
   * Every 解读 names the policy it interprets, and so the policy page lists its 解读: an item of a
   * 政策解读 column titled 《X》政策解读 interprets the item that 印发 X.
   */
  async linkInterpretations(siteId: number): Promise<number> {
    const columns = await this.d.columns.listBySite(siteId);
    const interp = columns.filter((c) => c.name === '政策解读').map((c) => c.id);
    const policy = columns.filter((c) => /政府文件|规范性文件/.test(c.name)).map((c) => c.id);
    return this.d.uow.run(async (trx) => {
      const readings = await this.d.repo.titles(trx, interp);
      const policies = await this.d.repo.titles(trx, policy);
      const pairs: Array<{ policyId: number; interpretationId: number }> = [];
      for (const r of readings) {
        const name = /《(.+?)》/.exec(r.title)?.[1];
        const p = name ? policies.find((x) => x.title.includes(`印发${name}`)) : undefined;
        if (p) pairs.push({ policyId: p.id, interpretationId: r.id });
      }
      await this.d.repo.linkInterpretations(trx, pairs);
      return pairs.length;
    });
  }
}
