/**
 * The statistics every indicator is built from: confidence intervals, the test that flags
 * changes and its multiple-testing adjustment, benchmark quantiles, and small-cell suppression.
 * Pure functions over counts; `docs/statistics.md` states each formula with a worked example
 * that the tests check.
 */
import { normalCdf, normalQuantile, tQuantile } from './distributions.js';

/** A closed interval [low, high]. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** First moments of a distribution as rollups keep them: n = Σc, sum = Σc·v, sumOfSquares = Σc·v². */
export interface Moments {
  readonly n: number;
  readonly sum: number;
  readonly sumOfSquares: number;
}

/** Result of a two-sided pooled two-proportion z-test. */
export interface TwoProportionTest {
  readonly z: number;
  readonly pValue: number;
  readonly significant: boolean;
}

/** Level at which a change between two proportions is flagged. */
export const SIGNIFICANCE_LEVEL = 0.05;

/** Wilson score interval for a proportion successes / n, clamped to [0, 1]; n must be > 0. */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  requireCount(n, 'n');
  if (n === 0) throw new RangeError('n must be > 0');
  requireCount(successes, 'successes');
  if (successes > n) throw new RangeError(`successes (${successes}) must not exceed n (${n})`);
  const z = twoSidedZ(confidence);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At p̂ = 0 (or 1) the bound is exactly 0 (or 1); computing it would leave rounding noise.
  return {
    low: successes === 0 ? 0 : clamp01(centre - halfWidth),
    high: successes === n ? 1 : clamp01(centre + halfWidth),
  };
}

/** Sample mean with a t-based interval (df = n − 1, sample variance with n − 1); n must be ≥ 2. */
export function meanInterval(moments: Moments, confidence = 0.95): { mean: number; interval: Interval } {
  const { n, sum, sumOfSquares } = moments;
  requireCount(n, 'n');
  if (n < 2) throw new RangeError(`a mean interval needs n >= 2, got ${n}`);
  if (!Number.isFinite(sum)) throw new RangeError(`sum must be finite, got ${sum}`);
  if (!Number.isFinite(sumOfSquares) || sumOfSquares < 0) {
    throw new RangeError(`sumOfSquares must be finite and >= 0, got ${sumOfSquares}`);
  }
  requireConfidence(confidence);
  const mean = sum / n;
  // Σ(v − mean)² = Σv² − (Σv)²/n cancels when the values are (nearly) equal; a residue
  // within rounding error of Σv² is zero variance, never a negative one.
  const deviations = sumOfSquares - sum * mean;
  const squaredDeviations = deviations <= 8 * Number.EPSILON * sumOfSquares ? 0 : deviations;
  const variance = squaredDeviations / (n - 1);
  if (variance === 0) return { mean, interval: { low: mean, high: mean } };
  const halfWidth = tQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n);
  return { mean, interval: { low: mean - halfWidth, high: mean + halfWidth } };
}

/** Two-sided pooled z-test of x1/n1 = x2/n2; z > 0 when the first share is higher, significant at 5%. */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TwoProportionTest {
  for (const [x, n, label] of [
    [x1, n1, '1'],
    [x2, n2, '2'],
  ] as const) {
    requireCount(n, `n${label}`);
    if (n === 0) throw new RangeError(`n${label} must be > 0`);
    requireCount(x, `x${label}`);
    if (x > n) throw new RangeError(`x${label} (${x}) must not exceed n${label} (${n})`);
  }
  const pooled = (x1 + x2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // Both samples all successes or all failures: the shares are equal and nothing can differ.
  if (standardError === 0) return { z: 0, pValue: 1, significant: false };
  const z = (x1 / n1 - x2 / n2) / standardError;
  // 2·Φ(−|z|) keeps precision in the tail, where 2·(1 − Φ(|z|)) would round to 0.
  const pValue = Math.min(1, 2 * normalCdf(-Math.abs(z)));
  return { z, pValue, significant: pValue < SIGNIFICANCE_LEVEL };
}

/** Benjamini–Hochberg adjusted p-values in the input order: step-up, monotone, ≤ 1 (R's p.adjust "BH"). */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => requireProbability(p, `pValues[${i}]`));
  const m = pValues.length;
  // Ranks ascending by p; the order among equal p-values does not change the result.
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] ?? 0) - (pValues[b] ?? 0));
  const adjusted = new Array<number>(m);
  // From the largest p down, p̃₍ᵢ₎ = min(1, min over j ≥ i of m·p₍ⱼ₎/j): never decreasing in p.
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1] as number;
    running = Math.min(running, (m / rank) * (pValues[index] as number));
    adjusted[index] = running;
  }
  return adjusted;
}

/** Quantile p of ascending values, linear between order statistics (R type 7, numpy's default). */
export function quantile(sortedAscending: readonly number[], p: number): number {
  requireSortedFinite(sortedAscending, 'sortedAscending');
  requireProbability(p, 'p');
  // h = (n − 1)·p on 0-based order statistics; Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
  const h = (sortedAscending.length - 1) * p;
  const lower = Math.floor(h);
  const below = sortedAscending[lower] as number;
  const above = sortedAscending[Math.min(lower + 1, sortedAscending.length - 1)] as number;
  return below === above ? below : below + (h - lower) * (above - below);
}

/**
 * Mid-rank percentile of x among values, in [0, 1]: (#{v < x} + ½·#{v = x}) / n, so a value equal to
 * every other is at ½ (scipy's percentileofscore with kind='mean', over 100). values must not be empty.
 */
export function percentileRank(values: readonly number[], x: number): number {
  if (values.length === 0) throw new RangeError('values must not be empty');
  values.forEach((v, i) => requireFinite(v, `values[${i}]`));
  requireFinite(x, 'x');
  let below = 0;
  let equal = 0;
  for (const v of values) {
    if (v < x) below++;
    else if (v === x) equal++;
  }
  return (below + equal / 2) / values.length;
}

function twoSidedZ(confidence: number): number {
  requireConfidence(confidence);
  return normalQuantile(1 - (1 - confidence) / 2);
}

function requireConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
}

function requireCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

function requireProbability(p: number, name: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${p}`);
}

function requireFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
}

function requireSortedFinite(values: readonly number[], name: string): void {
  if (values.length === 0) throw new RangeError(`${name} must not be empty`);
  values.forEach((v, i) => {
    requireFinite(v, `${name}[${i}]`);
    if (i > 0 && v < (values[i - 1] as number)) {
      throw new RangeError(`${name} must be in ascending order (index ${i})`);
    }
  });
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
