import { z } from 'zod';
import { IdParams, NoContent } from '../../contract/common.js';
import {
  AnswerInput,
  CommentList,
  CommentsQuery,
  ConsultFigures,
  Consultation,
  ConsultationInput,
  ConsultationList,
  ConsultationPatch,
  Entry,
  EntryInput,
  EntryList,
  FiguresQuery,
  Interview,
  InterviewInput,
  InterviewList,
  InterviewPatch,
  Moderation,
  ModerationStatus,
  QuestionList,
} from '../../contract/consult.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import { uploadedFile } from '../../platform/http/upload.js';
import type { ConsultationsService } from './consultations.service.js';
import type { ConsultFiguresService } from './figures.service.js';
import type { InterviewsService } from './interviews.service.js';

// The admin API of 民意征集 and 在线访谈: thin routes, each with its permission and one service call.

export function consultRoutes(
  app: Api,
  s: { consultations: ConsultationsService; interviews: InterviewsService; consultFigures: ConsultFiguresService },
): void {
  const tags = ['民意征集'];
  const read = { permission: 'consult.read' as const };
  const write = { permission: 'consult.write' as const };
  app.get(
    '/consultations',
    { schema: { tags, summary: '意见征集列表', response: { 200: ConsultationList } }, config: read },
    (req) => s.consultations.list(actorOf(req)),
  );
  app.post(
    '/consultations',
    {
      schema: { tags, summary: '新建意见征集', body: ConsultationInput, response: { 201: Consultation } },
      config: write,
    },
    async (req, reply) => reply.code(201).send(await s.consultations.create(actorOf(req), req.body)),
  );
  app.get(
    '/consultations/:id',
    { schema: { tags, summary: '意见征集', params: IdParams, response: { 200: Consultation } }, config: read },
    (req) => s.consultations.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/consultations/:id',
    {
      schema: {
        tags,
        summary: '修改意见征集',
        params: IdParams,
        body: ConsultationPatch,
        response: { 200: Consultation },
      },
      config: write,
    },
    (req) => s.consultations.update(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/consultation-comments',
    { schema: { tags, summary: '征集意见', querystring: CommentsQuery, response: { 200: CommentList } }, config: read },
    (req) => s.consultations.comments(actorOf(req), req.query),
  );
  app.post(
    '/consultation-comments/:id/moderate',
    {
      schema: { tags, summary: '审核征集意见', params: IdParams, body: Moderation, response: { 204: NoContent } },
      config: write,
    },
    async (req, reply) => {
      await s.consultations.moderate(actorOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );

  const itags = ['在线访谈'];
  const host = { permission: 'interview.host' as const };
  app.get(
    '/interviews',
    { schema: { tags: itags, summary: '访谈列表', response: { 200: InterviewList } }, config: host },
    (req) => s.interviews.list(actorOf(req)),
  );
  app.post(
    '/interviews',
    { schema: { tags: itags, summary: '新建访谈', body: InterviewInput, response: { 201: Interview } }, config: host },
    async (req, reply) => reply.code(201).send(await s.interviews.create(actorOf(req), req.body)),
  );
  app.get(
    '/interviews/:id',
    { schema: { tags: itags, summary: '访谈', params: IdParams, response: { 200: Interview } }, config: host },
    (req) => s.interviews.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/interviews/:id',
    {
      schema: {
        tags: itags,
        summary: '修改访谈（含开始直播、归档）',
        params: IdParams,
        body: InterviewPatch,
        response: { 200: Interview },
      },
      config: host,
    },
    (req) => s.interviews.update(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/interviews/:id/questions',
    {
      schema: {
        tags: itags,
        summary: '网民提问',
        params: IdParams,
        querystring: z.object({ status: ModerationStatus.schema.optional() }),
        response: { 200: QuestionList },
      },
      config: host,
    },
    (req) => s.interviews.questions(actorOf(req), req.params.id, req.query.status),
  );
  app.post(
    '/interview-questions/:id/moderate',
    {
      schema: {
        tags: itags,
        summary: '审核网民提问',
        params: IdParams,
        body: Moderation,
        response: { 204: NoContent },
      },
      config: host,
    },
    async (req, reply) => {
      await s.interviews.moderate(actorOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/interview-questions/:id/answer',
    {
      schema: {
        tags: itags,
        summary: '答复网民提问',
        params: IdParams,
        body: AnswerInput,
        response: { 204: NoContent },
      },
      config: host,
    },
    async (req, reply) => {
      await s.interviews.answer(actorOf(req), req.params.id, req.body.answer);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/interviews/:id/entries',
    { schema: { tags: itags, summary: '文字直播记录', params: IdParams, response: { 200: EntryList } }, config: host },
    (req) => s.interviews.entries(actorOf(req), req.params.id),
  );
  app.post(
    '/interviews/:id/entries',
    {
      schema: { tags: itags, summary: '发布文字直播', params: IdParams, body: EntryInput, response: { 200: Entry } },
      config: host,
    },
    (req) => s.interviews.post(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/interviews/:id/photos',
    {
      schema: {
        tags: itags,
        summary: '发布图片（multipart/form-data，字段 file；说明文字在 caption 参数）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: z.object({ caption: z.string().max(500, '图片说明不能超过 500 个字').default('') }),
        response: { 200: Entry },
      },
      config: host,
    },
    async (req) => {
      const { bytes } = await uploadedFile(req, '图片');
      return s.interviews.postPhoto(actorOf(req), req.params.id, bytes, req.query.caption);
    },
  );
  app.get(
    '/consult/figures',
    {
      schema: {
        tags,
        summary: '年度报表：征集调查、在线访谈',
        querystring: FiguresQuery,
        response: { 200: ConsultFigures },
      },
      config: { permission: 'guarantee.read' },
    },
    (req) => s.consultFigures.figuresFor(actorOf(req), req.query.year, req.query.siteId),
  );
}
