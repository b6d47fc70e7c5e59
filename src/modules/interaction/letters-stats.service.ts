import type { StatsRow } from '../../contract/interaction.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { addMonths } from '../../platform/calendar/days.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, notFound } from '../../platform/errors.js';
import { shanghaiDay, shanghaiDayStart } from '../../platform/time.js';
import { unansweredTooLong } from './clocks.js';
import type { Letter, LettersRepository } from './letters.repository.js';
import type { LettersService } from './letters.service.js';

// 来信反馈 publishing, the statistics per unit and month (issue 12 item 4), the national veto
// indicator "a valid message unanswered for more than 3 months" (item 3) and the annual figures of
// the 政民互动 part of the 政府网站工作年度报表 (item 8) — all computed from the letters themselves.

const monthOf = (instant: string) => shanghaiDay(instant).slice(0, 7);
const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

export interface AnnualInteraction {
  year: number;
  received: number;
  closed: number;
  /** Average days (natural days, one decimal) from arrival to 办结 of the letters closed that year. */
  averageDays: number | null;
  publicReplies: number;
}

export class LettersStatsService {
  constructor(
    private readonly repo: LettersRepository,
    private readonly uow: UnitOfWork,
    private readonly letters: LettersService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** 公开到来信反馈 (or take it down): only answered letters whose writer allowed it. */
  async publish(actor: Actor, id: number, publish: boolean, version: number): Promise<void> {
    if (!(await this.letters.isOffice(actor))) throw new AppError('FORBIDDEN', '来信公开由12345办公室审核决定');
    const letter = await this.repo.letter(id);
    if (!letter) throw notFound('来信');
    if (publish && letter.public_allowed !== 1) throw new AppError('CONFLICT', '来信人不同意公开，不能公开这件来信');
    if (publish && !['answered', 'closed'].includes(letter.status) && !letter.reply)
      throw new AppError('CONFLICT', '来信尚未答复，答复后才能公开');
    const now = this.clock().toISOString();
    await this.uow.run(async (trx, emit) => {
      const ok = await this.repo.update(id, version, { published_at: publish ? now : null, updated_at: now }, trx);
      if (!ok) throw new AppError('CONFLICT', '这件来信已被他人处理，请刷新后再操作');
      const action = publish ? 'publish' : 'unpublish';
      await this.letters.record(trx, actor, id, { action, from: letter.status, to: letter.status });
      await emit({
        type: `letter.${action}`,
        actor,
        entityType: 'letter',
        entityId: id,
        summary: `来信“${letter.title.slice(0, 50)}”${publish ? '公开到来信反馈' : '撤下公开'}`,
      });
    });
  }

  /** 收件, 办结, 按期办结率, 满意率 per lead unit and month of arrival, for [fromMonth, toMonth]. */
  async stats(fromMonth: string, toMonth: string): Promise<StatsRow[]> {
    const from = shanghaiDayStart(`${fromMonth}-01`);
    const to = shanghaiDayStart(addMonths(`${toMonth}-01`, 1));
    const [letters, units] = await Promise.all([this.repo.receivedBetween(from, to), this.repo.unitNames()]);
    const groups = new Map<string, Letter[]>();
    for (const l of letters) {
      if (l.status === 'rejected') continue;
      const key = `${l.lead_unit_id ?? ''}|${monthOf(l.received_at)}`;
      groups.set(key, [...(groups.get(key) ?? []), l]);
    }
    const rows: StatsRow[] = [];
    for (const [key, ls] of groups) {
      const [unit, month] = key.split('|') as [string, string];
      const unitId = unit === '' ? null : Number(unit);
      const answered = ls.filter((l) => l.first_answered_at);
      const onTime = answered.filter((l) => l.reply_due && l.first_answered_at! <= l.reply_due);
      const rated = ls.filter((l) => l.rating);
      const satisfied = rated.filter((l) => l.rating === 'satisfied' || l.rating === 'basic');
      rows.push({
        unitId,
        unitName: unitId === null ? '尚未转办' : (units.find((u) => u.id === unitId)?.name ?? `单位 ${unitId}`),
        month,
        received: ls.length,
        closed: ls.filter((l) => l.status === 'closed').length,
        onTimeRate: rate(onTime.length, answered.length),
        satisfiedRate: rate(satisfied.length, rated.length),
      });
    }
    return rows.sort((a, b) => a.month.localeCompare(b.month) || a.unitName.localeCompare(b.unitName));
  }

  async statsFor(actor: Actor, fromMonth: string, toMonth: string): Promise<StatsRow[]> {
    authorize(actor, 'letter.read');
    return this.stats(fromMonth, toMonth);
  }

  /**
   * The veto indicator on `today` (a Shanghai day): the valid letters still unanswered three months
   * after they arrived. Empty means the indicator is met.
   */
  async unansweredOverThreeMonths(today: string): Promise<Array<{ id: number; title: string; receivedAt: string }>> {
    const before = shanghaiDayStart(addMonths(today, -3));
    const rows = await this.repo.unansweredSince(before);
    return rows
      .filter((r) => unansweredTooLong(r, today))
      .map((r) => ({ id: r.id, title: r.title, receivedAt: r.received_at }));
  }

  /**
   * The guarantee's InteractionSource (guarantee/evaluation.service.ts): when the oldest valid letter
   * still unanswered at `cutoff` arrived, or null. The 12345 office answers for the county, so every
   * site's indicator reads the same letters.
   */
  async oldestUnanswered(_siteId: number, cutoff: string): Promise<string | null> {
    const rows = await this.repo.unansweredAt(cutoff);
    return rows[0]?.received_at ?? null;
  }

  /**
   * The guarantee's InteractionSource, second half: published replies and 共性问题 as updates of the
   * columns that stand for them (a mailbox's column, a question's column), like articles.
   */
  async columnItems(from: string, cutoff: string) {
    const [published, span] = await Promise.all([
      this.repo.publishedColumnItems(from, cutoff),
      this.repo.publishedColumnSpan(cutoff),
    ]);
    // Two sources (replies, questions) may name the same column: keep one span per column.
    const lastFirst = new Map<number, { columnId: number; lastAt: string; firstAt: string }>();
    for (const s of span) {
      const had = lastFirst.get(s.columnId);
      // ISO instants sort as text: the later last, the earlier first.
      const last = [s.lastAt, had?.lastAt ?? s.lastAt].sort()[1]!;
      const first = [s.firstAt, had?.firstAt ?? s.firstAt].sort()[0]!;
      lastFirst.set(s.columnId, { columnId: s.columnId, lastAt: last, firstAt: first });
    }
    return { published, lastFirst: [...lastFirst.values()] };
  }

  /** The 政民互动 figures of a year's 政府网站工作年度报表 (留言办理). */
  async annual(year: number): Promise<AnnualInteraction> {
    const from = shanghaiDayStart(`${year}-01-01`);
    const to = shanghaiDayStart(`${year + 1}-01-01`);
    const letters = (await this.repo.receivedBetween(from, to)).filter((l) => l.status !== 'rejected');
    const closed = letters.filter((l) => l.status === 'closed' && l.closed_at);
    const days = closed.map((l) => (Date.parse(l.closed_at!) - Date.parse(l.received_at)) / 86_400_000);
    return {
      year,
      received: letters.length,
      closed: closed.length,
      averageDays: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
      publicReplies: letters.filter((l) => l.published_at).length,
    };
  }
}
