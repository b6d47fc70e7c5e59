import { mayTake } from '@contract/content';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { UnreviewedItem } from '@contract/articles';
import type { CheckResults, PublishQueueItem, ReviewHistory, Task } from '@contract/review';

// The review lists several screens share. The inbox is polled, so a step handed to someone shows up
// in their navigation without a reload.

export const reviewKeys = {
  tasks: ['tasks'] as const,
  publishQueue: ['tasks', 'publishing'] as const,
  history: (id: number) => ['review', id] as const,
  checks: (id: number) => ['checks', id] as const,
  unreviewed: ['articles', 'unreviewed'] as const,
};

export const useTasks = (enabled = true) =>
  useQuery({
    queryKey: reviewKeys.tasks,
    queryFn: () => api.get<Task[]>('/api/tasks', { quiet: true }),
    refetchInterval: 60_000,
    staleTime: 10_000,
    enabled,
  });

/** What waits for a publisher (待发布 and 定时发布); only asked by people holding article.publish. */
export const usePublishQueue = (enabled: boolean) =>
  useQuery({
    queryKey: reviewKeys.publishQueue,
    queryFn: () => api.get<PublishQueueItem[]>('/api/tasks/publishing', { quiet: true }),
    refetchInterval: 60_000,
    staleTime: 10_000,
    enabled,
  });

/** Items that wait for a publisher's decision (those set to go online at a time wait for the clock). */
export const waiting = (rows: readonly PublishQueueItem[]): number =>
  rows.filter((r) => !mayTake('cancel_schedule', r.status)).length;

export const useReviewHistory = (id: number | undefined) =>
  useQuery({
    queryKey: reviewKeys.history(id ?? 0),
    queryFn: () => api.get<ReviewHistory>(`/api/articles/${id}/review`),
    enabled: !!id,
    staleTime: 0,
  });

export const useCheckResults = (id: number | undefined, enabled = true) =>
  useQuery({
    queryKey: reviewKeys.checks(id ?? 0),
    queryFn: () => api.get<CheckResults>(`/api/articles/${id}/checks`),
    enabled: !!id && enabled,
    staleTime: 0,
  });

/** Ids of items online "未经审核" (an emergency publication not yet cleared by its review). */
export function useUnreviewed() {
  const q = useQuery({
    queryKey: reviewKeys.unreviewed,
    queryFn: () => api.get<UnreviewedItem[]>('/api/articles/unreviewed', { quiet: true }),
  });
  return new Set((q.data ?? []).map((i) => i.id));
}
