import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ValutaError } from '../../domain/errors.js';
import { API_KEY_SCOPES, reachOf, type Permission, type Principal } from '../../domain/governance/roles.js';
import type { StaffAccessConfig } from '../../config.js';
import type { Db } from '../../store/database.js';
import type { ServiceDirectory } from '../../store/service-directory.js';
import type { AccessDeclaration, RateLimitClass } from '../access/declaration.js';
import {
  apiKeyPrincipal,
  bearerToken,
  sameSecret,
  SESSION_COOKIE,
  sessionPrincipal,
} from '../access/credentials.js';

export interface AccessOptions {
  readonly db: Db;
  readonly directory: ServiceDirectory;
  readonly publicUrl: string;
  /** Citizen submissions per minute from one address to one service; 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
  readonly staff: StaffAccessConfig;
  readonly now: () => Date;
}

/** One route as the access plugin registered it: what the isolation tests walk. */
export interface RouteAccess {
  readonly method: string;
  readonly url: string;
  readonly access: AccessDeclaration;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access declaration, in registration order. */
    readonly routeAccess: RouteAccess[];
  }
}

/** Sign-in attempts per minute from one address, on top of the per-account lockout. */
export const SIGN_IN_PER_MINUTE = 20;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const KEY_PERMISSIONS: readonly Permission[] = API_KEY_SCOPES;

/**
 * Routes that a library registers without our declaration: the CORS preflight of
 * @fastify/cors. It answers only what the citizen routes' CORS policy below allows.
 */
function frameworkDeclaration(route: RouteOptions): AccessDeclaration | undefined {
  return route.method === 'OPTIONS' && route.url.endsWith('*') ? { audience: 'public' } : undefined;
}

