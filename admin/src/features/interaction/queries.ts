import { useQuery } from '@tanstack/react-query';
import type { FaqView, LetterDetail, LetterSummary, MailboxView, StatsRow } from '@contract/interaction';
import { api, qs } from '../../api/client';

// The 政民互动 screens' server reads: the letters (scoped by the server: the office sees all, a unit
// its own), one letter with its history and allowed steps, the mailboxes, the statistics.

export const letterKeys = {
  all: ['letters'] as const,
  list: (f: Record<string, unknown>) => ['letters', 'list', f] as const,
  detail: (id: number) => ['letters', 'detail', id] as const,
};

export interface LetterFilter {
  status?: string;
  mailboxId?: number;
  unitId?: number;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

/** One page of letters; every filter is applied by the server (so 只看超期 covers all letters, not a page). */
export const useLetters = (f: LetterFilter) =>
  useQuery({
    queryKey: letterKeys.list({ ...f }),
    placeholderData: (prev) => prev,
    queryFn: () =>
      api.get<{ items: LetterSummary[]; total: number }>(
        `/api/letters${qs({
          status: f.status,
          mailboxId: f.mailboxId,
          unitId: f.unitId,
          overdue: f.overdue ? 'true' : undefined,
          limit: f.pageSize,
          offset: (f.page - 1) * f.pageSize,
        })}`,
      ),
  });

export const useLetter = (id: number) =>
  useQuery({ queryKey: letterKeys.detail(id), queryFn: () => api.get<LetterDetail>(`/api/letters/${id}`) });

export const useMailboxes = () =>
  useQuery({
    queryKey: ['mailboxes'],
    queryFn: () => api.get<{ items: MailboxView[] }>('/api/mailboxes'),
  });

export const useLetterStats = (from: string, to: string) =>
  useQuery({
    enabled: Boolean(from && to),
    queryKey: ['letters', 'stats', from, to],
    queryFn: () => api.get<{ rows: StatsRow[] }>(`/api/letters-stats${qs({ from, to })}`),
  });

export const faqKeys = { all: ['letter-faqs'] as const };

/** The 共性问题; only the 12345 office may read them (others get the server's refusal). */
export const useFaqs = () =>
  useQuery({
    queryKey: faqKeys.all,
    retry: false,
    queryFn: () => api.get<{ items: FaqView[] }>('/api/letter-faqs', { quiet: true }),
  });

export interface BlacklistEntry {
  id: number;
  kind: 'address' | 'phone';
  value: string;
  reason: string;
  createdAt: string;
  expiresAt: string | null;
}

export const useBlacklist = () =>
  useQuery({
    queryKey: ['public-form-blacklist'],
    queryFn: () => api.get<{ items: BlacklistEntry[] }>('/api/public-form-blacklist'),
  });
