import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';

// External-link columns (外链): is the address still answering? Each probe follows redirects, gives up
// after the timeout (15 s by default, the national inspection's "not open after 15 seconds"), and is
// recorded whether it succeeded or not, so the status and the 通报 can say since when a link is dead.

export interface ProbeResult {
  columnId: number;
  url: string;
  ok: boolean;
  statusCode: number | null;
  finalUrl: string | null;
  error: string | null;
  durationMs: number;
  checkedAt: string;
}

const CONCURRENCY = 4;

function describe(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return `超时（${Math.round(timeoutMs / 1000)} 秒内未响应）`;
  const code = e?.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return '域名无法解析';
  if (code === 'ECONNREFUSED') return '连接被拒绝';
  if (code === 'ECONNRESET') return '连接被重置';
  if (code && /CERT|SSL|TLS/.test(code)) return `证书错误（${code}）`;
  if (/redirect/i.test(e?.cause?.message ?? e?.message ?? '')) return '重定向次数过多';
  return `无法访问（${(code ?? e?.cause?.message ?? e?.message ?? String(error)).slice(0, 200)}）`;
}

/** One probe: HEAD first (cheap); servers that refuse HEAD get a GET. */
export async function probe(url: string, timeoutMs: number): Promise<Omit<ProbeResult, 'columnId' | 'checkedAt'>> {
  const started = Date.now();
  const attempt = async (method: 'HEAD' | 'GET') => {
    const res = await fetch(url, {
      method,
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'govportal-link-check/1.0' },
    });
    // The body is not needed; cancel it so the connection is released at once.
    await res.body?.cancel().catch(() => undefined);
    return res;
  };
  try {
    let res = await attempt('HEAD');
    if (res.status === 405 || res.status === 501) res = await attempt('GET');
    return {
      url,
      ok: res.ok,
      statusCode: res.status,
      finalUrl: res.url && res.url !== url ? res.url : null,
      error: res.ok ? null : `HTTP ${res.status}`,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    return {
      url,
      ok: false,
      statusCode: null,
      finalUrl: null,
      error: describe(error, timeoutMs),
      durationMs: Date.now() - started,
    };
  }
}

export class LinksService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly uow: UnitOfWork,
    private readonly timeoutMs: () => Promise<number>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Probe every external-link column (http/https) of a site, or of all sites, and record the results. */
  async checkAll(actor: Actor, siteId?: number): Promise<ProbeResult[]> {
    authorize(actor, 'guarantee.write');
    let q = this.db
      .selectFrom('columns')
      .select(['id', 'link_url'])
      .where('kind', '=', 'link')
      .where('link_url', 'is not', null)
      .where('source_column_id', 'is', null);
    if (siteId) q = q.where('site_id', '=', siteId);
    const targets = (await q.orderBy('id').execute()).filter((c) => /^https?:\/\//i.test(c.link_url ?? ''));
    const timeout = await this.timeoutMs();
    const results: ProbeResult[] = [];
    for (let i = 0; i < targets.length; i += CONCURRENCY) {
      const batch = targets.slice(i, i + CONCURRENCY);
      results.push(
        ...(await Promise.all(
          batch.map(async (c) => ({
            columnId: c.id,
            checkedAt: nowIso(this.clock),
            ...(await probe(c.link_url!, timeout)),
          })),
        )),
      );
    }
    if (results.length) {
      await this.uow.run(async (trx, emit) => {
        await trx
          .insertInto('link_checks')
          .values(
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
          )
          .execute();
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
