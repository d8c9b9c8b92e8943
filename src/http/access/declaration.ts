/**
 * What every route declares in its `config.access`: who it is for, the permission it needs and
 * its rate-limit class. The access plugin (plugins/access.ts) enforces it; no route checks access
 * by hand, and a route without a declaration cannot be registered.
 */
import type { Permission, Principal } from '../../domain/governance/roles.js';

/**
 * - `public`: anyone, no credentials (pages, documentation, health);
 * - `citizen`: a citizen's browser, for one service (`:slug`): CORS for the service's origins, the
 *   Origin check on POST, rate limits; `ownPage` marks the server's own hosted form, which a
 *   signed form token guards instead of CORS and the Origin check;
 * - `staff`: a person signed in to the console (session cookie, CSRF token on every change) or an
 *   API key whose scopes hold the permission;
 * - `machine`: an ente's back end with an API key only.
 */
export type Audience = 'public' | 'citizen' | 'staff' | 'machine';

/** Each class has its own allowance per address (and per service for citizens). */
export type RateLimitClass = 'response' | 'opening' | 'hosted-form' | 'sign-in';

export interface AccessDeclaration {
  readonly audience: Audience;
  /** Needed by `staff` and `machine` routes; the matrix is in domain/governance/roles.ts. */
  readonly permission?: Permission;
  readonly rateLimit?: RateLimitClass;
  readonly ownPage?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessDeclaration;
  }
  interface FastifyRequest {
    /** Who is asking, once the access plugin has established it (staff and machine routes). */
    principal: Principal | null;
    /** The session's CSRF token, when the principal came with a session cookie. */
    sessionCsrfToken: string | null;
  }
}

/** A principal that must be there (staff and machine routes run only once one is). */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (request.principal === null) throw new Error('principalOf on a route without credentials');
  return request.principal;
}

/** The route `config` of anything anyone may read. */
export const PUBLIC = { access: { audience: 'public' } } as const satisfies { access: AccessDeclaration };
