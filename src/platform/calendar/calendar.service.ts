import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { actorAccountId } from '../auth/actor.js';
import { authorize } from '../auth/policy.js';
import { insertReturningId, nowIso, type Executor } from '../db/helpers.js';
import type { DB } from '../db/tables.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError, notFound } from '../errors.js';
import { WorkCalendar, type DayInfo } from './calendar.js';
import { eachDay } from './days.js';

export interface OverrideView {
  id: number;
  day: string;
  workday: boolean;
  name: string;
  note: string | null;
  updatedAt: string;
}

export interface OverrideInput {
  day: string;
  workday: boolean;
  name: string;
  note?: string | null;
}

/**
 * The working-day calendar with the administrators' overrides. The calendar is read on every check,
 * so it is kept in memory and rebuilt after a change made through this service (another process
 * sees a change on its next load: checks call load() once per run).
 */
export class CalendarService {
  private cached: Promise<WorkCalendar> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly uow: UnitOfWork,
  ) {}

  /** The calendar as the database holds it now. */
  load(db: Executor = this.db): Promise<WorkCalendar> {
    const fresh = (async () => {
      const rows = await db.selectFrom('calendar_overrides').select(['day', 'workday', 'name']).execute();
      return new WorkCalendar(rows.map((r) => ({ day: r.day, workday: r.workday === 1, name: r.name })));
    })();
    if (db === this.db) this.cached = fresh;
    return fresh;
  }

  /** The cached calendar (loaded on first use). */
  current(): Promise<WorkCalendar> {
    this.cached ??= this.load();
    return this.cached;
  }

  async days(actor: Actor, from: string, to: string): Promise<{ days: DayInfo[]; notes: string[] }> {
    authorize(actor, 'guarantee.read');
    CalendarService.assertRange(from, to);
    const calendar = await this.load();
    return { days: eachDay(from, to).map((d) => calendar.info(d)), notes: calendar.notesFor(from, to) };
  }

  async list(actor: Actor, year?: number): Promise<OverrideView[]> {
    authorize(actor, 'guarantee.read');
    let q = this.db.selectFrom('calendar_overrides').selectAll();
    if (year) q = q.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
    return (await q.orderBy('day').execute()).map((r) => ({
      id: r.id,
      day: r.day,
      workday: r.workday === 1,
      name: r.name,
      note: r.note,
      updatedAt: r.updated_at,
    }));
  }

  /** Set a day's status; a second entry for the same day replaces the first. */
  async put(actor: Actor, input: OverrideInput): Promise<OverrideView> {
    authorize(actor, 'guarantee.write');
    const view = await this.uow.run(async (trx, emit) => {
      const now = nowIso();
      const before = await trx
        .selectFrom('calendar_overrides')
        .selectAll()
        .where('day', '=', input.day)
        .executeTakeFirst();
      let id: number;
      if (before) {
        id = before.id;
        await trx
          .updateTable('calendar_overrides')
          .set({ workday: input.workday ? 1 : 0, name: input.name, note: input.note ?? null, updated_at: now })
          .where('id', '=', id)
          .execute();
      } else {
        id = await insertReturningId(trx, 'calendar_overrides', {
          day: input.day,
          workday: input.workday ? 1 : 0,
          name: input.name,
          note: input.note ?? null,
          created_by: actorAccountId(actor),
          created_at: now,
          updated_at: now,
        });
      }
      await emit({
        type: before ? 'calendar.updated' : 'calendar.created',
        actor,
        entityType: 'calendar_override',
        entityId: id,
        summary: `设置 ${input.day} 为${input.workday ? '工作日' : '休息日'}（${input.name}）`,
        details: { input, before: before ? { workday: before.workday === 1, name: before.name } : null },
      });
      return { id, day: input.day, workday: input.workday, name: input.name, note: input.note ?? null, updatedAt: now };
    });
    this.cached = null;
    return view;
  }

  async remove(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'guarantee.write');
    await this.uow.run(async (trx, emit) => {
      const before = await trx.selectFrom('calendar_overrides').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('日历调整');
      await trx.deleteFrom('calendar_overrides').where('id', '=', id).execute();
      await emit({
        type: 'calendar.deleted',
        actor,
        entityType: 'calendar_override',
        entityId: id,
        summary: `删除 ${before.day} 的日历调整（${before.name}）`,
      });
    });
    this.cached = null;
  }

  /** Refuse ranges that would make a request build a huge list of days. */
  static assertRange(from: string, to: string, maxDays = 400): void {
    if (to < from)
      throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', {
        issues: [{ field: 'to', message: '结束日期不能早于开始日期' }],
      });
    if (eachDay(from, to).length > maxDays)
      throw new AppError('VALIDATION_FAILED', `日期范围不能超过 ${maxDays} 天`, {
        issues: [{ field: 'to', message: `日期范围不能超过 ${maxDays} 天` }],
      });
  }
}
