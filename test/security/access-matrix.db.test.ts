import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../../src/contract/permissions.js';
import { scopeOf } from '../../src/platform/auth/policy.js';
import { ROLES, type Role } from '../../src/platform/auth/roles.js';
import { ERRORS } from '../../src/platform/errors.js';
import { ALL_SCOPE_MESSAGE } from '../../src/platform/http/api-context.js';
import { ApiClient, createTestApp, type TestApp } from '../harness/app.js';
import { makeAccount, makeUnit, PASSWORD } from '../harness/factories.js';

// The access matrix (issue 9, quality bar): every operation of the OpenAPI document, called as every
// role and as nobody, compared with what the permission table says. Who may call a route is declared
// once, in its config (platform/http/access.ts), and reaches the document as `x-access`; the expected
// answer comes from the table (platform/auth/policy.ts), not from this file. A route that declares
// nothing fails the first test, so a new route cannot ship without a rule.
//
// The route-level refusal happens before the body is read, so requests carry placeholder bodies and
// ids that do not exist: "allowed" means the answer is neither 401 nor 403 (a 400 for the empty body or
// a 404 for the missing record is the service speaking, past the gate), and never a 5xx.

type Op = { method: string; path: string; access: string | undefined; body: 'json' | 'multipart' | 'none' };
type Parameter = { in: string; name: string; schema?: { type?: string; enum?: string[] } };
type Operation = {
  'x-access'?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, unknown> };
};

let t: TestApp;
let ops: Op[];
const clients = new Map<Role, ApiClient>();
let unitId: number;

/** A value for a path parameter that passes validation and names nothing that exists. */
function placeholder(p: Parameter | undefined, name: string): string {
  if (p?.schema?.enum?.length) return String(p.schema.enum[0]);
  if (name === 'month') return '2026-01';
  if (name === 'format') return 'html';
  return '999999';
}

function urlOf(op: Op, params: Parameter[]): string {
  return `${op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(
      placeholder(
        params.find((p) => p.in === 'path' && p.name === name),
        name,
      ),
    ),
  )}`;
}

const paramsOf = new Map<Op, Parameter[]>();

beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, o]) => {
      const content = Object.keys(o.requestBody?.content ?? {});
      const op: Op = {
        method: method.toUpperCase(),
        path,
        access: o['x-access'],
        body: content.includes('application/json') ? 'json' : content.length ? 'multipart' : 'none',
      };
      paramsOf.set(op, o.parameters ?? []);
      return op;
    }),
  );
  // Signing out ends the caller's session: called last, so it cannot hide the other answers.
  ops.sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));

  unitId = (await makeUnit(t.services, '权限矩阵局')).id;
  for (const role of ROLES) {
    await makeAccount(t.services, `m_${role}`, unitId, [role]);
    clients.set(role, await ApiClient.login(t.server, `m_${role}`, PASSWORD));
  }
});
afterAll(() => t.close());

const isPermission = (s: string): s is Permission => (PERMISSIONS as readonly string[]).includes(s);

/** `x-access` read back: "anonymous", "signed-in", "<permission>" or "<permission>@all" (platform/http/access.ts). */
function parseAccess(
  label: string | undefined,
): { kind: 'anonymous' } | { kind: 'signed-in' } | { kind: 'permission'; permission: Permission; all: boolean } | null {
  if (label === 'anonymous') return { kind: 'anonymous' };
  if (label === 'signed-in') return { kind: 'signed-in' };
  const [permission, scope, ...rest] = (label ?? '').split('@');
  if (!permission || !isPermission(permission) || rest.length || (scope !== undefined && scope !== 'all')) return null;
  return { kind: 'permission', permission, all: scope === 'all' };
}

/** What the table says the identity gets: allowed past the gate, or refused with this status. */
function expected(op: Op, role: Role | null): 'allowed' | 401 | 403 {
  const access = parseAccess(op.access);
  if (!access) throw new Error(`${op.method} ${op.path} 没有可识别的访问规则`);
  if (access.kind === 'anonymous') return 'allowed';
  if (role === null) return 401;
  if (access.kind === 'signed-in') return 'allowed';
  const actor = {
    kind: 'account',
    accountId: 1,
    username: 'x',
    displayName: 'x',
    unitId,
    roles: [role],
    ip: null,
  } as const;
  const scope = scopeOf(actor, access.permission);
  return scope && (!access.all || scope.kind === 'all') ? 'allowed' : 403;
}

/**
 * The refusals of the permission check itself (platform/http/api-context.ts, or a service's own
 * authorize()). A 403 with another message is a service refusing this record for a reason it names
 * (e.g. “只能修改本单位的…” for another unit's id): the caller got past the table.
 */
const GATE_MESSAGES = new Set([ERRORS.FORBIDDEN.message, ALL_SCOPE_MESSAGE]);

async function call(op: Op, role: Role | null): Promise<LightMyRequestResponse> {
  const url = urlOf(op, paramsOf.get(op) ?? []);
  const method = op.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const payload = op.body === 'json' ? {} : undefined;
  if (role === null) return t.server.inject({ method, url, payload });
  return clients.get(role)!.request(method, url, payload);
}

describe('access matrix', () => {
  it('every operation of the API declares who may call it, in terms of the permission table', () => {
    expect(ops.length).toBeGreaterThan(150);
    const undeclared = ops
      .filter((o) => !parseAccess(o.access))
      .map((o) => `${o.method} ${o.path} (${o.access ?? '无'})`);
    expect(
      undeclared,
      '这些接口没有声明访问规则：在路由 config 中写 anonymous、signedIn 或 permission（见 src/platform/http/access.ts）',
    ).toEqual([]);
  });

  it('the table is exercised: each permission some route needs is granted to a role and refused to another', () => {
    const used = new Set(ops.map((o) => o.access).filter((a) => parseAccess(a)?.kind === 'permission'));
    const grantedToNobody = [...used].filter((a) => !ROLES.some((r) => expected({ access: a } as Op, r) === 'allowed'));
    expect(grantedToNobody, '这些权限没有任何角色拥有，接口无人能用').toEqual([]);
    expect(ops.some((o) => ROLES.some((r) => expected(o, r) === 403))).toBe(true);
  });

  it.each([null, ...ROLES] as const)('every operation answers %s as the table says', async (role) => {
    const wrong: string[] = [];
    for (const op of ops) {
      if (!parseAccess(op.access)) continue; // named by the first test
      const want = expected(op, role);
      const res = await call(op, role);
      const { code, message } = res.statusCode >= 400 ? (res.json() as { code?: string; message?: string }) : {};
      const gateRefused = res.statusCode === 403 && code === 'FORBIDDEN' && GATE_MESSAGES.has(message ?? '');
      const ok =
        want === 'allowed'
          ? res.statusCode !== 401 && !gateRefused && res.statusCode < 500
          : want === 401
            ? res.statusCode === 401 && code === 'UNAUTHENTICATED'
            : gateRefused;
      if (!ok) wrong.push(`${op.method} ${op.path} [${op.access}] 期望 ${want}，实际 ${res.statusCode} ${code ?? ''}`);
    }
    expect(wrong, `${role ?? '未登录'}：与权限表不符的接口`).toEqual([]);
  });
});
