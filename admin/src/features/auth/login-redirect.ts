export type SignOutReason = 'expired' | 'signed-out';

/**
 * Where the app goes when the server says the session is gone: the login screen, remembering the
 * screen to come back to and whether the session timed out. Null: stay where we are.
 *
 * Requests in flight when a session times out answer out of order: the first the server saw says
 * "expired" (and ends the session), the rest "not signed in". Whichever arrives first leads to the
 * login screen; a later "expired" still has to make it say the session timed out.
 */
export function loginRedirect(pathname: string, search: string, reason: SignOutReason): string | null {
  if (pathname === '/login') {
    const params = new URLSearchParams(search);
    if (reason !== 'expired' || params.get('reason') === 'expired') return null;
    params.set('reason', 'expired');
    return `/login?${params}`;
  }
  const next = encodeURIComponent(pathname + search);
  return `/login?next=${next}${reason === 'expired' ? '&reason=expired' : ''}`;
}
