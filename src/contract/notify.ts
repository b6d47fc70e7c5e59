// Contract of the notifications module (modules/notify): the bell in the admin app.

import { z } from 'zod';
import { Instant, labelledEnum } from './common.js';

export const EmailState = labelledEnum(['none', 'pending', 'sent', 'failed'], {
  none: '不发邮件',
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
});

export const NotificationsQuery = z.object({ unread: z.enum(['true', 'false']).default('false') });

export const Notification = z.object({
  id: z.number().int(),
  /** What the notice is about: 'task', 'returned', 'published', 'guarantee.breached', ... */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** An address in the admin app (/admin/...) or null. */
  link: z.string().nullable(),
  createdAt: Instant,
  readAt: Instant.nullable(),
  emailState: EmailState.schema,
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({
  unread: z.number().int(),
  items: z.array(Notification),
});
export type NotificationList = z.infer<typeof NotificationList>;
