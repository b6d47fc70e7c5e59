import type { ProbeResult } from '../../contract/guarantee-reports.js';
import type { Kysely } from 'kysely';
import { LinksRepository } from './links.repository.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { FetchError, type GuardedFetcher } from '../../platform/net/guarded-fetch.js';

// External-link columns (外链): is the address still answering? Each probe follows redirects, gives up
// after the timeout (15 s by default, the national inspection's "not open after 15 seconds"), and is
// recorded whether it succeeded or not, so the status and the 通报 can say since when a link is dead.

const CONCURRENCY = 4;

/** One probe through the guarded fetcher: HEAD first (cheap); servers that refuse HEAD get a GET. */
export async function probe(
  url: string,
  timeoutMs: number,
  fetcher: GuardedFetcher,
): Promise<Omit<ProbeResult, 'columnId' | 'checkedAt'>> {
  const started = Date.now();
  try {
    let res = await fetcher.fetch(url, { method: 'HEAD', timeoutMs });
    if (res.status === 405 || res.status === 501) res = await fetcher.fetch(url, { method: 'GET', timeoutMs });
    return {
      url,
      ok: res.ok,
      statusCode: res.status,
      finalUrl: res.finalUrl !== url ? res.finalUrl : null,
      error: res.ok ? null : `HTTP ${res.status}`,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    return {
      url,
      ok: false,
      statusCode: null,
      finalUrl: null,
      // FetchError messages are written for people (超时, 连接被拒绝, 地址是内网地址，不予访问 ...).
      error: error instanceof FetchError ? error.message : `无法访问（${String(error).slice(0, 200)}）`,
      durationMs: Date.now() - started,
    };
  }
}

export class LinksService {
  private readonly repo: LinksRepository;

  constructor(
    db: Kysely<DB>,
    private readonly uow: UnitOfWork,
    private readonly timeoutMs: () => Promise<number>,
    private readonly fetcher: GuardedFetcher,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.repo = new LinksRepository(db);
  }

  /** Probe every external-link column (http/https) of a site, or of all sites, and record the results. */
  async checkAll(actor: Actor, siteId?: number): Promise<ProbeResult[]> {
    authorize(actor, 'guarantee.write');
    const targets = (await this.repo.targets(siteId)).filter((c) => /^https?:\/\//i.test(c.link_url ?? ''));
    const timeout = await this.timeoutMs();
    const results: ProbeResult[] = [];
    for (let i = 0; i < targets.length; i += CONCURRENCY) {
      const batch = targets.slice(i, i + CONCURRENCY);
      results.push(
        ...(await Promise.all(
          batch.map(async (c) => ({
            columnId: c.id,
            checkedAt: nowIso(this.clock),
            ...(await probe(c.link_url!, timeout, this.fetcher)),
          })),
        )),
      );
    }
    if (results.length) {
      await this.uow.run(async (trx, emit) => {
        await this.repo.record(
          trx,
          results.map((r) => ({
            column_id: r.columnId,
            url: r.url.slice(0, 1000),
            checked_at: r.checkedAt,
            ok: r.ok ? 1 : 0,
            status_code: r.statusCode,
            final_url: r.finalUrl?.slice(0, 1000) ?? null,
            error: r.error?.slice(0, 500) ?? null,
            duration_ms: r.durationMs,
          })),
        );
        const failed = results.filter((r) => !r.ok).length;
        await emit({
          type: 'guarantee.links_checked',
          actor,
          entityType: 'link_check',
          entityId: null,
          siteId,
          summary: `检测外链栏目 ${results.length} 个，失败 ${failed} 个`,
          details: {
            failed: results.filter((r) => !r.ok).map((r) => ({ columnId: r.columnId, url: r.url, error: r.error })),
          },
        });
      });
    }
    return results;
  }
}
export type { ProbeResult };
