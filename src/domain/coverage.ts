/**
 * Coverage against the 2026 targets: active services (≥ 300) and enti with at least one active
 * service (≥ 100), month by month, by PA type and by region; and per active service the funnel
 * from openings to responses over a period.
 */
import { italianMonth } from './periods.js';
import type { CoverageView, PeriodView } from './results-view.js';
import { wilsonInterval } from './statistics.js';

export const COVERAGE_TARGETS = { services: 300, enti: 100, year: 2026 } as const;

export interface CoverageService {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly enteId: string;
  readonly enteName: string;
  /** The ente's IndicePA category (PA type). */
  readonly enteKind: string;
  readonly region: string | null;
  /** Whether the ente is active (a suspended ente's services collect nothing). */
  readonly enteActive: boolean;
}

export interface StatusChange {
  readonly serviceId: string;
  readonly status: string;
  readonly at: Date;
}

/** Openings and responses (on the channels that count openings) per service over the period. */
export interface FunnelCounts {
  readonly openings: number;
  readonly responses: number;
}

function counts(active: readonly CoverageService[]) {
  return { activeServices: active.length, enti: new Set(active.map((s) => s.enteId)).size };
}

function grouped<K extends string>(
  active: readonly CoverageService[],
  keyOf: (s: CoverageService) => string,
  name: K,
) {
  const groups = new Map<string, CoverageService[]>();
  for (const s of active) groups.set(keyOf(s), [...(groups.get(keyOf(s)) ?? []), s]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'it'))
    .map(
      ([key, members]) =>
        ({ [name]: key, ...counts(members) }) as { [P in K]: string } & ReturnType<typeof counts>,
    );
}

/**
 * The coverage view. A service counts in a month when its last status change up to that month's
 * end (Italian time) made it active; the running month counts as of `now`.
 */
export function coverage(input: {
  readonly services: readonly CoverageService[];
  readonly changes: readonly StatusChange[];
  readonly months: readonly string[];
  readonly funnel: ReadonlyMap<string, FunnelCounts>;
  readonly period: PeriodView;
  readonly k: number;
  readonly now: Date;
}): CoverageView {
  const byService = new Map<string, StatusChange[]>();
  for (const c of [...input.changes].sort((a, b) => a.at.getTime() - b.at.getTime()))
    byService.set(c.serviceId, [...(byService.get(c.serviceId) ?? []), c]);
  const activeAt = (month: string) =>
    input.services.filter((s) => {
      const upTo = (byService.get(s.id) ?? []).filter((c) => italianMonth(c.at) <= month);
      return s.enteActive && upTo[upTo.length - 1]?.status === 'active';
    });
  const now = activeAt(italianMonth(input.now));
  return {
    targets: { ...COVERAGE_TARGETS },
    current: counts(now),
    months: input.months.map((month) => ({ month, ...counts(activeAt(month)) })),
    byKind: grouped(now, (s) => s.enteKind, 'kind'),
    byRegion: grouped(now, (s) => s.region ?? 'n/d', 'region'),
    funnel: now.map((s) => {
      const f = input.funnel.get(s.id) ?? { openings: 0, responses: 0 };
      return {
        service: s.slug,
        name: s.name,
        ente: s.enteName,
        openings: f.openings,
        responses: f.responses,
        rate:
          f.openings >= input.k && f.responses <= f.openings
            ? { share: f.responses / f.openings, ci95: wilsonInterval(f.responses, f.openings) }
            : null,
      };
    }),
    period: input.period,
  };
}
