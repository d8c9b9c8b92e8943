import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ValutaError } from '../../domain/errors.js';
import { carriesServiceKey } from '../service-key.js';
import type { ServiceDirectory } from '../../store/service-directory.js';

/** The submissions a citizen's browser sends, each limited per address and service. */
const LIMITED_ROUTES = new Set([
  '/api/v1/services/:slug/responses',
  '/api/v1/services/:slug/openings',
  '/s/:slug',
]);

/** The routes a citizen's browser calls for one service: by slug, from the ente's page. */
const CITIZEN_ROUTE = /^\/api\/v1\/services\/([a-z0-9-]{1,100})\/(questionnaire|responses|openings)(?:\?|$)/;

/**
 * Whether a request comes from this server's own pages (the hosted and demo pages). The browser
 * says so in `Sec-Fetch-Site`, which page scripts cannot set; it is needed because a page with
 * `Referrer-Policy: no-referrer` sends `Origin: null` on its form posts and same-origin fetches.
 */
function isOwnOrigin(origin: string, request: FastifyRequest, publicUrl: string): boolean {
  if (request.headers['sec-fetch-site'] === 'same-origin') return true;
  try {
    const { host } = new URL(origin);
    // (through URL on both sides, so that a default port is dropped from each)
    return host === new URL(`http://${request.headers.host}`).host || origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

export interface CitizenTrafficOptions {
  readonly directory: ServiceDirectory;
  readonly publicUrl: string;
  /** Submissions per minute from one address to one service; 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
}

/**
 * What guards the submissions of citizens without knowing who they are:
 * - CORS for the widget's calls, per service: only the origins the ente registered (and this
 *   server) get CORS headers, so other sites' pages cannot call the API from a browser;
 * - an Origin check on the API: a POST for a service sent from a page of another origin is
 *   refused with 403 (browsers always send Origin on POST; servers of an ente send none and pass);
 * - a rate limit per address, service and kind of submission (response, opening, hosted form),
 *   kept in memory only (the address is never stored), with X-RateLimit-* headers and
 *   Retry-After; an ente's back end that sends the service key is not limited.
 */
export const citizenTraffic = fp(async (app: FastifyInstance, options: CitizenTrafficOptions) => {
  const { directory, publicUrl } = options;

  /** Whether the request carries the service's completion key (`Authorization: Bearer …`). */
  const isEnteBackEnd = async (request: FastifyRequest): Promise<boolean> => {
    const slug = (request.params as { slug?: unknown }).slug;
    if (request.headers.authorization === undefined || typeof slug !== 'string') return false;
    return carriesServiceKey(request.headers.authorization, (await directory.bySlug(slug))?.completionKey);
  };

  const allowed = async (request: FastifyRequest, origin: string, slug: string): Promise<boolean> => {
    if (isOwnOrigin(origin, request, publicUrl)) return true;
    const service = await directory.bySlug(slug);
    return service !== undefined && service.allowedOrigins.includes(origin);
  };

  await app.register(cors, {
    delegator: (request, callback) => {
      const slug = CITIZEN_ROUTE.exec(request.url)?.[1];
      const origin = request.headers.origin;
      if (slug === undefined || origin === undefined) return callback(null, { origin: false });
      allowed(request, origin, slug).then(
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

  // The API only: the hosted form is this server's own page, guarded by its signed form token,
  // and browsers without Sec-Fetch-Site (Safari before 16.4) post it with `Origin: null`.
  app.addHook('preHandler', async (request) => {
    const origin = request.headers.origin;
    const slug = CITIZEN_ROUTE.exec(request.url)?.[1];
    if (request.method !== 'POST' || origin === undefined || slug === undefined) return;
    if (!(await allowed(request, origin, slug))) {
      throw new ValutaError(
        'VALUTA_ERR_ORIGIN_NOT_ALLOWED',
        `Pages of ${origin} may not submit to this service; the ente registers the origins of its site`,
      );
    }
  });

  if (options.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: options.rateLimitPerMinute,
      timeWindow: 60_000,
      // What citizens' browsers send, each with its own allowance: reading is never limited, and
      // an ente's back end that authenticates with the service key is not limited either.
      allowList: async (request) =>
        request.method !== 'POST' ||
        !LIMITED_ROUTES.has(request.routeOptions.url ?? '') ||
        (await isEnteBackEnd(request)),
      keyGenerator: (request) =>
        `${request.ip}|${(request.params as { slug: string }).slug}|${request.routeOptions.url}`,
      errorResponseBuilder: (_request, context) =>
        new ValutaError(
          'VALUTA_ERR_RATE_LIMITED',
          `Too many submissions from this address to this service; retry in ${context.after}`,
          [],
          Math.max(1, Math.ceil(context.ttl / 1000)),
        ),
    });
  }
});
