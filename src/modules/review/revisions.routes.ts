import { CorrectionProposal, PendingCorrection } from '../../contract/review.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import { IdParams, ReasonInput } from './review.schemas.js';
import type { RevisionsService } from './revisions.service.js';

/** A published item corrected through review while the published revision stays online. */
export function revisionsRoutes(app: Api, s: { revisions: RevisionsService }): void {
  const tags = ['审核与发布'];
  app.get(
    '/articles/:id/correction',
    {
      schema: {
        tags,
        summary: '已发布信息的修改稿（审核中或退回修改；没有时为 null）',
        params: IdParams,
        response: { 200: PendingCorrection },
      },
      config: { permission: 'article.read' },
    },
    (req) => s.revisions.get(actorOf(req), req.params.id),
  );
  app.put(
    '/articles/:id/correction',
    {
      schema: {
        tags,
        summary: '修改已发布的信息并送审（原文保持在线，审核通过后替换；每条信息只能有一份修改稿）',
        params: IdParams,
        body: CorrectionProposal,
        response: { 200: PendingCorrection },
      },
      config: { permission: 'article.write' },
    },
    (req) => s.revisions.propose(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/articles/:id/correction/withdraw',
    {
      schema: {
        tags,
        summary: '撤回修改稿（原文不变）',
        params: IdParams,
        body: ReasonInput,
        response: { 200: PendingCorrection },
      },
      config: { permission: 'article.write' },
    },
    async (req) => {
      await s.revisions.withdraw(actorOf(req), req.params.id, req.body.reason);
      return s.revisions.get(actorOf(req), req.params.id);
    },
  );
}
