import type { Actor } from '../auth/actor.js';
import type { Permission } from '../auth/policy.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in actor in the admin API context; null elsewhere or when signed out. */
    actor: Actor | null;
    sessionToken: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Permission the route needs; the API context refuses the request before the handler runs. */
    permission?: Permission;
    /** With `permission`: 'all' when the route needs it for every unit (county-wide summaries), not just one's own. */
    scope?: 'all';
    /** A route of the API context that needs no session (login, health). */
    anonymous?: boolean;
    /**
     * A route any signed-in account may call: the service decides by the record (one's own password,
     * notifications, the review step assigned to one). Every API route declares exactly one of
     * `anonymous`, `signedIn` or `permission` (platform/http/access.ts).
     */
    signedIn?: boolean;
  }
}

import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** A Fastify instance whose route schemas are zod schemas (validated, typed, and in the OpenAPI). */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
