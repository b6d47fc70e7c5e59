import type { AnnualFigures, InteractionYear } from '../../contract/guarantee-reports.js';
import ExcelJS from 'exceljs';
import { xlsxBuffer } from '../../platform/export/spreadsheet.js';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { DB } from '../../platform/db/tables.js';
import { notFound } from '../../platform/errors.js';
import { shanghaiDay, shanghaiDayEnd, shanghaiDayStart } from '../../platform/time.js';
import { ActivityRepository } from './activity.repository.js';
import { ReportsRepository } from './reports.repository.js';
import type { ConsultFigures } from '../../contract/consult.js';
import { ColumnModel } from './evaluation.model.js';
import type { EvaluationRepository } from './evaluation.repository.js';

// The figures of the 政府网站工作年度报表 (国办函〔2018〕12号, published by 31 January) that the system can
// count from its own data. What it cannot know yet (interaction, services, visits) is said to be
// unavailable rather than reported as zero.

export type InteractionAnnualSource = (year: number) => Promise<InteractionYear>;

/** Names of a column that lists 专题 rather than being one (专题, 专题专栏, 热点专题 …). */
const TOPIC_DIRECTORY = /^(热点|特色|重点|精品|网站)?(专题|专栏)(专栏|专题|栏目|集锦|汇总|目录)?$/;

export class AnnualService {
  private readonly activity: ActivityRepository;
  private readonly reports: ReportsRepository;

  /** The consult module's rows of a year and site; set by the composition root (guarantee does not import it). */
  consultRows: ((year: number, siteId: number) => Promise<ConsultFigures>) | null = null;

  constructor(
    db: Kysely<DB>,
    private readonly repo: EvaluationRepository,
    private readonly interactionYear: InteractionAnnualSource | null = null,
  ) {
    this.activity = new ActivityRepository(db);
    this.reports = new ReportsRepository(db);
  }

  async figures(actor: Actor, year: number, siteId?: number): Promise<AnnualFigures> {
    authorize(actor, 'guarantee.read');
    const site = await this.reports.site(siteId);
    if (!site) throw notFound('站点');
    const from = shanghaiDayStart(`${year}-01-01`);
    const to = shanghaiDayEnd(`${year}-12-31`);
    const [columns, closure, counts, interpretations] = await Promise.all([
      this.repo.columns(site.id),
      this.repo.closure(site.id),
      this.activity.publishedByColumn(site.id, from, to),
      this.activity.interpretations(site.id, from, to),
    ]);
    const model = new ColumnModel(columns, closure);
    const byColumn = new Map(counts.map((c) => [c.columnId, c.n]));
    // A column's class is its own, or the nearest ancestor's (sub-columns of 政务动态 are 政务动态).
    const classOf = (id: number): string | null => {
      for (let c = model.byId.get(id); c; c = c.parent_id === null ? undefined : model.byId.get(c.parent_id))
        if (c.update_class) return c.update_class;
      return null;
    };
    const inCatalogue = (id: number): boolean => {
      for (let c = model.byId.get(id); c; c = c.parent_id === null ? undefined : model.byId.get(c.parent_id))
        if (c.kind === 'catalogue') return true;
      return false;
    };
    const publishing = { total: 0, basic: 0, news: 0, catalogue: 0 };
    for (const [id, n] of byColumn) {
      publishing.total += n;
      const cls = classOf(id);
      if (cls === 'basic') publishing.basic += n;
      if (cls === 'news') publishing.news += n;
      if (inCatalogue(id)) publishing.catalogue += n;
    }
    const isTopic = (c: { kind: string; update_class: string | null }) =>
      c.kind === 'topic' || c.update_class === 'topic';
    // A 专题 directory (首页栏目/专题 over the 8 专题 of the shipped list) holds 专题; it is not one itself.
    const isDirectory = (c: (typeof columns)[number]) =>
      isTopic(c) && TOPIC_DIRECTORY.test(c.name.replace(/\s+/g, '')) && model.hasChildren(c.id);
    // Each 专题 counts once: a topic column under no topic, or directly under a directory; a 专题's own
    // sub-columns (工作动态 of 扫黑除恶) are part of it.
    const topics = columns
      .filter((c) => {
        if (!isTopic(c) || c.source_column_id !== null || isDirectory(c)) return false;
        const parent = c.parent_id === null ? undefined : model.byId.get(c.parent_id);
        return !parent || !isTopic(parent) || isDirectory(parent);
      })
      .map((c) => ({
        columnId: c.id,
        name: c.name,
        items: model.sourceSet(c.id).reduce((a, id) => a + (byColumn.get(id) ?? 0), 0),
        createdOn: shanghaiDay(c.created_at),
      }));
    return {
      year,
      siteId: site.id,
      siteName: site.name,
      publishing,
      topics: {
        maintained: topics.filter((t) => t.items > 0).length,
        created: topics.filter((t) => t.createdOn.startsWith(`${year}-`)).length,
        columns: topics,
      },
      interpretations: { total: interpretations },
      consult: this.consultRows ? await this.consultRows(year, site.id) : null,
      interaction: this.interactionYear
        ? {
            available: true,
            note: '留言办理：收到留言数按来信时间计入年度（不含不予受理），平均办理时间为办结留言自来信至办结的自然日平均数',
            ...(await this.interactionYear(year)),
          }
        : { available: false, note: '政民互动功能尚未上线，留言办理、征集调查、在线访谈等数据暂无' },
      notes: [
        '信息发布按发布时间（北京时间）计入年度，已下线的信息（如公示期满）照常计入，撤稿的信息不计入；栏目类别取栏目本身或最近上级栏目的更新类别。',
        '信息公开目录信息更新量为“信息公开目录”类栏目及其子栏目发布的信息。',
        '专栏专题维护数量为本年度有更新的专题栏目数，新开设数量为本年度新建的专题栏目数；“专题”“专题专栏”等目录下的每个专题各计一个，专题自身的子栏目不另计。',
        '解读信息发布数为本年度发布、且已与政策文件关联的解读信息数。',
      ],
    };
  }

