import { z } from 'zod';
import { LetterCategory, LetterStatus, MailboxKind, Rating } from '../../contract/interaction.js';
import { systemActor } from '../../platform/auth/actor.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  DEFAULT_RATE_LIMITS,
  isMobilePhone,
  maskFreeText,
  maskName,
  newQueryCode,
  normalisePhone,
  normaliseQueryCode,
  type RateLimits,
  refuseBlocked,
  sniffPublicAttachment,
  takeRateLimit,
  type UploadedPart,
  verifyChallenge,
} from '../../platform/public-forms/index.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import { acceptDue, replyDue } from './clocks.js';
import type { Letter, LettersRepository, Mailbox } from './letters.repository.js';
import type { LettersService } from './letters.service.js';

// The writer's side (issue 12 item 1): writing in through a mailbox's form, looking the letter up by
// 查询码 + phone, rating the reply. Order of the gates: the form's own rules → blacklist → challenge →
// rate limits → store, so a typing mistake never uses up the writer's allowance.

export const LETTER_MAX_CHARS = 5000;

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字（当前过长）`);

export const LetterForm = z.object({
  name: text('姓名', 50),
  phone: z
    .string({ error: '请填写手机号码' })
    .transform(normalisePhone)
    .refine(isMobilePhone, '请填写 11 位手机号码，如 13812345678'),
  email: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || (v.length <= 200 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)), '邮箱格式不正确'),
  category: LetterCategory.schema.optional(),
  title: text('标题', 100),
  body: text('内容', LETTER_MAX_CHARS),
  isPublic: z.enum(['yes', 'no'], { error: '请选择是否同意公开' }),
  challengeToken: z.string().optional(),
  challengeAnswer: z.string().optional(),
});
export type LetterFormValue = z.infer<typeof LetterForm>;

export const DEFAULT_DAYS = { accept_days: 1, consult_days: 5, other_days: 10 };

export interface PublicLetterView {
  queryCode: string;
  mailbox: string;
  title: string;
  body: string;
  writer: string;
  status: string;
  statusLabel: string;
  receivedAt: string;
  acceptedAt: string | null;
  answeredAt: string | null;
  replyUnit: string | null;
  reply: string | null;
  rating: string | null;
  canRate: boolean;
  canReopen: boolean;
  history: Array<{ label: string; at: string; note: string | null }>;
}

export class LettersPublicService {
  constructor(
    private readonly repo: LettersRepository,
    private readonly uow: UnitOfWork,
    private readonly calendar: CalendarService,
    private readonly blobs: BlobStore,
    private readonly letters: LettersService,
    private readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The mailboxes a county starts with: 书记信箱, 县长信箱, 在线咨询, 投诉监督 (部门信箱 added per unit). */
  async ensureMailboxes(): Promise<Mailbox[]> {
    const have = await this.repo.mailboxes();
    const now = this.clock().toISOString();
    for (const [kind, slug] of [
      ['secretary', 'shuji'],
      ['magistrate', 'xianzhang'],
      ['consult', 'zixun'],
      ['complaint', 'tousu'],
    ] as const) {
      if (have.some((b) => b.slug === slug)) continue;
      await this.repo.insertMailbox({
        kind,
        slug,
        name: MailboxKind.labels[kind],
        unit_id: null,
        created_at: now,
        ...DEFAULT_DAYS,
      });
    }
    return this.repo.mailboxes();
  }

  /** A 部门信箱 for a unit (idempotent). */
  async ensureUnitMailbox(unitId: number, unitName: string): Promise<Mailbox> {
    const slug = `bumen-${unitId}`;
    const have = await this.repo.mailboxBySlug(slug);
    if (have) return have;
    await this.repo.insertMailbox({
      kind: 'department',
      slug,
      name: `${unitName}信箱`,
      unit_id: unitId,
      created_at: this.clock().toISOString(),
      ...DEFAULT_DAYS,
    });
    return (await this.repo.mailboxBySlug(slug))!;
  }

  async mailboxes(): Promise<Mailbox[]> {
    return (await this.repo.mailboxes()).filter((b) => b.enabled === 1);
  }

  mailbox(slug: string): Promise<Mailbox | undefined> {
    return this.repo.mailboxBySlug(slug);
  }

  /** Stores a letter that passed the form's validation; returns its 查询码. */
  async submit(box: Mailbox, form: LetterFormValue, files: UploadedPart[], address: string): Promise<string> {
    const now = this.clock();
    const db = this.repo.db;
    await refuseBlocked(db, { address, phone: form.phone }, now);
    const kinds: Array<{ ext: string; mime: string }> = [];
    for (const f of files) kinds.push(await sniffPublicAttachment(f));
    const category =
      box.kind === 'consult' ? 'consult' : box.kind === 'complaint' ? 'complaint' : (form.category ?? 'suggestion');
    const cal = await this.calendar.current();
    return this.uow.run(async (trx, emit) => {
      // Inside the transaction: a refused letter does not spend the challenge.
      await verifyChallenge(trx, form.challengeToken, form.challengeAnswer, now);
      await takeRateLimit(trx, { form: 'letter', address, phone: form.phone }, this.limits, now);
      const code = newQueryCode();
      const at = now.toISOString();
      const id = await this.repo.insertLetter(
        {
          mailbox_id: box.id,
          query_code: code,
          category,
          status: 'received',
          writer_name: form.name,
          writer_phone: form.phone,
          writer_email: form.email ?? null,
          writer_ip: address.slice(0, 64),
          title: form.title,
          body: form.body,
          public_allowed: form.isPublic === 'yes' ? 1 : 0,
          received_at: at,
          accept_due: acceptDue(cal, at, box),
          updated_at: at,
        },
        trx,
      );
      for (const [i, f] of files.entries()) {
        const stored = await this.blobs.put(f.bytes);
        await this.repo.insertAttachment(
          {
            letter_id: id,
            name: (f.filename || `附件${i + 1}.${kinds[i]!.ext}`).slice(0, 255),
            mime: kinds[i]!.mime,
            size: stored.size,
            sha256: stored.sha256,
            blob_key: stored.key,
          },
          trx,
        );
      }
      const writer = systemActor('来信人', address);
      await this.letters.record(trx, writer, id, { action: 'submit', from: null, to: 'received' });
      await emit({
        type: 'letter.submitted',
        actor: writer,
        entityType: 'letter',
        entityId: id,
        summary: `收到来信（${box.name}）`,
      });
      return code;
    });
  }

  /** The writer's own letter, found by 查询码 and phone together (either alone finds nothing). */
  async lookup(codeInput: string, phoneInput: string, address: string): Promise<PublicLetterView> {
    // Guessing codes is slowed like writing in: per address.
    await takeRateLimit(
      this.repo.db,
      { form: 'letter-lookup', address },
      { ...this.limits, address: { max: 60, windowMinutes: 60 } },
      this.clock(),
    );
    const letter = await this.find(codeInput, phoneInput);
    return this.publicView(letter);
  }

  private async find(codeInput: string, phoneInput: string): Promise<Letter> {
    const letter = await this.repo.byQueryCode(normaliseQueryCode(codeInput));
    if (!letter || letter.writer_phone !== normalisePhone(phoneInput))
      throw new AppError('NOT_FOUND', '没有找到这件来信：请核对查询码和写信时填写的手机号码');
    return letter;
  }

  /** The writer rates the reply; 不满意 the first time sends it back to the unit with a fresh clock. */
  async rate(
    codeInput: string,
    phoneInput: string,
    rating: string,
    note: string,
    address: string,
  ): Promise<PublicLetterView> {
    const parsed = Rating.schema.safeParse(rating);
    if (!parsed.success)
      throw new AppError('VALIDATION_FAILED', '请选择满意、基本满意或不满意', {
        issues: [{ field: 'rating', message: '请选择评价' }],
      });
    await takeRateLimit(
      this.repo.db,
      { form: 'letter-lookup', address },
      { ...this.limits, address: { max: 60, windowMinutes: 60 } },
      this.clock(),
    );
    const letter = await this.find(codeInput, phoneInput);
    if (letter.status !== 'answered') throw new AppError('CONFLICT', '这件来信当前不能评价（尚未答复或已评价）');
    const reopen = parsed.data === 'unsatisfied' && letter.reopened === 0;
    const now = this.clock().toISOString();
    const box = await this.repo.mailbox(letter.mailbox_id);
    const cal = await this.calendar.current();
    const writer = systemActor('来信人', address);
    await this.uow.run(async (trx, emit) => {
      const patch: Partial<Letter> = reopen
        ? {
            rating: parsed.data,
            rating_note: note.slice(0, 1000) || null,
            reopened: letter.reopened + 1,
            assigned_at: now,
            reply_due: replyDue(cal, now, box!, letter.category),
            extension_state: null,
            extension_days: null,
          }
        : { rating: parsed.data, rating_note: note.slice(0, 1000) || null, closed_at: now };
      await this.letters.step(
        trx,
        writer,
        letter,
        reopen ? 'reopen' : 'rate',
        patch,
        `${Rating.labels[parsed.data]}${note ? `：${note.slice(0, 500)}` : ''}`,
        letter.version,
      );
      await emit({
        type: reopen ? 'letter.reopen' : 'letter.rate',
        actor: writer,
        entityType: 'letter',
        entityId: letter.id,
        summary: `来信人评价：${Rating.labels[parsed.data]}`,
      });
    });
    return this.publicView((await this.repo.letter(letter.id))!);
  }

  private async publicView(r: Letter): Promise<PublicLetterView> {
    const [events, box, units] = await Promise.all([
      this.repo.events(r.id),
      this.repo.mailbox(r.mailbox_id),
      this.repo.unitNames(),
    ]);
    const unitName = (id: number | null) => (id ? (units.find((u) => u.id === id)?.name ?? null) : null);
    const shown = new Set([
      'submit',
      'accept',
      'reject',
      'assign',
      'reassign',
      'approve',
      'rate',
      'reopen',
      'close',
      'approve_extension',
    ]);
    return {
      queryCode: r.query_code,
      mailbox: box?.name ?? '',
      title: r.title,
      body: r.body,
      writer: maskName(r.writer_name),
      status: r.status,
      statusLabel: LetterStatus.labels[r.status as LetterStatus] ?? r.status,
      receivedAt: r.received_at,
      acceptedAt: r.accepted_at,
      answeredAt: r.answered_at,
      replyUnit: unitName(r.reply_unit_id),
      reply: r.status === 'answered' || r.status === 'closed' ? r.reply : null,
      rating: r.rating,
      canRate: r.status === 'answered',
      canReopen: r.status === 'answered' && r.reopened === 0,
      history: events
        .filter((e) => shown.has(e.action))
        .map((e) => ({
          label:
            e.action === 'submit'
              ? '来信'
              : e.action === 'approve'
                ? '答复'
                : e.action === 'approve_extension'
                  ? '延期'
                  : (LetterStatus.labels[e.to_status as LetterStatus] ?? e.action),
          at: e.at,
          // Internal notes stay inside, except the reasons the writer is owed.
          note: e.action === 'reject' || e.action === 'approve_extension' ? e.note : null,
        })),
    };
  }

  /** A letter as 来信反馈 shows it: dates, the answering unit, the reply; personal data masked. */
  static feedbackView(r: Letter, unitName: string | null) {
    return {
      id: r.id,
      title: maskFreeText(r.title),
      body: maskFreeText(r.body),
      writer: maskName(r.writer_name),
      receivedAt: r.received_at,
      acceptedAt: r.accepted_at,
      answeredAt: r.answered_at,
      replyUnit: unitName,
      reply: maskFreeText(r.reply ?? ''),
    };
  }

  async publishedLetter(id: number) {
    const r = await this.repo.letter(id);
    if (!r?.published_at || r.public_allowed !== 1) throw notFound('来信');
    const units = await this.repo.unitNames();
    return LettersPublicService.feedbackView(r, units.find((u) => u.id === r.reply_unit_id)?.name ?? null);
  }
}
