/**
 * "Your service against similar services": for each indicator, the median and interquartile range
 * of the shares of the peers (active services of the same kind and family, nationally, of other
 * enti, each with n ≥ k on that indicator), where the service stands among them, and a
 * two-proportion test of its share against the peers' pooled share (docs/statistics.md, "Benchmark").
 */
import {
  ALL,
  ANSWERED,
  cubeCells,
  cubeLayout,
  POSITIVE,
  indexRows,
  itemShapes,
  type CountRow,
  type CubeLayout,
} from './results-cube.js';
import type { ServiceRef } from './results.js';
import {
  INDICATOR_CODES,
  type BenchmarkView,
  type IndicatorCode,
  type PeriodView,
  type ResultRowView,
} from './results-view.js';
import { percentileRank, quantile, SIGNIFICANCE_LEVEL, twoProportionTest } from './statistics.js';

/** The answers and positive answers of each indicator, per service, from counts over a period (`at` = 'period'). */
export function indicatorCounts(
  rows: readonly CountRow[],
  services: readonly ServiceRef[],
): Map<string, Map<IndicatorCode, { n: number; positive: number }>> {
  const index = indexRows(rows);
  const layoutOf = new Map<string, CubeLayout>();
  const out = new Map<string, Map<IndicatorCode, { n: number; positive: number }>>();
  for (const service of services) {
    const version = `${service.definition.family}@${service.definition.version}`;
    let layout = layoutOf.get(version);
    if (!layout) layoutOf.set(version, (layout = cubeLayout(itemShapes([service.definition]))));
    const cells = cubeCells(index.get(`${service.id}|period`) ?? new Map(), layout);
    const byCode = new Map<IndicatorCode, { n: number; positive: number }>();
    for (const code of INDICATOR_CODES) {
      const n = cells.get(`${ALL}|ind:${code}|${ANSWERED}`);
      if (n !== undefined)
        byCode.set(code, { n, positive: cells.get(`${ALL}|ind:${code}|${POSITIVE}`) ?? 0 });
    }
    out.set(service.id, byCode);
  }
  return out;
}

/** The benchmark of `service` (its row as published to the caller) among `peers`' counts. */
export function benchmark(
  period: PeriodView,
  service: ServiceRef,
  own: ResultRowView,
  peers: ReadonlyMap<string, ReadonlyMap<IndicatorCode, { n: number; positive: number }>>,
  k: number,
): BenchmarkView {
  return {
    period,
    service: { slug: service.slug, name: service.name, kind: service.kind, family: service.family },
    indicators: own.indicators.map((indicator) => {
      const counts = [...peers.values()].flatMap((p) => {
        const c = p.get(indicator.code);
        return c && c.n >= k ? [c] : [];
      });
      const shares = counts.map((c) => c.positive / c.n).sort((a, b) => a - b);
      const value = indicator.value;
      const pooled = counts.reduce((sum, c) => ({ n: sum.n + c.n, positive: sum.positive + c.positive }), {
        n: 0,
        positive: 0,
      });
      const ownN = indicator.n.count;
      const ownPositive = indicator.positive.count;
      let comparison: BenchmarkView['indicators'][number]['comparison'] = null;
      if (value && ownN !== null && ownPositive !== null && ownN >= k && pooled.n >= k) {
        const test = twoProportionTest(ownPositive, ownN, pooled.positive, pooled.n);
        comparison = {
          against: 'benchmark',
          share: pooled.positive / pooled.n,
          difference: value.share - pooled.positive / pooled.n,
          pValue: test.pValue,
          adjustedPValue: null,
          significant: test.pValue < SIGNIFICANCE_LEVEL,
        };
      }
      return {
        code: indicator.code,
        value,
        withheld: value === null && (indicator.n.withheld || indicator.positive.withheld),
        peers: shares.length,
        median: shares.length > 0 ? quantile(shares, 0.5) : null,
        q1: shares.length > 0 ? quantile(shares, 0.25) : null,
        q3: shares.length > 0 ? quantile(shares, 0.75) : null,
        percentile: value && shares.length > 0 ? percentileRank(shares, value.share) : null,
        comparison,
      };
    }),
  };
}
