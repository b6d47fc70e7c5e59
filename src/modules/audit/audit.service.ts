import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { AuditQuery, AuditRepository } from '../../platform/audit/audit.js';
import { csvBuffer, xlsxBuffer } from '../../platform/export/spreadsheet.js';
import { shanghaiDateTime } from '../../platform/time.js';

const EXPORT_LIMIT = 50_000;

/** Reading the audit log: who changed what, when, from where. Writing happens in platform/audit. */
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  async list(actor: Actor, q: AuditQuery) {
    authorize(actor, 'audit.read');
    const { rows, total } = await this.repo.list(q);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        accountId: r.account_id,
        username: r.username,
        unitId: r.unit_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        ip: r.ip,
        summary: r.summary,
        details: r.details ? (JSON.parse(r.details) as unknown) : null,
      })),
    };
  }

  /** The filtered log as an XLSX workbook or CSV text (UTF-8 with BOM so Excel reads the Chinese). */
  async export(actor: Actor, q: Omit<AuditQuery, 'limit' | 'offset'>, format: 'xlsx' | 'csv'): Promise<Buffer> {
    authorize(actor, 'audit.read');
    const { rows } = await this.repo.list({ ...q, limit: EXPORT_LIMIT, offset: 0 });
    const header = ['时间', '用户', '单位编号', '操作', '对象类型', '对象编号', 'IP 地址', '摘要'];
    const data = rows.map((r) => [
      shanghaiDateTime(r.at),
      r.username,
      r.unit_id ?? '',
      r.action,
      r.entity_type,
      r.entity_id ?? '',
      r.ip ?? '',
      r.summary,
    ]);
    if (format === 'csv') return csvBuffer([header, ...data]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('操作日志');
    ws.addRow(header).font = { bold: true };
    for (const r of data) ws.addRow(r);
    for (const [i, c] of ws.columns.entries()) c.width = [18, 14, 10, 22, 12, 10, 16, 60][i];
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return xlsxBuffer(wb);
  }
}
