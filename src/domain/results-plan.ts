/**
 * What a results request may ask, and what it needs: the caller's reach decides whether
 * disclosure control applies (ente users and their keys) or not (the central office), which
 * periods, filters and groupings are published to them, and which counts to read.
 */
import { ValutaError } from './errors.js';
import {
  dayRange,
  isClosed,
  italianMonth,
  parsePeriod,
  periodParts,
  previousPeriod,
  type Period,
} from './periods.js';
import { enteTree, flatNode, serviceNode, type ResultsRequest, type ServiceRef } from './results.js';
import {
  BREAKDOWN_NAMES,
  BREAKDOWNS,
  type Breakdown,
  type CubeNode,
  type CubePeriod,
} from './results-cube.js';
import type { Grouping } from './results-view.js';

/** A results request as asked (query parameters). */
export interface ResultsQuery {
  readonly period?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly groupBy?: Grouping | undefined;
  readonly service?: string | undefined;
  readonly ente?: string | undefined;
  readonly family?: string | undefined;
  readonly kind?: string | undefined;
  readonly region?: string | undefined;
  readonly channel?: string | undefined;
  readonly device?: string | undefined;
  readonly lang?: string | undefined;
  readonly verified?: string | undefined;
}

/** A request's plan: what to read, and the request for `buildResults` once read. */
export interface ResultsPlan {
  readonly request: Omit<ResultsRequest, 'running'>;
  /** Months to read (YYYY-MM, first and last), or the day range. */
  readonly read:
    | { readonly by: 'month'; readonly first: string; readonly last: string }
    | { readonly by: 'day'; readonly from: string; readonly to: string };
  /** Breakdown filters to apply to the rows before they are counted (the central office's). */
  readonly rowFilters: Readonly<Partial<Record<Breakdown, string>>>;
  /** The running month, for its count (ente users). */
  readonly runningMonth: string | null;
}

const MAX_DAYS = 731;

/** Throws VALUTA_ERR_NOT_PUBLISHED naming `item`: what disclosure control does not publish to the caller. */
export function notPublished(detail: string, item: string): never {
  throw new ValutaError('VALUTA_ERR_NOT_PUBLISHED', detail, [{ item, code: 'not-published', detail }]);
}

