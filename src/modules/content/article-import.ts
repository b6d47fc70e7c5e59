import crypto from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { htmlToText, sanitizeBody, summarize } from '../../platform/html/sanitize.js';
import type { ProgressFn } from '../../platform/jobs/progress.js';
import type { SearchService } from '../../platform/search/search.js';
import type { UnitsService } from '../org/units.service.js';
import type { ColumnView } from '../sites/columns.repository.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { SitesService } from '../sites/sites.service.js';
import { entry } from './article-status.js';
import type { ArticlesRepository } from './articles.repository.js';
import type { IndexNumbersService } from './index-numbers.service.js';
import type { ArticlesService } from './articles.service.js';
import { ARTICLE_TYPES, articleTypeFromLabel, type ArticleType } from './content.schemas.js';
import type { ImportKeysRepository, StoredKey } from './import-keys.repository.js';
import { ImportLine, importKey, KEY_LABELS, type ImportKey, type ImportKeyKind } from './import-line.js';
import { type ListedCounts, ListingsRepository } from './listings.repository.js';

// Moving an old portal's content across: one JSON object per line. Every line is checked before
// anything is written, and the whole file goes in one transaction, so a bad line leaves the
// database exactly as it was. Imported items keep their original dates and are flagged `imported`.
// Each line has a stable key (import-line.ts); a line whose key is already known was imported before
// and is skipped, so running the same file twice adds nothing (neither items nor ledger entries).

const MAX_ERRORS = 100;
const MAX_SKIPPED_LISTED = 200;
const lineOf = (i: FieldIssue) => Number(/\d+/.exec(i.field)?.[0] ?? 0);

interface Prepared {
  line: number;
  siteId: number;
  columnId: number;
  extraColumnIds: number[];
  unitId: number;
  type: ArticleType;
  data: ImportLine;
  publishedAt: string;
  disclosure: boolean;
  key: ImportKey;
}

export interface SkippedLine {
  line: number;
  /** What recognised it: its id, its address, or its column, title and time. */
  by: ImportKeyKind;
  articleId: number;
}

