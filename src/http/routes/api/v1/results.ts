import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  benchmarkFor,
  coverageFor,
  periodsFor,
  resultsFor,
  visibleService,
  visibleServices,
} from '../../../../results/read.js';
import { suggestionsFor } from '../../../../suggestions/read.js';
import { principalOf } from '../../../access/declaration.js';
import {
  BenchmarkSchema,
  CoverageSchema,
  PeriodsSchema,
  PeriodKey,
  problemResponses,
  ResultsQueryFields,
  ResultsSchema,
  Slug,
  SuggestionsQueryFields,
  SuggestionsSchema,
} from '../../../schemas.js';
import type { AppServices } from '../../../services.js';

const RESULTS_ACCESS = { access: { audience: 'staff', permission: 'results:read' } } as const;

/** The results API at /api/v1/results: for the ente's staff and keys (results:read) and the central office. */
export const resultsRoutes: FastifyPluginAsyncTypebox<AppServices> = async (
  app,
  { database, config, now, resultsCache: cache },
) => {
  const source = { db: database.db, cache, k: config.suppressionK };

  app.get(
    '/results',
    {
      config: RESULTS_ACCESS,
      schema: {
        summary: 'Indicators, filtered and grouped, as the caller may see them',
        description:
          'Per row: responses, the cross-family indicators (satisfaction, ease, effectiveness, clarity) with Wilson 95% CIs and their change against the previous period (two-proportion test at 5%; Benjamini–Hochberg when rows are services, enti or regions), the items of a single-family row, and the response rate. Ente users and their keys see closed months, quarters and years only, one breakdown filter at a time, with cells of 0 < n < k withheld (and the cells that would reveal them); the central office sees every count, and day ranges (`from`, `to`). See docs/statistics.md.',
        tags: ['results'],
        querystring: Type.Object(
          {
            ...ResultsQueryFields,
          },
          { additionalProperties: false },
        ),
        response: { 200: ResultsSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    (request) => resultsFor(source, principalOf(request), request.query, now()),
  );

  app.get(
    '/results/periods',
    {
      config: RESULTS_ACCESS,
      schema: {
        summary: 'The periods the caller may ask results for',
        tags: ['results'],
        querystring: Type.Object({ service: Type.Optional(Slug) }, { additionalProperties: false }),
        response: { 200: PeriodsSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const services =
        request.query.service === undefined
          ? await visibleServices(source, principal)
          : [await visibleService(source, principal, request.query.service)];
      return periodsFor(source, principal, services, now());
    },
  );

  app.get(
    '/results/benchmark',
    {
      config: RESULTS_ACCESS,
      schema: {
        summary: 'A service against similar services',
        description:
          'Per indicator: the median and interquartile range of the shares of active services of the same kind and family of other enti, each with n ≥ k, where this service stands among them (percentile), and a two-proportion test against their pooled share.',
        tags: ['results'],
        querystring: Type.Object(
          { service: Slug, period: Type.Optional(PeriodKey) },
          { additionalProperties: false },
        ),
        response: { 200: BenchmarkSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    (request) => benchmarkFor(source, principalOf(request), request.query, now()),
  );

  app.get(
    '/results/suggestions',
    {
      config: RESULTS_ACCESS,
      schema: {
        summary: "A service's suggestions of a month, with their themes",
        description:
          'The released free-text answers of a month, redacted again on every read, in no order of time; filtered by the answer to the overall item (`score`) or the channel, and searched (`q`, web-search syntax, Italian stemming and stop words). Themes: the most frequent terms and pairs of terms, counted once per suggestion, with two examples each. Ente users and their keys: closed months only, one filter at a time, and a list is withheld when its count is (below k, or revealing a count below k). See docs/statistics.md, "Suggestions".',
        tags: ['results'],
        querystring: Type.Object(
          {
            ...SuggestionsQueryFields,
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SuggestionsSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    (request) => suggestionsFor(source, principalOf(request), request.query, now()),
  );

  app.get(
    '/results/coverage',
    {
      config: RESULTS_ACCESS,
      schema: {
        summary: 'Coverage against the 2026 targets (central office)',
        description:
          'Active services (target 300) and enti with at least one active service (target 100): month by month, by PA type, by region; and per active service the openings and responses of the period.',
        tags: ['results'],
        querystring: Type.Object({ period: Type.Optional(PeriodKey) }, { additionalProperties: false }),
        response: { 200: CoverageSchema, ...problemResponses(400, 401, 403, 503) },
      },
    },
    (request) => coverageFor(source, principalOf(request), request.query.period, now()),
  );
};
