import { useQuery } from '@tanstack/react-query';
import type {
  CommentList,
  ConsultationList,
  EntryList,
  Interview,
  InterviewList,
  QuestionList,
} from '@contract/consult';
import { api, qs } from '../../api/client';

// The consult screens' server lists (民意征集, 在线访谈). The host's console refreshes questions often:
// the public's arrive while the interview runs.

export const consultKeys = {
  consultations: ['consultations'] as const,
  comments: (status: string) => ['consultation-comments', status] as const,
  interviews: ['interviews'] as const,
  interview: (id: number) => ['interviews', id] as const,
  questions: (id: number) => ['interviews', id, 'questions'] as const,
  entries: (id: number) => ['interviews', id, 'entries'] as const,
};

export const useConsultations = () =>
  useQuery({ queryKey: consultKeys.consultations, queryFn: () => api.get<ConsultationList>('/api/consultations') });

export const useComments = (status: string) =>
  useQuery({
    queryKey: consultKeys.comments(status),
    queryFn: () => api.get<CommentList>(`/api/consultation-comments${qs({ status })}`),
    refetchInterval: 30_000,
  });

export const useInterviews = () =>
  useQuery({ queryKey: consultKeys.interviews, queryFn: () => api.get<InterviewList>('/api/interviews') });

export const useInterview = (id: number) =>
  useQuery({ queryKey: consultKeys.interview(id), queryFn: () => api.get<Interview>(`/api/interviews/${id}`) });

export const useQuestions = (id: number) =>
  useQuery({
    queryKey: consultKeys.questions(id),
    queryFn: () => api.get<QuestionList>(`/api/interviews/${id}/questions`),
    refetchInterval: 5_000,
  });

export const useEntries = (id: number) =>
  useQuery({ queryKey: consultKeys.entries(id), queryFn: () => api.get<EntryList>(`/api/interviews/${id}/entries`) });

/** A datetime-local value, read as Beijing time whatever zone the browser's machine is set to, as the API's instant. */
export const instantOf = (local: string) =>
  new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`).toISOString();
