import type { Preview, RunResult, Source, SourceInput } from '../../contract/crawl.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { AppError, notFound } from '../../platform/errors.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { ColumnsService } from '../sites/columns.service.js';
import { reason, urlHash, type CrawlRunner } from './crawl-run.js';
import type { CrawlRepository, SourceRow } from './crawl.repository.js';
import { healthOf, healthProblem } from './health.js';

/** Crawl sources: kept by the website centre, read by the owning unit; runs on demand and on schedule. */
export class CrawlService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: CrawlRepository,
    private readonly runner: CrawlRunner,
    private readonly columns: ColumnsService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(actor: Actor, siteId?: number): Promise<{ items: Source[] }> {
    const rows = await this.repo.list(authorize(actor, 'crawl.read'), siteId);
    return { items: rows.map((r) => this.view(r)) };
  }

  async get(actor: Actor, id: number): Promise<Source> {
    const row = await this.repo.get(authorize(actor, 'crawl.read'), id);
    if (!row) throw notFound('抓取源');
    return this.view(row);
  }

  async create(actor: Actor, input: SourceInput): Promise<Source> {
    authorize(actor, 'crawl.write');
    const id = await this.uow.run(async (trx, emit) => {
      const column = await this.columns.findById(input.columnId, trx);
      if (!column)
        throw new AppError('VALIDATION_FAILED', '栏目不存在', {
          issues: [{ field: 'columnId', message: '栏目不存在' }],
        });
      const now = nowIso(this.clock);
      const id = await this.repo.insert(trx, {
        site_id: column.site_id,
        ...this.columnsOf(input),
        consecutive_failures: 0,
        created_at: now,
        updated_at: now,
      });
      await emit({
        type: 'crawl.source.created',
        actor,
        entityType: 'crawl_source',
        entityId: id,
        summary: `新建抓取源“${input.name}”（${input.url}）`,
        details: { url: input.url, unitId: input.unitId, columnId: input.columnId, mode: input.mode },
      });
      return id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, input: SourceInput): Promise<Source> {
    const scope = authorize(actor, 'crawl.write');
    await this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(scope, id, trx);
      if (!before) throw notFound('抓取源');
      const column = await this.columns.findById(input.columnId, trx);
      if (!column)
        throw new AppError('VALIDATION_FAILED', '栏目不存在', {
          issues: [{ field: 'columnId', message: '栏目不存在' }],
        });
      await this.repo.update(trx, id, {
        site_id: column.site_id,
        ...this.columnsOf(input),
        updated_at: nowIso(this.clock),
      });
      await emit({
        type: 'crawl.source.updated',
        actor,
        entityType: 'crawl_source',
        entityId: id,
        summary: `修改抓取源“${input.name}”`,
        details: {
          before: { url: before.url, enabled: before.enabled === 1 },
          after: { url: input.url, enabled: input.enabled },
        },
      });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: number): Promise<void> {
    const scope = authorize(actor, 'crawl.write');
    await this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(scope, id, trx);
      if (!before) throw notFound('抓取源');
      await this.repo.remove(trx, id);
      await emit({
        type: 'crawl.source.deleted',
        actor,
        entityType: 'crawl_source',
        entityId: id,
        summary: `删除抓取源“${before.name}”（已收录的信息保留）`,
      });
    });
  }

  async log(actor: Actor, id: number) {
    await this.get(actor, id);
    const rows = await this.repo.logOf(id, 100);
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        ok: r.ok === 1,
        found: r.found,
        added: r.added,
        message: r.message,
        durationMs: r.duration_ms,
      })),
    };
  }

  /** 抓取一次 now (the website centre, e.g. after fixing a selector). */
  async runNow(actor: Actor, id: number): Promise<RunResult> {
    authorize(actor, 'crawl.write');
    await this.get(actor, id);
    return this.runner.run(id);
  }

  /** 试抓取: what these settings would take, nothing kept; `known` marks what an existing source has. */
  async preview(actor: Actor, input: SourceInput, sourceId?: number): Promise<Preview> {
    authorize(actor, 'crawl.write');
    try {
      const parsed = await this.runner.read(this.columnsOf(input));
      const known = sourceId
        ? (
            await this.repo.known(
              sourceId,
              parsed.entries.map((e) => urlHash(e.url)),
              [],
            )
          ).urls
        : new Set<string>();
      return {
        ok: true,
        message: `读取到 ${parsed.total} 条${parsed.total > parsed.entries.length ? `，每次最多处理 ${parsed.entries.length} 条` : ''}`,
        charset: parsed.charset,
        total: parsed.total,
        entries: parsed.entries.map((e) => ({
          title: e.title,
          url: e.url,
          publishedAt: e.publishedAt,
          known: known.has(urlHash(e.url)),
        })),
      };
    } catch (error) {
      return { ok: false, message: reason(error), charset: null, total: 0, entries: [] };
    }
  }

  /** The scheduler's round: every due source, a few hosts at a time; one source's failure stops nothing. */
  async runDue(concurrency = 4): Promise<Array<{ id: number } & RunResult>> {
    const due = await this.repo.due(nowIso(this.clock));
    const out: Array<{ id: number } & RunResult> = [];
    let next = 0;
    const lane = async () => {
      while (next < due.length) {
        const id = due[next++]!;
        try {
          out.push({ id, ...(await this.runner.run(id)) });
        } catch (error) {
          out.push({ id, ok: false, found: 0, added: 0, message: reason(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, lane));
    return out;
  }

  /** Sources that count against their unit on the guarantee board now (failing or stale). */
  async problems(siteId: number | null, at: Date = this.clock()) {
    const rows = await this.repo.health(siteId);
    return rows
      .map((r) => ({
        sourceId: r.id,
        siteId: r.site_id,
        unitId: r.unit_id,
        unitName: r.unit_name,
        unitShortName: r.unit_short_name || r.unit_name,
        columnId: r.column_id,
        columnName: r.column_name,
        health: healthOf(r, at),
        problem: healthProblem(r, at),
      }))
      .filter((r): r is typeof r & { problem: string } => r.problem !== null);
  }

  private columnsOf(input: SourceInput) {
    return {
      unit_id: input.unitId,
      column_id: input.columnId,
      name: input.name,
      url: input.url,
      kind: input.kind,
      mode: input.mode,
      link_selector: input.linkSelector || null,
      title_selector: input.titleSelector || null,
      date_selector: input.dateSelector || null,
      body_selector: input.bodySelector || null,
      every_minutes: input.everyMinutes,
      stale_days: input.staleDays,
      enabled: input.enabled ? 1 : 0,
    };
  }

  private view(r: SourceRow): Source {
    return {
      id: r.id,
      siteId: r.site_id,
      name: r.name,
      url: r.url,
      kind: r.kind as Source['kind'],
      mode: r.mode as Source['mode'],
      unitId: r.unit_id,
      unitName: r.unit_name,
      columnId: r.column_id,
      columnName: r.column_name,
      linkSelector: r.link_selector,
      titleSelector: r.title_selector,
      dateSelector: r.date_selector,
      bodySelector: r.body_selector,
      everyMinutes: r.every_minutes,
      staleDays: r.stale_days,
      enabled: r.enabled === 1,
      health: healthOf(r, this.clock()),
      lastRunAt: r.last_run_at,
      lastSuccessAt: r.last_success_at,
      consecutiveFailures: r.consecutive_failures,
      newestItemAt: r.newest_item_at,
      lastError: r.last_error,
      items: Number(r.item_count ?? 0),
    };
  }
}
