import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { SessionStore } from '../auth/sessions.js';
import { accessLabel, declaredAccess } from './access.js';
import { registerApiContext } from './api-context.js';

describe('declaredAccess', () => {
  it('reads the one declaration a route makes', () => {
    expect(declaredAccess({ anonymous: true })).toEqual({ kind: 'anonymous' });
    expect(declaredAccess({ signedIn: true })).toEqual({ kind: 'signed-in' });
    expect(declaredAccess({ permission: 'audit.read' })).toEqual({
      kind: 'permission',
      permission: 'audit.read',
      scope: 'any',
    });
    expect(accessLabel(declaredAccess({ permission: 'guarantee.read', scope: 'all' })!)).toBe('guarantee.read@all');
  });

  it('treats no declaration, two declarations or a scope without a permission as none', () => {
    expect(declaredAccess(undefined)).toBeNull();
    expect(declaredAccess({})).toBeNull();
    expect(declaredAccess({ anonymous: true, permission: 'site.read' })).toBeNull();
    expect(declaredAccess({ signedIn: true, scope: 'all' })).toBeNull();
  });
});

describe('an API route that declares no access', () => {
  // Deny by default at run time too: such a route would have been open to any signed-in account.
  it('stops the server from starting, naming the route', async () => {
    const app = Fastify();
    const starting = app.register(async (api) => {
      registerApiContext(api, {
        sessions: {} as SessionStore,
        resolveActor: async () => null,
        cookieSecure: false,
      });
      api.get('/declared', { config: { signedIn: true } }, () => 'ok');
      api.get('/forgotten', () => 'open');
    });
    await expect(starting.ready()).rejects.toThrow(/GET \/forgotten/);
    await app.close();
  });
});
