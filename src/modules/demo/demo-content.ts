import crypto from 'node:crypto';
import type { WorkCalendar } from '../../platform/calendar/calendar.js';
import { addDays, mondayOf } from '../../platform/calendar/days.js';
import { shanghaiDayStart } from '../../platform/time.js';
import type { CheckPlan } from '../guarantee/rules/params.js';
import { bodiesFor, kindOf, namedBody, TITLES, titlesFor, TYPE_OF, type DemoKind } from './demo-titles.js';

// The demo's generated items: for every column that has a duty, items dated relative to the demo's
// start day so that the duty is met on it — daily columns an item every working day (Beijing working
// days from the calendar), weekly per-unit columns one item per unit and week, window columns items
// inside their window, shared columns one item per unit — except the problems the story plants (a unit
// behind on its weekly duty, a stale 通知公告 column). Pure: the caller hands in the duties as the board
// judges them and writes the lines through the historical import, which counts each in the ledger.

export interface ContentUnit {
  unitId: number;
  unitName: string;
}

export interface ContentDuty {
  columnPath: string;
  columnName: string;
  columnKind: string;
  updateClass: string | null;
  plan: CheckPlan;
  /** Judged unit by unit (a shared window or a per-unit counted rule): every unit needs its own items. */
  perUnit: boolean;
  units: ContentUnit[];
  responsible: ContentUnit[];
}

/** A listable leaf column without a duty: it gets a few items too, so it is not blank. */
export interface ContentColumn {
  columnPath: string;
  columnName: string;
  columnKind: string;
  updateClass: string | null;
}

export interface StoryPlan {
  /** The demo's first day (Asia/Shanghai) and the instant it starts. */
  today: string;
  now: Date;
  /** The duties' date in force: the generated history starts here for counted rules. */
  start: string;
  calendar: WorkCalendar;
  duties: ContentDuty[];
  columns: ContentColumn[];
  /** Full names of units by their short or full name, for the {U} placeholder. */
  fullName: (unitName: string) => string;
  /** The unit that writes a column nobody is named for. */
  fallbackUnit: string;
  /** Planted: this unit sent nothing to this weekly column last week or this week. */
  behind: { columnPath: string; unitName: string };
  /** Planted: this 通知公告/政策文件 column's last item is older than its six-month window. */
  stale: string;
}

export interface DemoLine {
  column: string;
  unit: string;
  title: string;
  type: string;
  body_html: string;
  published_at: string;
  issuer: string | null;
  written_on: string | null;
  source: string;
}

const hash = (...parts: Array<string | number>) =>
  crypto.createHash('md5').update(parts.join('|')).digest().readUInt32BE(0);

/** Days back an item of a window column may be dated so that the window is comfortably met. */
function spreadDays(plan: CheckPlan): number {
  if (plan.type !== 'window' || !plan.window) return 90;
  const days = plan.window.days ?? (plan.window.months ?? 0) * 30;
  return Math.max(3, Math.min(Math.floor((days - plan.window.warnDays) * 0.8), 150));
}

