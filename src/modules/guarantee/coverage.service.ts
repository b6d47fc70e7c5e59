import type { Kysely } from 'kysely';
import { NoticesRepository } from './notices.repository.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { DB } from '../../platform/db/tables.js';
import { forbidden } from '../../platform/errors.js';
import type { PersonnelService } from '../org/personnel.service.js';
import type { GuaranteeEvaluator } from './evaluation.service.js';

// Who is missing (roster and coverage): units without a 分管领导 or 信息员 (the notice 四(一) wants both),
// columns nobody answers for, and duties whose responsible units have no active account to receive
// warnings or submit through the back office.

export class CoverageService {
  private readonly notices: NoticesRepository;

  constructor(
    db: Kysely<DB>,
    private readonly evaluator: GuaranteeEvaluator,
    private readonly personnel: PersonnelService,
    /** The module's today (its clock), like every other check. */
    private readonly today: () => string,
  ) {
    this.notices = new NoticesRepository(db);
  }

  async report(actor: Actor, siteId?: number) {
    if (authorize(actor, 'guarantee.read').kind !== 'all') throw forbidden('覆盖情况是全县的汇总，请使用县级账号查看');
    const today = this.today();
    const [roster, snap, accounts] = await Promise.all([
      this.personnel.missingReport(actor),
      this.evaluator.load({ from: today, to: today, siteId }),
      this.notices.activeAccountCounts(),
    ]);
    const withAccount = new Set(accounts.filter((a) => a.n > 0).map((a) => a.unitId));
    const covered = new Set<number>();
    const dutiesWithoutUnits: Array<{ dutyId: number; columnId: number; columnPath: string; partyLabels: string[] }> =
      [];
    const dutiesWithoutAccounts: Array<{
      dutyId: number;
      columnId: number;
      columnPath: string;
      units: Array<{ unitId: number; unitName: string }>;
    }> = [];
    for (const d of snap.duties) {
      const path = snap.columns.namePath(d.columnId);
      if (d.responsible.length === 0) {
        dutiesWithoutUnits.push({ dutyId: d.id, columnId: d.columnId, columnPath: path, partyLabels: d.partyLabels });
        continue;
      }
      // A duty covers its column and every sub-column (the notice: "信息公开栏目下设所有子栏目").
      for (const id of snap.columns.sourceSet(d.columnId)) covered.add(id);
      const missing = d.responsible.filter((u) => !withAccount.has(u.unitId));
      if (missing.length)
        dutiesWithoutAccounts.push({ dutyId: d.id, columnId: d.columnId, columnPath: path, units: missing });
    }
    // A column whose every sub-column is answered for is answered for too (a unit's branch of the
    // 信息公开 tree carries no duty of its own: its five columns do). Deepest first.
    const all = [...snap.columns.byId.values()];
    const children = new Map<number, number[]>();
    for (const c of all)
      if (c.parent_id !== null) children.set(c.parent_id, [...(children.get(c.parent_id) ?? []), c.id]);
    const depth = (id: number): number => {
      const p = snap.columns.byId.get(id)?.parent_id;
      return p == null ? 0 : depth(p) + 1;
    };
    for (const c of [...all].sort((a, b) => depth(b.id) - depth(a.id))) {
      const kids = children.get(c.id);
      if (kids?.length && kids.every((k) => covered.has(k))) covered.add(c.id);
    }
    const uncoveredColumns = all
      // A mirror shows another column's items: it is covered through its source.
      .filter((c) => !covered.has(c.id) && c.source_column_id === null)
      .map((c) => ({
        columnId: c.id,
        siteId: c.site_id,
        columnPath: snap.columns.namePath(c.id),
        kind: c.kind,
        hasChildren: snap.columns.hasChildren(c.id),
      }));
    return {
      roster,
      uncoveredColumns,
      dutiesWithoutUnits,
      dutiesWithoutAccounts,
      summary: {
        unitsMissingPeople: roster.length,
        uncoveredColumns: uncoveredColumns.length,
        dutiesWithoutUnits: dutiesWithoutUnits.length,
        dutiesWithoutAccounts: dutiesWithoutAccounts.length,
      },
    };
  }
}
