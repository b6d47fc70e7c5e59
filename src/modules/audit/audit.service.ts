import { type AuditList, auditActionLabel, auditEntityLabel } from '../../contract/audit.js';
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { AuditQuery, AuditRepository } from '../../platform/audit/audit.js';
import { csvBuffer, xlsxBuffer } from '../../platform/export/spreadsheet.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { shanghaiDateTime } from '../../platform/time.js';

const EXPORT_LIMIT = 50_000;

/** Reading the audit log: who changed what, when, from where. Writing happens in platform/audit. */
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly uow: UnitOfWork,
    private readonly retentionDays: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Checks the hash chain: every record unchanged, none missing, the last one the head's. */
  async verify(actor: Actor) {
    authorize(actor, 'audit.read');
    return this.repo.verify();
  }

  /**
   * Removes records older than the retention (never younger: the cut-off is at most today minus
   * AUDIT_RETENTION_DAYS); the removal is itself recorded, and the chain still verifies.
   */
  async prune(actor: Actor, before?: Date): Promise<{ removed: number; cutoff: string }> {
    authorize(actor, 'audit.read');
    const latest = new Date(this.clock().getTime() - this.retentionDays * 86_400_000);
    const cutoff = (before && before < latest ? before : latest).toISOString();
    const removed = await this.uow.run(async (trx, emit) => {
      const n = await this.repo.prune(trx, cutoff, this.clock);
      if (n > 0)
        await emit({
          type: 'audit.pruned',
          actor,
          entityType: 'audit',
          entityId: null,
          summary: `清理 ${shanghaiDateTime(cutoff)} 以前的操作日志 ${n} 条（保存期限 ${this.retentionDays} 天）`,
          details: { cutoff, removed: n },
        });
      return n;
    });
    return { removed, cutoff };
  }

  async list(actor: Actor, q: AuditQuery): Promise<AuditList> {
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
      auditActionLabel(r.action),
      auditEntityLabel(r.entity_type),
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
    const about = wb.addWorksheet('导出说明');
    for (const line of await this.rangeLines(rows)) about.addRow(line);
    about.getColumn(1).width = 14;
    about.getColumn(2).width = 70;
    return xlsxBuffer(wb);
  }

  /** What an export covers: its records' chain numbers and times, and whether the chain verifies. */
  private async rangeLines(rows: ReadonlyArray<{ seq: number | null; at: string }>): Promise<string[][]> {
    const seqs = rows.map((r) => r.seq).filter((n): n is number => n !== null);
    const times = rows.map((r) => r.at).sort();
    const chain = await this.repo.verify();
    return [
      ['导出时间', shanghaiDateTime(this.clock().toISOString())],
      ['记录条数', `${rows.length} 条${rows.length >= EXPORT_LIMIT ? `（已达单次导出上限 ${EXPORT_LIMIT} 条）` : ''}`],
      [
        '链序号范围',
        seqs.length
          ? `第 ${seqs.reduce((a, b) => Math.min(a, b))} 条至第 ${seqs.reduce((a, b) => Math.max(a, b))} 条`
          : '无',
      ],
      ['时间范围', times.length ? `${shanghaiDateTime(times[0]!)} 至 ${shanghaiDateTime(times.at(-1)!)}` : '无'],
      [
        '日志链校验',
        chain.ok
          ? `通过（全部日志第 ${chain.firstSeq ?? 0} 至 ${chain.lastSeq ?? 0} 条未被改动或删除）`
          : `未通过：${chain.problems[0]?.message ?? ''}`,
      ],
      ['保存期限', `至少 ${this.retentionDays} 天`],
    ];
  }
}
