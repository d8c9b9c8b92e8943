import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { benchmark, indicatorCounts } from '../../../../domain/benchmark.js';
import { coverage } from '../../../../domain/coverage.js';
import { ValutaError } from '../../../../domain/errors.js';
import { reachOf, type Principal } from '../../../../domain/governance/roles.js';
import { closedPeriods, isClosed, italianMonth, nextMonth, parsePeriod } from '../../../../domain/periods.js';
import { buildResults, resultCubes, type ServiceRef } from '../../../../domain/results.js';
import { BREAKDOWNS, type Breakdown, type CountRow } from '../../../../domain/results-cube.js';
import {
  lastClosedMonth,
  planResults,
  type ResultsPlan,
  type ResultsQuery,
} from '../../../../domain/results-plan.js';
import { GROUPINGS, type ResultsView } from '../../../../domain/results-view.js';
import type { Db } from '../../../../store/database.js';
import type { ResultsCache } from '../../../../store/results-cache.js';
import {
  coverageData,
  dayCounts,
  firstMonth,
  funnelCounts,
  monthCounts,
  openingCounts,
  responsesInMonth,
  resultServices,
} from '../../../../store/results.js';
import { principalOf } from '../../../access/declaration.js';
import {
  BenchmarkSchema,
  CoverageSchema,
  Day,
  PeriodsSchema,
  problemResponses,
  ResultsSchema,
  Slug,
} from '../../../schemas.js';
import type { AppServices } from '../../../services.js';

const PeriodKey = Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$',
  description:
    "A closed month '2026-10', quarter '2026-Q3' or year '2026'; the latest closed month when absent",
});
const Filters = {
  service: Type.Optional(Slug),
  ente: Type.Optional(Type.String({ maxLength: 100, description: "An ente's IPA code" })),
  family: Type.Optional(Type.String({ maxLength: 100 })),
  kind: Type.Optional(Type.String({ maxLength: 100, description: 'dispositivo or consultazione' })),
  region: Type.Optional(Type.String({ maxLength: 100 })),
  channel: Type.Optional(Type.Enum(BREAKDOWNS.channel)),
  device: Type.Optional(Type.Enum(BREAKDOWNS.device)),
  lang: Type.Optional(Type.Enum(BREAKDOWNS.lang)),
  verified: Type.Optional(Type.Enum(BREAKDOWNS.verified)),
};
const RESULTS_ACCESS = { access: { audience: 'staff', permission: 'results:read' } } as const;

/** Whether the principal is the central office (results of every ente, without disclosure control). */
export function isCentral(principal: Principal): boolean {
  const reach = reachOf(principal, 'results:read');
  return reach !== null && 'all' in reach;
}

/** The services a principal may see results of: every one, or their ente's. */
export function visibleServices(db: Db, cache: ResultsCache, principal: Principal): Promise<ServiceRef[]> {
  const reach = reachOf(principal, 'results:read');
  if (reach === null) throw new ValutaError('VALUTA_ERR_FORBIDDEN', 'Your role does not allow this');
  return resultServices(db, cache.definitions, 'all' in reach ? undefined : reach.ente);
}

/** What a result says of its services: a result is kept for the services as they were. */
const servicesKey = (services: readonly ServiceRef[]) =>
  services.map((s) => [
    s.id,
    s.slug,
    s.name,
    s.status,
    s.enteId,
    s.enteCode,
    s.enteName,
    s.region,
    s.kind,
    s.definition.family,
    s.definition.version,
  ]);

/** The results of a query as the principal may see them (the results API, a service's summary). */
export async function resultsFor(
  db: Db,
  cache: ResultsCache,
  principal: Principal,
  query: ResultsQuery,
  k: number,
  now: Date,
): Promise<ResultsView> {
  const central = isCentral(principal);
  const services = await visibleServices(db, cache, principal);
  const plan = planResults(query, { central, k, now }, services);
  return computeResults(db, cache, plan, central, query);
}

/**
 * Reads the counts of a plan and builds its results, kept until the rollups change: the cubes
 * (counts and their statuses, the costly part) for the requests that share them, and the view
 * for the same query, as long as the openings and the running month's count, read each time as
 * they move between releases, are the same.
 */
async function computeResults(
  db: Db,
  cache: ResultsCache,
  plan: ResultsPlan,
  central: boolean,
  query: ResultsQuery,
): Promise<ResultsView> {
  const { request } = plan;
  const ids = request.scope.serviceIds;
  const breakdowns =
    !central ||
    Object.keys(plan.rowFilters).length > 0 ||
    ['channel', 'device', 'lang'].includes(query.groupBy ?? '');
  const [all, n] = await Promise.all([
    openingCounts(db, ids, request.period.from, request.period.to, plan.read.by),
    plan.runningMonth ? responsesInMonth(db, ids, plan.runningMonth) : null,
  ]);
  const openings = all.filter(
    (o) => plan.rowFilters.channel === undefined || o.channel === plan.rowFilters.channel,
  );
  const running = plan.runningMonth ? { month: plan.runningMonth, n: n ?? 0 } : null;
  const asked = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  // the tree (its nodes) and the services asked for follow from the tree's services and the query
  const tree = servicesKey(request.treeServices);
  const { read } = plan;
  const months = read.by === 'month' ? read : { first: read.from.slice(0, 7), last: read.to.slice(0, 7) };
  return cache.memo(
    months,
    ['view', central, request.k, asked, request.period.key, running, tree, digest(openings)],
    async () => {
      const cubes = await cache.memo(
        months,
        ['cubes', central, request.k, read, breakdowns, plan.rowFilters, tree],
        async () => resultCubes(request, await countsOf(db, plan, breakdowns)),
      );
      return buildResults({ ...request, running }, cubes, openings);
    },
  );
}

