import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mintCompletionToken } from '../../../../domain/completion-token.js';
import { ValutaError } from '../../../../domain/errors.js';
import { mayActOn, type Permission, type Principal } from '../../../../domain/governance/roles.js';
import type { ActiveService } from '../../../../store/services.js';
import { PUBLIC, principalOf } from '../../../access/declaration.js';
import {
  MintedToken,
  OpeningBody,
  problemResponses,
  QuestionnaireSchema,
  ServiceSchema,
  Slug,
  StoredResponse,
  SubmissionBody,
  ResultsSchema,
  TokenRequest,
} from '../../../schemas.js';
import type { AppServices } from '../../../services.js';
import { resultsFor } from '../../../../results/read.js';

function publicService(s: ActiveService) {
  return { id: s.id, slug: s.slug, name: s.name, url: s.url, kind: s.kind, family: s.family, ente: s.ente };
}

/** The services of the REST API, version 1, mounted at /api/v1: what citizens' browsers and ente back ends call. */
export const serviceRoutes: FastifyPluginAsyncTypebox<AppServices> = async (
  app,
  { directory, ingest, openings, database, config, now, resultsCache },
) => {
  /** An active service the principal may act on; another ente's answers as unknown (404). */
  const enteService = async (slug: string, principal: Principal, permission: Permission) => {
    const service = await directory.activeService(slug);
    if (!mayActOn(principal, permission, service.ente.id))
      throw new ValutaError('VALUTA_ERR_SERVICE_NOT_FOUND', `No active service has the slug "${slug}"`);
    return service;
  };

  app.get(
    '/services',
    {
      config: PUBLIC,
      schema: {
        summary: 'Active services',
        tags: ['services'],
        response: { 200: Type.Object({ services: Type.Array(ServiceSchema) }), ...problemResponses(503) },
      },
    },
    async () => ({ services: (await directory.all()).map(publicService) }),
  );

  app.get(
    '/services/:slug/questionnaire',
    {
      config: { access: { audience: 'citizen' } },
      schema: {
        summary: "The service's current questionnaire version",
        tags: ['services'],
        params: Type.Object({ slug: Slug }),
        response: { 200: QuestionnaireSchema, ...problemResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const { questionnaire } = await directory.activeService(request.params.slug);
      return {
        id: questionnaire.id,
        publishedAt: questionnaire.publishedAt.toISOString(),
        ...questionnaire.definition,
      };
    },
  );

  app.post(
    '/services/:slug/responses',
    {
      config: { access: { audience: 'citizen', rateLimit: 'response' } },
      schema: {
        summary: 'Submit a response',
        description:
          'Validated against the current questionnaire version, redacted and stored anonymously. 201 means durably committed. A retry with the same submissionId answers the same 201 and stores nothing new. 503 with Retry-After when overloaded or the database is unavailable.',
        tags: ['responses'],
        params: Type.Object({ slug: Slug }),
        body: SubmissionBody,
        response: {
          201: StoredResponse,
          ...problemResponses(400, 403, 404, 409, 413, 415, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { submissionId, answers, channel = 'web', lang = 'it', completionToken, honeypot } = request.body;
      if (honeypot !== undefined && honeypot.trim() !== '') {
        throw new ValutaError(
          'VALUTA_ERR_AUTOMATED_SUBMISSION',
          'A field that people never fill in was filled in',
          [{ item: 'honeypot', code: 'automated-submission', detail: 'the hidden field must stay empty' }],
        );
      }
      const stored = await ingest.submit(request.params.slug, {
        submissionId,
        answers,
        channel,
        lang,
        userAgent: request.headers['user-agent'],
        completionToken,
      });
      return reply.code(201).send(stored);
    },
  );

  app.post(
    '/services/:slug/openings',
    {
      config: { access: { audience: 'citizen', rateLimit: 'opening' } },
      schema: {
        summary: 'Count an opening of the questionnaire',
        description:
          'Sent by the widget when the questionnaire is shown, so that response rates exist. Anonymous: only the service, the day and the channel are counted.',
        tags: ['responses'],
        params: Type.Object({ slug: Slug }),
        body: Type.Optional(OpeningBody),
        response: { 204: Type.Null(), ...problemResponses(400, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      await openings.count(request.params.slug, request.body?.channel ?? 'web');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/services/:slug/completion-tokens',
    {
      config: { access: { audience: 'machine', permission: 'completion-tokens:mint' } },
      schema: {
        summary: 'Mint a completion token (for the ente back end)',
        description:
          "For back ends that cannot sign a JWT themselves: authenticated with an API key of the service's ente that has the scope `completion-tokens:mint`. The token is single use and carries no personal data. See docs/verified-completions.md.",
        tags: ['responses'],
        params: Type.Object({ slug: Slug }),
        body: Type.Optional(TokenRequest),
        response: { 201: MintedToken, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const service = await enteService(request.params.slug, principalOf(request), 'completion-tokens:mint');
      if (service.completionKey === null)
        throw new ValutaError(
          'VALUTA_ERR_VALIDATION',
          'The service has no completion secret yet: create one in the console or with `valuta completion-secret`',
        );
      const { token, expiresAt } = await mintCompletionToken(service.completionKey!, service.slug, {
        ttlSeconds: request.body?.ttlSeconds,
      });
      return reply.code(201).send({ token, expiresAt: expiresAt.toISOString() });
    },
  );

  app.get(
    '/services/:slug/summary',
    {
      config: { access: { audience: 'staff', permission: 'results:read' } },
      schema: {
        summary: "A service's results: `/results?service={slug}`",
        description:
          'The results of one service over a closed month, quarter or year (the latest closed month when `period` is absent), as `GET /api/v1/results?service={slug}` returns them, with the same disclosure control. For the ente of the service (a session or a `results:read` key) and the central office.',
        tags: ['results'],
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object(
          { period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$' })) },
          { additionalProperties: false },
        ),
        response: { 200: ResultsSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    (request) =>
      resultsFor(
        { db: database.db, cache: resultsCache, k: config.suppressionK },
        principalOf(request),
        { service: request.params.slug, period: request.query.period },
        now(),
      ),
  );
};
