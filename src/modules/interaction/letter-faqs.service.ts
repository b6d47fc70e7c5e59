import type { FaqBody, FaqView } from '../../contract/interaction.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { maskFreeText } from '../../platform/public-forms/index.js';
import type { LetterFaq, LetterFaqsRepository } from './letter-faqs.repository.js';
import type { LettersService } from './letters.service.js';

// 刊登共性问题 (issue 12 item 5): the 12345 office turns several similar letters into one question and
// answer, linked to the letters it came from, and publishes it. Only the office writes them; the
// public page shows the published ones (personal data inside the text masked like 来信反馈) with
// links to those of the letters that are themselves published.

export interface PublicFaq {
  id: number;
  question: string;
  answer: string;
  publishedAt: string;
  letterCount: number;
  publishedLetters: Array<{ id: number; title: string }>;
}

export class LetterFaqsService {
  constructor(
    private readonly repo: LetterFaqsRepository,
    private readonly uow: UnitOfWork,
    private readonly letters: LettersService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async office(actor: Actor): Promise<void> {
    if (!(await this.letters.isOffice(actor))) throw new AppError('FORBIDDEN', '共性问题由12345办公室整理和刊登');
  }

  async list(actor: Actor): Promise<{ items: FaqView[] }> {
    await this.office(actor);
    return { items: await this.views(await this.repo.all()) };
  }

  async get(actor: Actor, id: number): Promise<FaqView> {
    await this.office(actor);
    const row = await this.repo.faq(id);
    if (!row) throw notFound('共性问题');
    return (await this.views([row]))[0]!;
  }

  async create(actor: Actor, body: FaqBody): Promise<FaqView> {
    await this.office(actor);
    const ids = await this.checkedLetters(body);
    const id = await this.uow.run(async (trx, emit) => {
      const now = this.clock().toISOString();
      const faqId = await this.repo.insert(
        {
          question: body.question,
          answer: body.answer,
          column_id: body.columnId ?? null,
          created_by: actor.kind === 'account' ? actor.accountId : null,
          created_at: now,
          published_at: null,
        },
        trx,
      );
      await this.repo.replaceLinks(faqId, ids, trx);
      await emit({
        type: 'letter_faq.created',
        actor,
        entityType: 'letter_faq',
        entityId: faqId,
        summary: `整理共性问题“${body.question.slice(0, 50)}”（来自 ${ids.length} 件来信）`,
        details: { letterIds: ids },
      });
      return faqId;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, body: FaqBody): Promise<FaqView> {
    await this.office(actor);
    if (!(await this.repo.faq(id))) throw notFound('共性问题');
    const ids = await this.checkedLetters(body);
    await this.uow.run(async (trx, emit) => {
      await this.repo.update(
        id,
        { question: body.question, answer: body.answer, column_id: body.columnId ?? null },
        trx,
      );
      await this.repo.replaceLinks(id, ids, trx);
      await emit({
        type: 'letter_faq.updated',
        actor,
        entityType: 'letter_faq',
        entityId: id,
        summary: `修改共性问题“${body.question.slice(0, 50)}”`,
        details: { letterIds: ids },
      });
    });
    return this.get(actor, id);
  }

  async publish(actor: Actor, id: number, publish: boolean): Promise<FaqView> {
    await this.office(actor);
    const row = await this.repo.faq(id);
    if (!row) throw notFound('共性问题');
    await this.uow.run(async (trx, emit) => {
      // Publishing again keeps the first date: the column's update is the day it first appeared.
      const at = publish ? (row.published_at ?? this.clock().toISOString()) : null;
      await this.repo.update(id, { published_at: at }, trx);
      await emit({
        type: publish ? 'letter_faq.published' : 'letter_faq.unpublished',
        actor,
        entityType: 'letter_faq',
        entityId: id,
        summary: `${publish ? '刊登' : '撤下'}共性问题“${row.question.slice(0, 50)}”`,
      });
    });
    return this.get(actor, id);
  }

  /** The published questions, newest first, as the public page shows them. */
  async publicPage(limit: number, offset: number): Promise<{ items: PublicFaq[]; total: number }> {
    const [rows, total] = await Promise.all([this.repo.published(limit, offset), this.repo.publishedCount()]);
    return { items: await this.publicViews(rows), total };
  }

  async publicOne(id: number): Promise<PublicFaq> {
    const row = await this.repo.faq(id);
    if (!row?.published_at) throw notFound('共性问题');
    return (await this.publicViews([row]))[0]!;
  }

  /** Two or more letters that exist and were not refused (不予受理 letters are no one's question). */
  private async checkedLetters(body: FaqBody): Promise<number[]> {
    const ids = [...new Set(body.letterIds)];
    if (ids.length < 2) throw invalid('letterIds', '共性问题应由至少两件相似来信归纳而成');
    const found = await this.repo.lettersByIds(ids);
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw invalid('letterIds', `来信不存在：${missing.join('、')}`);
    const refused = found.filter((f) => f.status === 'rejected' || f.status === 'received').map((f) => f.id);
    if (refused.length) throw invalid('letterIds', `未受理或不予受理的来信不能归入共性问题：${refused.join('、')}`);
    if (body.columnId && !(await this.repo.columnExists(body.columnId))) throw invalid('columnId', '所选栏目不存在');
    return ids;
  }

  private async views(rows: LetterFaq[]): Promise<FaqView[]> {
    const links = await this.repo.linkedLetters(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      question: r.question,
      answer: r.answer,
      columnId: r.column_id,
      createdAt: r.created_at,
      publishedAt: r.published_at,
      letters: links
        .filter((l) => l.faq_id === r.id)
        .map((l) => ({ id: l.id, title: l.title, queryCode: l.query_code, status: l.status })),
    }));
  }

  private async publicViews(rows: LetterFaq[]): Promise<PublicFaq[]> {
    const links = await this.repo.linkedLetters(rows.map((r) => r.id));
    return rows.map((r) => {
      const own = links.filter((l) => l.faq_id === r.id);
      return {
        id: r.id,
        question: maskFreeText(r.question),
        answer: maskFreeText(r.answer),
        publishedAt: r.published_at!,
        letterCount: own.length,
        publishedLetters: own
          .filter((l) => l.published_at !== null && l.public_allowed === 1)
          .map((l) => ({ id: l.id, title: maskFreeText(l.title) })),
      };
    });
  }
}
