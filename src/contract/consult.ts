// Contract of the consult module (modules/consult): 民意征集 (consultations with comments) and 在线访谈
// (interviews with questions and a 文字直播 record), issue 12 items 6–8.

import { z } from 'zod';
import { Instant, labelledEnum } from './common.js';

/**
 * Where a consultation stands, derived from its two articles and its period (never stored): the text
 * goes through review like any article; once published, the period decides; a published 采纳情况反馈
 * closes the story.
 */
export const ConsultationState = labelledEnum(
  ['draft', 'in_review', 'upcoming', 'open', 'closed', 'feedback', 'withdrawn'],
  {
    draft: '草稿',
    in_review: '审核中',
    upcoming: '未开始',
    open: '征集中',
    closed: '已结束',
    feedback: '已反馈',
    withdrawn: '已撤下',
  },
);
export type ConsultationState = (typeof ConsultationState.values)[number];

export const ModerationStatus = labelledEnum(['pending', 'approved', 'rejected'], {
  pending: '待审核',
  approved: '已公开',
  rejected: '不予公开',
});
export type ModerationStatus = (typeof ModerationStatus.values)[number];

export const InterviewStatus = labelledEnum(['scheduled', 'live', 'archived'], {
  scheduled: '预告',
  live: '直播中',
  archived: '往期',
});
export type InterviewStatus = (typeof InterviewStatus.values)[number];

export const EntryKind = labelledEnum(['text', 'photo', 'question', 'answer'], {
  text: '文字直播',
  photo: '图片',
  question: '网民提问',
  answer: '答复',
});

export const QuestionPhase = labelledEnum(['before', 'live'], { before: '访谈前征集', live: '直播中提问' });

/** What a person may write in a public comment or question (the public forms cut at the same limits). */
export const LIMITS = { body: 2000, author: 50, entry: 5000 } as const;

const text = (max: number, what: string) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);

export const ConsultationInput = z
  .object({
    articleId: z.number().int().positive('请选择征集稿信息'),
    title: text(300, '标题'),
    startsAt: z.iso.datetime({ offset: true, message: '开始时间格式不正确' }),
    endsAt: z.iso.datetime({ offset: true, message: '截止时间格式不正确' }),
  })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), {
    message: '截止时间应晚于开始时间',
    path: ['endsAt'],
  });
export type ConsultationInput = z.infer<typeof ConsultationInput>;

export const ConsultationPatch = z.object({
  title: text(300, '标题').optional(),
  startsAt: z.iso.datetime({ offset: true, message: '开始时间格式不正确' }).optional(),
  endsAt: z.iso.datetime({ offset: true, message: '截止时间格式不正确' }).optional(),
  /** The 采纳情况反馈 article (null: none yet). */
  feedbackArticleId: z.number().int().positive().nullable().optional(),
});
export type ConsultationPatch = z.infer<typeof ConsultationPatch>;

export const Consultation = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  title: z.string(),
  articleId: z.number().int(),
  articleStatus: z.string(),
  feedbackArticleId: z.number().int().nullable(),
  feedbackStatus: z.string().nullable(),
  startsAt: Instant,
  endsAt: Instant,
  state: ConsultationState.schema,
  comments: z.object({ pending: z.number().int(), approved: z.number().int(), rejected: z.number().int() }),
});
export type Consultation = z.infer<typeof Consultation>;
export const ConsultationList = z.array(Consultation);
export type ConsultationList = z.infer<typeof ConsultationList>;

export const Comment = z.object({
  id: z.number().int(),
  consultationId: z.number().int(),
  consultationTitle: z.string(),
  paragraph: z.number().int().nullable(),
  body: z.string(),
  author: z.string().nullable(),
  status: ModerationStatus.schema,
  createdAt: Instant,
});
export type Comment = z.infer<typeof Comment>;
export const CommentList = z.array(Comment);
export type CommentList = z.infer<typeof CommentList>;

export const CommentsQuery = z.object({
  status: ModerationStatus.schema.optional(),
  consultationId: z.coerce.number().int().positive().optional(),
});

export const Moderation = z.object({ status: z.enum(['approved', 'rejected']) });
export type Moderation = z.infer<typeof Moderation>;

