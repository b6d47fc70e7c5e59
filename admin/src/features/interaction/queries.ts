import { useQuery } from '@tanstack/react-query';
import type { LetterDetail, LetterSummary, StatsRow } from '@contract/interaction';
import { api, qs } from '../../api/client';

// The 政民互动 screens' server reads: the letters (scoped by the server: the office sees all, a unit
// its own), one letter with its history and allowed steps, the mailboxes, the statistics.

export const letterKeys = {
  all: ['letters'] as const,
  list: (f: Record<string, unknown>) => ['letters', 'list', f] as const,
  detail: (id: number) => ['letters', 'detail', id] as const,
};

export const useLetters = (f: { status?: string; mailboxId?: number }) =>
  useQuery({
    queryKey: letterKeys.list(f),
    queryFn: () =>
      api.get<{ items: LetterSummary[]; total: number }>(
        `/api/letters${qs({ status: f.status, mailboxId: f.mailboxId, limit: 200 })}`,
      ),
  });

export const useLetter = (id: number) =>
  useQuery({ queryKey: letterKeys.detail(id), queryFn: () => api.get<LetterDetail>(`/api/letters/${id}`) });

export const useMailboxes = () =>
  useQuery({
    queryKey: ['mailboxes'],
    queryFn: () => api.get<{ items: Array<{ id: number; name: string }> }>('/api/mailboxes'),
  });

export const useLetterStats = (from: string, to: string) =>
  useQuery({
    enabled: Boolean(from && to),
    queryKey: ['letters', 'stats', from, to],
    queryFn: () => api.get<{ rows: StatsRow[] }>(`/api/letters-stats${qs({ from, to })}`),
  });
