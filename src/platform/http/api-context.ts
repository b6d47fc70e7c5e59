import crypto from 'node:crypto';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { scopeOf } from '../auth/policy.js';
import type { SessionStore } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import { declaredAccess } from './access.js';
import '@fastify/cookie';
import './types.js';

export const SESSION_COOKIE = 'gp_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface ApiContextOptions {
  sessions: SessionStore;
  resolveActor(accountId: number, ip: string | null): Promise<Actor | null>;
  cookieSecure: 'auto' | boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The refusal of a route declared with `scope: 'all'` to an actor whose permission covers one unit. */
export const ALL_SCOPE_MESSAGE = '这是全县范围的汇总，请使用县级账号查看';

export const API_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * The admin API trust zone: every request is tied to a session (cookie), every state-changing request
 * carries the session's CSRF token in a header, and every route states the permission it needs. The
 * service then narrows what the actor sees to its scope.
 */
export function registerApiContext(app: FastifyInstance, opts: ApiContextOptions): void {
  // Deny by default: a route that says nothing about who may call it would be open to any signed-in
  // account (the hook below only refuses what a route declares), so it stops the server from starting.
  app.addHook('onRoute', (route) => {
    if (declaredAccess(route.config as Partial<FastifyContextConfig> | undefined)) return;
    const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
    throw new Error(`${methods} ${route.url}: the route declares no access (anonymous, signedIn or a permission)`);
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const config = request.routeOptions.config;
    const token = request.cookies[SESSION_COOKIE];
    let expired = false;
    if (token) {
      const session = await opts.sessions.touch(token);
      if (session === 'expired') expired = true;
      else if (session) {
        request.actor = await opts.resolveActor(session.accountId, request.ip);
        if (request.actor) {
          request.sessionToken = token;
          request.csrfToken = session.csrfToken;
        }
      }
    }
    if (config.anonymous) return;
    if (!request.actor) throw new AppError(expired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !request.csrfToken || !sameToken(sent, request.csrfToken))
        throw new AppError('CSRF_INVALID');
    }
    if (config.permission) {
      const scope = scopeOf(request.actor, config.permission);
      if (!scope) throw new AppError('FORBIDDEN');
      if (config.scope === 'all' && scope.kind !== 'all') throw new AppError('FORBIDDEN', ALL_SCOPE_MESSAGE);
    }
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    // Admin data is personal to the session: never stored by browsers or proxies.
    reply.header('cache-control', 'no-store');
    // Documents served by the API (the 审核表, the 通报 as HTML) hold text other people wrote; opened in
    // a tab on this origin they may show themselves and their own inline styles, and nothing else: no
    // script, no request, no form. A route with its own policy (the preview) keeps it.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', API_CSP);
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
}

export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  token: string,
  secure: 'auto' | boolean,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure === 'auto' ? request.protocol === 'https' : secure,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The acting user of a route that required a session (the hook above guarantees it is set). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}
