import { describe, expect, it } from 'vitest';
import { accessLabel, declaredAccess } from './access.js';

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
