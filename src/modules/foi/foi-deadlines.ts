import type { OverdueUnit } from '../../contract/foi.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { Job } from '../../platform/jobs/worker.js';
import type { NotifyService } from '../notify/notify.service.js';
import { systemActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import { correctionLapseDay } from './foi-clock.js';
import { clockOf } from './foi-states.js';
import { factsOf } from './foi-view.js';
import type { FoiRepository } from './foi.repository.js';
import type { FoiService } from './foi.service.js';

// Deadlines seen from outside an application: due-soon and overdue notices to the handling unit
// through the notification machinery (once per application, level and due day: the keys make a
// repeated run send nothing new), and the per-unit overdue counts for the guarantee board and the
// monthly 通报 (counts only: no applicant, no 申请编号).

export class FoiDeadlines {
  constructor(
    private readonly repo: FoiRepository,
    private readonly calendar: CalendarService,
    private readonly notify: NotifyService,
    private readonly foi: FoiService,
  ) {}

  private today(): string {
    return this.foi.today();
  }

  /**
   * Close the applications whose 补正 time ran out without the corrected application (第三十条:
   * 视为放弃申请), from the lapse day on (foi-clock.ts: one working day of grace after the due day).
   * Each is the state machine's `correction_expired` step taken by the system (event row and audit
   * record), with a notice to the unit's handlers to serve the 告知书, in one transaction. A run
   * after another finds nothing left to close.
   */
  async withdrawLapsed(): Promise<number> {
    const cal = await this.calendar.current();
    const today = this.today();
    const actor = systemActor('foi.deadlines');
    let closed = 0;
    for (const row of await this.repo.open()) {
      if (row.state !== 'correction' || !row.correction_due_day) continue;
      if (today < correctionLapseDay(cal, row.correction_due_day)) continue;
      try {
        await this.foi.act(actor, row.id, { action: 'correction_expired', day: today }, async (trx) => {
          const handlers = (await this.repo.handlers(row.unit_id, trx)).map((h) => h.id);
          await this.notify.notifyIn(trx, {
            accountIds: handlers,
            kind: 'foi.withdrawn',
            title: `政府信息公开申请 ${row.number} 逾期未补正，已视为放弃申请`,
            body: `申请人未在补正期限（${row.correction_due_day}）内补正，依照条例第三十条视为放弃申请，系统已于 ${today} 办结。请将告知书送达申请人；如申请人在期限内已补正而尚未登记，请联系政务公开科更正。`,
            link: `/admin/foi/${row.id}`,
            dedupeKey: `foi:${row.id}:withdrawn`,
          });
        });
        closed++;
      } catch (error) {
        // Someone recorded the 补正 between the read and this step: the state machine refused, rightly.
        if (error instanceof AppError && error.code === 'CONFLICT') continue;
        throw error;
      }
    }
    return closed;
  }

  /** Open applications overdue on `asOf`, counted per unit. */
  async overdueByUnit(asOf = this.today()): Promise<OverdueUnit[]> {
    const cal = await this.calendar.current();
    const byUnit = new Map<number, OverdueUnit>();
    for (const row of await this.repo.open()) {
      if (row.received_day > asOf) continue;
      const clock = clockOf(cal, factsOf(row), asOf);
      if (clock.status !== 'overdue') continue;
      const u = byUnit.get(row.unit_id) ?? {
        unitId: row.unit_id,
        unitName: row.unit_name,
        overdue: 0,
        oldestDueDay: clock.dueDay,
        maxWorkdaysLate: 0,
      };
      u.overdue++;
      if (clock.dueDay < u.oldestDueDay) u.oldestDueDay = clock.dueDay;
      u.maxWorkdaysLate = Math.max(u.maxWorkdaysLate, -(clock.workdaysLeft ?? 0));
      byUnit.set(row.unit_id, u);
    }
    return [...byUnit.values()].sort((a, b) => b.maxWorkdaysLate - a.maxWorkdaysLate || a.unitId - b.unitId);
  }

  /** For the board: the county's list, or the actor's own unit only. */
  async overdueFor(actor: Actor): Promise<{ asOf: string; items: OverdueUnit[] }> {
    const scope = authorize(actor, 'guarantee.read');
    const items = await this.overdueByUnit();
    return {
      asOf: this.today(),
      items: scope.kind === 'unit' ? items.filter((i) => i.unitId === scope.unitId) : items,
    };
  }

  /** Tell each unit of its applications due within three working days or overdue. */
  async sendNotices(): Promise<number> {
    const cal = await this.calendar.current();
    const today = this.today();
    let created = 0;
    for (const row of await this.repo.open()) {
      const clock = clockOf(cal, factsOf(row), today);
      if (clock.status !== 'due_soon' && clock.status !== 'overdue') continue;
      const handlers = (await this.repo.handlers(row.unit_id)).map((h) => h.id);
      const soon = clock.status === 'due_soon';
      created += await this.repo.inTransaction((trx) =>
        this.notify.notifyIn(trx, {
          accountIds: handlers,
          kind: soon ? 'foi.due_soon' : 'foi.overdue',
          title: soon
            ? `政府信息公开申请 ${row.number} 将于 ${clock.dueDay} 到期`
            : `政府信息公开申请 ${row.number} 已超过答复期限（${clock.dueDay}）`,
          body: soon
            ? `该申请的法定答复期限为 ${clock.dueDay}，还剩 ${clock.workdaysLeft} 个工作日，请及时答复；确需延期的，须经本单位负责人同意并告知申请人。`
            : `该申请的法定答复期限 ${clock.dueDay} 已过，已超期 ${-(clock.workdaysLeft ?? 0)} 个工作日，请立即答复。`,
          link: `/admin/foi/${row.id}`,
          dedupeKey: `foi:${row.id}:${clock.status}:${clock.dueDay}`,
        }),
      );
    }
    return created;
  }
}

/** Every half hour: cheap (open applications only), and the notices' keys make it idempotent. */
export function foiDeadlineJob(deadlines: FoiDeadlines): Job {
  return {
    name: 'foi.deadlines',
    everyMs: 30 * 60_000,
    // Lapsed 补正 first, so a withdrawn application is not warned about.
    run: async () => ({ withdrawn: await deadlines.withdrawLapsed(), notices: await deadlines.sendNotices() }),
  };
}
