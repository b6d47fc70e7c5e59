import { FileBytes } from '../../contract/common.js';
import { z } from 'zod';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { RevisionsService } from '../review/revisions.service.js';
import type { Portal } from './portal.js';
import { PUBLIC_CSP } from './portal.routes.js';

const IdParams = z.object({ id: z.coerce.number().int().positive('编号无效').max(2_147_483_647, '编号无效') });
const PreviewQuery = z.object({
  correction: z.enum(['0', '1']).default('0').describe('1：预览审核中的修改稿（原文保持在线）'),
});

/**
 * The admin app's preview: the article page exactly as the public site renders it, also for items
 * not yet published. Lives in the admin API context: the session, the permission and the unit scope
 * of ArticlesService.get decide who sees what.
 */
export function previewRoutes(app: Api, s: { portal: Portal; revisions: RevisionsService }): void {
  app.get(
    '/articles/:id/preview',
    {
      schema: {
        tags: ['信息'],
        summary: '预览信息页面（与公开网站显示一致，未发布的信息也可预览）',
        params: IdParams,
        querystring: PreviewQuery,
        response: { 200: FileBytes },
      },
      config: { permission: 'article.read' },
    },
    async (req, reply) => {
      // A correction under review is previewed as the page would be once approved (the title and body proposed).
      const proposal = req.query.correction === '1' ? await s.revisions.get(actorOf(req), req.params.id) : null;
      const html = await s.portal.pages.preview(actorOf(req), req.params.id, proposal ?? undefined);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', PUBLIC_CSP)
        .header('x-content-type-options', 'nosniff')
        .send(html);
    },
  );
}
