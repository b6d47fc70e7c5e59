import { z } from 'zod';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { NotifyService } from './notify.service.js';

export function notifyRoutes(app: Api, s: { notify: NotifyService }): void {
  const tags = ['通知'];
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: '我的通知',
        querystring: z.object({ unread: z.enum(['true', 'false']).default('false') }),
      },
    },
    (req) => s.notify.list(actorOf(req), req.query.unread === 'true'),
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags, summary: '标为已读', params: z.object({ id: z.coerce.number().int().positive('编号无效') }) } },
    async (req, reply) => {
      await s.notify.markRead(actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post('/notifications/read-all', { schema: { tags, summary: '全部标为已读' } }, async (req, reply) => {
    await s.notify.markRead(actorOf(req), 'all');
    return reply.code(204).send();
  });
}
