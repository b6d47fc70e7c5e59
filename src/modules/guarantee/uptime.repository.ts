import type { Kysely } from 'kysely';
import { eachDay } from '../../platform/calendar/days.js';
import { chunk, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import { shanghaiDay, shanghaiDayStart } from '../../platform/time.js';
import { MIN_PROBES_PER_DAY, type UptimeFacts } from './rules/indicators.js';

export interface SiteProbeRow {
  siteId: number;
  url: string;
  probedAt: string;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Probes of the sites' own public addresses (site_probes): what 站点无法访问 is computed from. */
export class UptimeRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Sites with a public address, and when and how each was last probed. */
  async targets(db: Executor = this.db) {
    const sites = await db
      .selectFrom('sites')
      .select(['id', 'name', 'probe_url'])
      .where('probe_url', 'is not', null)
      .orderBy('id')
      .execute();
    const last = new Map<number, { probedAt: string; ok: boolean }>();
    for (const ids of chunk(sites.map((s) => s.id))) {
      const rows = await db
        .selectFrom('site_probes as p')
        .select(['p.site_id', 'p.probed_at', 'p.ok'])
        .where('p.site_id', 'in', ids)
        .where((eb) =>
          eb(
            'p.probed_at',
            '=',
            eb
              .selectFrom('site_probes as q')
              .select((q) => q.fn.max('q.probed_at').as('m'))
              .whereRef('q.site_id', '=', 'p.site_id'),
          ),
        )
        .execute();
      for (const r of rows) last.set(r.site_id, { probedAt: r.probed_at, ok: r.ok === 1 });
    }
    return sites.map((s) => ({ id: s.id, name: s.name, probeUrl: s.probe_url!, last: last.get(s.id) ?? null }));
  }

  async insert(db: Executor, rows: readonly SiteProbeRow[]): Promise<void> {
    if (!rows.length) return;
    await db
      .insertInto('site_probes')
      .values(
        rows.map((r) => ({
          site_id: r.siteId,
          url: r.url.slice(0, 1000),
          probed_at: r.probedAt,
          ok: r.ok ? 1 : 0,
          status_code: r.statusCode,
          error: r.error?.slice(0, 500) ?? null,
          duration_ms: r.durationMs,
        })),
      )
      .execute();
  }

  /**
   * Each site's probes of the month that `day` falls in, up to `cutoff`, counted per Shanghai day.
   * Sites without a public address get facts with probeUrl null.
   */
  async monthFacts(siteIds: readonly number[], day: string, cutoff: string): Promise<Map<number, UptimeFacts>> {
    const month = day.slice(0, 7);
    const from = shanghaiDayStart(`${month}-01`);
    const out = new Map<number, UptimeFacts>();
    for (const ids of chunk([...siteIds])) {
      const sites = await this.db.selectFrom('sites').select(['id', 'probe_url']).where('id', 'in', ids).execute();
      const probes = await this.db
        .selectFrom('site_probes')
        .select(['site_id', 'probed_at', 'ok'])
        .where('site_id', 'in', ids)
        .where('probed_at', '>=', from)
        .where('probed_at', '<=', cutoff)
        .execute();
      for (const s of sites) {
        const mine = probes.filter((p) => p.site_id === s.id);
        const perDay = new Map<string, number>();
        for (const p of mine) {
          const d = shanghaiDay(p.probed_at);
          perDay.set(d, (perDay.get(d) ?? 0) + 1);
        }
        // From the first day probed to the day before the one checked (which may still be running).
        const first = [...perDay.keys()].sort()[0];
        const shortDays = first
          ? eachDay(first, day)
              .filter((d) => d < day)
              .map((d) => ({ day: d, probes: perDay.get(d) ?? 0 }))
              .filter((d) => d.probes < MIN_PROBES_PER_DAY)
          : [];
        out.set(s.id, {
          probeUrl: s.probe_url,
          month,
          probes: mine.length,
          failures: mine.filter((p) => p.ok !== 1).length,
          shortDays,
        });
      }
    }
    return out;
  }
}
