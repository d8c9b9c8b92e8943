/**
 * The results of a request, from rollup counts: per row (the total, or one per group) the
 * responses, the cross-family indicators with Wilson 95% CIs and their change against the
 * previous period, the items' distributions, means and positive shares, and the response rate.
 * Under disclosure control every count comes from `ResultCubes`, withheld where it must be, and
 * a figure derived from counts (a share, a mean, a rate) is shown only when every count it is
 * derived from is shown.
 */
import { INDICATOR_ITEMS } from './indicators.js';
import { isPointItem, localize, type QuestionnaireDefinition } from './questionnaire.js';
import {
  ALL,
  ANSWERED,
  BREAKDOWNS,
  breakdownKey,
  findNode,
  indexRows,
  RESPONSES,
  ResultCubes,
  type Breakdown,
  type CountRow,
  type CubeNode,
  type CubePeriod,
} from './results-cube.js';
import {
  INDICATOR_CODES,
  type ComparisonView,
  type CountView,
  type Grouping,
  type IndicatorView,
  type ItemView,
  type PeriodView,
  type ResultRowView,
  type ResultsView,
} from './results-view.js';
import {
  benjaminiHochberg,
  meanInterval,
  SIGNIFICANCE_LEVEL,
  twoProportionTest,
  wilsonInterval,
} from './statistics.js';

/** A service as results know it. */
export interface ServiceRef {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly enteId: string;
  readonly enteCode: string;
  readonly enteName: string;
  readonly region: string | null;
  readonly family: string;
  readonly kind: string;
  /** draft, active, paused or retired: a paused or retired service keeps its results. */
  readonly status: string;
  /** The latest questionnaire version of its family that it has answers under (or its current one). */
  readonly definition: QuestionnaireDefinition;
}

/** Openings of the questionnaire per service, month or day, and channel. */
export interface OpeningRow {
  readonly serviceId: string;
  readonly at: string;
  readonly channel: string;
  readonly count: number;
}

export interface ResultsRequest {
  readonly period: PeriodView;
  /** The request's period as the cubes know it (with its parts, under disclosure control). */
  readonly cubePeriod: CubePeriod;
  /** The previous period of the same kind, for the changes; null for day ranges. */
  readonly previous: CubePeriod | null;
  /** Month rows, for `groupBy=month`. */
  readonly months: readonly CubePeriod[];
  readonly groupBy: Grouping | null;
  readonly filters: Readonly<Record<string, string>>;
  /** The one breakdown filter under disclosure control; null when none (or already applied to the rows). */
  readonly breakdown: { readonly dimension: Breakdown; readonly key: string } | null;
  /** Whether openings are comparable: no filter on a breakdown that openings are not counted by. */
  readonly openingsApply: boolean;
  /** The services in scope: every row is made of some of them. */
  readonly services: readonly ServiceRef[];
  /** The scope as one node of the disclosure tree. */
  readonly scope: CubeNode;
  /**
   * The disclosure tree (an ente, its families, their services) whose cells are decided together,
   * so that each has one status whichever node is asked for; the scope for the central office.
   */
  readonly tree: CubeNode;
  /** The services of the tree. */
  readonly treeServices: readonly ServiceRef[];
  readonly k: number;
  readonly disclosureControl: boolean;
  readonly running: ResultsView['running'];
}

const count = (cell: { count: number; withheld: boolean }): CountView =>
  cell.withheld ? { count: null, withheld: true } : { count: cell.count, withheld: false };

/** The node of a set of services, made up on the spot (the central office, who has no disclosure control). */
export function flatNode(id: string, services: readonly ServiceRef[]): CubeNode {
  return { id, serviceIds: services.map((s) => s.id), children: [] };
}

/** The disclosure tree of an ente's services: the ente, the services of each family, each service. */
export function enteTree(enteId: string, services: readonly ServiceRef[]): CubeNode {
  const families = [...new Set(services.map((s) => s.family))].sort();
  return {
    id: `e:${enteId}`,
    serviceIds: services.map((s) => s.id),
    children: families.map((family) => {
      const members = services.filter((s) => s.family === family);
      return {
        id: `f:${enteId}:${family}`,
        serviceIds: members.map((s) => s.id),
        children: members.map((s) => serviceNode(s)),
      };
    }),
  };
}

export const serviceNode = (s: ServiceRef): CubeNode => ({
  id: `s:${s.id}`,
  serviceIds: [s.id],
  children: [],
});

/** The latest questionnaire definition of each family among some services. */
function latestDefinitions(services: readonly ServiceRef[]): Map<string, QuestionnaireDefinition> {
  const latest = new Map<string, QuestionnaireDefinition>();
  for (const s of services) {
    const known = latest.get(s.family);
    if (!known || known.version < s.definition.version) latest.set(s.family, s.definition);
  }
  return latest;
}

/**
 * The cubes of a request's rollup counts (of every service of its tree), with disclosure
 * control. They depend on the request's tree, its services' definitions, the counts and k
 * only, so every request of the same tree and months (a service, its ente, by channel) shares them.
 */
