import { IdParams, NoContent } from '../../contract/common.js';
import {
  ExtensionBody,
  FaqBody,
  FaqList,
  FaqPublishBody,
  FaqView,
  LetterActionBody,
  LetterDetail,
  LetterFileBytes,
  LetterFileParams,
  LetterList,
  LettersQuery,
  PublishBody,
  StatsQuery,
  StatsReply,
  UnansweredReply,
} from '../../contract/interaction.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import { shanghaiDay } from '../../platform/time.js';
import { sendFile } from '../../platform/http/file-reply.js';
import type { LetterFilesService } from './letter-files.service.js';
import type { LetterFaqsService } from './letter-faqs.service.js';
import type { LettersPublicService } from './letters-public.service.js';
import type { LettersStatsService } from './letters-stats.service.js';
import type { LettersService } from './letters.service.js';

// The admin API of 政民互动: the 12345 office's and the units' side of the loop.

export interface InteractionServices {
  letters: LettersService;
  lettersPublic: LettersPublicService;
  lettersStats: LettersStatsService;
  faqs: LetterFaqsService;
  files: LetterFilesService;
}

export function interactionRoutes(app: Api, s: InteractionServices): void {
  // Every route needs letter.read (each taker's permissions — dispatch, draft, sign — come with it);
  // the service narrows it to the office or the letter's units and decides who may take which step.
  const tags = ['政民互动'];
  app.get(
    '/letters',
    {
      schema: {
        tags,
        summary: '来信列表（12345办公室看全部，单位看本单位承办的）',
        querystring: LettersQuery,
        response: { 200: LetterList },
      },
      config: { permission: 'letter.read' },
    },
    (req) => s.letters.list(actorOf(req), req.query),
  );
  app.get(
    '/letters/:id',
    {
      schema: { tags, summary: '来信详情与办理记录', params: IdParams, response: { 200: LetterDetail } },
      config: { permission: 'letter.read' },
    },
    (req) => s.letters.get(actorOf(req), req.params.id),
  );
  app.get(
    '/letters/:id/attachments/:fileId',
    {
      config: { permission: 'letter.read' },
      schema: {
        tags,
        summary: '下载来信附件（12345办公室和承办、会办单位）',
        params: LetterFileParams,
        response: { 200: LetterFileBytes },
      },
    },
    async (req, reply) => {
      const f = await s.files.download(actorOf(req), req.params.id, req.params.fileId);
      return sendFile(reply, f, f.bytes);
    },
  );
  app.post(
    '/letters/:id/actions',
    {
      schema: {
        tags,
        summary: '办理一步（受理、转办、拟稿、签发、审核、退单……）',
        params: IdParams,
        body: LetterActionBody,
        response: { 200: LetterDetail },
      },
      config: { permission: 'letter.read' },
    },
    (req) => s.letters.act(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/letters/:id/extension',
    {
      schema: {
        tags,
        summary: '申请、批准或不批准延期',
        params: IdParams,
        body: ExtensionBody,
        response: { 200: LetterDetail },
      },
      config: { permission: 'letter.read' },
    },
    (req) => s.letters.extension(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/letters/:id/publish',
    {
      schema: {
        tags,
        summary: '公开到来信反馈或撤下',
        params: IdParams,
        body: PublishBody,
        response: { 204: NoContent },
      },
      config: { permission: 'letter.read' },
    },
    async (req, reply) => {
      await s.lettersStats.publish(actorOf(req), req.params.id, req.body.publish, req.body.version);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/letters-stats',
    {
      schema: {
        tags,
        summary: '各单位每月收件、办结、按期办结率、满意率',
        querystring: StatsQuery,
        response: { 200: StatsReply },
      },
      config: { permission: 'letter.read' },
    },
    async (req) => ({ rows: await s.lettersStats.statsFor(actorOf(req), req.query.from, req.query.to) }),
  );
  app.get(
    '/letters-unanswered',
    {
      schema: { tags, summary: '超过3个月未答复的有效留言（单项否决指标）', response: { 200: UnansweredReply } },
      config: { permission: 'letter.read' },
    },
    async () => {
      const today = shanghaiDay(new Date());
      return { today, letters: await s.lettersStats.unansweredOverThreeMonths(today) };
    },
  );
  app.get(
    '/letter-faqs',
    {
      config: { permission: 'letter.read' },
      schema: { tags, summary: '共性问题（12345办公室整理）', response: { 200: FaqList } },
    },
    (req) => s.faqs.list(actorOf(req)),
  );
  app.post(
    '/letter-faqs',
    {
      config: { permission: 'letter.read' },
      schema: {
        tags,
        summary: '把几件相似来信整理成一条共性问题',
        body: FaqBody,
        response: { 200: FaqView },
      },
    },
    (req) => s.faqs.create(actorOf(req), req.body),
  );
  app.put(
    '/letter-faqs/:id',
    {
      config: { permission: 'letter.read' },
      schema: { tags, summary: '修改共性问题', params: IdParams, body: FaqBody, response: { 200: FaqView } },
    },
    (req) => s.faqs.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/letter-faqs/:id/publish',
    {
      config: { permission: 'letter.read' },
      schema: {
        tags,
        summary: '刊登或撤下共性问题',
        params: IdParams,
        body: FaqPublishBody,
        response: { 200: FaqView },
      },
    },
    (req) => s.faqs.publish(actorOf(req), req.params.id, req.body.publish),
  );
}