export function buildDemoContent(p: StoryPlan): DemoLine[] {
  const out: DemoLine[] = [];
  const slots = new Map<string, number>();
  const lastMonday = addDays(mondayOf(p.today), -7);
  const workday = (day: string) => (p.calendar.isWorkday(day) ? day : p.calendar.previousWorkday(day));

  const add = (c: ContentColumn, unit: string, day: string, shared: boolean, pick?: number) => {
    const kind = kindOf(c.columnPath, c.updateClass, c.columnKind);
    const slotKey = `${c.columnPath}|${day}`;
    const slot = slots.get(slotKey) ?? 0;
    slots.set(slotKey, slot + 1);
    const h = hash(c.columnPath, unit, day, slot);
    let templates = titlesFor(c.columnName, kind);
    // A column units share lists one item per unit: each title names its unit.
    if (shared) {
      const named = templates.filter((t) => /\{[uU]\}/.test(t));
      templates = named.length ? named : templates.map((t) => `{U}${t}`);
    }
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const fill = (t: string) =>
      t
        .replaceAll('{U}', p.fullName(unit))
        .replaceAll('{u}', unit)
        .replaceAll('{py}', String(y - 1))
        .replaceAll('{pm}', String(Math.max(1, m - 1)))
        .replaceAll('{y}', String(y))
        .replaceAll('{m}', String(m))
        .replaceAll('{d}', `${m}月${d}日`)
        .replaceAll('{n}', String(1 + (h % 29)));
    const title = fill(templates[(pick ?? h) % templates.length]!);
    const bodies = bodiesFor(kind);
    const paragraphs = namedBody(c.columnName) ?? bodies[(h >>> 4) % bodies.length]!;
    const body = paragraphs.map((para) => `<p>${fill(para).replaceAll('{t}', title)}</p>`);
    // Working hours in Beijing, a few minutes apart for items of one column and day; never in the future.
    const minutes = 8 * 60 + 30 + slot * 7 + (h % 5);
    const at = Math.min(
      Date.parse(shanghaiDayStart(day)) + minutes * 60_000,
      p.now.getTime() - 60_000 - out.length * 1000,
    );
    const disclosure = c.columnPath.startsWith('政务公开');
    out.push({
      column: c.columnPath,
      unit,
      title,
      type: TYPE_OF[kind],
      body_html: body.join(''),
      published_at: new Date(at).toISOString(),
      issuer: disclosure ? p.fullName(unit) : null,
      written_on: disclosure ? addDays(day, -1) : null,
      source: p.fullName(unit),
    });
  };

  for (const d of p.duties) {
    const plan = d.plan;
    const lead = d.responsible[0]?.unitName ?? p.fallbackUnit;
    if (plan.type === 'link') continue;
    if (plan.type === 'counted' && plan.period === 'workday') {
      for (const day of p.calendar.workdaysBetween(p.start, p.today))
        for (let i = 0; i < plan.minCount; i++) add(d, lead, day, false);
      continue;
    }
    if (plan.type === 'counted') {
      const units = d.perUnit ? d.units : [{ unitId: 0, unitName: lead }];
      for (const w of p.calendar.weeks(p.start, p.today)) {
        const days = w.workdays.filter((x) => x <= p.today);
        if (!days.length && w.monday <= p.today && p.today <= w.sunday) days.push(p.today);
        if (!days.length) continue;
        for (const u of units) {
          const planted = d.columnPath === p.behind.columnPath && u.unitName === p.behind.unitName;
          if (planted && w.monday >= lastMonday) continue;
          for (let i = 0; i < plan.minCount; i++)
            add(d, u.unitName, days[hash(u.unitName, w.monday, i) % days.length]!, d.perUnit);
        }
      }
      continue;
    }
    // Window rules: inside the window, a little apart; the planted stale column well outside it.
    const spread = spreadDays(plan);
    if (d.columnPath === p.stale) {
      for (const back of [215, 290, 380]) add(d, lead, workday(addDays(p.today, -back)), false);
      continue;
    }
    if (d.perUnit) {
      for (const u of d.units)
        add(d, u.unitName, workday(addDays(p.today, -(1 + (hash(u.unitName, d.columnPath) % spread)))), true);
      continue;
    }
    const n = d.columnPath.includes('/部门和乡镇信息公开/') ? 1 : itemsPerColumn(d.columnName);
    for (let i = 0; i < n; i++) {
      const back = 1 + Math.floor(((i + (hash(d.columnPath, i) % 100) / 100) * spread) / n);
      add(d, lead, workday(addDays(p.today, -back)), false, i);
    }
  }
  for (const c of p.columns) {
    for (let i = 0; i < 2; i++)
      add(c, p.fallbackUnit, workday(addDays(p.today, -(3 + i * 17 + (hash(c.columnPath) % 9)))), false, i);
  }
  return out.sort((a, b) => a.published_at.localeCompare(b.published_at));
}

/** One item for a document that exists once (a 指南, an annual report), two for the rest. */
function itemsPerColumn(name: string): number {
  const templates = TITLES[name];
  if (templates && templates.length === 1) return 1;
  return templates ? Math.min(2, templates.length) : 2;
}

export type { DemoKind };