export function resultCubes(
  request: Pick<ResultsRequest, 'tree' | 'treeServices' | 'disclosureControl' | 'k'>,
  rows: readonly CountRow[],
): ResultCubes {
  return new ResultCubes(
    indexRows(rows),
    new Map(request.treeServices.map((s) => [s.id, s.definition])),
    request.disclosureControl ? request.k : null,
    request.tree,
  );
}

/** Builds the results view of a request from its cubes (`resultCubes`) and openings. */
export function buildResults(
  request: ResultsRequest,
  cubes: ResultCubes,
  openings: readonly OpeningRow[],
): ResultsView {
  const latest = latestDefinitions(request.services);
  const byId = new Map(request.services.map((s) => [s.id, s]));
  const bd = request.breakdown ? breakdownKey(request.breakdown.dimension, request.breakdown.key) : ALL;
  const openingsBy = new Map<string, number>();
  for (const o of openings) {
    const key = `${o.serviceId}|${o.at}|${o.channel}`;
    openingsBy.set(key, (openingsBy.get(key) ?? 0) + o.count);
  }

  const row = (
    node: CubeNode,
    period: CubePeriod,
    rowBd: string,
    key: string | null,
    label: string,
  ): ResultRowView => {
    const cell = (p: CubePeriod, item: string, value: string) => cubes.cell(node, p, rowBd, item, value);
    const families = new Set(node.serviceIds.map((id) => byId.get(id)!.family));
    const definitions = [...families].map((f) => latest.get(f)!);
    const indicators: IndicatorView[] = [];
    for (const code of INDICATOR_CODES) {
      const itemCodes = INDICATOR_ITEMS[code].filter((c) =>
        definitions.some((d) => d.items.some((i) => i.code === c)),
      );
      if (itemCodes.length === 0) continue;
      const ind = `ind:${code}`;
      const n = cell(period, ind, ANSWERED);
      const positive = cell(period, ind, '+');
      const value = !n.withheld && !positive.withheld && n.count > 0 ? share(positive.count, n.count) : null;
      let change: ComparisonView | null = null;
      if (request.previous && value) {
        const pn = cell(request.previous, ind, ANSWERED);
        const pp = cell(request.previous, ind, '+');
        if (!pn.withheld && !pp.withheld && pn.count >= request.k && n.count >= request.k)
          change = compare(request.previous.key, positive.count, n.count, pp.count, pn.count);
      }
      indicators.push({
        code,
        itemCode: itemCodes.join('+'),
        n: count(n),
        positive: count(positive),
        value,
        change,
      });
    }
    return {
      key,
      label,
      n: count(cell(period, RESPONSES, ANSWERED)),
      ...responseRate(node, period, rowBd),
      indicators,
      items:
        definitions.length === 1
          ? itemViews(definitions[0]!, (item, value) => cell(period, item, value))
          : [],
    };
  };

  /** Responses on the channels that count openings ÷ those openings; shown when each channel's count is. */
  const responseRate = (
    node: CubeNode,
    period: CubePeriod,
    rowBd: string,
  ): Pick<ResultRowView, 'openings' | 'responseRate'> => {
    const none = { openings: null, responseRate: null };
    if (!request.openingsApply) return none;
    const [dimension, only] = rowBd === ALL ? [null, null] : rowBd.split('=');
    if (dimension !== null && dimension !== 'channel') return none;
    let opened = 0;
    let responses = 0;
    for (const channel of BREAKDOWNS.channel) {
      if (only !== null && channel !== only) continue;
      let o = 0;
      for (const id of node.serviceIds)
        for (const at of period.ats) o += openingsBy.get(`${id}|${at}|${channel}`) ?? 0;
      if (o === 0) continue;
      const answered = cubes.cell(node, period, breakdownKey('channel', channel), RESPONSES, ANSWERED);
      if (answered.withheld) return { openings: null, responseRate: null };
      opened += o;
      responses += answered.count;
    }
    if (opened === 0) return none;
    return {
      openings: opened,
      responseRate: opened >= request.k && responses <= opened ? share(responses, opened) : null,
    };
  };

  const scopeLabel =
    request.services.length === 1 ? request.services[0]!.name : (request.filters['ente'] ?? 'Totale');
  const total = row(request.scope, request.cubePeriod, bd, null, scopeLabel);
  const rowsOut = groupRows(
    request,
    byId,
    (node, period, rowBd, key, label) => row(node, period, rowBd, key, label),
    bd,
  );
  const tested = request.groupBy === 'service' || request.groupBy === 'ente' || request.groupBy === 'region';
  const adjusted = tested ? adjustChanges(rowsOut) : { rows: rowsOut, tests: 0 };
  return {
    period: request.period,
    k: request.k,
    disclosureControl: request.disclosureControl,
    groupBy: request.groupBy,
    filters: request.filters,
    total,
    rows: adjusted.rows,
    multipleTesting:
      adjusted.tests > 1
        ? { method: 'benjamini-hochberg', tests: adjusted.tests, level: SIGNIFICANCE_LEVEL }
        : null,
    running: request.running,
  };
}

type RowMaker = (
  node: CubeNode,
  period: CubePeriod,
  bd: string,
  key: string | null,
  label: string,
) => ResultRowView;

