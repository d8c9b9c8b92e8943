/**
 * What the results API returns (`GET /api/v1/results`, `…/results/benchmark`,
 * `…/results/coverage`): plain data, the same for the console, API clients and, later, exports.
 * A count that disclosure control withholds is `{ count: null, withheld: true }`, never 0.
 */
import type { Interval } from './statistics.js';

/** The groupings a results request may ask for (`groupBy=`). */
export const GROUPINGS = ['service', 'ente', 'region', 'month', 'channel', 'device', 'lang'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The cross-family indicators (see docs/statistics.md, "Indicators across families"). */
export const INDICATOR_CODES = ['satisfaction', 'ease', 'effectiveness', 'clarity'] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** A period as asked: a closed month, quarter or year, or (central office only) a day range. */
export interface PeriodView {
  /** '2026-10', '2026-Q3', '2026', or '2026-10-01/2026-10-15' for a day range. */
  readonly key: string;
  readonly kind: 'month' | 'quarter' | 'year' | 'days';
  /** First and last day included, YYYY-MM-DD (Italian calendar days). */
  readonly from: string;
  readonly to: string;
}

/** A count as published: withheld (`:c` in files) when 0 < n < k, or to protect such a cell. */
export interface CountView {
  readonly count: number | null;
  readonly withheld: boolean;
}

/** A share with its Wilson 95% interval. */
export interface ShareView {
  readonly share: number;
  readonly ci95: Interval;
}

/** A two-proportion test of this share against another (previous period, or the benchmark). */
export interface ComparisonView {
  /** What it is compared with: a period key ('2026-09') or 'benchmark'. */
  readonly against: string;
  readonly share: number;
  /** This share minus the other, in [−1, 1]. */
  readonly difference: number;
  readonly pValue: number;
  /** Benjamini–Hochberg adjusted p-value, when many were tested at once (national views). */
  readonly adjustedPValue: number | null;
  /** Rejected at 5% (after the adjustment when there is one). */
  readonly significant: boolean;
}

export interface IndicatorView {
  readonly code: IndicatorCode;
  /** The item it is computed from in this row's questionnaire family, e.g. 'EASE_5'. */
  readonly itemCode: string;
  /** Answers to that item. */
  readonly n: CountView;
  /** Positive answers among them. */
  readonly positive: CountView;
  /** Null when n or positive is withheld, or n = 0. */
  readonly value: ShareView | null;
  /** Against the previous period of the same kind; null when either side has n < k. */
  readonly change: ComparisonView | null;
}

export interface DistributionCellView {
  readonly value: number | string;
  readonly label: string;
  readonly count: CountView;
  /** count / n; null when either is withheld. */
  readonly share: number | null;
}

export interface ItemView {
  readonly code: string;
  readonly type: 'scale' | 'rating' | 'single' | 'multiple' | 'text';
  readonly question: string;
  readonly n: CountView;
  /** Empty for free-text items. */
  readonly distribution: readonly DistributionCellView[];
  /** Scales and ratings; null when any cell of the distribution is withheld, or n < 2. */
  readonly mean: { readonly value: number; readonly ci95: Interval } | null;
  /** Items with positive values (top boxes); null when withheld. */
  readonly positive: (ShareView & { readonly count: CountView }) | null;
}

export interface ResultRowView {
  /** The group's key (a service slug, an ente's IPA code, a region, '2026-10', 'web', …); null for the total. */
  readonly key: string | null;
  readonly label: string;
  readonly n: CountView;
  /** Questionnaire openings on the channels that count them, over the same period and filters. */
  readonly openings: number | null;
  /** Responses on those channels ÷ openings, Wilson 95% CI; null below k openings. */
  readonly responseRate: ShareView | null;
  readonly indicators: readonly IndicatorView[];
  /** The items of the questionnaire family, when the row covers a single family; else empty. */
  readonly items: readonly ItemView[];
}

export interface ResultsView {
  readonly period: PeriodView;
  readonly k: number;
  /** False for the central office, who sees unsuppressed counts. */
  readonly disclosureControl: boolean;
  readonly groupBy: Grouping | null;
  /** The filters applied, as asked (service, ente, family, kind, region, channel, device, lang, verified). */
  readonly filters: Readonly<Record<string, string>>;
  readonly total: ResultRowView;
  readonly rows: readonly ResultRowView[];
  /** Set when the rows' changes were tested together and the false discovery rate controlled. */
  readonly multipleTesting: {
    readonly method: 'benjamini-hochberg';
    readonly tests: number;
    readonly level: number;
  } | null;
  /** The running month: only its response count is shown (after the last release). */
  readonly running: { readonly month: string; readonly n: number } | null;
}

export interface BenchmarkIndicatorView {
  readonly code: IndicatorCode;
  readonly value: ShareView | null;
  /** Whether the service's own share is withheld (disclosure control), not missing. */
  readonly withheld: boolean;
  /** Active services of the same kind and family with n ≥ k on this indicator, this one excluded. */
  readonly peers: number;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  /** Mid-rank percentile among the peers: the share below this value plus half of those equal (0–1); null without a value or peers. */
  readonly percentile: number | null;
  /** Against the peers' pooled share. */
  readonly comparison: ComparisonView | null;
}

export interface BenchmarkView {
  readonly period: PeriodView;
  readonly service: {
    readonly slug: string;
    readonly name: string;
    readonly kind: string;
    readonly family: string;
  };
  readonly indicators: readonly BenchmarkIndicatorView[];
}

export interface CoverageCountsView {
  readonly activeServices: number;
  /** Enti with at least one active service. */
  readonly enti: number;
}

export interface CoverageView {
  readonly targets: { readonly services: number; readonly enti: number; readonly year: number };
  readonly current: CoverageCountsView;
  /** Month by month, as at the end of each month (the running month as of now). */
  readonly months: readonly (CoverageCountsView & { readonly month: string })[];
  /** By PA type (the ente's IndicePA category). */
  readonly byKind: readonly (CoverageCountsView & { readonly kind: string })[];
  readonly byRegion: readonly (CoverageCountsView & { readonly region: string })[];
  /** Per active service over the period: openings → responses. */
  readonly funnel: readonly {
    readonly service: string;
    readonly name: string;
    readonly ente: string;
    readonly openings: number;
    readonly responses: number;
    readonly rate: ShareView | null;
  }[];
  readonly period: PeriodView;
}

/** The periods a caller may ask for now (`GET /api/v1/results/periods`), newest first. */
export interface PeriodsView {
  readonly months: readonly string[];
  readonly quarters: readonly string[];
  readonly years: readonly string[];
  /** The running month (only its count is shown to ente users and the public). */
  readonly running: string;
  /** Whether the caller may ask for day ranges (`from`/`to`): the central office only. */
  readonly dayRanges: boolean;
}