/** The cube period of a closed month, quarter or year, with its parts. */
export function cubePeriod(period: Period): CubePeriod {
  return { key: period.key, ats: period.months, parts: periodParts(period).map(cubePeriod) };
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * Plans a results request. `central` is the central office (every ente, no disclosure control);
 * `services` are those the caller may see (their ente's, or all). Throws VALUTA_ERR_VALIDATION
 * for a malformed request, VALUTA_ERR_NOT_PUBLISHED for one that disclosure control does not
 * publish to the caller, VALUTA_ERR_NOT_FOUND when no service matches.
 */
export function planResults(
  query: ResultsQuery,
  caller: { readonly central: boolean; readonly k: number; readonly now: Date },
  services: readonly ServiceRef[],
): ResultsPlan {
  const { central, k, now } = caller;
  const breakdowns = BREAKDOWN_NAMES.filter((d) => query[d] !== undefined);
  for (const d of breakdowns)
    if (!(BREAKDOWNS[d] as readonly string[]).includes(query[d]!))
      throw new ValutaError('VALUTA_ERR_VALIDATION', `\`${d}\` must be one of ${BREAKDOWNS[d].join(', ')}`, [
        { item: d, code: 'enum', detail: `one of ${BREAKDOWNS[d].join(', ')}` },
      ]);
  const groupedBreakdown =
    query.groupBy === 'channel' || query.groupBy === 'device' || query.groupBy === 'lang';

  const period = askedPeriod(query, central, now);
  if (period.kind === 'days' && (breakdowns.length > 0 || groupedBreakdown))
    throw new ValutaError(
      'VALUTA_ERR_VALIDATION',
      'Answers are kept by day without their breakdowns: filter or group by channel, device, language or verified over a month, quarter or year',
      [{ item: breakdowns[0] ?? 'groupBy', code: 'day-range', detail: 'breakdowns are kept by month' }],
    );

  if (!central && breakdowns.length > 1)
    notPublished('Filter by one breakdown at a time (channel, device, lang or verified)', breakdowns[1]!);
  if (!central && breakdowns.length === 1 && groupedBreakdown && query.groupBy !== breakdowns[0])
    notPublished(`A filter on ${breakdowns[0]} goes with no grouping by another breakdown`, 'groupBy');
  let chosen = services;
  if (query.ente !== undefined) chosen = chosen.filter((s) => s.enteCode === query.ente);
  if (query.service !== undefined) chosen = chosen.filter((s) => s.slug === query.service);
  if (query.family !== undefined) chosen = chosen.filter((s) => s.family === query.family);
  if (query.kind !== undefined) chosen = chosen.filter((s) => s.kind === query.kind);
  if (query.region !== undefined) chosen = chosen.filter((s) => s.region === query.region);
  if (chosen.length === 0) {
    if (query.service !== undefined)
      throw new ValutaError('VALUTA_ERR_SERVICE_NOT_FOUND', `No service has the slug "${query.service}"`);
    throw new ValutaError('VALUTA_ERR_NOT_FOUND', 'No service matches the filters');
  }

  let scope: CubeNode;
  let tree: CubeNode;
  let treeServices = chosen;
  if (central) tree = scope = chosen.length === 1 ? serviceNode(chosen[0]!) : flatNode('scope', chosen);
  else {
    // an ente user sees what their ente's disclosure tree holds: the ente, a family in it, a
    // service; its cells are decided together, whichever of them is asked for
    treeServices = services.filter((s) => s.enteId === chosen[0]!.enteId);
    tree = enteTree(chosen[0]!.enteId, treeServices);
    const same = (node: CubeNode) =>
      node.serviceIds.length === chosen.length && chosen.every((s) => node.serviceIds.includes(s.id));
    const found = [tree, ...tree.children, ...tree.children.flatMap((f) => f.children)].find(same);
    if (!found)
      notPublished(
        'Results are published for one service, the services of one questionnaire family, or the whole ente',
        query.kind !== undefined ? 'kind' : query.region !== undefined ? 'region' : 'family',
      );
    scope = found;
  }

  const previous = period.kind === 'days' ? undefined : previousPeriod(period);
  const breakdown =
    !central && breakdowns.length === 1 ? { dimension: breakdowns[0]!, key: query[breakdowns[0]!]! } : null;
  const rowFilters: Partial<Record<Breakdown, string>> = {};
  if (central) for (const d of breakdowns) rowFilters[d] = query[d]!;
  const filters: Record<string, string> = {};
  for (const name of ['service', 'ente', 'family', 'kind', 'region', ...BREAKDOWN_NAMES] as const)
    if (query[name] !== undefined) filters[name] = query[name]!;

  let request: ResultsPlan['request'];
  const common = {
    period: { key: period.key, kind: period.kind, from: period.from, to: period.to },
    groupBy: query.groupBy ?? null,
    filters,
    breakdown,
    // openings are counted by channel only
    openingsApply: breakdowns.every((d) => d === 'channel'),
    services: chosen,
    scope,
    tree,
    treeServices,
    k,
    disclosureControl: !central,
  };
  if (period.kind === 'days') {
    const all = days(period.from, period.to);
    const months = [...new Set(all.map((d) => d.slice(0, 7)))].map((m) => ({
      key: m,
      ats: all.filter((d) => d.startsWith(m)),
      parts: [],
    }));
    request = { ...common, cubePeriod: { key: period.key, ats: all, parts: [] }, previous: null, months };
    return { request, read: { by: 'day', from: period.from, to: period.to }, rowFilters, runningMonth: null };
  }
  const months = period.months.map((m) => cubePeriod(parsePeriod(m)));
  request = {
    ...common,
    cubePeriod: cubePeriod(period),
    previous: previous ? cubePeriod(previous) : null,
    months,
  };
  return {
    request,
    read: {
      by: 'month',
      first: (previous ?? period).months[0]!,
      last: period.months[period.months.length - 1]!,
    },
    rowFilters,
    runningMonth: central ? null : italianMonth(now),
  };
}

/**
 * The period a request asks for, as the caller may see it: a closed month, quarter or year (the
 * latest closed month when none), or for the central office the running ones and a day range of at
 * most MAX_DAYS. Throws VALUTA_ERR_VALIDATION or VALUTA_ERR_NOT_PUBLISHED.
 */
export function askedPeriod(
  query: Pick<ResultsQuery, 'period' | 'from' | 'to'>,
  central: boolean,
  now: Date,
): Period {
  if (query.from !== undefined || query.to !== undefined) {
    if (!central)
      notPublished('Day ranges are for the central office: ask for a closed month, quarter or year', 'from');
    if (query.from === undefined || query.to === undefined || query.period !== undefined)
      throw new ValutaError(
        'VALUTA_ERR_VALIDATION',
        'A day range needs both `from` and `to`, and no `period`',
        [
          {
            item: query.from === undefined ? 'from' : 'to',
            code: 'required',
            detail: 'from and to go together',
          },
        ],
      );
    const period = dayRange(query.from, query.to);
    if (days(period.from, period.to).length > MAX_DAYS)
      throw new ValutaError('VALUTA_ERR_VALIDATION', `A day range is at most ${MAX_DAYS} days`, [
        { item: 'to', code: 'range', detail: `at most ${MAX_DAYS} days` },
      ]);
    return period;
  }
  const period = query.period !== undefined ? parsePeriod(query.period) : lastClosedMonth(now);
  // the central office may see the running month as it stands; ente users closed periods only
  if (!central && !isClosed(period, now))
    notPublished(
      `${period.key} is not closed yet: a month is shown from the second day of the next one (the running month shows only its count)`,
      'period',
    );
  return period;
}

/** The latest month closed at `now`. */
export function lastClosedMonth(now: Date): Period {
  let month = parsePeriod(italianMonth(now));
  while (!isClosed(month, now)) month = previousPeriod(month)!;
  return month;
}