function groupRows(
  request: ResultsRequest,
  byId: ReadonlyMap<string, ServiceRef>,
  row: RowMaker,
  bd: string,
): ResultRowView[] {
  const { scope, cubePeriod: period } = request;
  const services = scope.serviceIds.map((id) => byId.get(id)!);
  const byNode = (nodes: [CubeNode, string, string][]) =>
    nodes.map(([node, key, label]) => row(node, period, bd, key, label));
  switch (request.groupBy) {
    case null:
      return [];
    case 'month':
      return request.months.map((m) => row(scope, m, bd, m.key, m.key));
    case 'channel':
    case 'device':
    case 'lang': {
      const dimension: Breakdown = request.groupBy;
      return BREAKDOWNS[dimension].map((key) => row(scope, period, breakdownKey(dimension, key), key, key));
    }
    case 'service':
      return byNode(
        [...services]
          .sort((a, b) => a.name.localeCompare(b.name, 'it'))
          .map((s) => [
            findNode(scope, `s:${s.id}`) ?? { id: `s:${s.id}`, serviceIds: [s.id], children: [] },
            s.slug,
            s.name,
          ]),
      );
    case 'ente':
    case 'region': {
      const groups = new Map<string, { label: string; members: ServiceRef[] }>();
      for (const s of services) {
        const key = request.groupBy === 'ente' ? s.enteCode : (s.region ?? 'n/d');
        const label = request.groupBy === 'ente' ? s.enteName : (s.region ?? 'n/d');
        const group = groups.get(key) ?? { label, members: [] };
        group.members.push(s);
        groups.set(key, group);
      }
      // one group that is the whole scope is the scope's node (its cells are already decided)
      return byNode(
        [...groups.entries()]
          .sort(([, a], [, b]) => a.label.localeCompare(b.label, 'it'))
          .map(([key, g]) => [
            g.members.length === services.length ? scope : flatNode(`${request.groupBy}:${key}`, g.members),
            key,
            g.label,
          ]),
      );
    }
  }
}

function share(successes: number, n: number) {
  return { share: successes / n, ci95: wilsonInterval(successes, n) };
}

function compare(against: string, x1: number, n1: number, x2: number, n2: number): ComparisonView {
  const test = twoProportionTest(x1, n1, x2, n2);
  return {
    against,
    share: x2 / n2,
    difference: x1 / n1 - x2 / n2,
    pValue: test.pValue,
    adjustedPValue: null,
    significant: test.significant,
  };
}

/** Benjamini–Hochberg over every change tested in the rows; a change is significant by its adjusted p-value. */
function adjustChanges(rows: readonly ResultRowView[]): { rows: ResultRowView[]; tests: number } {
  const pValues = rows.flatMap((r) => r.indicators.flatMap((i) => (i.change ? [i.change.pValue] : [])));
  const adjusted = benjaminiHochberg(pValues);
  let next = 0;
  const out = rows.map((r) => ({
    ...r,
    indicators: r.indicators.map((i) => {
      if (!i.change) return i;
      const q = adjusted[next++]!;
      return { ...i, change: { ...i.change, adjustedPValue: q, significant: q < SIGNIFICANCE_LEVEL } };
    }),
  }));
  return { rows: out, tests: pValues.length };
}

type CellOf = (item: string, value: string) => { count: number; withheld: boolean };

function itemViews(definition: QuestionnaireDefinition, cell: CellOf): ItemView[] {
  return definition.items.map((item) => {
    const n = cell(item.code, ANSWERED);
    const points = item.type === 'text' ? [] : isPointItem(item) ? item.points : item.options;
    const cells = points.map((p) => ({ point: p, cell: cell(item.code, String(p.value)) }));
    const distribution = cells.map(({ point, cell: c }) => ({
      value: point.value,
      label: localize(point.label, 'it'),
      count: count(c),
      share: !c.withheld && !n.withheld && n.count > 0 ? c.count / n.count : null,
    }));
    let mean: ItemView['mean'] = null;
    // a mean is a weighted sum of the counts: shown only when every count is
    if (isPointItem(item) && !n.withheld && n.count >= 2 && cells.every((c) => !c.cell.withheld)) {
      const moments = cells.reduce(
        (m, { point, cell: c }) => ({
          n: m.n,
          sum: m.sum + (point.value as number) * c.count,
          sumOfSquares: m.sumOfSquares + (point.value as number) ** 2 * c.count,
        }),
        { n: n.count, sum: 0, sumOfSquares: 0 },
      );
      const { mean: value, interval } = meanInterval(moments);
      mean = { value, ci95: interval };
    }
    let positive: ItemView['positive'] = null;
    if ((isPointItem(item) || item.type === 'single') && item.positive !== undefined) {
      const p = cell(item.code, '+');
      if (!p.withheld && !n.withheld && n.count > 0)
        positive = { ...share(p.count, n.count), count: count(p) };
    }
    return {
      code: item.code,
      type: item.type,
      question: localize(item.question, 'it'),
      n: count(n),
      distribution,
      mean,
      positive,
    };
  });
}
