import type {
  Entry,
  EntryInput,
  Interview,
  InterviewInput,
  InterviewPatch,
  Moderation,
} from '../../contract/consult.js';
import { actorAccountId, type Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import type { LiveChannel } from './interview-live.js';
import type { EntryRow, InterviewRow, InterviewsRepository } from './interviews.repository.js';

// 在线访谈 in the admin API: the office schedules an interview, moderates the public's questions, and
// during the interview its host writes the 文字直播, posts photos and answers questions. Each line of the
// record is a row whose id is also the event id of the live stream.

/** Forward only: a preview goes live, a live interview is archived (往期访谈). */
const NEXT: Record<string, readonly string[]> = { scheduled: ['live', 'archived'], live: ['archived'], archived: [] };
/** A photo's type from its first bytes (what the browser will be told), never from its name. */
export function photoType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  return null;
}

export function entryView(e: EntryRow): Entry {
  return {
    id: e.id,
    interviewId: e.interview_id,
    kind: e.kind as Entry['kind'],
    speaker: e.speaker,
    body: e.body,
    questionId: e.question_id,
    photoUrl: e.blob_key ? `/interviews/${e.interview_id}/photos/${e.id}` : null,
    createdAt: e.created_at,
    quote: e.quote ?? null,
  };
}

export function interviewView(r: InterviewRow): Interview {
  return {
    id: r.id,
    siteId: r.site_id,
    unitId: r.unit_id,
    title: r.title,
    guests: r.guests,
    intro: r.intro,
    startsAt: r.starts_at,
    status: r.status as Interview['status'],
    questions: { pending: r.pending, approved: r.approved, answered: r.answered },
  };
}

