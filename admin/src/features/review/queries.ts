import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { UnreviewedItem } from '@contract/articles';
import type { CheckResults, ReviewHistory, Task } from '@contract/review';

// The review lists several screens share. The inbox is polled, so a step handed to someone shows up
// in their navigation without a reload.

export const reviewKeys = {
  tasks: ['tasks'] as const,
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
