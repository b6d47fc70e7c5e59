import { useQuery } from '@tanstack/react-query';
import type { Account, Unit, UnitGroup } from '@contract/org';
import type { ColumnNode, Site } from '@contract/sites';
import { api, qs } from './client';

// Lists many screens share; react-query keeps one copy and refreshes it after changes.

export const keys = {
  sites: ['sites'] as const,
  columns: (siteId: number) => ['columns', siteId] as const,
  units: ['units'] as const,
  groups: ['unit-groups'] as const,
  accounts: (filter: object) => ['accounts', filter] as const,
  unitColumns: (unitId: number) => ['unit-columns', unitId] as const,
};

export const useSites = () => useQuery({ queryKey: keys.sites, queryFn: () => api.get<Site[]>('/api/sites') });

export const useColumnTree = (siteId: number | undefined) =>
  useQuery({
    queryKey: keys.columns(siteId ?? 0),
    queryFn: () => api.get<ColumnNode[]>(`/api/sites/${siteId}/columns`),
    enabled: !!siteId,
  });

export const useUnits = () => useQuery({ queryKey: keys.units, queryFn: () => api.get<Unit[]>('/api/units') });

export const useGroups = () =>
  useQuery({ queryKey: keys.groups, queryFn: () => api.get<UnitGroup[]>('/api/unit-groups') });

export const useAccounts = (filter: { unitId?: number; role?: string }, enabled = true) =>
  useQuery({
    queryKey: keys.accounts(filter),
    queryFn: () => api.get<Account[]>(`/api/accounts${qs(filter)}`),
    enabled,
  });

/** Column ids a unit may publish in (its duties, its groups' duties, grants, and their sub-columns). */
export const useUnitColumns = (unitId: number | undefined) =>
  useQuery({
    queryKey: keys.unitColumns(unitId ?? 0),
    queryFn: () => api.get<number[]>(`/api/units/${unitId}/columns`),
    enabled: !!unitId,
  });

/** The site people work on by default: the one marked default, else the first. */
export function defaultSiteId(sites: Site[] | undefined): number | undefined {
  return (sites?.find((s) => s.isDefault) ?? sites?.[0])?.id;
}
