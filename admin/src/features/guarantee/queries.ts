import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { DutyStatusDetail, StatusBoard, UnitOverview } from '@contract/guarantee-reports';

export interface BoardFilter {
  at?: string;
  unitId?: number;
  updateClass?: string;
  status?: string;
  siteId?: number;
}

// The status is computed by the server on every request (a few grouped queries); a minute of
// staleness is fine for a board people glance at.
export const useStatusBoard = (filter: BoardFilter, enabled = true) =>
  useQuery({
    queryKey: ['guarantee', 'status', filter],
    queryFn: () => api.get<StatusBoard>(`/api/guarantee/status${qs({ ...filter })}`),
    enabled,
    staleTime: 60_000,
    placeholderData: (prev) => prev,
  });

export const useDutyStatus = (dutyId: number | null, at?: string) =>
  useQuery({
    queryKey: ['guarantee', 'duty', dutyId, at ?? null],
    queryFn: () => api.get<DutyStatusDetail>(`/api/guarantee/duties/${dutyId}/status${qs({ at })}`),
    enabled: dutyId !== null,
  });

export const useUnitOverview = (unitId?: number, enabled = true) =>
  useQuery({
    queryKey: ['guarantee', 'overview', unitId ?? null],
    queryFn: () => api.get<UnitOverview>(`/api/guarantee/overview${qs({ unitId })}`),
    enabled,
    staleTime: 60_000,
  });
