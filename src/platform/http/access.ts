import type { FastifyContextConfig } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Permission } from '../auth/policy.js';
import './types.js';

// Every admin API route says who may call it, once, in its route config: `anonymous` (no session:
// signing in), `signedIn` (any account with a session; the service decides by the record, e.g. one's
// own notifications or the review step assigned to one) or a `permission` of the table in
// platform/auth/policy.ts, with `scope: 'all'` when a unit's own scope is not enough. The API context
// enforces it (api-context.ts); the OpenAPI document carries it as `x-access`, so
// test/security/access-matrix.db.test.ts can call every operation as every role and compare with the
// table. A route that declares nothing stops the server from starting (the onRoute hook there).

export type Access =
  | { kind: 'anonymous' }
  | { kind: 'signed-in' }
  | { kind: 'permission'; permission: Permission; scope: 'all' | 'any' };

/** The route's declared access, or null when it declares none (or contradicts itself). */
export function declaredAccess(config: Partial<FastifyContextConfig> | undefined): Access | null {
  const declared = [config?.anonymous === true, config?.signedIn === true, config?.permission !== undefined];
  if (declared.filter(Boolean).length !== 1) return null;
  if (config?.scope !== undefined && config.permission === undefined) return null;
  if (config?.anonymous) return { kind: 'anonymous' };
  if (config?.signedIn) return { kind: 'signed-in' };
  return { kind: 'permission', permission: config!.permission!, scope: config?.scope ?? 'any' };
}

/**
 * How `x-access` spells a declaration: "anonymous", "signed-in", the permission's name, or the name
 * followed by "@all" when the route needs the permission for every unit.
 */
export function accessLabel(access: Access): string {
  if (access.kind !== 'permission') return access.kind;
  return access.scope === 'all' ? `${access.permission}@all` : access.permission;
}

type TransformArg = Parameters<typeof jsonSchemaTransform>[0];

/** fastify-swagger's transform: zod to JSON Schema, plus `x-access` (absent when the route declares none). */
export function transformWithAccess(arg: TransformArg): ReturnType<typeof jsonSchemaTransform> {
  const out = jsonSchemaTransform(arg);
  const access = declaredAccess(arg.route.config as Partial<FastifyContextConfig> | undefined);
  if (!access) return out;
  const schema: Record<string, unknown> = { ...out.schema, 'x-access': accessLabel(access) };
  // Signing in needs no session cookie nor CSRF header: say so instead of the document's default.
  if (access.kind === 'anonymous') schema.security = [];
  return { ...out, schema: schema as typeof out.schema };
}