export const InterviewInput = z.object({
  siteId: z.number().int().positive('请选择网站'),
  title: text(300, '访谈主题'),
  guests: text(1000, '访谈嘉宾'),
  intro: z.string().trim().max(5000, '简介不能超过 5000 个字').nullable().default(null),
  startsAt: z.iso.datetime({ offset: true, message: '访谈时间格式不正确' }),
});
export type InterviewInput = z.infer<typeof InterviewInput>;

export const InterviewPatch = z.object({
  title: text(300, '访谈主题').optional(),
  guests: text(1000, '访谈嘉宾').optional(),
  intro: z.string().trim().max(5000, '简介不能超过 5000 个字').nullable().optional(),
  startsAt: z.iso.datetime({ offset: true, message: '访谈时间格式不正确' }).optional(),
  status: InterviewStatus.schema.optional(),
});
export type InterviewPatch = z.infer<typeof InterviewPatch>;

export const Interview = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  unitId: z.number().int(),
  title: z.string(),
  guests: z.string(),
  intro: z.string().nullable(),
  startsAt: Instant,
  status: InterviewStatus.schema,
  questions: z.object({ pending: z.number().int(), approved: z.number().int(), answered: z.number().int() }),
});
export type Interview = z.infer<typeof Interview>;
export const InterviewList = z.array(Interview);
export type InterviewList = z.infer<typeof InterviewList>;

export const Question = z.object({
  id: z.number().int(),
  interviewId: z.number().int(),
  body: z.string(),
  author: z.string().nullable(),
  phase: QuestionPhase.schema,
  status: ModerationStatus.schema,
  answer: z.string().nullable(),
  createdAt: Instant,
  answeredAt: Instant.nullable(),
});
export type Question = z.infer<typeof Question>;
export const QuestionList = z.array(Question);
export type QuestionList = z.infer<typeof QuestionList>;

export const AnswerInput = z.object({ answer: text(LIMITS.entry, '答复') });

export const EntryInput = z.object({
  speaker: z.string().trim().max(100, '发言人不能超过 100 个字').nullable().default(null),
  body: text(LIMITS.entry, '直播内容'),
});
export type EntryInput = z.infer<typeof EntryInput>;

export const Entry = z.object({
  id: z.number().int(),
  interviewId: z.number().int(),
  kind: EntryKind.schema,
  speaker: z.string().nullable(),
  body: z.string(),
  questionId: z.number().int().nullable(),
  /** Public address of a photo entry's picture. */
  photoUrl: z.string().nullable(),
  /** An answer's question, as the public asked it. */
  quote: z.string().nullable(),
  createdAt: Instant,
});
export type Entry = z.infer<typeof Entry>;
export const EntryList = z.array(Entry);
export type EntryList = z.infer<typeof EntryList>;

/** The annual report's rows 征集调查 and 在线访谈 (政府网站工作年度报表), computed from the data. */
export const ConsultFigures = z.object({
  year: z.number().int(),
  consultations: z.object({ issues: z.number().int(), comments: z.number().int(), resultsPublished: z.number().int() }),
  interviews: z.object({ issues: z.number().int(), messages: z.number().int(), answered: z.number().int() }),
});
export type ConsultFigures = z.infer<typeof ConsultFigures>;
/** A comment from the public form (no-JS: every field arrives as text). */
export const PublicComment = z.object({
  paragraph: z
    .union([z.literal(''), z.coerce.number().int().min(1, '请选择段落')])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
  body: text(LIMITS.body, '意见内容'),
  author: z.string().trim().max(LIMITS.author, `署名不能超过 ${LIMITS.author} 个字`).optional().default(''),
});
export type PublicComment = z.infer<typeof PublicComment>;

export const PublicQuestion = z.object({
  body: text(LIMITS.body, '提问内容'),
  author: z.string().trim().max(LIMITS.author, `署名不能超过 ${LIMITS.author} 个字`).optional().default(''),
});
export type PublicQuestion = z.infer<typeof PublicQuestion>;

export const FiguresQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  siteId: z.coerce.number().int().positive().optional(),
});
