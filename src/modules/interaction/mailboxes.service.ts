import { shanghaiDateTime } from '../../platform/time.js';
import type { BlacklistBody, MailboxUpdateBody, MailboxView } from '../../contract/interaction.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import {
  addToBlacklist,
  type BlacklistEntry,
  listBlacklist,
  removeBlacklistEntry,
} from '../../platform/public-forms/index.js';
import type { LetterFaqsRepository } from './letter-faqs.repository.js';
import type { LettersPublicService } from './letters-public.service.js';
import type { LettersRepository, Mailbox } from './letters.repository.js';
import type { LettersService } from './letters.service.js';

// The settings the 12345 office keeps: each mailbox's 办理时限 (working days), whether it takes letters,
// the column its published replies count toward; a 部门信箱 per unit; and the blacklist every public
// form consults (platform/public-forms). Every change is audited.

const view = (b: Mailbox): MailboxView => ({
  id: b.id,
  kind: b.kind,
  slug: b.slug,
  name: b.name,
  unitId: b.unit_id,
  acceptDays: b.accept_days,
  consultDays: b.consult_days,
  otherDays: b.other_days,
  enabled: b.enabled === 1,
  columnId: b.column_id,
});

export class MailboxesService {
  constructor(
    private readonly repo: LettersRepository,
    private readonly faqRepo: LetterFaqsRepository,
    private readonly uow: UnitOfWork,
    private readonly letters: LettersService,
    private readonly lettersPublic: LettersPublicService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async office(actor: Actor): Promise<void> {
    if (!(await this.letters.isOffice(actor))) throw new AppError('FORBIDDEN', '信箱设置由12345办公室管理');
  }

  async list(actor: Actor): Promise<{ items: MailboxView[] }> {
    authorize(actor, 'letter.read');
    return { items: (await this.repo.mailboxes()).map(view) };
  }

  /** New limits apply to clocks started from now on; running deadlines keep the limits they began with. */
  async update(actor: Actor, id: number, body: MailboxUpdateBody): Promise<MailboxView> {
    await this.office(actor);
    const box = await this.repo.mailbox(id);
    if (!box) throw notFound('信箱');
    if (body.columnId !== null && !(await this.faqRepo.columnExists(body.columnId)))
      throw invalid('columnId', '所选栏目不存在');
    await this.uow.run(async (trx, emit) => {
      await this.repo.updateMailbox(
        id,
        {
          accept_days: body.acceptDays,
          consult_days: body.consultDays,
          other_days: body.otherDays,
          enabled: body.enabled ? 1 : 0,
          column_id: body.columnId,
        },
        trx,
      );
      await emit({
        type: 'mailbox.updated',
        actor,
        entityType: 'mailbox',
        entityId: id,
        summary: `修改“${box.name}”：受理 ${body.acceptDays} 个工作日，答复 咨询 ${body.consultDays} / 其他 ${body.otherDays} 个工作日${body.enabled ? '' : '，停用'}`,
        details: {
          before: {
            acceptDays: box.accept_days,
            consultDays: box.consult_days,
            otherDays: box.other_days,
            enabled: box.enabled === 1,
            columnId: box.column_id,
          },
          after: body,
        },
      });
    });
    return view((await this.repo.mailbox(id))!);
  }

  /** A 部门信箱 for a unit (one per unit: asking again gives the one it has). */
  async createDepartment(actor: Actor, unitId: number): Promise<MailboxView> {
    await this.office(actor);
    const unit = (await this.repo.unitNames()).find((u) => u.id === unitId);
    if (!unit) throw invalid('unitId', '所选单位不存在');
    const had = await this.repo.mailboxBySlug(`bumen-${unitId}`);
    if (had) throw new AppError('DUPLICATE', `${unit.name}已有部门信箱“${had.name}”`);
    const box = await this.lettersPublic.ensureUnitMailbox(unitId, unit.name);
    await this.uow.run(async (_trx, emit) => {
      await emit({
        type: 'mailbox.created',
        actor,
        entityType: 'mailbox',
        entityId: box.id,
        summary: `开设部门信箱“${box.name}”`,
      });
    });
    return view(box);
  }

  async blacklist(actor: Actor): Promise<{ items: Array<Omit<BlacklistEntry, 'createdBy'>> }> {
    authorize(actor, 'public_form.block');
    const items = await listBlacklist(this.repo.db);
    return { items: items.map(({ createdBy: _, ...e }) => e) };
  }

  async block(actor: Actor, body: BlacklistBody): Promise<void> {
    authorize(actor, 'public_form.block');
    const now = this.clock();
    const expiresAt = body.expiresAt ? new Date(body.expiresAt).toISOString() : null;
    if (expiresAt && expiresAt <= now.toISOString()) throw invalid('expiresAt', '到期时间应晚于现在');
    await this.uow.run(async (trx, emit) => {
      await addToBlacklist(
        trx,
        {
          kind: body.kind,
          value: body.value,
          reason: body.reason,
          createdBy: actor.kind === 'account' ? actor.accountId : null,
          expiresAt,
        },
        now,
      );
      await emit({
        type: 'public_form.blocked',
        actor,
        entityType: 'public_form_blacklist',
        entityId: null,
        summary: `暂停${body.kind === 'phone' ? '手机号码' : '网络地址'} ${body.value} 在线提交${expiresAt ? `（至 ${shanghaiDateTime(expiresAt)}）` : ''}`,
        details: { reason: body.reason },
      });
    });
  }

  async unblock(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'public_form.block');
    await this.uow.run(async (trx, emit) => {
      const removed = await removeBlacklistEntry(trx, id);
      if (!removed) throw notFound('黑名单记录');
      await emit({
        type: 'public_form.unblocked',
        actor,
        entityType: 'public_form_blacklist',
        entityId: id,
        summary: `恢复${removed.kind === 'phone' ? '手机号码' : '网络地址'} ${removed.value} 在线提交`,
      });
    });
  }
}
