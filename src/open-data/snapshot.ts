/**
 * The open-data snapshot of a closed month, read through the results API's own path: each ente's
 * total as its staff see it (a results:read reader of the ente) and as the central office does
 * (the true counts), then decided by the domain (domain/open-data.ts); coverage as the central
 * office sees it.
 */
import { openDataSnapshot, type EnteFigures, type OpenDataSnapshot } from '../domain/open-data.js';
import type { Principal } from '../domain/governance/roles.js';
import type { IndicatorCounts } from '../domain/open-data.js';
import type { CountView, IndicatorCode, ResultRowView } from '../domain/results-view.js';
import { coverageFor, enteReader, resultsFor, type ResultsSource } from '../results/read.js';
import { entiWithServices } from '../store/open-data.js';

const CENTRAL: Principal = { kind: 'cli', operator: 'open-data' };

function indicatorsOf<C>(row: ResultRowView, pick: (c: CountView) => C) {
  const out: Partial<Record<IndicatorCode, IndicatorCounts<C>>> = {};
  for (const i of row.indicators) out[i.code] = { n: pick(i.n), positive: pick(i.positive) };
  return out;
}

/** The snapshot of `month` (closed at `now`): the enti that had responses in it, and coverage. */
export async function snapshotOf(source: ResultsSource, month: string, now: Date): Promise<OpenDataSnapshot> {
  const enti: EnteFigures[] = [];
  for (const [enteId, ente] of await entiWithServices(source.db)) {
    const query = { ente: ente.ipaCode, period: month };
    const truth = (await resultsFor(source, CENTRAL, query, now)).total;
    if (truth.n.count === 0) continue;
    const shown = (await resultsFor(source, enteReader(enteId, 'open-data'), query, now)).total;
    enti.push({
      ...ente,
      responses: truth.n.count!,
      indicators: indicatorsOf(truth, (c) => c.count!),
      shown: { responses: shown.n, indicators: indicatorsOf(shown, (c) => c) },
    });
  }
  const coverage = await coverageFor(source, CENTRAL, month, now);
  return openDataSnapshot({
    month,
    k: source.k,
    enti,
    coverage: {
      targets: coverage.targets,
      activeServices: coverage.current.activeServices,
      enti: coverage.current.enti,
      byKind: coverage.byKind,
    },
  });
}
