import type { Logger } from 'pino';
import { systemActor } from '../../platform/auth/actor.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { Job } from '../../platform/jobs/worker.js';
import { shanghaiDateTime } from '../../platform/time.js';
import type { NotifyService } from '../notify/notify.service.js';
import { clockState } from './clocks.js';
import type { Letter, LettersRepository } from './letters.repository.js';
import type { LettersService } from './letters.service.js';

// 催办 before a deadline and 超期 after it (issue 12 item 3), through the notice machinery. The key
// names the letter, the level and the deadline, so a round that runs again (or another process) never
// repeats a notice, while an approved 延期 (a new deadline) earns new ones.

const OFFICE_ROLES = ['hotline_operator'];
const UNIT_ROLES = ['unit_officer', 'unit_leader'];

export class LettersNotices {
  constructor(
    private readonly repo: LettersRepository,
    private readonly uow: UnitOfWork,
    private readonly calendar: CalendarService,
    private readonly notify: NotifyService,
    private readonly letters: LettersService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Whose move it is and by when. */
  private clockOf(l: Letter): { due: string; atUnit: boolean; what: string } | null {
    if (l.status === 'received') return { due: l.accept_due, atUnit: false, what: '受理' };
    if (['assigned', 'drafted'].includes(l.status) && l.reply_due)
      return { due: l.reply_due, atUnit: true, what: '答复' };
    if (['accepted', 'unit_returned', 'signed'].includes(l.status) && l.reply_due)
      return { due: l.reply_due, atUnit: false, what: '答复' };
    return null;
  }

  async round(): Promise<{ created: number }> {
    const now = this.clock();
    const cal = await this.calendar.current();
    const officeUnit = await this.repo.officeUnitId();
    const officeAccounts = [
      ...(await this.repo.roleAccounts(OFFICE_ROLES)),
      ...(officeUnit ? await this.repo.unitAccounts(officeUnit, UNIT_ROLES) : []),
    ].map((a) => a.id);
    let created = 0;
    for (const l of await this.repo.open()) {
      const c = this.clockOf(l);
      if (!c) continue;
      const state = clockState(cal, c.due, now);
      if (state === 'running') continue;
      const unitAccounts =
        c.atUnit && l.lead_unit_id ? (await this.repo.unitAccounts(l.lead_unit_id, UNIT_ROLES)).map((a) => a.id) : [];
      const overdue = state === 'overdue';
      const n = await this.uow.run(async (trx) => {
        const made = await this.notify.notifyIn(trx, {
          accountIds: [...unitAccounts, ...officeAccounts],
          kind: overdue ? 'letter.overdue' : 'letter.due_soon',
          title: `${overdue ? '【超期】' : '【催办】'}来信“${l.title.slice(0, 40)}”${overdue ? '已超过' : '即将到'}${c.what}期限`,
          body: `${c.what}期限：${shanghaiDateTime(new Date(Date.parse(c.due) - 60_000))}。请及时办理。`,
          link: `/admin/interaction?letter=${l.id}`,
          dedupeKey: `letter:${l.id}:${overdue ? 'overdue' : 'due_soon'}:${c.due}`,
        });
        if (made > 0)
          await this.letters.record(trx, systemActor('系统'), l.id, {
            action: 'remind',
            from: l.status,
            to: l.status,
            note: overdue ? `${c.what}超期提醒` : `${c.what}催办提醒`,
          });
        return made;
      });
      created += n;
    }
    return { created };
  }
}

export function lettersJob(notices: LettersNotices, log: Logger): Job {
  return {
    name: 'interaction.reminders',
    everyMs: 30 * 60_000,
    run: async () => {
      const r = await notices.round();
      if (r.created) log.info(r, 'letter reminders sent');
    },
  };
}
