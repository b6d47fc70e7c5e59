import crypto from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { htmlToText, sanitizeBody, summarize } from '../../platform/html/sanitize.js';
import type { ProgressFn } from '../../platform/jobs/progress.js';
import type { SearchIndex } from '../../platform/search/search-index.js';
import type { UnitsService } from '../org/units.service.js';
import type { ColumnView } from '../sites/columns.repository.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { SitesService } from '../sites/sites.service.js';
import type { ArticlesRepository } from './articles.repository.js';
import type { IndexNumbersService } from './index-numbers.service.js';
import type { ArticlesService } from './articles.service.js';
import { ARTICLE_TYPES, VALIDITY, articleTypeFromLabel, type ArticleType } from './content.schemas.js';

// Moving an old portal's content across: one JSON object per line. Every line is checked before
// anything is written, and the whole file goes in one transaction, so a bad line leaves the
// database exactly as it was. Imported items keep their original dates and are flagged `imported`.

const MAX_ERRORS = 100;

const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const Line = z.object({
  site: text(64).optional(),
  column: text(500).min(1, '请填写栏目路径，如 新闻中心/涟水新闻'),
  extra_columns: z.array(text(500)).max(20).default([]),
  unit: text(200).min(1, '请填写发布单位'),
  title: text(500).min(1, '请填写标题'),
  body_html: z.string().max(5_000_000).default(''),
  published_at: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
      '须为带时区的 ISO 8601 时间，如 2019-03-01T09:30:00+08:00',
    ),
  type: z.string().trim().default('news'),
  summary: text(1000).nullable().optional(),
  source: text(200).nullable().optional(),
  author: text(100).nullable().optional(),
  index_no: text(64).nullable().optional(),
  doc_no: text(100).nullable().optional(),
  written_on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '成文日期须为 YYYY-MM-DD')
    .nullable()
    .optional(),
  issuer: text(200).nullable().optional(),
  topic_category: text(100).nullable().optional(),
  genre: text(50).nullable().optional(),
  keywords: text(200).nullable().optional(),
  validity: z.enum(VALIDITY).nullable().optional(),
});

interface Prepared {
  line: number;
  siteId: number;
  columnId: number;
  extraColumnIds: number[];
  unitId: number;
  type: ArticleType;
  data: z.infer<typeof Line>;
  publishedAt: string;
  disclosure: boolean;
}

export interface ArticleImportSummary {
  lines: number;
  imported: number;
  byColumn: Array<{ column: string; count: number }>;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  indexNumbersAssigned: number;
  sha256: string;
}