/** A short digest of what a result was computed from, for its key. */
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url');

/** The rollup counts a plan reads, with the central office's breakdown filters applied. */
async function countsOf(db: Db, plan: ResultsPlan, breakdowns: boolean): Promise<CountRow[]> {
  const ids = plan.request.tree.serviceIds;
  const rows =
    plan.read.by === 'day'
      ? await dayCounts(db, ids, plan.read.from, plan.read.to)
      : await monthCounts(db, ids, plan.read.first, plan.read.last, { breakdowns });
  const filtered = Object.entries(plan.rowFilters);
  if (filtered.length === 0) return rows;
  return rows.filter((r) =>
    filtered.every(([dimension, key]) => {
      const value = {
        channel: r.channel,
        device: r.deviceClass,
        lang: r.lang,
        verified: String(r.verified),
      }[dimension as Breakdown];
      return value === key;
    }),
  );
}

/** The results API at /api/v1/results: for the ente's staff and keys (results:read) and the central office. */
export const resultsRoutes: FastifyPluginAsyncTypebox<AppServices> = async (
  app,
  { database, config, now, resultsCache: cache },
) => {
  const db = database.db;
  const k = config.suppressionK;

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
            period: Type.Optional(PeriodKey),
            from: Type.Optional(Day),
            to: Type.Optional(Day),
            groupBy: Type.Optional(Type.Enum(GROUPINGS)),
            ...Filters,
          },
          { additionalProperties: false },
        ),
        response: { 200: ResultsSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    (request) => resultsFor(db, cache, principalOf(request), request.query, k, now()),
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
      let services = await visibleServices(db, cache, principal);
      if (request.query.service !== undefined) {
        services = services.filter((s) => s.slug === request.query.service);
        if (services.length === 0)
          throw new ValutaError(
            'VALUTA_ERR_SERVICE_NOT_FOUND',
            `No service has the slug "${request.query.service}"`,
          );
      }
      const at = now();
      const first =
        (await firstMonth(
          db,
          services.map((s) => s.id),
        )) ?? italianMonth(at);
      return { ...closedPeriods(first, at), running: italianMonth(at), dayRanges: isCentral(principal) };
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
    async (request) => {
      const principal = principalOf(request);
      const at = now();
      // resultsFor has checked that the caller may see the service (404 otherwise)
      const own = await resultsFor(db, cache, principal, request.query, k, at);
      const services = await resultServices(db, cache.definitions);
      const service = services.find((s) => s.slug === request.query.service)!;
      const period = parsePeriod(own.period.key);
      // the counts of every active service of the kind and family, kept for each of them
      const similar = services.filter(
        (s) => s.kind === service.kind && s.family === service.family && s.status === 'active',
      );
      const counts = await cache.memo(
        { first: period.months[0]!, last: period.months[period.months.length - 1]! },
        ['benchmark', service.kind, service.family, period.key, servicesKey(similar)],
        async () =>
          indicatorCounts(
            await monthCounts(
              db,
              similar.map((s) => s.id),
              period.months[0]!,
              period.months[period.months.length - 1]!,
              { breakdowns: false, total: true },
            ),
            similar,
          ),
      );
      const peers = new Map(
        similar.filter((s) => s.enteId !== service.enteId).map((s) => [s.id, counts.get(s.id)!]),
      );
      return benchmark(own.period, service, own.total, peers, k);
    },
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
    async (request) => {
      if (!isCentral(principalOf(request)))
        throw new ValutaError('VALUTA_ERR_FORBIDDEN', 'Coverage is for the central office');
      const at = now();
      const period =
        request.query.period !== undefined ? parsePeriod(request.query.period) : lastClosedMonth(at);
      if (!isClosed(period, at))
        throw new ValutaError('VALUTA_ERR_NOT_PUBLISHED', `${period.key} is not closed yet`);
      const { services, changes } = await coverageData(db);
      const months: string[] = [];
      for (let m = `${italianMonth(at).slice(0, 4)}-01`; m <= italianMonth(at); m = nextMonth(m))
        months.push(m);
      return coverage({
        services,
        changes,
        months,
        funnel: await funnelCounts(db, period.from, period.to),
        period: { key: period.key, kind: period.kind, from: period.from, to: period.to },
        k,
        now: at,
      });
    },
  );
};
