import type { PublicComment, PublicQuestion } from '../../contract/consult.js';
import { systemActor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid } from '../../platform/errors.js';
import { shanghaiDateTime } from '../../platform/time.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import { consultationState, paragraphLabel, paragraphsOf } from './consult-rules.js';
import { ConsultationState, InterviewStatus } from '../../contract/consult.js';
import type { ConsultationRow, ConsultationsRepository } from './consultations.repository.js';
import type { InterviewsRepository } from './interviews.repository.js';
import { entryView, interviewView } from './interviews.service.js';

// What the public site shows of 民意征集 and 在线访谈 (view models for the theme's templates), and what
// it takes from visitors: comments and questions, always pending until a moderator approves them.
// Only consultations whose text is published are visible; every visitor text is printed escaped.

export class ConsultPublicService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly consultations: ConsultationsRepository,
    private readonly interviews: InterviewsRepository,
    private readonly blobs: BlobStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private consultationView(r: ConsultationRow) {
    const state = consultationState(r, this.clock());
    return {
      id: r.id,
      title: r.title,
      unitName: r.unit_name,
      url: `/consult/${r.id}.html`,
      startsAt: shanghaiDateTime(r.starts_at),
      endsAt: shanghaiDateTime(r.ends_at),
      state,
      stateLabel: ConsultationState.labels[state],
      open: state === 'open',
      comments: r.approved,
      feedbackUrl: state === 'feedback' && r.feedback_article_id ? `/a/${r.feedback_article_id}.html` : null,
    };
  }

  async consultationList(siteId: number) {
    return (await this.consultations.listPublic(siteId)).map((r) => this.consultationView(r));
  }

  async consultation(siteId: number, id: number) {
    const r = await this.consultations.getPublic(siteId, id);
    if (!r) return null;
    const paragraphs = paragraphsOf(r.body_html);
    const comments = (await this.consultations.publicComments(id)).map((c) => ({
      paragraph: c.paragraph,
      paragraphLabel: c.paragraph ? `第${c.paragraph}段` : '总体意见',
      body: c.body,
      author: c.author || '网友',
      createdAt: shanghaiDateTime(c.created_at),
    }));
    return {
      ...this.consultationView(r),
      bodyHtml: r.body_html, // sanitised when the article was saved
      textUrl: `/a/${r.article_id}.html`,
      paragraphs: paragraphs.map((p, i) => ({ index: i + 1, label: paragraphLabel(i + 1, p) })),
      commentList: comments,
    };
  }

  async submitComment(siteId: number, id: number, input: PublicComment, ip: string): Promise<void> {
    const r = await this.consultations.getPublic(siteId, id);
    if (!r) throw new AppError('NOT_FOUND', '意见征集不存在');
    if (consultationState(r, this.clock()) !== 'open') throw new AppError('CONSULTATION_NOT_OPEN');
    if (input.paragraph !== null && input.paragraph > paragraphsOf(r.body_html).length)
      throw invalid('paragraph', '所选段落不存在，请重新选择');
    await this.uow.run(async (trx, emit) => {
      const commentId = await this.consultations.insertComment(trx, {
        consultation_id: id,
        paragraph: input.paragraph,
        body: input.body,
        author: input.author || null,
        status: 'pending',
        ip,
        created_at: nowIso(this.clock),
        moderated_by: null,
        moderated_at: null,
      });
      await emit({
        type: 'consultation.comment.received',
        actor: systemActor('public', ip),
        entityType: 'consultation_comment',
        entityId: commentId,
        summary: `意见征集“${r.title}”收到一条意见（待审核）`,
      });
    });
  }

  async interviewList(siteId: number) {
    const rows = (await this.interviews.list(siteId)).map((r) => this.interviewCard(interviewView(r)));
    return {
      current: rows.filter((r) => r.status !== 'archived').reverse(),
      archive: rows.filter((r) => r.status === 'archived'),
    };
  }

  private interviewCard(i: ReturnType<typeof interviewView>) {
    return {
      id: i.id,
      title: i.title,
      guests: i.guests,
      intro: i.intro,
      status: i.status,
      statusLabel: InterviewStatus.labels[i.status],
      startsAt: shanghaiDateTime(i.startsAt),
      url: `/interviews/${i.id}.html`,
    };
  }

  async interview(siteId: number, id: number) {
    const r = await this.interviews.get(id);
    if (!r || r.site_id !== siteId) return null;
    const questions = (await this.interviews.questions(id, 'approved')).map((q) => ({
      id: q.id,
      body: q.body,
      author: q.author || '网友',
      answer: q.answer,
      createdAt: shanghaiDateTime(q.created_at),
    }));
    const entries = (await this.interviews.entries(id)).map((e) => this.publicEntry(entryView(e)));
    return {
      ...this.interviewCard(interviewView(r)),
      asking: r.status !== 'archived',
      live: r.status === 'live',
      questions,
      entries,
      lastEntryId: entries.at(-1)?.id ?? 0,
    };
  }

  publicEntry(e: ReturnType<typeof entryView>) {
    return { ...e, time: shanghaiDateTime(e.createdAt).slice(11) };
  }

  /** The record after `afterId`, for the live stream's replay; null when the interview is not on the site. */
  async entriesAfter(siteId: number, id: number, afterId: number) {
    const r = await this.interviews.get(id);
    if (!r || r.site_id !== siteId) return null;
    return {
      status: r.status,
      entries: (await this.interviews.entries(id, afterId)).map((e) => this.publicEntry(entryView(e))),
    };
  }

  async submitQuestion(siteId: number, id: number, input: PublicQuestion, ip: string): Promise<void> {
    const r = await this.interviews.get(id);
    if (!r || r.site_id !== siteId) throw new AppError('NOT_FOUND', '访谈不存在');
    if (r.status === 'archived') throw new AppError('INTERVIEW_NOT_OPEN');
    await this.uow.run(async (trx, emit) => {
      const questionId = await this.interviews.insertQuestion(trx, {
        interview_id: id,
        body: input.body,
        author: input.author || null,
        phase: r.status === 'live' ? 'live' : 'before',
        status: 'pending',
        answer: null,
        ip,
        created_at: nowIso(this.clock),
        moderated_by: null,
        moderated_at: null,
        answered_by: null,
        answered_at: null,
      });
      await emit({
        type: 'interview.question.received',
        actor: systemActor('public', ip),
        entityType: 'interview_question',
        entityId: questionId,
        summary: `在线访谈“${r.title}”收到一条网民提问（待审核）`,
      });
    });
  }

  /** A photo of the record, if the interview is on this site. */
  async photo(siteId: number, interviewId: number, entryId: number) {
    const r = await this.interviews.get(interviewId);
    if (!r || r.site_id !== siteId) return null;
    const e = (await this.interviews.entries(interviewId, entryId - 1)).find((x) => x.id === entryId);
    if (!e?.blob_key || !e.mime) return null;
    return { mime: e.mime, bytes: await this.blobs.read(e.blob_key) };
  }
}
