import type { Generated } from 'kysely';

// The tables of migration 0015 (民意征集, 在线访谈). Conventions as in tables.ts.

export interface ConsultationsTable {
  id: Generated<number>;
  site_id: number;
  unit_id: number;
  /** The 征集稿: an article in the consultation's column, reviewed and published like any other. */
  article_id: number;
  /** The 采纳情况反馈, another article; null until the unit names it. */
  feedback_article_id: number | null;
  title: string;
  starts_at: string;
  ends_at: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ConsultationCommentsTable {
  id: Generated<number>;
  consultation_id: number;
  paragraph: number | null; // 1-based paragraph of the text; null: on the whole
  body: string;
  author: string | null;
  status: string; // pending | approved | rejected
  ip: string | null;
  created_at: string;
  moderated_by: number | null;
  moderated_at: string | null;
}

export interface InterviewsTable {
  id: Generated<number>;
  site_id: number;
  unit_id: number;
  title: string;
  guests: string;
  intro: string | null;
  starts_at: string;
  status: string; // scheduled | live | archived
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface InterviewQuestionsTable {
  id: Generated<number>;
  interview_id: number;
  body: string;
  author: string | null;
  phase: string; // before | live
  status: string; // pending | approved | rejected
  answer: string | null;
  ip: string | null;
  created_at: string;
  moderated_by: number | null;
  moderated_at: string | null;
  answered_by: number | null;
  answered_at: string | null;
}

export interface InterviewEntriesTable {
  id: Generated<number>;
  interview_id: number;
  kind: string; // text | photo | question | answer
  speaker: string | null;
  body: string;
  question_id: number | null;
  blob_key: string | null;
  mime: string | null;
  created_by: number | null;
  created_at: string;
}

export interface ConsultTables {
  consultations: ConsultationsTable;
  consultation_comments: ConsultationCommentsTable;
  interviews: InterviewsTable;
  interview_questions: InterviewQuestionsTable;
  interview_entries: InterviewEntriesTable;
}
