/**
 * Reading results: a query planned for its principal (domain/results-plan.ts), its rollup counts
 * read and decided (domain/results.ts), kept under the generations of the months read
 * (store/results-cache.ts). The results API, a service's summary and the warmer all read here.
 */
import { benchmark, indicatorCounts } from '../domain/benchmark.js';
import { coverage } from '../domain/coverage.js';
import { ValutaError } from '../domain/errors.js';
import { reachOf, type Principal } from '../domain/governance/roles.js';
import { closedPeriods, isClosed, italianMonth, nextMonth, parsePeriod } from '../domain/periods.js';
import { buildResults, resultCubes, type ServiceRef } from '../domain/results.js';
import type { Breakdown, CountRow } from '../domain/results-cube.js';
import { lastClosedMonth, planResults, type ResultsPlan, type ResultsQuery } from '../domain/results-plan.js';
import type { BenchmarkView, CoverageView, PeriodsView, ResultsView } from '../domain/results-view.js';
import type { Db } from '../store/database.js';
import type { MonthRange, ResultsCache } from '../store/results-cache.js';
import {
  coverageData,
  dayCounts,
  firstMonth,
  funnelCounts,
  monthCounts,
  openingCounts,
  responsesInMonth,
  resultServices,
} from '../store/results.js';

/** Where results are read from, and with which k. */
export interface ResultsSource {
  readonly db: Db;
  readonly cache: ResultsCache;
  readonly k: number;
}

/** A reader of an ente's results as its staff see them: a results:read key of the ente, named for what reads. */
export const enteReader = (enteId: string, name: string): Principal => ({
  kind: 'api-key',
  id: name,
  name,
  enteId,
  scopes: ['results:read'],
});

/** Whether the principal is the central office (results of every ente, without disclosure control). */
export function isCentral(principal: Principal): boolean {
  const reach = reachOf(principal, 'results:read');
  return reach !== null && 'all' in reach;
}

/** The services a principal may see results of: every one, or their ente's. */
export function visibleServices(source: ResultsSource, principal: Principal): Promise<ServiceRef[]> {
  const reach = reachOf(principal, 'results:read');
  if (reach === null) throw new ValutaError('VALUTA_ERR_FORBIDDEN', 'Your role does not allow this');
  return resultServices(source.db, source.cache.definitions, 'all' in reach ? undefined : reach.ente);
}

/** One of the services a principal may see, by slug (VALUTA_ERR_SERVICE_NOT_FOUND otherwise, another ente's included). */
export async function visibleService(
  source: ResultsSource,
  principal: Principal,
  slug: string,
): Promise<ServiceRef> {
  const service = (await visibleServices(source, principal)).find((s) => s.slug === slug);
  if (service === undefined)
    throw new ValutaError('VALUTA_ERR_SERVICE_NOT_FOUND', `No service has the slug "${slug}"`);
  return service;
}

/** The periods a principal may ask results of some services for, from their first month with responses. */
export async function periodsFor(
  { db }: ResultsSource,
  principal: Principal,
  services: readonly ServiceRef[],
  now: Date,
): Promise<PeriodsView> {
  const first =
    (await firstMonth(
      db,
      services.map((s) => s.id),
    )) ?? italianMonth(now);
  return { ...closedPeriods(first, now), running: italianMonth(now), dayRanges: isCentral(principal) };
}

/** What a result says of its services: a result is kept for the services as they were. */
export const servicesKey = (services: readonly ServiceRef[]) =>
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
  source: ResultsSource,
  principal: Principal,
  query: ResultsQuery,
  now: Date,
): Promise<ResultsView> {
  const central = isCentral(principal);
  const services = await visibleServices(source, principal);
  const plan = planResults(query, { central, k: source.k, now }, services);
  return computeResults(source, plan, central, query);
}

/**
 * Reads the counts of a plan and builds its results, kept until the rollups of the months read
 * change (a release into them, openings added to them, a rebuild): the cubes (counts and their
 * statuses, the costly part) for the requests that share them, and the view for the same query,
 * as long as the running month's count, read each time as it moves between releases, is the same.
 */