function methods(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

/** The OpenAPI `security` of an operation, from its declaration. */
function securityOf(access: AccessDeclaration): Record<string, string[]>[] | undefined {
  if (access.audience === 'machine') return [{ apiKey: [] }];
  if (access.audience !== 'staff') return undefined;
  const viaKey = access.permission !== undefined && KEY_PERMISSIONS.includes(access.permission);
  return viaKey ? [{ session: [] }, { apiKey: [] }] : [{ session: [] }];
}

/** A Fastify path (`/api/v1/services/:slug/responses`) as a regular expression over request paths. */
function pathPattern(url: string): RegExp {
  const escaped = url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+');
  return new RegExp(`^${escaped.replace(/\*/g, '.*')}$`);
}

/**
 * Whether a request comes from this server's own pages. The browser says so in `Sec-Fetch-Site`,
 * which page scripts cannot set; needed because a page with `Referrer-Policy: no-referrer` sends
 * `Origin: null` on its form posts and same-origin fetches.
 */
function isOwnOrigin(origin: string, request: FastifyRequest, publicUrl: string): boolean {
  if (request.headers['sec-fetch-site'] === 'same-origin') return true;
  try {
    const { host } = new URL(origin);
    return host === new URL(`http://${request.headers.host}`).host || origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

const slugOf = (request: FastifyRequest): string | undefined => {
  const slug = (request.params as { slug?: unknown } | undefined)?.slug;
  return typeof slug === 'string' ? slug : undefined;
};

/**
 * The one access plugin. Each route declares `config.access` (http/access/declaration.ts); from
 * that declaration alone this plugin:
 * - refuses to register a route without one, and records every route in `app.routeAccess`;
 * - derives the operation's OpenAPI `security`;
 * - for `citizen` routes: CORS for the service's registered origins (and this server), the Origin
 *   check on POST (403 `origin-not-allowed`), and rate limits per address, service and class,
 *   held in memory only, lifted for an ente back end that sends an API key of that ente with
 *   `responses:write`;
 * - for `staff` routes: a live session (cookie) with `X-CSRF-Token` on every change, or an API key
 *   whose scopes hold the permission; the principal must hold the permission (403);
 * - for `machine` routes: an API key holding the permission;
 * - a `sign-in` rate limit per address.
 */
export const access = fp(async (app: FastifyInstance, options: AccessOptions) => {
  const { db, directory, publicUrl, staff, now } = options;
  const routeAccess: RouteAccess[] = [];
  const citizenRoutes: { method: string; pattern: RegExp }[] = [];
  app.decorate('routeAccess', routeAccess);
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionCsrfToken', null);

  /** Whether the request carries an API key of the service's ente allowed to push responses. */
  const isEnteBackEnd = async (request: FastifyRequest): Promise<boolean> => {
    const secret = bearerToken(request);
    const slug = slugOf(request);
    if (secret === undefined || slug === undefined) return false;
    const [principal, service] = await Promise.all([
      apiKeyPrincipal(db, secret, now()),
      directory.bySlug(slug),
    ]);
    return (
      principal?.kind === 'api-key' &&
      service !== undefined &&
      principal.enteId === service.ente.id &&
      principal.scopes.includes('responses:write')
    );
  };

  const rateLimitOf = (limit: RateLimitClass): RateLimitOptions | undefined => {
    if (limit === 'sign-in')
      return {
        max: SIGN_IN_PER_MINUTE,
        timeWindow: 60_000,
        keyGenerator: (request) => `${request.ip}|sign-in`,
      };
    if (options.rateLimitPerMinute === 0) return undefined;
    return {
      max: options.rateLimitPerMinute,
      timeWindow: 60_000,
      // Reading is never limited; an ente's back end with its API key is not limited either.
      allowList: async (request) => request.method !== 'POST' || (await isEnteBackEnd(request)),
      keyGenerator: (request) => `${request.ip}|${slugOf(request)}|${limit}`,
    };
  };

  app.addHook('onRoute', (route) => {
    const declared = route.config?.access ?? frameworkDeclaration(route);
    if (declared === undefined)
      throw new Error(`${methods(route).join(',')} ${route.url} declares no access: set config.access`);
    if (
      (declared.audience === 'staff' || declared.audience === 'machine') &&
      declared.permission === undefined
    )
      throw new Error(`${route.url}: a ${declared.audience} route must name the permission it needs`);
    const limit = declared.rateLimit && rateLimitOf(declared.rateLimit);
    route.config = { ...route.config, access: declared, ...(limit ? { rateLimit: limit } : {}) };
    const security = securityOf(declared);
    if (security && route.schema && !route.schema.hide) route.schema = { ...route.schema, security };
    for (const method of methods(route)) {
      routeAccess.push({ method, url: route.url, access: declared });
      if (declared.audience === 'citizen' && !declared.ownPage)
        citizenRoutes.push({ method, pattern: pathPattern(route.url) });
    }
  });

  await app.register(cookie);

  const allowedOrigin = async (request: FastifyRequest, origin: string, slug: string): Promise<boolean> => {
    if (isOwnOrigin(origin, request, publicUrl)) return true;
    const service = await directory.bySlug(slug);
    return service !== undefined && service.allowedOrigins.includes(origin);
  };

  /** The slug of a citizen route the request (or the preflight's announced request) goes to. */
  const citizenSlug = (request: FastifyRequest): string | undefined => {
    const path = request.url.split('?')[0]!;
    const method =
      request.method === 'OPTIONS'
        ? String(request.headers['access-control-request-method'] ?? '')
        : request.method;
    if (!citizenRoutes.some((r) => r.method === method && r.pattern.test(path))) return undefined;
    return /^\/api\/v1\/services\/([^/]+)\//.exec(path)?.[1];
  };

  await app.register(cors, {
    delegator: (request, callback) => {
      const slug = citizenSlug(request);
      const origin = request.headers.origin;
      if (slug === undefined || origin === undefined) return callback(null, { origin: false });
      allowedOrigin(request, origin, slug).then(
        (ok) =>
          callback(null, {
            origin: ok ? origin : false,
            methods: ['GET', 'POST'],
            allowedHeaders: ['content-type'],
            exposedHeaders: [
              'retry-after',
              'x-ratelimit-limit',
              'x-ratelimit-remaining',
              'x-ratelimit-reset',
            ],
            maxAge: 600,
          }),
        (error: unknown) => callback(error as Error, { origin: false }),
      );
    },
  });

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ValutaError(
        'VALUTA_ERR_RATE_LIMITED',
        `Too many requests from this address; retry in ${context.after}`,
        [],
        Math.max(1, Math.ceil(context.ttl / 1000)),
      ),
  });

  const authenticate = async (request: FastifyRequest, acceptSession: boolean): Promise<Principal> => {
    const secret = bearerToken(request);
    if (secret !== undefined && staff.metricsToken !== null && sameSecret(secret, staff.metricsToken))
      return { kind: 'operator' };
    if (secret !== undefined) {
      const principal = await apiKeyPrincipal(db, secret, now());
      if (principal) return principal;
      throw new ValutaError('VALUTA_ERR_UNAUTHORIZED', 'The API key is unknown or revoked');
    }
    const token = request.cookies[SESSION_COOKIE];
    if (acceptSession && token !== undefined) {
      const session = await sessionPrincipal(db, token, { now: now(), idleMs: staff.sessionIdleMs });
      if (session) {
        request.sessionCsrfToken = session.csrfToken;
        return session.principal;
      }
    }
    throw acceptSession
      ? new ValutaError('VALUTA_ERR_SIGN_IN_REQUIRED', 'Sign in to the console, or send an API key')
      : new ValutaError('VALUTA_ERR_UNAUTHORIZED', 'Send an API key as a Bearer token');
  };

  app.addHook('onRequest', async (request) => {
    const declared = request.routeOptions.config.access;
    if (declared === undefined) return; // (404s have no route)
    const origin = request.headers.origin;
    if (
      declared.audience === 'citizen' &&
      !declared.ownPage &&
      request.method === 'POST' &&
      origin !== undefined
    ) {
      const slug = slugOf(request);
      if (slug !== undefined && !(await allowedOrigin(request, origin, slug)))
        throw new ValutaError(
          'VALUTA_ERR_ORIGIN_NOT_ALLOWED',
          `Pages of ${origin} may not submit to this service; the ente registers the origins of its site`,
        );
    }
    if (declared.audience !== 'staff' && declared.audience !== 'machine') return;
    const principal = await authenticate(request, declared.audience === 'staff');
    if (request.sessionCsrfToken !== null && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (!sameSecret(typeof header === 'string' ? header : undefined, request.sessionCsrfToken))
        throw new ValutaError('VALUTA_ERR_CSRF', 'Send the session’s CSRF token in X-CSRF-Token');
      if (origin !== undefined && !isOwnOrigin(origin, request, publicUrl))
        throw new ValutaError('VALUTA_ERR_CSRF', `Requests from pages of ${origin} may not use the session`);
    }
    if (reachOf(principal, declared.permission!) === null)
      throw new ValutaError('VALUTA_ERR_FORBIDDEN', `This needs the permission ${declared.permission}`);
    request.principal = principal;
  });
});
