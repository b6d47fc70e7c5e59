import { z } from 'zod';
import { NoContent } from '../../contract/common.js';
import {
  Chain,
  ChainList,
  CheckMode,
  CheckModeList,
  SubmissionCounts,
  SubmissionList,
  WordKind,
  WordLists,
} from '../../contract/review.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import { CHECK_KINDS } from './checks/run-checks.js';
import { BindingInput, ChainInput, IdParams, LedgerQuery } from './review.schemas.js';
import type { ReviewServices } from './review.routes.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD');

// The review module's settings and ledger for the admin screens: review chains and their bindings to
// columns and channels, the submission ledger and its counts, the checks' modes and word lists. The
// item's own review and publishing steps are review.routes.ts.

export function reviewAdminRoutes(app: Api, s: ReviewServices): void {
  const chainTags = ['审核流程'];
  app.get(
    '/review-chains',
    {
      schema: { tags: chainTags, summary: '审核流程与绑定', response: { 200: ChainList } },
      config: { permission: 'column.read' },
    },
    (req) => s.chains.list(actorOf(req)),
  );
  app.post(
    '/review-chains',
    {
      schema: { tags: chainTags, summary: '新建审核流程', body: ChainInput, response: { 201: Chain } },
      config: { permission: 'review.chain.write' },
    },
    async (req, reply) => reply.code(201).send(await s.chains.create(actorOf(req), req.body)),
  );
  app.put(
    '/review-chains/:id',
    {
      schema: {
        tags: chainTags,
        summary: '修改审核流程',
        params: IdParams,
        body: ChainInput,
        response: { 200: Chain },
      },
      config: { permission: 'review.chain.write' },
    },
    (req) => s.chains.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/review-chains/:id',
    {
      schema: { tags: chainTags, summary: '删除审核流程', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'review.chain.write' },
    },
    async (req, reply) => {
      await s.chains.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/review-bindings',
    {
      schema: {
        tags: chainTags,
        summary: '为栏目或渠道指定审核流程（下级栏目继承）',
        body: BindingInput,
        response: { 200: Chain },
      },
      config: { permission: 'review.chain.write' },
    },
    (req) => s.chains.bind(actorOf(req), req.body),
  );
  app.delete(
    '/review-bindings/:id',
    {
      schema: { tags: chainTags, summary: '解除绑定', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'review.chain.write' },
    },
    async (req, reply) => {
      await s.chains.unbind(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  const ledgerTags = ['报送台账'];
  app.get(
    '/submissions',
    {
      schema: {
        tags: ledgerTags,
        summary: '报送台账（所有渠道）',
        querystring: LedgerQuery,
        response: { 200: SubmissionList },
      },
      config: { permission: 'submission.read' },
    },
    (req) => s.ledger.list(actorOf(req), req.query),
  );
  app.get(
    '/submissions/counts',
    {
      schema: {
        tags: ledgerTags,
        summary: '各单位报送与采用数量',
        querystring: z.object({ from: day, to: day }),
        response: { 200: SubmissionCounts },
      },
      config: { permission: 'submission.read' },
    },
    (req) => s.ledger.counts(actorOf(req), req.query.from, req.query.to),
  );

  const checkTags = ['内容检查'];
  app.get(
    '/settings/check-modes',
    {
      schema: { tags: checkTags, summary: '各项检查的处理方式（阻止、提醒、关闭）', response: { 200: CheckModeList } },
      config: { permission: 'article.read' },
    },
    (req) => s.checks.modes(actorOf(req)),
  );
  app.put(
    '/settings/check-modes',
    {
      schema: {
        tags: checkTags,
        summary: '修改检查处理方式',
        body: z.partialRecord(z.enum(CHECK_KINDS), CheckMode.schema),
        response: { 200: CheckModeList },
      },
      config: { permission: 'checks.write' },
    },
    (req) => s.checks.setModes(actorOf(req), req.body),
  );
  app.get(
    '/word-lists',
    {
      schema: { tags: checkTags, summary: '敏感词、禁用词与错误表述词表', response: { 200: WordLists } },
      config: { permission: 'article.read' },
    },
    (req) => s.checks.words(actorOf(req)),
  );
  app.post(
    '/word-lists',
    {
      schema: {
        tags: checkTags,
        summary: '新增词条',
        body: z.object({
          kind: WordKind.schema,
          word: z.string().trim().min(1, '请填写词语').max(200),
          correct: z.string().trim().max(200).nullable().optional(),
          note: z.string().trim().max(500).nullable().optional(),
        }),
        response: { 201: WordLists },
      },
      config: { permission: 'checks.write' },
    },
    async (req, reply) => {
      await s.checks.addWord(actorOf(req), req.body);
      return reply.code(201).send(await s.checks.words(actorOf(req)));
    },
  );
  app.delete(
    '/word-lists/:id',
    {
      schema: { tags: checkTags, summary: '删除词条', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'checks.write' },
    },
    async (req, reply) => {
      await s.checks.removeWord(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
