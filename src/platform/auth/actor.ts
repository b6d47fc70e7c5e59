import type { Role } from './roles.js';

/** Who is acting: a signed-in account, or the system itself (CLI, jobs, first-start demo). */
export type Actor =
  | {
      kind: 'account';
      accountId: number;
      username: string;
      displayName: string;
      unitId: number;
      roles: readonly Role[];
      ip: string | null;
    }
  | { kind: 'system'; username: string; ip: string | null };

export const systemActor = (name = 'system', ip: string | null = null): Actor => ({
  kind: 'system',
  username: name,
  ip,
});

export function actorAccountId(actor: Actor): number | null {
  return actor.kind === 'account' ? actor.accountId : null;
}

export function actorUnitId(actor: Actor): number | null {
  return actor.kind === 'account' ? actor.unitId : null;
}
