import { describe, expect, it } from 'vitest';
import { loginRedirect } from '../../admin/src/features/auth/login-redirect.js';

describe('where a lost session leads', () => {
  it('goes to the login screen, remembering the screen and why', () => {
    expect(loginRedirect('/audit', '?action=create', 'expired')).toBe(
      '/login?next=%2Faudit%3Faction%3Dcreate&reason=expired',
    );
    expect(loginRedirect('/articles', '', 'signed-out')).toBe('/login?next=%2Farticles');
  });

  it('says the session timed out even when a "not signed in" answer arrived first', () => {
    expect(loginRedirect('/login', '?next=%2Faudit', 'expired')).toBe('/login?next=%2Faudit&reason=expired');
    expect(loginRedirect('/login', '?next=%2Faudit&reason=expired', 'expired')).toBeNull();
    expect(loginRedirect('/login', '?next=%2Faudit&reason=expired', 'signed-out')).toBeNull();
    expect(loginRedirect('/login', '?next=%2Faudit', 'signed-out')).toBeNull();
  });
});
