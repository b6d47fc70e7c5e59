import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { PERSONNEL_ROLE_LABELS, type RosterImportResult } from './org.schemas.js';
import type { PersonnelRepository } from './personnel.repository.js';
import { readRosterFile } from './roster-file.js';
import { planRoster } from './roster-plan.js';
import type { UnitsService } from './units.service.js';

// Importing the 附件3 roster from the office's spreadsheet: read the file (every bad cell refused with
// its row), plan the changes against what is registered, and either show the plan (dry run) or carry it
// out in one transaction with an audit record per person. The plan is the same either way.

/** What an import did or would do (src/contract/org.ts). */
export type { RosterImportResult } from '../../contract/org.js';

export class RosterImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: PersonnelRepository,
    private readonly units: UnitsService,
  ) {}

  async importRoster(actor: Actor, bytes: Buffer, options: { apply: boolean }): Promise<RosterImportResult> {
    authorize(actor, 'personnel.manage');
    const file = await readRosterFile(bytes);
    // Read before the transaction: SQLite has one connection, a read outside a running transaction waits.
    const names = await this.units.nameIndex();
    const plan = async (db = this.uow.db) =>
      planRoster(
        file.blocks,
        (n) => names.resolve(n),
        await this.repo.unitRefs(db),
        await this.repo.list({ kind: 'all' }, undefined, db),
        await this.repo.requirements(db),
      );
    if (!options.apply) {
      const p = await plan();
      const summary = { format: file.format, rows: file.rows, ...p };
      return { applied: false, summary, report: formatRosterReport(summary, false) };
    }
    const p = await this.uow.run(async (trx, emit) => {
      const p = await plan(trx);
      const now = nowIso();
      for (const c of p.changes) {
        const what = `${c.unitName}${PERSONNEL_ROLE_LABELS[c.role]}“${c.name}”`;
        let id = c.personId;
        if (c.action === 'create') {
          id = await this.repo.insert(trx, {
            unit_id: c.unitId,
            role: c.role,
            name: c.name,
            ...c.values!,
            created_at: now,
            updated_at: now,
          });
        } else if (c.action === 'update') await this.repo.update(trx, id!, { ...c.values!, updated_at: now });
        else await this.repo.delete(trx, id!);
        await emit({
          type:
            c.action === 'create'
              ? 'personnel.created'
              : c.action === 'update'
                ? 'personnel.updated'
                : 'personnel.deleted',
          actor,
          entityType: 'personnel',
          entityId: id,
          summary: `导入保障人员名单：${c.action === 'create' ? '登记' : c.action === 'update' ? '更新' : '删除'}${what}`,
          details: { row: c.row, values: c.values, detail: c.detail },
        });
      }
      await emit({
        type: 'personnel.roster_imported',
        actor,
        entityType: 'personnel',
        entityId: null,
        summary: `导入保障人员名单：新增 ${p.counts.created} 人，更新 ${p.counts.updated} 人，删除 ${p.counts.removed} 人`,
        details: {
          format: file.format,
          rows: file.rows,
          counts: p.counts,
          unresolved: p.unresolved,
          warnings: p.warnings,
        },
      });
      return p;
    });
    const summary = { format: file.format, rows: file.rows, ...p };
    return { applied: true, summary, report: formatRosterReport(summary, true) };
  }
}

const list = (names: readonly string[], max = 30) =>
  names.length <= max ? names.join('、') : `${names.slice(0, max).join('、')} 等 ${names.length} 个`;

/** The report in the order a person acts on it, as the guarantee list's (list-import.report.ts). */
export function formatRosterReport(s: RosterImportResult['summary'], applied: boolean): string[] {
  const lines: string[] = [];
  lines.push(
    `${applied ? '已导入' : '试运行（未写入数据库）'}：保障人员名单 ${s.rows} 行（${s.format.toUpperCase()}）`,
  );
  lines.push(
    `单位：名单中已识别 ${s.units.length} 个${s.units.length ? `（${list(s.units.map((u) => u.unitName))}）` : ''}`,
  );
  const c = s.counts;
  lines.push(`人员：新增 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}，删除 ${c.removed}`);
  for (const ch of s.changes)
    lines.push(
      `  ${ch.row ? `第 ${ch.row} 行 ` : ''}${ch.unitName} ${PERSONNEL_ROLE_LABELS[ch.role]} ${ch.name}：${ch.detail}`,
    );
  lines.push(`未能识别的单位名称：${s.unresolved.length || '无'}`);
  for (const u of s.unresolved) lines.push(`  “${u.name}”（第 ${u.rows.join('、')} 行）`);
  lines.push(`提醒：${s.warnings.length || '无'}`);
  for (const w of s.warnings) lines.push(`  ${w.row ? `第 ${w.row} 行 ` : ''}${w.unitName}：${w.message}`);
  lines.push(`导入后仍缺少人员的单位：${s.missing.length || '无'}`);
  if (s.missing.length)
    lines.push(
      `  ${list(
        s.missing.map((m) => `${m.unitName}（缺${m.missing}）`),
        60,
      )}`,
    );
  if (!applied) lines.push('以上为预览，数据库未作任何改动；确认无误后再正式导入。');
  return lines;
}
