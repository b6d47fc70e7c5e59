import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { invalid, notFound } from '../../platform/errors.js';
import type { PdfRenderer } from '../../platform/pdf/pdf.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import { shanghaiDay } from '../../platform/time.js';
import {
  bulletinHtml,
  bulletinTitle,
  bulletinXlsx,
  missesOf,
  type BulletinFigures,
  type FoiOverdueRow,
} from './bulletin.documents.js';
import { monthRange } from '../../platform/calendar/days.js';
import type { ReportService } from './report.service.js';
import { ReportsRepository } from './reports.repository.js';
import { unitsShort, type SourceLine } from './bulletin-sections.js';
import type { SharesService } from './shares.service.js';
import type { SourceProblems } from './status.service.js';

// The monthly 通报 (涟政办发〔2018〕103号: "按月通报各单位信息报送数量和网站采用情况"): made on the first
// working day of the month for the month before, or on demand; its XLSX, HTML and PDF are kept in the
// blob store with a row in guarantee_reports, so the 通报 as issued can be downloaded again later even
// after the figures it was made from have changed.

export type BulletinFormat = 'xlsx' | 'html' | 'pdf';

export interface BulletinView {
  id: number;
  siteId: number;
  kind: string;
  period: string;
  title: string;
  docNo: string;
  formats: BulletinFormat[];
  generatedBy: string;
  generatedAt: string;
  summary: { units: number; submitted: number; adopted: number; unitsBreached: number };
}

const MIME: Record<BulletinFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export class BulletinService {
  private readonly repo: ReportsRepository;

  constructor(
    db: Kysely<DB>,
    private readonly uow: UnitOfWork,
    private readonly reports: ReportService,
    private readonly blobs: BlobStore,
    private readonly pdf: PdfRenderer,
    private readonly clock: () => Date = () => new Date(),
    /** Overdue 依申请公开 applications per unit on a day (modules/foi), when that module is present. */
    private readonly foiOverdue?: (asOf: string) => Promise<FoiOverdueRow[]>,
    /** 栏目共建 shares and failing crawl sources (issue 11), when those modules are present. */
    private readonly issue11: { shares?: SharesService; sourceProblems?: SourceProblems | null } = {},
  ) {
    this.repo = new ReportsRepository(db);
  }

  async list(actor: Actor, q: { siteId?: number; year?: number }): Promise<BulletinView[]> {
    authorize(actor, 'guarantee.read');
    return (await this.repo.bulletins(q)).map(toView);
  }

  async exists(siteId: number, month: string): Promise<boolean> {
    return this.repo.bulletinExists(siteId, month);
  }

  /** Make and archive the 通报 of a month. A second one for the same month is kept beside the first. */
  async generate(actor: Actor, q: { month: string; siteId?: number }): Promise<BulletinView> {
    authorize(actor, 'guarantee.write');
    const today = shanghaiDay(this.clock());
    if (`${q.month}-01` > today) throw invalid('month', '不能为尚未开始的月份生成通报');
    const site = await this.repo.site(q.siteId);
    if (!site) throw notFound('站点');
    const m = await this.reports.month(actor, q.month, site.id);
    const names = new Map(m.units.map((u) => [u.unitId, u.shortName]));
    const figures: BulletinFigures = {
      month: q.month,
      office: site.sponsor || '涟水县人民政府办公室',
      siteName: site.name,
      docNo: `涟政办网保〔${q.month.slice(0, 4)}〕${Number(q.month.slice(5, 7))}号`,
      issuedOn: today,
      units: m.units,
      misses: missesOf(m.duties, (id) => names.get(id) ?? String(id)),
      calendarNotes: m.calendarNotes,
      foiOverdue: this.foiOverdue ? await this.foiOverdue(minDay(today, monthRange(q.month).to)) : undefined,
      shares: this.issue11.shares ? await this.issue11.shares.monthLines(site.id, q.month) : undefined,
      sources: await this.sourceLines(site.id),
    };
    const html = bulletinHtml(figures);
    const xlsx = await bulletinXlsx(figures);
    // The PDF is printed from the same page; without chromium the 通报 is still archived as XLSX and HTML.
    const pdf = this.pdf.available ? await this.pdf.render(html) : null;
    const [x, h, p] = await Promise.all([
      this.blobs.put(xlsx),
      this.blobs.put(Buffer.from(html, 'utf8')),
      pdf ? this.blobs.put(pdf) : Promise.resolve(null),
    ]);
    const summary = {
      units: m.units.length,
      submitted: m.units.reduce((a, u) => a + u.submitted, 0),
      adopted: m.units.reduce((a, u) => a + u.adopted, 0),
      unitsBreached: new Set([
        ...m.units.filter((u) => u.dutiesBreached > 0).map((u) => u.shortName),
        ...unitsShort(figures),
      ]).size,
      figures: m.units,
    };
    return this.uow.run(async (trx, emit) => {
      const id = await this.repo.insertReport(trx, {
        site_id: site.id,
        kind: 'monthly',
        period: q.month,
        title: bulletinTitle(q.month),
        doc_no: figures.docNo,
        xlsx_key: x.key,
        html_key: h.key,
        pdf_key: p?.key ?? null,
        summary: JSON.stringify(summary),
        generated_by: actor.username,
        generated_at: nowIso(this.clock),
      });
      await emit({
        type: 'guarantee.bulletin_generated',
        actor,
        entityType: 'guarantee_report',
        entityId: id,
        siteId: site.id,
        summary: `生成${bulletinTitle(q.month)}（${figures.docNo}）`,
        details: { month: q.month, pdf: !!p },
      });
      return toView((await this.repo.report(id, trx))!);
    });
  }

  /** The sources counting against their units now: the 通报 is made at the month's turn, their state then. */
  private async sourceLines(siteId: number): Promise<SourceLine[] | undefined> {
    if (!this.issue11.sourceProblems) return undefined;
    return (await this.issue11.sourceProblems(siteId)).map((p) => ({
      unitName: p.unitShortName,
      columnName: p.columnName,
      problem: p.problem,
    }));
  }

  async download(
    actor: Actor,
    id: number,
    format: BulletinFormat,
  ): Promise<{ bytes: Buffer; mime: string; filename: string }> {
    authorize(actor, 'guarantee.read');
    const row = await this.repo.report(id);
    if (!row) throw notFound('通报');
    const key = format === 'xlsx' ? row.xlsx_key : format === 'html' ? row.html_key : row.pdf_key;
    if (!key) throw notFound('该通报的 PDF 文件（生成时服务器未安装 chromium），请下载 HTML 后打印');
    return { bytes: await this.blobs.read(key), mime: MIME[format], filename: `${row.title}.${format}` };
  }
}

function toView(r: {
  id: number;
  site_id: number;
  kind: string;
  period: string;
  title: string;
  doc_no: string;
  pdf_key: string | null;
  summary: string;
  generated_by: string;
  generated_at: string;
}): BulletinView {
  const s = JSON.parse(r.summary) as BulletinView['summary'];
  return {
    id: r.id,
    siteId: r.site_id,
    kind: r.kind,
    period: r.period,
    title: r.title,
    docNo: r.doc_no,
    formats: r.pdf_key ? ['xlsx', 'html', 'pdf'] : ['xlsx', 'html'],
    generatedBy: r.generated_by,
    generatedAt: r.generated_at,
    summary: { units: s.units, submitted: s.submitted, adopted: s.adopted, unitsBreached: s.unitsBreached },
  };
}

const minDay = (a: string, b: string) => (a < b ? a : b);
