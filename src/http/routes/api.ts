import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ValutaError } from '../../domain/errors.js';
import { summarise } from '../../domain/summary.js';
import type { ActiveService } from '../../store/services.js';
import { periodCounts } from '../../store/rollups.js';
import {
  Day,
  ProblemSchema,
  QuestionnaireSchema,
  ServiceSchema,
  Slug,
  StoredResponse,
  SubmissionBody,
  SummarySchema,
} from '../schemas.js';
import type { AppServices } from '../services.js';

const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, { ...ProblemSchema, description: 'Problem details' }]));

function publicService(s: ActiveService) {
  return { id: s.id, slug: s.slug, name: s.name, url: s.url, kind: s.kind, family: s.family, ente: s.ente };
}

/** The public REST API, version 1, mounted at /api/v1. */
export const apiRoutes: FastifyPluginAsyncTypebox<AppServices> = async (
  app,
  { directory, ingest, database, config },
) => {
  const activeService = async (slug: string): Promise<ActiveService> => {
    const service = await directory.bySlug(slug);
    if (!service)
      throw new ValutaError('VALUTA_ERR_SERVICE_NOT_FOUND', `No active service has the slug "${slug}"`);
    return service;
  };

  app.get(
    '/services',
    {
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
      schema: {
        summary: "The service's current questionnaire version",
        tags: ['services'],
        params: Type.Object({ slug: Slug }),
        response: { 200: QuestionnaireSchema, ...problemResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const { questionnaire } = await activeService(request.params.slug);
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
      schema: {
        summary: 'Submit a response',
        description:
          'Validated against the current questionnaire version, redacted and stored anonymously. 201 means durably committed. A retry with the same submissionId answers the same 201 and stores nothing new. 503 with Retry-After when overloaded or the database is unavailable.',
        tags: ['responses'],
        params: Type.Object({ slug: Slug }),
        body: SubmissionBody,
        response: { 201: StoredResponse, ...problemResponses(400, 404, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      const { submissionId, answers, channel = 'web', lang = 'it' } = request.body;
      const stored = await ingest.submit(request.params.slug, {
        submissionId,
        answers,
        channel,
        lang,
        userAgent: request.headers['user-agent'],
      });
      return reply.code(201).send(stored);
    },
  );

  app.get(
    '/services/:slug/summary',
    {
      schema: {
        summary: 'Indicators of a service, from rollups',
        description:
          'Per item: distribution, mean with t-based 95% CI, positive share with Wilson 95% CI. Items answered by fewer than k responses are suppressed.',
        tags: ['results'],
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object(
          { from: Type.Optional(Day), to: Type.Optional(Day) },
          { additionalProperties: false },
        ),
        response: { 200: SummarySchema, ...problemResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from !== undefined && to !== undefined && from > to) {
        throw new ValutaError('VALUTA_ERR_VALIDATION', '`from` must not be after `to`', [
          { item: 'from', code: 'range', detail: 'from must be on or before to' },
        ]);
      }
      const service = await activeService(request.params.slug);
      const counts = await periodCounts(database.db, service.id, { from, to });
      const summary = summarise(service.questionnaire.definition, counts, config.suppressionK);
      return { service: publicService(service), from: from ?? null, to: to ?? null, ...summary };
    },
  );
};
