import type { ExpressionBuilder, Kysely } from 'kysely';
import { insertReturningId, toInt, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';

// Queries of 在线访谈: interviews, their questions and the 文字直播 record. Interviews belong to the
// government office (the permission is county-wide), so there is no unit scope to apply here.

type From = ExpressionBuilder<DB, 'interviews'>;

const questionCount = (eb: From, where: 'pending' | 'approved' | 'answered') => {
  let q = eb
    .selectFrom('interview_questions as q')
    .select(eb.fn.countAll<number>().as('n'))
    .whereRef('q.interview_id', '=', 'interviews.id');
  q = where === 'answered' ? q.where('q.answered_at', 'is not', null) : q.where('q.status', '=', where);
  return q;
};

export interface InterviewRow {
  id: number;
  site_id: number;
  unit_id: number;
  title: string;
  guests: string;
  intro: string | null;
  starts_at: string;
  status: string;
  pending: number;
  approved: number;
  answered: number;
}

const ENTRY_COLUMNS = [
  'e.id',
  'e.interview_id',
  'e.kind',
  'e.speaker',
  'e.body',
  'e.question_id',
  'e.blob_key',
  'e.mime',
  'e.created_at',
  'q.body as quote',
] as const;

export class InterviewsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private base(db: Executor = this.db) {
    return db
      .selectFrom('interviews')
      .select((eb) => [
        'interviews.id',
        'interviews.site_id',
        'interviews.unit_id',
        'interviews.title',
        'interviews.guests',
        'interviews.intro',
        'interviews.starts_at',
        'interviews.status',
        questionCount(eb, 'pending').as('pending'),
        questionCount(eb, 'approved').as('approved'),
        questionCount(eb, 'answered').as('answered'),
      ]);
  }

  private static row(r: InterviewRow): InterviewRow {
    return { ...r, pending: toInt(r.pending), approved: toInt(r.approved), answered: toInt(r.answered) };
  }

  async list(siteId?: number): Promise<InterviewRow[]> {
    let q = this.base().orderBy('interviews.starts_at', 'desc').orderBy('interviews.id', 'desc');
    if (siteId) q = q.where('interviews.site_id', '=', siteId);
    return (await q.execute()).map((r) => InterviewsRepository.row(r as InterviewRow));
  }

  async get(id: number, db?: Executor): Promise<InterviewRow | null> {
    const r = await this.base(db).where('interviews.id', '=', id).executeTakeFirst();
    return r ? InterviewsRepository.row(r as InterviewRow) : null;
  }

  async siteExists(db: Executor, siteId: number): Promise<boolean> {
    return !!(await db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst());
  }

  insert(db: Executor, values: Parameters<typeof insertReturningId<'interviews'>>[2]): Promise<number> {
    return insertReturningId(db, 'interviews', values);
  }

  async update(
    db: Executor,
    id: number,
    set: Partial<{ title: string; guests: string; intro: string | null; starts_at: string; status: string }> & {
      updated_at: string;
    },
  ): Promise<void> {
    await db.updateTable('interviews').set(set).where('id', '=', id).execute();
  }

  insertQuestion(db: Executor, values: Parameters<typeof insertReturningId<'interview_questions'>>[2]) {
    return insertReturningId(db, 'interview_questions', values);
  }

  questions(interviewId: number, status?: string, db: Executor = this.db) {
    let q = db.selectFrom('interview_questions').selectAll().where('interview_id', '=', interviewId).orderBy('id');
    if (status) q = q.where('status', '=', status);
    return q.execute();
  }

  question(db: Executor, id: number) {
    return db.selectFrom('interview_questions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async setQuestion(
    db: Executor,
    id: number,
    set: Partial<{
      status: string;
      moderated_by: number | null;
      moderated_at: string;
      answer: string;
      answered_by: number | null;
      answered_at: string;
    }>,
  ): Promise<void> {
    await db.updateTable('interview_questions').set(set).where('id', '=', id).execute();
  }

  insertEntry(db: Executor, values: Parameters<typeof insertReturningId<'interview_entries'>>[2]) {
    return insertReturningId(db, 'interview_entries', values);
  }

  /** The record in order; `afterId` replays what a reconnecting browser has not seen (Last-Event-ID). */
  entries(interviewId: number, afterId = 0, db: Executor = this.db) {
    return db
      .selectFrom('interview_entries as e')
      .leftJoin('interview_questions as q', 'q.id', 'e.question_id')
      .select(ENTRY_COLUMNS)
      .where('e.interview_id', '=', interviewId)
      .where('e.id', '>', afterId)
      .orderBy('e.id')
      .execute();
  }

  entry(db: Executor, id: number) {
    return db
      .selectFrom('interview_entries as e')
      .leftJoin('interview_questions as q', 'q.id', 'e.question_id')
      .select(ENTRY_COLUMNS)
      .where('e.id', '=', id)
      .executeTakeFirstOrThrow();
  }

  /** The annual report's 在线访谈 row for [from, to). */
  async figures(from: string, to: string, siteId?: number) {
    const issues = await this.db
      .selectFrom('interviews')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .where('status', '!=', 'scheduled')
      .$if(siteId !== undefined, (q) => q.where('site_id', '=', siteId!))
      .executeTakeFirstOrThrow();
    const questions = (column: 'created_at' | 'answered_at') =>
      this.db
        .selectFrom('interview_questions as q')
        .innerJoin('interviews as i', 'i.id', 'q.interview_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(`q.${column}`, '>=', from)
        .where(`q.${column}`, '<', to)
        .$if(siteId !== undefined, (q) => q.where('i.site_id', '=', siteId!))
        .executeTakeFirstOrThrow();
    const messages = await questions('created_at');
    const answered = await questions('answered_at');
    return { issues: toInt(issues.n), messages: toInt(messages.n), answered: toInt(answered.n) };
  }
}

export type EntryRow = Awaited<ReturnType<InterviewsRepository['entry']>>;
