import { z } from 'zod';
import { ArticleView } from '../../contract/articles.js';
import { FileBytes } from '../../contract/common.js';
import { CheckResults, PublishQueue, ReviewHistory, TaskList } from '../../contract/review.js';
import { actorOf } from '../../platform/http/api-context.js';
import { sendFile } from '../../platform/http/file-reply.js';
import type { Api } from '../../platform/http/types.js';
import type { ChecksService } from './checks.service.js';
import type { ChainsService } from './chains.service.js';
import type { LedgerService } from './ledger.service.js';
import type { PublishingService } from './publishing.service.js';
import type { ReviewFormService } from './review-form.js';
import type { ReviewQueryService } from './review-query.service.js';
import { ApproveInput, IdParams, ReasonInput, ReturnInput, ScheduleInput, SubmitInput } from './review.schemas.js';
import type { WorkflowService } from './workflow.service.js';

export interface ReviewServices {
  workflow: WorkflowService;
  publishing: PublishingService;
  reviewQuery: ReviewQueryService;
  reviewForm: ReviewFormService;
  checks: ChecksService;
  chains: ChainsService;
  ledger: LedgerService;
}

const UnpublishInput = z.object({ reason: z.string().trim().min(2, '请说明原因').max(500) });

export function reviewRoutes(app: Api, s: ReviewServices): void {
  const tags = ['审核与发布'];
  const done = (req: { params: { id: number } } & Parameters<typeof actorOf>[0]) =>
    s.reviewQuery.history(actorOf(req), req.params.id);

  app.post(
    '/articles/:id/submit',
    {
      schema: {
        tags,
        summary: '送审（先运行内容检查）',
        params: IdParams,
        body: SubmitInput,
        response: { 200: ReviewHistory },
      },
      config: { permission: 'article.write' },
    },
    async (req) => {
      await s.workflow.submit(actorOf(req), req.params.id, req.body.overrides);
      return done(req);
    },
  );
  app.post(
    '/articles/:id/approve',
    {
      schema: {
        tags,
        summary: '审核通过（填写意见）',
        params: IdParams,
        body: ApproveInput,
        response: { 200: ReviewHistory },
      },
      config: { permission: 'review.act' },
    },
    async (req) => {
      await s.workflow.approve(actorOf(req), req.params.id, req.body);
      return done(req);
    },
  );
  app.post(
    '/articles/:id/return',
    {
      schema: {
        tags,
        summary: '退回修改（退回拟稿人或之前的步骤）',
        params: IdParams,
        body: ReturnInput,
        response: { 200: ReviewHistory },
      },
      config: { permission: 'review.act' },
    },
    async (req) => {
      await s.workflow.returnItem(actorOf(req), req.params.id, req.body.reason, req.body.toPosition);
      return done(req);
    },
  );
  app.post(
    '/articles/:id/reject',
    {
      schema: { tags, summary: '不予采用', params: IdParams, body: ReasonInput, response: { 200: ReviewHistory } },
      config: { permission: 'review.act' },
    },
    async (req) => {
      await s.workflow.reject(actorOf(req), req.params.id, req.body.reason);
      return done(req);
    },
  );
  app.post(
    '/articles/:id/recall',
    {
      schema: { tags, summary: '撤回送审', params: IdParams, body: ReasonInput, response: { 200: ReviewHistory } },
      config: { permission: 'article.write' },
    },
    async (req) => {
      await s.workflow.recall(actorOf(req), req.params.id, req.body.reason);
      return done(req);
    },
  );
  // Publishing now and taking offline keep their place in the API's 信息 section.
  const contentTags = ['信息'];
  app.post(
    '/articles/:id/publish',
    {
      schema: { tags: contentTags, summary: '发布', params: IdParams, response: { 200: ArticleView } },
      config: { permission: 'article.publish' },
    },
    (req) => s.publishing.publish(actorOf(req), req.params.id),
  );
  app.post(
    '/articles/:id/unpublish',
    {
      schema: {
        tags: contentTags,
        summary: '下线',
        params: IdParams,
        body: UnpublishInput,
        response: { 200: ArticleView },
      },
      config: { permission: 'article.publish' },
    },
    (req) => s.publishing.unpublish(actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/articles/:id/emergency-publish',
    {
      schema: {
        tags,
        summary: '紧急发布（须说明理由，事后审核）',
        params: IdParams,
        body: ReasonInput,
        response: { 200: ArticleView },
      },
      config: { permission: 'review.emergency' },
    },
    (req) => s.publishing.emergencyPublish(actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/articles/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤稿（须说明理由）',
        params: IdParams,
        body: ReasonInput,
        response: { 200: ArticleView },
      },
      config: { permission: 'article.publish' },
    },
    (req) => s.publishing.withdraw(actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/articles/:id/schedule',
    {
      schema: {
        tags,
        summary: '定时发布、定时下线（null 取消）',
        params: IdParams,
        body: ScheduleInput,
        response: { 200: ArticleView },
      },
      config: { permission: 'article.publish' },
    },
    (req) => s.publishing.schedule(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/articles/:id/review-form-scan',
    {
      schema: {
        tags,
        summary: '上传纸质审核表扫描件（先上传附件，再提交附件编号）',
        params: IdParams,
        body: z.object({ attachmentId: z.number().int().positive() }),
        response: { 200: ArticleView },
      },
      config: { permission: 'article.write' },
    },
    (req) => s.publishing.setReviewFormScan(actorOf(req), req.params.id, req.body.attachmentId),
  );
  app.get(
    '/articles/:id/review',
    {
      schema: { tags, summary: '审核记录与当前步骤', params: IdParams, response: { 200: ReviewHistory } },
      config: { permission: 'article.read' },
    },
    (req) => done(req),
  );
  app.get(
    '/articles/:id/review-form',
    {
      schema: { tags, summary: '信息发布审核表（可打印 HTML）', params: IdParams, response: { 200: FileBytes } },
      config: { permission: 'article.read' },
    },
    async (req, reply) =>
      reply.type('text/html; charset=utf-8').send(await s.reviewForm.html(actorOf(req), req.params.id)),
  );
  app.get(
    '/articles/:id/review-form.pdf',
    {
      schema: { tags, summary: '信息发布审核表（PDF）', params: IdParams, response: { 200: FileBytes } },
      config: { permission: 'article.read' },
    },
    async (req, reply) => {
      const bytes = await s.reviewForm.pdfBytes(actorOf(req), req.params.id);
      return sendFile(reply, { mime: 'application/pdf', name: `信息发布审核表-${req.params.id}.pdf` }, bytes, 'inline');
    },
  );
  app.get(
    '/articles/:id/checks',
    {
      schema: { tags, summary: '内容检查结果（当前版本）', params: IdParams, response: { 200: CheckResults } },
      config: { permission: 'article.read' },
    },
    (req) => s.checks.list(actorOf(req), req.params.id),
  );
  app.post(
    '/articles/:id/checks',
    {
      schema: { tags, summary: '重新运行内容检查', params: IdParams, response: { 200: CheckResults } },
      config: { permission: 'article.write' },
    },
    (req) => s.checks.rerun(actorOf(req), req.params.id),
  );

  app.get(
    '/tasks',
    {
      schema: { tags: ['待办'], summary: '我的待办（可处理的审核步骤与退回修改）', response: { 200: TaskList } },
      config: { signedIn: true },
    },
    (req) => s.reviewQuery.inbox(actorOf(req)),
  );

  app.get(
    '/tasks/publishing',
    {
      schema: { tags: ['待办'], summary: '待发布（审核通过等待发布、定时发布）', response: { 200: PublishQueue } },
      config: { permission: 'article.publish' },
    },
    (req) => s.reviewQuery.publishQueue(actorOf(req)),
  );
}