  async xlsx(actor: Actor, year: number, siteId?: number): Promise<{ bytes: Buffer; filename: string }> {
    const f = await this.figures(actor, year, siteId);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('年度报表');
    ws.addRow([`${f.siteName} 政府网站工作年度报表（${year}年度，系统可统计部分）`]).font = { bold: true, size: 13 };
    ws.addRow(['栏目', '指标', '数值']).font = { bold: true };
    const rows: Array<[string, string, number | string]> = [
      ['信息发布', '总数（条）', f.publishing.total],
      ['信息发布', '概况类信息更新量（条）', f.publishing.basic],
      ['信息发布', '政务动态信息更新量（条）', f.publishing.news],
      ['信息发布', '信息公开目录信息更新量（条）', f.publishing.catalogue],
      ['专栏专题', '维护数量（个）', f.topics.maintained],
      ['专栏专题', '新开设数量（个）', f.topics.created],
      ['解读回应', '解读信息发布总数（条）', f.interpretations.total],
      ['互动交流', '留言办理、征集调查、在线访谈', '暂无数据（政民互动功能尚未上线）'],
    ];
    if (f.consult)
      rows.push(
        ['征集调查', '征集调查期数（期）', f.consult.consultations.issues],
        ['征集调查', '收到意见数量（条）', f.consult.consultations.comments],
        ['征集调查', '公布调查结果期数（期）', f.consult.consultations.resultsPublished],
        ['在线访谈', '访谈期数（期）', f.consult.interviews.issues],
        ['在线访谈', '网民留言数量（条）', f.consult.interviews.messages],
        ['在线访谈', '答复网民提问数量（条）', f.consult.interviews.answered],
      );
    for (const r of rows) ws.addRow(r);
    ws.addRow([]);
    for (const n of f.notes) ws.addRow([n]);
    ws.getColumn(1).width = 14;
    ws.getColumn(2).width = 36;
    ws.getColumn(3).width = 36;
    const topics = wb.addWorksheet('专栏专题');
    topics.addRow(['专题栏目', '本年度信息数', '开设日期']).font = { bold: true };
    for (const t of f.topics.columns) topics.addRow([t.name, t.items, t.createdOn]);
    topics.getColumn(1).width = 40;
    return { bytes: await xlsxBuffer(wb), filename: `${f.siteName}${year}年度报表.xlsx` };
  }
}
export type { AnnualFigures, InteractionYear };