export interface ArticleImportSummary {
  lines: number;
  /** New items written by this run. */
  imported: number;
  /** Lines imported by an earlier run, left as they are. */
  alreadyImported: number;
  /** The first of them, by line. */
  skipped: SkippedLine[];
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
    private readonly search: SearchService,
    private readonly keys: ImportKeysRepository,
    private readonly clock: () => Date = () => new Date(),
    private readonly listings = new ListingsRepository(),
  ) {}

  async run(actor: Actor, content: string, progress: ProgressFn = () => undefined): Promise<ArticleImportSummary> {
    authorize(actor, 'import.run');
    const lines = content.replace(/^\ufeff/, '').split(/\r?\n/);
    const { fresh, skipped } = await this.validate(lines, progress);
    const total = fresh.length;
    let done = 0;
    let indexed = 0;
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    // Nothing new: the database is left as it was, not even an audit record says otherwise.
    if (total > 0) {
      try {
        await this.uow.run(async (trx, emit) => {
          const articleIds: number[] = [];
          // Each column's listed count before the first item and after the last: static publishing and
          // the page cache work out the archive pages it opened from them (portal/dependents.ts).
          const listed: ListedCounts = {};
          for (const p of fresh) {
            const { id, generated, moved } = await this.insert(trx, actor, p);
            articleIds.push(id);
            for (const [column, [was, now]] of Object.entries(moved))
              listed[Number(column)] = [listed[Number(column)]?.[0] ?? was, now];
            if (generated) indexed++;
            if (++done % 50 === 0 || done === total) progress(done, total, `正在写入：${done}/${total}`);
          }
          await emit({
            type: 'import.articles',
            actor,
            entityType: 'import',
            entityId: sha256.slice(0, 16),
            summary: `导入历史信息 ${total} 条${skipped.length ? `（另有 ${skipped.length} 条此前已导入，未重复导入）` : ''}`,
            details: { lines: total, alreadyImported: skipped.length, sha256 },
            // The review module counts each item in the submission ledger (imported: submitted and adopted).
            data: { articleIds, listed },
          });
        });
      } catch (error) {
        // Two imports of one file at once: the keys are unique, so the later one fails whole.
        if (!(error instanceof AppError) && (await this.keys.find(fresh.map((p) => p.key.hash))).size > 0)
          throw new AppError(
            'CONFLICT',
            '另一次导入刚刚写入了本文件中的信息，本次未导入任何内容；请重新导入（已导入的会自动跳过）',
          );
        throw error;
      }
    }
    const byColumn = new Map<string, number>();
    for (const p of fresh) byColumn.set(p.data.column, (byColumn.get(p.data.column) ?? 0) + 1);
    const dates = fresh.map((p) => p.publishedAt).sort();
    return {
      lines: lines.filter((l) => l.trim()).length,
      imported: total,
      alreadyImported: skipped.length,
      skipped: skipped.slice(0, MAX_SKIPPED_LISTED),
      byColumn: [...byColumn].map(([column, count]) => ({ column, count })),
      firstPublishedAt: dates[0] ?? null,
      lastPublishedAt: dates.at(-1) ?? null,
      indexNumbersAssigned: indexed,
      sha256,
    };
  }

  /**
   * Parse and resolve every line, then tell the lines imported before from the new ones; all problems
   * are collected and reported together.
   */
  private async validate(
    lines: string[],
    progress: ProgressFn,
  ): Promise<{ fresh: Prepared[]; skipped: SkippedLine[] }> {
    const issues: FieldIssue[] = [];
    const fail = (line: number, message: string) => {
      if (issues.length < MAX_ERRORS) issues.push({ field: `第 ${line} 行`, message });
    };
    const siteCache = new Map<string, { id: number; byPath: Map<string, ColumnView>; all: ColumnView[] }>();
    const unitIndex = await this.units.nameIndex();
    const defaultSite = await this.sites.forHost(undefined);
    const now = this.clock().getTime();
    const seenIndexNos = new Map<string, number>();
    const seenKeys = new Map<string, number>();
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
      const parsed = ImportLine.safeParse(json);
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
      const publishedAt = new Date(ms).toISOString();
      const key = importKey(site.id, d, column.id, publishedAt);
      const twin = seenKeys.get(key.hash);
      if (twin !== undefined) {
        fail(
          lineNo,
          key.kind === 'line'
            ? `与第 ${twin} 行是同一条信息（栏目、标题、发布时间均相同）；如确为两条信息，请为每行填写 id`
            : `与第 ${twin} 行的${KEY_LABELS[key.kind]}“${key.source}”相同`,
        );
        continue;
      }
      seenKeys.set(key.hash, lineNo);
      if (d.index_no) {
        const earlier = seenIndexNos.get(d.index_no);
        if (earlier) fail(lineNo, `索引号 ${d.index_no} 与第 ${earlier} 行重复`);
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
        publishedAt,
        key,
        disclosure:
          disclosureOf.get(column.id) ??
          disclosureOf.set(column.id, await this.articles.isDisclosureColumn(column.id)).get(column.id)!,
      });
    }
    if (!issues.length && out.length === 0) throw new AppError('IMPORT_INVALID', '导入文件中没有任何信息');
    // A line is known by its own key; one with an id or address also by the line key the items
    // imported before keys existed were given (migration 0008).
    const known = await this.keys.find(out.flatMap((p) => [p.key.hash, p.key.lineHash]));
    const earlier = (p: Prepared): StoredKey | undefined => {
      const own = known.get(p.key.hash);
      const legacy = known.get(p.key.lineHash);
      return own ?? (legacy?.kind === 'legacy' ? legacy : undefined);
    };
    const fresh: Prepared[] = [];
    const skipped: SkippedLine[] = [];
    for (const p of out) {
      const k = earlier(p);
      if (k) skipped.push({ line: p.line, by: k.kind === 'legacy' ? 'line' : p.key.kind, articleId: k.articleId });
      else {
        // Only a new line can clash with a 索引号 already in use: a known one is that very item.
        if (p.data.index_no && (await this.repo.indexNoTaken(this.uow.db, p.data.index_no)))
          fail(p.line, `索引号 ${p.data.index_no} 已被系统中的信息使用`);
        fresh.push(p);
      }
    }
    if (issues.length) {
      issues.sort((a, b) => lineOf(a) - lineOf(b));
      throw new AppError(
        'IMPORT_INVALID',
        `导入文件有 ${issues.length >= MAX_ERRORS ? `${MAX_ERRORS} 处以上` : `${issues.length} 处`}错误，未导入任何内容。${issues[0]!.field}：${issues[0]!.message}`,
        {
          issues,
        },
      );
    }
    return { fresh, skipped };
  }

  /** Insert one prepared item as published and imported; says whether a 索引号 was generated. */
  private async insert(
    trx: Executor,
    actor: Actor,
    p: Prepared,
  ): Promise<{ id: number; generated: boolean; moved: ListedCounts }> {
    const d = p.data;
    const body = sanitizeBody(d.body_html);
    const text = htmlToText(body);
    const generated = !d.index_no && p.disclosure;
    const indexNo = d.index_no ?? (p.disclosure ? await this.indexNumbers.assign(trx, p.unitId, p.publishedAt) : null);
    const now = this.clock().toISOString();
    const id = await this.repo.insert(
      trx,
      {
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
      },
      // Imported as it stood on the old portal: online. The review module counts it in the ledger.
      entry('import', actor),
    );
    if (p.extraColumnIds.length)
      await this.repo.replaceExtraColumns(
        trx,
        id,
        p.extraColumnIds.filter((c) => c !== p.columnId),
      );
    await this.keys.insert(trx, { ...p.key, siteId: p.siteId, articleId: id, at: now });
    await this.articles.recordRevision(trx, actor, id);
    await this.search.index(trx, id);
    const moved = await this.listings.put(trx, id);
    return { id, generated, moved };
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
