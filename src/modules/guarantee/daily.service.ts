import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { systemActor } from '../../platform/auth/actor.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import { addMonths } from '../../platform/calendar/days.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { Job } from '../../platform/jobs/worker.js';
import type { Settings } from '../../platform/settings.js';
import { shanghaiDay } from '../../platform/time.js';
import type { BulletinService } from './bulletin.service.js';
import type { GuaranteeEvaluator } from './evaluation.service.js';
import type { LinksService } from './links.service.js';
import { workdaysAfter, type NoticesService } from './notices.service.js';
import { ReportsRepository } from './reports.repository.js';
import type { StatusService } from './status.service.js';

// The daily round of the content guarantee, once per Shanghai day from the configured hour: probe the
// external links, judge every duty and send the warnings, record the site indicators of the day, and on
// the first working day of a month archive the 通报 of the month before. Every step is idempotent (the
// notices by their keys, the indicators by day, the 通报 by month), so a run cut short by a restart is
// simply run again.

const DONE_KEY = 'guarantee.daily.lastRun';

export interface DailyResult {
  day: string;
  ran: boolean;
  probes: number;
  notices: { created: number; skipped: number };
  indicators: number;
  bulletins: string[];
}

export class DailyService {
  private readonly repo: ReportsRepository;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly settingsStore: Settings,
    private readonly calendar: CalendarService,
    private readonly evaluator: GuaranteeEvaluator,
    private readonly status: StatusService,
    private readonly notices: NoticesService,
    private readonly links: LinksService,
    private readonly bulletins: BulletinService,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.repo = new ReportsRepository(db);
  }

  /** Run today's round if it is due and has not run yet (the worker calls this every few minutes). */
  async runIfDue(): Promise<DailyResult | null> {
    const now = this.clock();
    const day = shanghaiDay(now);
    const settings = await this.evaluator.settings();
    const hour = (now.getUTCHours() + 8) % 24;
    if (hour < settings.notices.hour) return null;
    if ((await this.settingsStore.get<string | null>(DONE_KEY, null)) === day) return null;
    return this.run(day);
  }

  /** The round for a day, whether or not it already ran (CLI, tests). */
  async run(day: string): Promise<DailyResult> {
    const system = systemActor('guarantee');
    const settings = await this.evaluator.settings();
    const probes = await this.links.checkAll(system);
    const check = await this.status.check(system, { at: day, final: false });
    const cal = await this.calendar.load();
    const notices = await this.notices.send(check, settings, (since) => workdaysAfter(cal, since, day));
    let indicators = 0;
    const at = nowIso(this.clock);
    for (const site of check.sites) {
      for (const i of site.indicators) {
        const row = {
          value: i.value,
          level: i.level,
          detail: JSON.stringify({
            explanation: i.explanation,
            columns: i.columns.map((c) => c.id),
            // The sources behind an overdue column, kept with the day (a source keeps no history of its health).
            ...(i.key === 'overdue_columns' && check.sources.length
              ? { sources: check.sources.filter((p) => p.siteId === site.siteId).map((p) => p.problem) }
              : {}),
          }),
          computed_at: at,
        };
        await this.repo.saveIndicator({ siteId: site.siteId, day, indicator: i.key }, row);
        indicators++;
      }
    }
    const bulletins: string[] = [];
    const month = day.slice(0, 7);
    if (cal.firstWorkdayOfMonth(month) <= day) {
      const previous = addMonths(`${month}-01`, -1).slice(0, 7);
      for (const siteId of await this.repo.siteIds()) {
        if (await this.bulletins.exists(siteId, previous)) continue;
        await this.bulletins.generate(system, { month: previous, siteId });
        bulletins.push(`${siteId}:${previous}`);
      }
    }
    await this.settingsStore.set(this.db, DONE_KEY, day);
    return { day, ran: true, probes: probes.length, notices, indicators, bulletins };
  }
}

export function guaranteeJob(daily: DailyService, log: Logger): Job {
  return {
    name: 'guarantee.daily',
    everyMs: 10 * 60_000,
    run: async () => {
      const r = await daily.runIfDue();
      if (r) log.info(r, 'guarantee daily round ran');
    },
  };
}