export class InterviewsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: InterviewsRepository,
    private readonly blobs: BlobStore,
    private readonly live: LiveChannel,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(actor: Actor): Promise<Interview[]> {
    authorize(actor, 'interview.host');
    return (await this.repo.list()).map(interviewView);
  }

  async get(actor: Actor, id: number): Promise<Interview> {
    authorize(actor, 'interview.host');
    return interviewView(await this.row(id));
  }

  private async row(id: number, db?: Executor): Promise<InterviewRow> {
    const r = await this.repo.get(id, db);
    if (!r) throw notFound('访谈');
    return r;
  }

  async create(actor: Actor, input: InterviewInput): Promise<Interview> {
    authorize(actor, 'interview.host');
    if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
    const id = await this.uow.run(async (trx, emit) => {
      if (!(await this.repo.siteExists(trx, input.siteId))) throw invalid('siteId', '网站不存在');
      const now = nowIso(this.clock);
      const id = await this.repo.insert(trx, {
        site_id: input.siteId,
        unit_id: actor.unitId,
        title: input.title,
        guests: input.guests,
        intro: input.intro || null,
        starts_at: new Date(input.startsAt).toISOString(),
        status: 'scheduled',
        created_by: actor.accountId,
        created_at: now,
        updated_at: now,
      });
      await emit({
        type: 'interview.created',
        actor,
        entityType: 'interview',
        entityId: id,
        summary: `新建在线访谈“${input.title}”`,
        siteId: input.siteId,
      });
      return id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, patch: InterviewPatch): Promise<Interview> {
    authorize(actor, 'interview.host');
    const current = await this.row(id);
    if (patch.status && patch.status !== current.status && !NEXT[current.status]?.includes(patch.status))
      throw new AppError(
        'CONFLICT',
        current.status === 'archived' ? '访谈已归档，不能再改变状态' : '访谈状态只能向前推进',
      );
    await this.uow.run(async (trx, emit) => {
      await this.repo.update(trx, id, {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.guests !== undefined ? { guests: patch.guests } : {}),
        ...(patch.intro !== undefined ? { intro: patch.intro || null } : {}),
        ...(patch.startsAt ? { starts_at: new Date(patch.startsAt).toISOString() } : {}),
        ...(patch.status ? { status: patch.status } : {}),
        updated_at: nowIso(this.clock),
      });
      await emit({
        type: patch.status && patch.status !== current.status ? `interview.${patch.status}` : 'interview.updated',
        actor,
        entityType: 'interview',
        entityId: id,
        summary: `修改在线访谈“${patch.title ?? current.title}”${patch.status === 'live' ? '，开始直播' : patch.status === 'archived' ? '，结束并归档' : ''}`,
        details: { ...patch },
        siteId: current.site_id,
      });
    });
    if (patch.status && patch.status !== current.status)
      this.live.publish(id, { type: 'status', status: patch.status });
    return this.get(actor, id);
  }

  async questions(actor: Actor, id: number, status?: string) {
    authorize(actor, 'interview.host');
    await this.row(id);
    return (await this.repo.questions(id, status)).map((q) => ({
      id: q.id,
      interviewId: q.interview_id,
      body: q.body,
      author: q.author,
      phase: q.phase as 'before' | 'live',
      status: q.status as 'pending' | 'approved' | 'rejected',
      answer: q.answer,
      createdAt: q.created_at,
      answeredAt: q.answered_at,
    }));
  }

  /** Approving a question while the interview is live puts it into the record at once. */
  async moderate(actor: Actor, questionId: number, m: Moderation): Promise<void> {
    authorize(actor, 'interview.host');
    const entry = await this.uow.run(async (trx, emit) => {
      const q = await this.repo.question(trx, questionId);
      if (!q) throw notFound('提问');
      if (q.status === m.status) throw new AppError('CONFLICT', '该提问已是此状态');
      if (q.answered_at) throw new AppError('CONFLICT', '已答复的提问不能再改变审核结果');
      const interview = await this.row(q.interview_id, trx);
      const now = nowIso(this.clock);
      await this.repo.setQuestion(trx, questionId, {
        status: m.status,
        moderated_by: actorAccountId(actor),
        moderated_at: now,
      });
      await emit({
        type: `interview.question.${m.status}`,
        actor,
        entityType: 'interview_question',
        entityId: questionId,
        summary: `${m.status === 'approved' ? '公开' : '不予公开'}在线访谈“${interview.title}”的一条网民提问`,
        siteId: interview.site_id,
      });
      if (m.status !== 'approved' || interview.status !== 'live') return null;
      return this.appendIn(trx, actor, interview.id, { kind: 'question', speaker: q.author, body: q.body, questionId });
    });
    if (entry) this.live.publish(entry.interviewId, { type: 'entry', entry });
  }

  async answer(actor: Actor, questionId: number, answer: string): Promise<void> {
    authorize(actor, 'interview.host');
    const entry = await this.uow.run(async (trx, emit) => {
      const q = await this.repo.question(trx, questionId);
      if (!q) throw notFound('提问');
      if (q.status !== 'approved') throw new AppError('CONFLICT', '请先审核公开该提问，再答复');
      const interview = await this.row(q.interview_id, trx);
      if (interview.status !== 'live') throw new AppError('INTERVIEW_NOT_OPEN', '访谈直播中才能答复网民提问');
      await this.repo.setQuestion(trx, questionId, {
        answer,
        answered_by: actorAccountId(actor),
        answered_at: nowIso(this.clock),
      });
      await emit({
        type: 'interview.question.answered',
        actor,
        entityType: 'interview_question',
        entityId: questionId,
        summary: `答复在线访谈“${interview.title}”的一条网民提问`,
        siteId: interview.site_id,
      });
      return this.appendIn(trx, actor, interview.id, { kind: 'answer', speaker: null, body: answer, questionId });
    });
    this.live.publish(entry.interviewId, { type: 'entry', entry });
  }

  async post(actor: Actor, interviewId: number, input: EntryInput): Promise<Entry> {
    return this.record(actor, interviewId, { kind: 'text', speaker: input.speaker, body: input.body });
  }

  async postPhoto(actor: Actor, interviewId: number, bytes: Buffer, caption: string): Promise<Entry> {
    authorize(actor, 'interview.host');
    const mime = photoType(bytes);
    if (!mime) throw new AppError('FILE_TYPE_NOT_ALLOWED', '图片仅支持 PNG、JPEG、GIF、WebP');
    const stored = await this.blobs.put(bytes);
    return this.record(actor, interviewId, {
      kind: 'photo',
      speaker: null,
      body: caption.trim().slice(0, 500),
      blobKey: stored.key,
      mime,
    });
  }

  private async record(
    actor: Actor,
    interviewId: number,
    e: { kind: Entry['kind']; speaker: string | null; body: string; blobKey?: string; mime?: string },
  ): Promise<Entry> {
    authorize(actor, 'interview.host');
    const entry = await this.uow.run(async (trx, emit) => {
      const interview = await this.row(interviewId, trx);
      if (interview.status !== 'live') throw new AppError('INTERVIEW_NOT_OPEN', '访谈直播中才能发布文字直播');
      const entry = await this.appendIn(trx, actor, interviewId, e);
      await emit({
        type: 'interview.entry.posted',
        actor,
        entityType: 'interview_entry',
        entityId: entry.id,
        summary: `在线访谈“${interview.title}”发布${e.kind === 'photo' ? '图片' : '文字直播'}`,
        siteId: interview.site_id,
      });
      return entry;
    });
    this.live.publish(interviewId, { type: 'entry', entry });
    return entry;
  }

  private async appendIn(
    trx: Executor,
    actor: Actor,
    interviewId: number,
    e: { kind: string; speaker: string | null; body: string; questionId?: number; blobKey?: string; mime?: string },
  ) {
    const id = await this.repo.insertEntry(trx, {
      interview_id: interviewId,
      kind: e.kind,
      speaker: e.speaker?.trim() || null,
      body: e.body,
      question_id: e.questionId ?? null,
      blob_key: e.blobKey ?? null,
      mime: e.mime ?? null,
      created_by: actorAccountId(actor),
      created_at: nowIso(this.clock),
    });
    return entryView(await this.repo.entry(trx, id));
  }

  async entries(actor: Actor, interviewId: number): Promise<Entry[]> {
    authorize(actor, 'interview.host');
    await this.row(interviewId);
    return (await this.repo.entries(interviewId)).map(entryView);
  }
}
