import { useQuery } from '@tanstack/react-query';
import type { AnnualTable, ApplicationDetail, ApplicationSummary } from '@contract/foi';
import { api, qs } from '../../api/client';

export const foiKeys = {
  all: ['foi'] as const,
  list: (f: Record<string, unknown>) => ['foi', 'list', f] as const,
  detail: (id: number) => ['foi', 'detail', id] as const,
};

export function useHandlingUnits() {
  return useQuery({
    queryKey: ['foi', 'units'],
    queryFn: () => api.get<{ items: Array<{ id: number; name: string }> }>('/api/foi/units'),
  });
}

export function useApplications(filter: { state?: string; overdue?: boolean }, enabled = true) {
  return useQuery({
    enabled,
    queryKey: foiKeys.list(filter),
    queryFn: () =>
      api.get<{ items: ApplicationSummary[] }>(
        `/api/foi/applications${qs({ state: filter.state, overdue: filter.overdue ? 'true' : undefined })}`,
      ),
  });
}

export function useApplication(id: number) {
  return useQuery({
    queryKey: foiKeys.detail(id),
    queryFn: () => api.get<ApplicationDetail>(`/api/foi/applications/${id}`),
  });
}

export function useAnnual(year: number, unitId?: number) {
  return useQuery({
    queryKey: ['foi', 'annual', year, unitId ?? null],
    queryFn: () => api.get<AnnualTable>(`/api/foi/annual${qs({ year, unitId })}`),
  });
}
