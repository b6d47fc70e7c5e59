import type { Logger } from 'pino';
import { systemActor } from '../../platform/auth/actor.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { Job } from '../../platform/jobs/worker.js';
import type { UptimeFacts } from './rules/indicators.js';
import type { GuaranteeSettings } from './rules/params.js';
import type { SiteProbeRow, UptimeRepository } from './uptime.repository.js';

// 站点无法访问 (国办秘函〔2019〕19号 V2): each site probes its own public address on a schedule (at least 20
// times a day), a probe failing when the home page has not answered within 15 seconds or answers an
// error, and every probe is kept. The address is the site's own and may be on loopback or the intranet,
// so this probe deliberately does not go through the guard that keeps outside-facing fetches off
// internal addresses.

export interface ProbeOutcome {
  siteId: number;
  url: string;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  probedAt: string;
}

/** The worker looks every minute; a probe is due a little before its interval, so ticks do not drift it late. */
const TICK_MS = 60_000;

function why(error: unknown, timeoutSeconds: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `超时（${timeoutSeconds} 秒内未响应）`;
  const code = e?.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return '域名无法解析';
  if (code === 'ECONNREFUSED') return '连接被拒绝';
  if (code === 'ECONNRESET') return '连接被重置';
  if (code && /CERT|SSL|TLS/.test(code)) return `证书错误（${code}）`;
  return `无法访问（${(code ?? e?.cause?.message ?? e?.message ?? String(error)).slice(0, 200)}）`;
}

/** Open the home page as a visitor would (GET, following redirects) and wait at most the timeout. */
export async function probeHomePage(
  url: string,
  timeoutSeconds: number,
): Promise<Pick<ProbeOutcome, 'ok' | 'statusCode' | 'error' | 'durationMs'>> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
      headers: { 'user-agent': 'govportal-uptime/1.0' },
    });
    // The page itself must arrive in time too: a server that sends headers and then stalls is not open.
    await res.arrayBuffer();
    return {
      ok: res.ok,
      statusCode: res.status,
      error: res.ok ? null : `HTTP ${res.status}`,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    return { ok: false, statusCode: null, error: why(error, timeoutSeconds), durationMs: Date.now() - started };
  }
}

export class UptimeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: UptimeRepository,
    private readonly settings: () => Promise<GuaranteeSettings>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Probe every site whose next probe is due, store the probes, and record a site going down or back up. */
  async probeDue(): Promise<ProbeOutcome[]> {
    const { probesPerDay, timeoutSeconds } = (await this.settings()).indicators.unreachable;
    const interval = Math.floor(86_400_000 / Math.max(probesPerDay, 1));
    const now = this.clock();
    const due = (await this.repo.targets()).filter(
      (s) => !s.last || now.getTime() - Date.parse(s.last.probedAt) >= interval - TICK_MS / 2,
    );
    if (!due.length) return [];
    const probedAt = now.toISOString();
    const results = await Promise.all(
      due.map(async (s) => ({
        siteId: s.id,
        url: s.probeUrl,
        probedAt,
        ...(await probeHomePage(s.probeUrl, timeoutSeconds)),
      })),
    );
    const actor = systemActor('guarantee');
    await this.uow.run(async (trx, emit) => {
      await this.repo.insert(trx, results satisfies SiteProbeRow[]);
      for (const r of results) {
        const site = due.find((s) => s.id === r.siteId)!;
        const wasOk = site.last?.ok ?? null;
        if (!r.ok && wasOk !== false)
          await emit({
            type: 'guarantee.site_unreachable',
            actor,
            entityType: 'site',
            entityId: r.siteId,
            siteId: r.siteId,
            summary: `站点“${site.name}”无法访问：${r.url} ${r.error}`,
            details: { url: r.url, error: r.error, statusCode: r.statusCode },
          });
        else if (r.ok && wasOk === false)
          await emit({
            type: 'guarantee.site_reachable',
            actor,
            entityType: 'site',
            entityId: r.siteId,
            siteId: r.siteId,
            summary: `站点“${site.name}”恢复访问：${r.url}`,
            details: { url: r.url, since: site.last?.probedAt },
          });
      }
    });
    return results;
  }

  /** The month's probes of each site up to the cutoff (the indicator's input). */
  facts(siteIds: readonly number[], day: string, cutoff: string): Promise<Map<number, UptimeFacts>> {
    return this.repo.monthFacts(siteIds, day, cutoff);
  }
}

export function uptimeJob(uptime: UptimeService, log: Logger): Job {
  return {
    name: 'guarantee.uptime',
    everyMs: TICK_MS,
    run: async () => {
      const r = await uptime.probeDue();
      const failed = r.filter((p) => !p.ok);
      if (failed.length) log.warn({ failed }, 'site probes failed');
    },
  };
}
