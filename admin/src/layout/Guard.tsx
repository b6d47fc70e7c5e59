import type { ReactNode } from 'react';
import type { Permission } from '@contract/org';
import { useMeQuery } from '../features/auth/session';
import { Forbidden } from './AppLayout';

/** A screen that needs a permission: without it, say so instead of showing a page of refusals. */
export function Guard({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data: me } = useMeQuery();
  if (!me?.permissions[permission]) return <Forbidden />;
  return <>{children}</>;
}
