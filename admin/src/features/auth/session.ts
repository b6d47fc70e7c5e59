import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client';
import type { Me, Permission, ScopeKind } from '@contract/org';

export const ME_KEY = ['auth', 'me'] as const;

export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/api/auth/me', { quiet: true });
  setCsrfToken(me.csrfToken);
  return me;
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in person; only used below the layout, which renders nothing until it is known. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe() used outside the signed-in layout');
  return data;
}

export interface Access {
  can(p: Permission): boolean;
  scope(p: Permission): ScopeKind | null;
  /** True when the person's article rights stop at their own unit (information officers). */
  unitScoped: boolean;
}

export function useAccess(): Access {
  const me = useMe();
  const scope = (p: Permission) => me.permissions[p] ?? null;
  return {
    can: (p) => scope(p) !== null,
    scope,
    unitScoped: scope('article.write') === 'unit' || scope('article.read') === 'unit',
  };
}

export function useSignIn() {
  const client = useQueryClient();
  return (me: Me) => {
    setCsrfToken(me.csrfToken);
    client.clear();
    client.setQueryData(ME_KEY, me);
  };
}
