import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { NotificationList } from '@contract/notify';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The person's latest notices and the unread count, polled so new ones show without a reload. */
export const useNotifications = () =>
  useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api.get<NotificationList>('/api/notifications', { quiet: true }),
    refetchInterval: 60_000,
    staleTime: 10_000,
  });

/** A notice's link names the app's address with its /admin base; the router wants it without. */
export function inAppPath(link: string | null): string | null {
  if (!link) return null;
  if (link.startsWith('/admin/')) return link.slice('/admin'.length);
  if (link === '/admin') return '/';
  return link.startsWith('/') ? link : null;
}