export class ArticleImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ArticlesRepository,
    private readonly articles: ArticlesService,
    private readonly indexNumbers: IndexNumbersService,
    private readonly sites: SitesService,
    private readonly columns: ColumnsService,
    private readonly units: UnitsService,
    private readonly search: SearchIndex,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async run(actor: Actor, content: string, progress: ProgressFn = () => undefined): Promise<ArticleImportSummary> {
    authorize(actor, 'import.run');
    const lines = content.replace(/^\ufeff/, '').split(/\r?\n/);
    const prepared = await this.validate(lines, progress);
    const total = prepared.length;
    let done = 0;
    let indexed = 0;
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    await this.uow.run(async (trx, emit) => {
      for (const p of prepared) {
        if (await this.insert(trx, actor, p)) indexed++;
        if (++done % 50 === 0 || done === total) progress(done, total, `正在写入：${done}/${total}`);
      }
      await emit({
        type: 'import.articles',
        actor,
        entityType: 'import',
        entityId: sha256.slice(0, 16),
        summary: `导入历史信息 ${total} 条`,
        details: { lines: total, sha256 },
      });
    });
    const byColumn = new Map<string, number>();
    for (const p of prepared) byColumn.set(p.data.column, (byColumn.get(p.data.column) ?? 0) + 1);
    const dates = prepared.map((p) => p.publishedAt).sort();
    return {
      lines: lines.filter((l) => l.trim()).length,
      imported: total,
      byColumn: [...byColumn].map(([column, count]) => ({ column, count })),
      firstPublishedAt: dates[0] ?? null,
      lastPublishedAt: dates.at(-1) ?? null,
      indexNumbersAssigned: indexed,
      sha256,
    };
  }

  /** Parse and resolve every line; all problems are collected and reported together. */
  private async validate(lines: string[], progress: ProgressFn): Promise<Prepared[]> {
    const issues: FieldIssue[] = [];
    const fail = (line: number, message: string) => {
      if (issues.length < MAX_ERRORS) issues.push({ field: `第 ${line} 行`, message });
    };
    const siteCache = new Map<string, { id: number; byPath: Map<string, ColumnView>; all: ColumnView[] }>();
    const unitIndex = await this.units.nameIndex();
    const defaultSite = await this.sites.forHost(undefined);
    const now = this.clock().getTime();
    const seenIndexNos = new Map<string, number>();
    const out: Prepared[] = [];
    const disclosureOf = new Map<number, boolean>();
    const nonEmpty = lines.filter((l) => l.trim()).length;

    for (const [i, raw] of lines.entries()) {
      const lineNo = i + 1;
      if (!raw.trim()) continue;
      if (lineNo % 200 === 0) progress(0, nonEmpty, `正在检查第 ${lineNo} 行`);
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        fail(lineNo, '不是有效的 JSON');
        continue;
      }
      const parsed = Line.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        fail(lineNo, `${issue.path.join('.') || '内容'}：${issue.message}`);
        continue;
      }
      const d = parsed.data;
      const site = d.site ? await this.sites.getByCode(d.site) : defaultSite;
      if (!site) {
        fail(lineNo, d.site ? `站点“${d.site}”不存在` : '系统中还没有站点');
        continue;
      }
      let cols = siteCache.get(String(site.id));
      if (!cols) {
        const all = await this.columns.listBySite(site.id);
        cols = { id: site.id, all, byPath: namePaths(all) };
        siteCache.set(String(site.id), cols);
      }
      const column = resolveColumn(cols, d.column);
      if (!column) {
        fail(lineNo, `栏目“${d.column}”不存在（请使用栏目名称路径，如 新闻中心/涟水新闻）`);
        continue;
      }
      if (column.kind === 'link' || column.kind === 'page' || column.sourceColumnId !== null) {
        fail(lineNo, `栏目“${d.column}”不能直接收录信息（外链、单页或引用栏目）`);
        continue;
      }
      const extra: number[] = [];
      for (const e of d.extra_columns) {
        const c = resolveColumn(cols, e);
        if (!c) fail(lineNo, `附加栏目“${e}”不存在`);
        else extra.push(c.id);
      }
      const unitId = unitIndex.resolve(d.unit);
      if (unitId === null) {
        fail(lineNo, `发布单位“${d.unit}”无法识别（请使用单位全称、简称或别名）`);
        continue;
      }
      const type = (ARTICLE_TYPES as readonly string[]).includes(d.type)
        ? (d.type as ArticleType)
        : articleTypeFromLabel(d.type);
      if (!type) {
        fail(lineNo, `信息类型“${d.type}”无效（通知、公告、调查、新闻、公文、其他）`);
        continue;
      }
      const ms = Date.parse(d.published_at);
      if (Number.isNaN(ms)) {
        fail(lineNo, `发布时间“${d.published_at}”无效`);
        continue;
      }
      if (ms > now) {
        fail(lineNo, '发布时间晚于当前时间：历史导入只能导入已经发布过的信息');
        continue;
      }
      if (d.index_no) {
        const earlier = seenIndexNos.get(d.index_no);
        if (earlier) fail(lineNo, `索引号 ${d.index_no} 与第 ${earlier} 行重复`);
        else if (await this.repo.indexNoTaken(this.uow.db, d.index_no))
          fail(lineNo, `索引号 ${d.index_no} 已被系统中的信息使用`);
        seenIndexNos.set(d.index_no, lineNo);
      }
      out.push({
        line: lineNo,
        siteId: site.id,
        columnId: column.id,
        extraColumnIds: extra,
        unitId,
        type,
        data: d,
        publishedAt: new Date(ms).toISOString(),
        disclosure:
          disclosureOf.get(column.id) ??
          disclosureOf.set(column.id, await this.articles.isDisclosureColumn(column.id)).get(column.id)!,
      });
    }
    if (issues.length) {
      throw new AppError(
        'IMPORT_INVALID',
        `导入文件有 ${issues.length >= MAX_ERRORS ? `${MAX_ERRORS} 处以上` : `${issues.length} 处`}错误，未导入任何内容。${issues[0]!.field}：${issues[0]!.message}`,
        {
          issues,
        },
      );
    }
    if (out.length === 0) throw new AppError('IMPORT_INVALID', '导入文件中没有任何信息');
    return out;
  }

  /** Insert one prepared item as published and imported; returns whether a 索引号 was generated. */
  private async insert(trx: Executor, actor: Actor, p: Prepared): Promise<boolean> {
    const d = p.data;
    const body = sanitizeBody(d.body_html);
    const text = htmlToText(body);
    const generated = !d.index_no && p.disclosure;
    const indexNo = d.index_no ?? (p.disclosure ? await this.indexNumbers.assign(trx, p.unitId, p.publishedAt) : null);
    const now = this.clock().toISOString();
    const id = await this.repo.insert(trx, {
      site_id: p.siteId,
      column_id: p.columnId,
      unit_id: p.unitId,
      type: p.type,
      title: d.title,
      subtitle: null,
      summary: d.summary || summarize(text) || null,
      body_html: body,
      body_text: text,
      source: d.source ?? null,
      author: d.author ?? null,
      link_url: null,
      status: 'published',
      published_at: p.publishedAt,
      revision: 1,
      imported: 1,
      is_top: 0,
      index_no: indexNo,
      doc_no: d.doc_no ?? null,
      written_on: d.written_on ?? null,
      issuer: d.issuer ?? null,
      topic_category: d.topic_category ?? null,
      genre: d.genre ?? null,
      keywords: d.keywords ?? null,
      validity: d.validity ?? null,
      created_by: actor.kind === 'account' ? actor.accountId : null,
      updated_by: actor.kind === 'account' ? actor.accountId : null,
      created_at: now,
      updated_at: now,
    });
    if (p.extraColumnIds.length)
      await this.repo.replaceExtraColumns(
        trx,
        id,
        p.extraColumnIds.filter((c) => c !== p.columnId),
      );
    await this.articles.recordRevision(trx, actor, id);
    await this.search.index(trx, { id, title: d.title, text });
    await this.articles.importedIn(trx, id);
    return generated;
  }
}

/** Columns by their path of names ("新闻中心/涟水新闻"). */
function namePaths(columns: ColumnView[]): Map<string, ColumnView> {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const out = new Map<string, ColumnView>();
  const nameOf = (c: ColumnView): string =>
    c.parentId === null ? c.name : `${nameOf(byId.get(c.parentId)!)}/${c.name}`;
  for (const c of columns) out.set(nameOf(c), c);
  return out;
}

function resolveColumn(
  cols: { all: ColumnView[]; byPath: Map<string, ColumnView> },
  path: string,
): ColumnView | undefined {
  const clean = path
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean)
    .join('/');
  return cols.byPath.get(clean) ?? cols.all.find((c) => c.path === clean);
}
