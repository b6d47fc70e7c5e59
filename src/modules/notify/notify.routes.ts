import { IdParams, NoContent } from '../../contract/common.js';
import { NotificationList, NotificationsQuery } from '../../contract/notify.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { NotifyService } from './notify.service.js';

export function notifyRoutes(app: Api, s: { notify: NotifyService }): void {
  const tags = ['通知'];
  app.get(
    '/notifications',
    {
      schema: { tags, summary: '我的通知', querystring: NotificationsQuery, response: { 200: NotificationList } },
      config: { signedIn: true },
    },
    (req) => s.notify.list(actorOf(req), req.query.unread === 'true'),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: { tags, summary: '标为已读', params: IdParams, response: { 204: NoContent } },
      config: { signedIn: true },
    },
    async (req, reply) => {
      await s.notify.markRead(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: '全部标为已读', response: { 204: NoContent } }, config: { signedIn: true } },
    async (req, reply) => {
      await s.notify.markRead(actorOf(req), 'all');
      return reply.code(204).send(null);
    },
  );
}
