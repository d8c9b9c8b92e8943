import { DEVICE_CLASSES } from './device.js';
import { isPointItem, localize, LANGS, type Item, type QuestionnaireDefinition } from './questionnaire.js';
import { CHANNELS } from './response.js';
import { ANSWERED } from './rollup.js';
import { meanInterval, suppressSmallCells, wilsonInterval, type Interval } from './statistics.js';

/** Rollup counts of one service over a period, summed over days. */
export interface PeriodCounts {
  /** count per item code, then per value ('*' = answered). */
  readonly items: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly byChannel: ReadonlyMap<string, number>;
  readonly byDevice: ReadonlyMap<string, number>;
  readonly byLang: ReadonlyMap<string, number>;
  /** Responses that came with a valid completion token. */
  readonly verified: number;
  /** Openings of the questionnaire per channel (widget opened, hosted page served). */
  readonly openingsByChannel: ReadonlyMap<string, number>;
}

export interface DistributionCell {
  readonly value: number | string;
  readonly label: string;
  readonly count: number;
  readonly share: number;
}

export interface ItemSummary {
  readonly code: string;
  readonly type: Item['type'];
  readonly question: string;
  /** Responses that answered the item; null when suppressed. */
  readonly n: number | null;
  readonly suppressed: boolean;
  readonly distribution: readonly DistributionCell[];
  readonly mean: { readonly value: number; readonly ci95: Interval } | null;
  readonly positive: {
    readonly values: readonly (number | string)[];
    readonly share: number;
    readonly ci95: Interval;
  } | null;
}

export interface BreakdownCell {
  readonly key: string;
  /** null when the cell is suppressed (fewer than k, or hidden so that one cannot be recovered). */
  readonly count: number | null;
}

export interface ServiceSummary {
  readonly n: number;
  readonly k: number;
  readonly suppressed: boolean;
  readonly items: readonly ItemSummary[];
  readonly responsesBy: {
    readonly channel: readonly BreakdownCell[];
    readonly device: readonly BreakdownCell[];
    readonly lang: readonly BreakdownCell[];
  };
  /** Verified completions among the responses; null when it or the unverified rest is a small cell. */
  readonly verified: number | null;
  /** Responses per opening, on the channels that count openings; null below k openings. */
  readonly responseRate: {
    readonly responses: number;
    readonly openings: number;
    readonly rate: number;
    readonly ci95: Interval;
  } | null;
}

/**
 * Responses / openings over the channels that count openings (a response sent by an API
 * client was never "opened"). Null when there are fewer than k openings, or more responses
 * than openings (openings missed, e.g. a questionnaire kept open across midnight's flush).
 */
function responseRate(counts: PeriodCounts, k: number): ServiceSummary['responseRate'] {
  let responses = 0;
  let openings = 0;
  for (const [channel, opened] of counts.openingsByChannel) {
    openings += opened;
    responses += counts.byChannel.get(channel) ?? 0;
  }
  if (openings < k || responses > openings) return null;
  return { responses, openings, rate: responses / openings, ci95: wilsonInterval(responses, openings) };
}

function summariseItem(item: Item, counts: ReadonlyMap<string, number> | undefined, k: number): ItemSummary {
  const n = counts?.get(ANSWERED) ?? 0;
  const base = { code: item.code, type: item.type, question: localize(item.question, 'it') };
  if (n < k) return { ...base, n: null, suppressed: true, distribution: [], mean: null, positive: null };
  const count = (value: number | string) => counts?.get(String(value)) ?? 0;
  const cells = (item.type === 'text' ? [] : isPointItem(item) ? item.points : item.options).map((p) => ({
    value: p.value,
    label: localize(p.label, 'it'),
    count: count(p.value),
    share: count(p.value) / n,
  }));
  const positiveValues: readonly (number | string)[] | undefined =
    isPointItem(item) || item.type === 'single' ? item.positive : undefined;
  const positiveCount = (positiveValues ?? []).reduce<number>((sum, v) => sum + count(v), 0);
  let mean: ItemSummary['mean'] = null;
  // A mean's t interval needs n ≥ 2 (rule 4: no indicator without its CI); only k = 1 gets here with n = 1.
  if (isPointItem(item) && n >= 2) {
    const moments = item.points.reduce(
      (m, p) => ({
        n: m.n,
        sum: m.sum + p.value * count(p.value),
        sumOfSquares: m.sumOfSquares + p.value ** 2 * count(p.value),
      }),
      { n, sum: 0, sumOfSquares: 0 },
    );
    const { mean: value, interval } = meanInterval(moments);
    mean = { value, ci95: interval };
  }
  return {
    ...base,
    n,
    suppressed: false,
    distribution: cells,
    mean,
    positive: positiveValues
      ? { values: positiveValues, share: positiveCount / n, ci95: wilsonInterval(positiveCount, n) }
      : null,
  };
}

function breakdown(keys: readonly string[], counts: ReadonlyMap<string, number>, k: number): BreakdownCell[] {
  const shown = suppressSmallCells(
    keys.map((key) => counts.get(key) ?? 0),
    k,
  );
  return keys.map((key, i) => ({ key, count: shown[i] ?? null }));
}

/**
 * The indicators of one service over a period, computed from rollups alone: per item the
 * distribution, the mean with a t-based 95% CI (scales and ratings) and the positive share
 * with a Wilson 95% CI. Items answered by fewer than k responses are suppressed, and so are
 * small cells of the breakdowns by channel, device and language. Also the verified
 * completions and the response rate (responses per opening, Wilson 95% CI).
 */
export function summarise(
  definition: QuestionnaireDefinition,
  counts: PeriodCounts,
  k: number,
): ServiceSummary {
  const n = [...counts.byChannel.values()].reduce((a, b) => a + b, 0);
  return {
    n,
    k,
    suppressed: n < k,
    items: definition.items.map((item) => summariseItem(item, counts.items.get(item.code), k)),
    responsesBy: {
      channel: breakdown(CHANNELS, counts.byChannel, k),
      device: breakdown(DEVICE_CLASSES, counts.byDevice, k),
      lang: breakdown(LANGS, counts.byLang, k),
    },
    // verified and unverified are two cells of one breakdown: neither may reveal a small other
    verified: suppressSmallCells([counts.verified, n - counts.verified], k)[0] ?? null,
    responseRate: responseRate(counts, k),
  };
}
