import ExcelJS from 'exceljs';
import type { AnnualTable } from '../../contract/foi.js';
import { AnswerType, AppealKind, AppealOutcome, ApplicantCategory, ProvisionForm } from '../../contract/foi.js';
import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid } from '../../platform/errors.js';
import { xlsxBuffer } from '../../platform/export/spreadsheet.js';
import type { PdfRenderer } from '../../platform/pdf/pdf.js';
import { annualRows, appealCells, checkAnnual } from './foi-annual.js';
import { correctionNoticeHtml, extensionNoticeHtml, noticeHtml } from './foi-notice.js';
import { clockOf } from './foi-states.js';
import { factsOf, groundLabel } from './foi-view.js';
import type { FoiRepository } from './foi.repository.js';
import type { FoiService } from './foi.service.js';

/** Where a 告知书 sends an administrative review (条例第五十一条; the county government for its departments). */
export const DEFAULT_REVIEW_ORGAN = '涟水县人民政府';

/** The documents made from applications: the 告知书 of an answer, the annual report's figures. */
export class FoiReportsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: FoiRepository,
    private readonly foi: FoiService,
    private readonly pdf: PdfRenderer,
    private readonly calendar: CalendarService,
    private readonly reviewOrgan = DEFAULT_REVIEW_ORGAN,
  ) {}

  /** The 告知书 of an answered (or withdrawn) application, as HTML or PDF; reading it is audited. */
  async notice(
    actor: Actor,
    id: number,
    format: 'html' | 'pdf',
  ): Promise<{ filename: string; mime: string; bytes: Buffer }> {
    const scope = authorize(actor, 'foi.read');
    const { html, type } = await this.uow.run(async (trx, emit) => {
      const r = await this.foi.load(trx, id, scope);
      if (!r.answer_type || !r.answer_day) throw new AppError('CONFLICT', '该申请尚未答复，还没有告知书');
      await emit({
        type: 'foi.notice_read',
        actor,
        entityType: 'foi_application',
        entityId: id,
        summary: `生成政府信息公开申请 ${r.number} 的告知书（${format.toUpperCase()}）`,
      });
      const page = noticeHtml({
        number: r.number,
        unitName: r.unit_name,
        applicantName: r.applicant_name,
        receivedDay: r.received_day,
        description: r.description,
        docNumber: r.doc_number,
        type: r.answer_type,
        ground: r.answer_ground,
        groundLabel: groundLabel(r.answer_type, r.answer_ground),
        answerDay: r.answer_day,
        link: r.answer_link,
        organ: r.answer_organ,
        note: r.answer_note,
        provisionForm: ProvisionForm.labels[r.provision_form as keyof typeof ProvisionForm.labels] ?? r.provision_form,
        reviewOrgan: this.reviewOrgan,
        correctionDay: r.correction_day,
        correctionDueDay: r.correction_due_day,
      });
      return { html: page, type: AnswerType.labels[r.answer_type as keyof typeof AnswerType.labels] ?? r.answer_type };
    });
    const base = `告知书-${type}-${id}`;
    if (format === 'html')
      return { filename: `${base}.html`, mime: 'text/html; charset=utf-8', bytes: Buffer.from(html) };
    return { filename: `${base}.pdf`, mime: 'application/pdf', bytes: await this.pdf.render(html) };
  }

  /** The 延期答复告知书 of an extended application, as HTML or PDF; reading it is audited. */
  async extensionNotice(
    actor: Actor,
    id: number,
    format: 'html' | 'pdf',
  ): Promise<{ filename: string; mime: string; bytes: Buffer }> {
    const scope = authorize(actor, 'foi.read');
    const cal = await this.calendar.current();
    const html = await this.uow.run(async (trx, emit) => {
      const r = await this.foi.load(trx, id, scope);
      if (!r.extension_days || !r.extension_day || !r.extension_reason)
        throw new AppError('CONFLICT', '该申请没有延长答复期限，没有延期答复告知书');
      await emit({
        type: 'foi.notice_read',
        actor,
        entityType: 'foi_application',
        entityId: id,
        summary: `生成政府信息公开申请 ${r.number} 的延期答复告知书（${format.toUpperCase()}）`,
      });
      const facts = factsOf(r);
      // The due days as of the decision: the third party's time, if any, counted as it stood then.
      return extensionNoticeHtml({
        number: r.number,
        unitName: r.unit_name,
        applicantName: r.applicant_name,
        receivedDay: r.received_day,
        description: r.description,
        docNumber: r.doc_number,
        day: r.extension_day,
        days: r.extension_days,
        reason: r.extension_reason,
        dueDay: clockOf(cal, { ...facts, extensionDays: null }, r.extension_day).dueDay,
        newDueDay: clockOf(cal, facts, r.extension_day).dueDay,
      });
    });
    const base = `延期答复告知书-${id}`;
    if (format === 'html')
      return { filename: `${base}.html`, mime: 'text/html; charset=utf-8', bytes: Buffer.from(html) };
    return { filename: `${base}.pdf`, mime: 'application/pdf', bytes: await this.pdf.render(html) };
  }

  /** The 补正告知书 of an application asked to complete it, as HTML or PDF; reading it is audited. */
  async correctionNotice(
    actor: Actor,
    id: number,
    format: 'html' | 'pdf',
  ): Promise<{ filename: string; mime: string; bytes: Buffer }> {
    const scope = authorize(actor, 'foi.read');
    const html = await this.uow.run(async (trx, emit) => {
      const r = await this.foi.load(trx, id, scope);
      if (!r.correction_day || !r.correction_due_day || !r.correction_note)
        throw new AppError('CONFLICT', '该申请没有告知补正，没有补正告知书');
      await emit({
        type: 'foi.notice_read',
        actor,
        entityType: 'foi_application',
        entityId: id,
        summary: `生成政府信息公开申请 ${r.number} 的补正告知书（${format.toUpperCase()}）`,
      });
      return correctionNoticeHtml({
        number: r.number,
        unitName: r.unit_name,
        applicantName: r.applicant_name,
        receivedDay: r.received_day,
        description: r.description,
        docNumber: r.doc_number,
        day: r.correction_day,
        note: r.correction_note,
        dueDay: r.correction_due_day,
      });
    });
    const base = `补正告知书-${id}`;
    if (format === 'html')
      return { filename: `${base}.html`, mime: 'text/html; charset=utf-8', bytes: Buffer.from(html) };
    return { filename: `${base}.pdf`, mime: 'application/pdf', bytes: await this.pdf.render(html) };
  }

  /** Section 三 and 四 of a year's report, for one unit or (unitId absent) for the county. */
  async annual(actor: Actor, year: number, unitId?: number): Promise<AnnualTable> {
    const scope = authorize(actor, 'foi.report');
    const unit = scope.kind === 'unit' ? scope.unitId : (unitId ?? null);
    if (scope.kind === 'unit' && unitId && unitId !== scope.unitId)
      throw new AppError('FORBIDDEN', '只能查看本单位的年度报告数据');
    const units = await this.repo.handlingUnits();
    const scopeName = unit ? (units.find((u) => u.id === unit)?.name ?? `单位 ${unit}`) : '全县';
    const rows = annualRows(year, await this.repo.forYear(year, unit));
    return {
      year,
      scope: scopeName,
      rows,
      appeals: appealCells(await this.repo.appeals(year, unit)),
      problems: checkAnnual(rows),
    };
  }

  async putAppeals(
    actor: Actor,
    input: { year: number; unitId: number; counts: Array<{ kind: string; outcome: string; count: number }> },
  ): Promise<void> {
    const scope = authorize(actor, 'foi.handle');
    if (scope.kind === 'unit' && input.unitId !== scope.unitId)
      throw new AppError('FORBIDDEN', '只能填报本单位的复议、诉讼数量');
    const seen = new Set<string>();
    for (const c of input.counts) {
      const key = `${c.kind}/${c.outcome}`;
      if (seen.has(key))
        throw invalid(
          'counts',
          `“${AppealKind.labels[c.kind as 'review']} ${AppealOutcome.labels[c.outcome as 'upheld']}”填了两次`,
        );
      seen.add(key);
    }
    await this.uow.run(async (trx, emit) => {
      for (const c of input.counts)
        await this.repo.putAppeal(trx, { ...c, unitId: input.unitId, year: input.year, by: actorAccountId(actor) });
      await emit({
        type: 'foi.appeals_updated',
        actor,
        entityType: 'foi_appeals',
        entityId: input.unitId,
        summary: `填报 ${input.year} 年政府信息公开行政复议、行政诉讼数量`,
        details: { year: input.year, counts: input.counts },
      });
    });
  }

  /** The table in the official layout as a workbook. */
  async annualXlsx(actor: Actor, year: number, unitId?: number): Promise<{ filename: string; bytes: Buffer }> {
    const t = await this.annual(actor, year, unitId);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('三、收到和处理申请情况');
    ws.addRow([`${t.scope} ${year} 年政府信息公开工作年度报告 三、收到和处理政府信息公开申请情况`]);
    ws.mergeCells(1, 1, 1, 9);
    ws.addRow(['本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和', '', '申请人情况']);
    ws.mergeCells(2, 3, 2, 9);
    ws.addRow(['', '', '自然人', '法人或其他组织', '', '', '', '', '总计']);
    ws.mergeCells(3, 4, 3, 8);
    ws.addRow(['', '', '', ...ApplicantCategory.values.slice(1).map((v) => ApplicantCategory.labels[v]), '']);
    ws.mergeCells(2, 1, 4, 2);
    for (const r of t.rows) {
      const label = `${'　'.repeat(r.level)}${r.label}`;
      ws.addRow([label, '', ...r.cells]);
      ws.mergeCells(ws.rowCount, 1, ws.rowCount, 2);
    }
    ws.getColumn(1).width = 48;
    for (let c = 3; c <= 9; c++) ws.getColumn(c).width = 12;
    const ap = wb.addWorksheet('四、行政复议、行政诉讼情况');
    ap.addRow([`${t.scope} ${year} 年 四、政府信息公开行政复议、行政诉讼情况`]);
    ap.addRow(['类别', ...AppealOutcome.values.map((v) => AppealOutcome.labels[v]), '总计']);
    for (const kind of AppealKind.values) ap.addRow([AppealKind.labels[kind], ...t.appeals[kind]]);
    ap.getColumn(1).width = 32;
    if (t.problems.length) {
      const p = wb.addWorksheet('核对');
      p.addRow(['合计核对未通过的项目']);
      for (const line of t.problems) p.addRow([line]);
    }
    return { filename: `政府信息公开年度报告-依申请公开-${t.scope}-${year}.xlsx`, bytes: await xlsxBuffer(wb) };
  }
}