async function computeResults(
  { db, cache }: ResultsSource,
  plan: ResultsPlan,
  central: boolean,
  query: ResultsQuery,
): Promise<ResultsView> {
  const { request, read } = plan;
  const ids = request.scope.serviceIds;
  const breakdowns =
    !central ||
    Object.keys(plan.rowFilters).length > 0 ||
    ['channel', 'device', 'lang'].includes(query.groupBy ?? '');
  const running = plan.runningMonth
    ? { month: plan.runningMonth, n: await responsesInMonth(db, ids, plan.runningMonth) }
    : null;
  const asked = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  // the tree (its nodes) and the services asked for follow from the tree's services and the query
  const tree = servicesKey(request.treeServices);
  const range: MonthRange =
    read.by === 'month' ? read : { first: read.from.slice(0, 7), last: read.to.slice(0, 7) };
  // the view and its cubes at one generation (and one read of it)
  const months = { first: range.first, last: range.last, generation: await cache.generation(range) };
  return cache.memo(
    months,
    ['view', central, request.k, asked, request.period.key, running, tree],
    async () => {
      const [cubes, all] = await Promise.all([
        cache.memo(
          months,
          ['cubes', central, request.k, read, breakdowns, plan.rowFilters, tree],
          async () => resultCubes(request, await countsOf(db, plan, breakdowns)),
          { large: true },
        ),
        openingCounts(db, ids, request.period.from, request.period.to, read.by),
      ]);
      const openings = all.filter(
        (o) => plan.rowFilters.channel === undefined || o.channel === plan.rowFilters.channel,
      );
      return buildResults({ ...request, running }, cubes, openings);
    },
  );
}

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

/** A service against the active services of its kind and family of other enti, over a closed period. */
export async function benchmarkFor(
  source: ResultsSource,
  principal: Principal,
  query: { readonly service: string; readonly period?: string | undefined },
  now: Date,
): Promise<BenchmarkView> {
  const { db, cache, k } = source;
  // resultsFor checks that the caller may see the service (404 otherwise)
  const own = await resultsFor(source, principal, query, now);
  const services = await resultServices(db, cache.definitions);
  const service = services.find((s) => s.slug === query.service)!;
  const period = parsePeriod(own.period.key);
  const months = { first: period.months[0]!, last: period.months[period.months.length - 1]! };
  // the counts of every active service of the kind and family, kept for each of them
  const similar = services.filter(
    (s) => s.kind === service.kind && s.family === service.family && s.status === 'active',
  );
  const counts = await cache.memo(
    months,
    ['benchmark', service.kind, service.family, period.key, servicesKey(similar)],
    async () =>
      indicatorCounts(
        await monthCounts(
          db,
          similar.map((s) => s.id),
          months.first,
          months.last,
          { breakdowns: false, total: true },
        ),
        similar,
      ),
  );
  const peers = new Map(
    similar.filter((s) => s.enteId !== service.enteId).map((s) => [s.id, counts.get(s.id)!]),
  );
  return benchmark(own.period, service, own.total, peers, k);
}

/** Coverage against the 2026 targets over a closed period (the latest closed month when absent); central office only. */
export async function coverageFor(
  { db, cache, k }: ResultsSource,
  principal: Principal,
  periodKey: string | undefined,
  now: Date,
): Promise<CoverageView> {
  if (!isCentral(principal))
    throw new ValutaError('VALUTA_ERR_FORBIDDEN', 'Coverage is for the central office');
  const period = periodKey !== undefined ? parsePeriod(periodKey) : lastClosedMonth(now);
  if (!isClosed(period, now))
    throw new ValutaError('VALUTA_ERR_NOT_PUBLISHED', `${period.key} is not closed yet`);
  const { services, changes } = await coverageData(db);
  const months: string[] = [];
  for (let m = `${italianMonth(now).slice(0, 4)}-01`; m <= italianMonth(now); m = nextMonth(m))
    months.push(m);
  const range = { first: period.months[0]!, last: period.months[period.months.length - 1]! };
  const funnel = await cache.memo(range, ['funnel', period.key], () =>
    funnelCounts(db, period.from, period.to),
  );
  return coverage({
    services,
    changes,
    months,
    funnel,
    period: { key: period.key, kind: period.kind, from: period.from, to: period.to },
    k,
    now,
  });
}
