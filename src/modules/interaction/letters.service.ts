import type { Transaction } from 'kysely';
import {
  actionsFrom,
  LETTER_ACTIONS,
  type LetterAction,
  type LetterActionBody,
  type LetterActor,
  type LetterDetail,
  LetterStatus,
  type LetterSummary,
  type LettersQuery,
  letterTransition,
  MailboxKind,
  SIDE_STEPS,
} from '../../contract/interaction.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize, can, scopeOf } from '../../platform/auth/policy.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { extendDue, replyDue } from './clocks.js';
import type { Letter, LettersRepository, Mailbox } from './letters.repository.js';

// The 12345 loop on the admin side (issue 12 item 2). Every step goes through `step()`: the table in
// contract/interaction.ts decides whether it is allowed, the letter is written with its version (two
// people acting at once: the second is told), and a history entry and an audit record are written in
// the same transaction.

type Trx = Transaction<DB>;

export interface StepRecord {
  action: string;
  from: string | null;
  to: string;
  note?: string | null;
}

export class LettersService {
  private officeUnit: number | null | undefined;

  constructor(
    private readonly repo: LettersRepository,
    private readonly uow: UnitOfWork,
    private readonly calendar: CalendarService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The 12345 office: its operators, the system administrator, and anyone of the office's unit. */
  async isOffice(actor: Actor): Promise<boolean> {
    if (actor.kind === 'system' || can(actor, 'letter.dispatch')) return true;
    if (this.officeUnit === undefined) this.officeUnit = await this.repo.officeUnitId();
    return this.officeUnit !== null && actor.unitId === this.officeUnit && can(actor, 'letter.read');
  }

  private async readScope(actor: Actor): Promise<number | undefined> {
    const scope = authorize(actor, 'letter.read');
    if (scope.kind === 'all' || (await this.isOffice(actor))) return undefined;
    return scope.unitId;
  }

  async list(actor: Actor, q: LettersQuery) {
    const unitId = await this.readScope(actor);
    const { rows, total } = await this.repo.list({
      status: q.status,
      mailboxId: q.mailboxId,
      leadUnitId: q.unitId,
      overdueAt: q.overdue ? this.clock().toISOString() : undefined,
      limit: q.limit,
      offset: q.offset,
      unitId,
    });
    const ctx = await this.viewContext();
    return { items: rows.map((r) => this.summary(r, ctx)), total };
  }

  async get(actor: Actor, id: number): Promise<LetterDetail> {
    const unitId = await this.readScope(actor);
    const letter = await this.repo.letter(id);
    if (!letter || (unitId !== undefined && !this.involves(letter, unitId))) throw notFound('来信');
    return this.detail(actor, letter);
  }

  /** The unit leads the letter or helps with it (会办). */
  involves(letter: Letter, unitId: number): boolean {
    return letter.lead_unit_id === unitId || (JSON.parse(letter.helper_unit_ids) as number[]).includes(unitId);
  }

  /** Which kind of taker the actor is for this letter (the office, or the lead unit's officer/leader). */
  private async rolesFor(actor: Actor, letter: Letter): Promise<LetterActor[]> {
    const out: LetterActor[] = [];
    if (await this.isOffice(actor)) out.push('office');
    if (actor.kind === 'account' && letter.lead_unit_id === actor.unitId) {
      if (scopeOf(actor, 'letter.draft')) out.push('unit_officer');
      if (scopeOf(actor, 'letter.sign')) out.push('unit_leader');
    }
    return out;
  }

  async act(actor: Actor, id: number, body: LetterActionBody): Promise<LetterDetail> {
    const letter = await this.repo.letter(id);
    if (!letter) throw notFound('来信');
    const rule = LETTER_ACTIONS[body.action];
    if (rule.who === 'writer') throw new AppError('FORBIDDEN', '评价只能由来信人在查询页面进行');
    const roles = await this.rolesFor(actor, letter);
    if (!roles.includes(rule.who)) throw new AppError('FORBIDDEN', `您不能对这件来信执行“${rule.label}”`);
    const reason = body.reason?.trim() || null;
    if ('needsReason' in rule && rule.needsReason && !reason) throw invalid('reason', `请填写${rule.label}的理由`);
    const patch = await this.patchFor(body, letter, reason);
    await this.uow.run(async (trx, emit) => {
      await this.step(trx, actor, letter, body.action, patch, reason, body.version);
      await emit({
        type: `letter.${body.action}`,
        actor,
        entityType: 'letter',
        entityId: id,
        summary: `来信“${letter.title.slice(0, 50)}”：${rule.label}`,
        details: { reason },
      });
    });
    return this.get(actor, id);
  }

  /** What an action writes besides the status: who the letter goes to, the texts, the clocks. */
  private async patchFor(body: LetterActionBody, letter: Letter, reason: string | null): Promise<Partial<Letter>> {
    const now = this.clock().toISOString();
    const box = await this.mailboxOf(letter);
    const cal = await this.calendar.current();
    switch (body.action) {
      case 'accept':
        return { accepted_at: now };
      case 'reject':
        if (!body.rejectKind) throw invalid('rejectKind', '请选择不予受理的类别');
        return { reject_kind: body.rejectKind, reject_reason: reason, closed_at: now };
      case 'assign':
      case 'reassign': {
        if (!body.unitId) throw invalid('unitId', '请选择承办单位');
        const helpers = [...new Set(body.helperUnitIds ?? [])].filter((u) => u !== body.unitId);
        return {
          lead_unit_id: body.unitId,
          helper_unit_ids: JSON.stringify(helpers),
          assigned_at: now,
          reply_due: replyDue(cal, now, box, letter.category),
          unit_return_reason: null,
          extension_state: null,
          extension_days: null,
          extension_reason: null,
        };
      }
      case 'rule':
        // The office rules the unit must handle it: a fresh reply clock from the ruling.
        return { assigned_at: now, reply_due: replyDue(cal, now, box, letter.category) };
      case 'unit_return':
        return { unit_return_reason: reason };
      case 'draft':
        if (!body.text) throw invalid('text', '请填写答复内容');
        return { draft: body.text };
      case 'sign':
      case 'return_draft':
      case 'return_reply':
        return {};
      case 'approve':
        return {
          reply: letter.draft,
          reply_unit_id: letter.lead_unit_id,
          answered_at: now,
          first_answered_at: letter.first_answered_at ?? now,
        };
      case 'close':
        return { closed_at: now };
      case 'rate':
      case 'reopen':
        return {};
    }
  }

  /** Applies one step of the table: status, fields, history entry. Used by the public side too. */
  async step(
    trx: Trx,
    actor: Actor,
    letter: Letter,
    action: LetterAction,
    patch: Partial<Letter>,
    note: string | null,
    version: number,
  ): Promise<LetterStatus> {
    const t = letterTransition(action, letter.status as LetterStatus);
    if (!t.ok) throw new AppError('CONFLICT', t.message);
    const now = this.clock().toISOString();
    const ok = await this.repo.update(letter.id, version, { ...patch, status: t.to, updated_at: now }, trx);
    if (!ok) throw new AppError('CONFLICT', '这件来信已被他人处理，请刷新后再操作');
    await this.record(trx, actor, letter.id, { action, from: letter.status, to: t.to, note });
    return t.to;
  }

  async record(trx: Trx, actor: Actor, letterId: number, r: StepRecord): Promise<void> {
    await this.repo.insertEvent(
      {
        letter_id: letterId,
        action: r.action,
        from_status: r.from,
        to_status: r.to,
        account_id: actor.kind === 'account' ? actor.accountId : null,
        actor_name: actor.kind === 'account' ? actor.displayName : actor.username,
        unit_id: actor.kind === 'account' ? actor.unitId : null,
        note: r.note?.slice(0, 2000) ?? null,
        at: this.clock().toISOString(),
      },
      trx,
    );
  }

  /**
   * 延期: the lead unit asks before the deadline; the office approves (the deadline moves by the
   * working days asked) or refuses. The writer sees it in the history on the query page.
   */
  async extension(
    actor: Actor,
    id: number,
    body: { version: number; decision: 'request' | 'approve' | 'deny'; days?: number; reason?: string },
  ): Promise<LetterDetail> {
    const letter = await this.repo.letter(id);
    if (!letter) throw notFound('来信');
    const roles = await this.rolesFor(actor, letter);
    const now = this.clock();
    const cal = await this.calendar.current();
    let patch: Partial<Letter>;
    let label: 'request_extension' | 'approve_extension' | 'deny_extension';
    if (body.decision === 'request') {
      if (!roles.includes('unit_officer') && !roles.includes('unit_leader'))
        throw new AppError('FORBIDDEN', '只有承办单位可以申请延期');
      if (!['assigned', 'drafted'].includes(letter.status) || !letter.reply_due)
        throw new AppError('CONFLICT', '只有单位办理中的来信可以申请延期');
      if (now.toISOString() >= letter.reply_due) throw new AppError('CONFLICT', '已超过答复期限，不能再申请延期');
      if (letter.extension_state === 'requested' || letter.extension_state === 'approved')
        throw new AppError('CONFLICT', '这件来信已申请过延期');
      if (!body.days || !body.reason?.trim()) throw invalid('reason', '请填写延期天数和理由');
      patch = { extension_state: 'requested', extension_days: body.days, extension_reason: body.reason.trim() };
      label = 'request_extension';
    } else {
      if (!roles.includes('office')) throw new AppError('FORBIDDEN', '延期由12345办公室审批');
      if (letter.extension_state !== 'requested' || !letter.reply_due || !letter.extension_days)
        throw new AppError('CONFLICT', '这件来信没有待审批的延期申请');
      patch =
        body.decision === 'approve'
          ? { extension_state: 'approved', reply_due: extendDue(cal, letter.reply_due, letter.extension_days) }
          : { extension_state: 'denied' };
      label = body.decision === 'approve' ? 'approve_extension' : 'deny_extension';
    }
    await this.uow.run(async (trx, emit) => {
      const ok = await this.repo.update(id, body.version, { ...patch, updated_at: now.toISOString() }, trx);
      if (!ok) throw new AppError('CONFLICT', '这件来信已被他人处理，请刷新后再操作');
      const note =
        label === 'approve_extension'
          ? `延期 ${letter.extension_days} 个工作日，新的答复期限 ${patch.reply_due}`
          : (body.reason ?? letter.extension_reason);
      await this.record(trx, actor, id, { action: label, from: letter.status, to: letter.status, note });
      await emit({
        type: `letter.${label}`,
        actor,
        entityType: 'letter',
        entityId: id,
        summary: `来信“${letter.title.slice(0, 50)}”：${SIDE_STEPS[label as keyof typeof SIDE_STEPS]}`,
      });
    });
    return this.get(actor, id);
  }

  private async mailboxOf(letter: Letter): Promise<Mailbox> {
    const box = await this.repo.mailbox(letter.mailbox_id);
    if (!box) throw notFound('信箱');
    return box;
  }

  async viewContext() {
    const [boxes, units] = await Promise.all([this.repo.mailboxes(), this.repo.unitNames()]);
    return {
      boxes: new Map(boxes.map((b) => [b.id, b])),
      units: new Map(units.map((u) => [u.id, u.short_name || u.name])),
      now: this.clock().toISOString(),
    };
  }

  summary(r: Letter, ctx: Awaited<ReturnType<LettersService['viewContext']>>): LetterSummary {
    const box = ctx.boxes.get(r.mailbox_id);
    const due =
      r.status === 'received'
        ? r.accept_due
        : ['answered', 'closed', 'rejected'].includes(r.status)
          ? null
          : r.reply_due;
    // Keep in step with LettersRepository's overdue filter (the list's 只看超期 asks the database).
    return {
      id: r.id,
      queryCode: r.query_code,
      mailbox: box?.name ?? '',
      mailboxKind: box ? (MailboxKind.labels[box.kind as MailboxKind] ?? box.kind) : '',
      category: r.category,
      status: r.status,
      statusLabel: LetterStatus.labels[r.status as LetterStatus] ?? r.status,
      title: r.title,
      receivedAt: r.received_at,
      acceptDue: r.accept_due,
      replyDue: r.reply_due,
      leadUnitId: r.lead_unit_id,
      leadUnitName: r.lead_unit_id ? (ctx.units.get(r.lead_unit_id) ?? null) : null,
      overdue: due !== null && ctx.now >= due,
      extensionState: r.extension_state,
    };
  }

  private async detail(actor: Actor, r: Letter): Promise<LetterDetail> {
    const ctx = await this.viewContext();
    const [events, files, roles] = await Promise.all([
      this.repo.events(r.id),
      this.repo.attachments(r.id),
      this.rolesFor(actor, r),
    ]);
    const actions = roles.flatMap((who) => actionsFrom(r.status as LetterStatus, who));
    return {
      ...this.summary(r, ctx),
      writerName: r.writer_name,
      writerPhone: r.writer_phone,
      writerEmail: r.writer_email,
      body: r.body,
      publicAllowed: r.public_allowed === 1,
      helperUnitIds: JSON.parse(r.helper_unit_ids) as number[],
      rejectKind: r.reject_kind,
      rejectReason: r.reject_reason,
      unitReturnReason: r.unit_return_reason,
      extensionDays: r.extension_days,
      extensionReason: r.extension_reason,
      draft: r.draft,
      reply: r.reply,
      answeredAt: r.answered_at,
      rating: r.rating,
      reopened: r.reopened,
      closedAt: r.closed_at,
      publishedAt: r.published_at,
      version: r.version,
      attachments: files.map((f) => ({ id: f.id, name: f.name, size: Number(f.size), mime: f.mime })),
      history: events.map((e) => ({
        action: e.action,
        label:
          (LETTER_ACTIONS as Record<string, { label: string }>)[e.action]?.label ??
          (SIDE_STEPS as Record<string, string>)[e.action] ??
          e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        actor: e.actor_name,
        unitId: e.unit_id,
        note: e.note,
        at: e.at,
      })),
      actions: [...new Set(actions)].map((a) => ({
        action: a,
        label: LETTER_ACTIONS[a].label,
        needsReason: 'needsReason' in LETTER_ACTIONS[a] && LETTER_ACTIONS[a].needsReason === true,
      })),
    };
  }
}
