import { FileBytes } from '../../contract/common.js';
import { z } from 'zod';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { Portal } from './portal.js';
import { PUBLIC_CSP } from './portal.routes.js';

const IdParams = z.object({ id: z.coerce.number().int().positive('编号无效').max(2_147_483_647, '编号无效') });

/**
 * The admin app's preview: the article page exactly as the public site renders it, also for items
 * not yet published. Lives in the admin API context: the session, the permission and the unit scope
 * of ArticlesService.get decide who sees what.
 */
export function previewRoutes(app: Api, s: { portal: Portal }): void {
  app.get(
    '/articles/:id/preview',
    {
      schema: {
        tags: ['信息'],
        summary: '预览信息页面（与公开网站显示一致，未发布的信息也可预览）',
        params: IdParams,
        response: { 200: FileBytes },
      },
      config: { permission: 'article.read' },
    },
    async (req, reply) => {
      const html = await s.portal.pages.preview(actorOf(req), req.params.id);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', PUBLIC_CSP)
        .header('x-content-type-options', 'nosniff')
        .send(html);
    },
  );
}
