import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanInterval, twoProportionTest, wilsonInterval } from '../../src/domain/statistics.js';

// Expected values are worked by hand (arithmetic in the comments) and agree with
// docs/statistics.md. Precision 6 means |actual − expected| < 5e-7.

describe('wilsonInterval', () => {
  it('matches the hand-computed interval for 81 positive answers out of 263 at 95%', () => {
    // p̂ = 81/263 = 0.3079848; z = Φ⁻¹(0.975) = 1.959964; z² = 3.841459
    // z²/n = 3.841459/263 = 0.0146063; denominator 1 + z²/n = 1.0146063
    // centre = (p̂ + z²/2n) / 1.0146063 = (0.3079848 + 0.0073032) / 1.0146063 = 0.3107490
    // p̂(1−p̂)/n = 0.2131302/263 = 0.00081038; z²/4n² = 3.841459/276676 = 0.00001388
    // half-width = (z / 1.0146063) · √(0.00081038 + 0.00001388) = 1.9317483 · 0.0287100 = 0.0554605
    // interval = 0.3107490 ∓ 0.0554605 = [0.2552885, 0.3662096]
    const { low, high } = wilsonInterval(81, 263);
    expect(low).toBeCloseTo(0.2552885, 6);
    expect(high).toBeCloseTo(0.3662096, 6);
  });

  it('uses the z of the requested confidence level', () => {
    // At 90%: z = Φ⁻¹(0.95) = 1.644854; z² = 2.705543; denominator = 1 + 2.705543/263 = 1.0102872
    // centre = (0.3079848 + 0.0051436) / 1.0102872 = 0.3099400
    // half-width = (1.644854 / 1.0102872) · √(0.00081038 + 2.705543/276676) = 1.6281052 · 0.0286384 = 0.0466264
    // interval = [0.2633136, 0.3565663], narrower than at 95%
    const { low, high } = wilsonInterval(81, 263, 0.9);
    expect(low).toBeCloseTo(0.2633136, 6);
    expect(high).toBeCloseTo(0.3565663, 6);
  });

  it('starts exactly at 0 when no answer is positive', () => {
    // p̂ = 0: low = 0; high = z²/(n + z²) = 3.841459/23.841459 = 0.1611252
    const { low, high } = wilsonInterval(0, 20);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(0.1611252, 6);
  });

  it('ends exactly at 1 when every answer is positive', () => {
    // p̂ = 1: low = n/(n + z²) = 20/23.841459 = 0.8388748; high = 1
    const { low, high } = wilsonInterval(20, 20);
    expect(low).toBeCloseTo(0.8388748, 6);
    expect(high).toBe(1);
  });

  it('refuses an empty sample, impossible counts and confidence outside (0, 1)', () => {
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 1)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 0)).toThrow(RangeError);
  });

  const sample = fc
    .integer({ min: 1, max: 100_000 })
    .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  it('always contains p̂ and lies within [0, 1]', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0.5, max: 0.999, noNaN: true }), ([x, n], confidence) => {
        const { low, high } = wilsonInterval(x, n, confidence);
        expect(0 <= low && low <= x / n && x / n <= high && high <= 1).toBe(true);
      }),
    );
  });

  it('narrows as n grows for the same proportion', () => {
    // width = 2z·√(p̂(1−p̂)n + z²/4) / (n + z²) strictly decreases in n for every p̂.
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 10_000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        fc.integer({ min: 2, max: 10 }),
        ([x, n], factor) => {
          const small = wilsonInterval(x, n);
          const large = wilsonInterval(x * factor, n * factor);
          expect(large.high - large.low).toBeLessThan(small.high - small.low);
        },
      ),
    );
  });
});

describe('meanInterval', () => {
  it('matches the hand-computed t interval for counts {1:2, 2:3, 3:5, 4:10}', () => {
    // n = 2+3+5+10 = 20; Σc·v = 2+6+15+40 = 63; Σc·v² = 2+12+45+160 = 219
    // mean = 63/20 = 3.15
    // Σ(v − mean)² = 219 − 63²/20 = 219 − 198.45 = 20.55; s² = 20.55/19 = 1.0815789
    // standard error = √(1.0815789/20) = √0.0540789 = 0.2325488
    // t(0.975, 19) = 2.093024; half-width = 2.093024 · 0.2325488 = 0.4867302
    // interval = 3.15 ∓ 0.4867302 = [2.6632698, 3.6367302]
    const { mean, interval } = meanInterval({ n: 20, sum: 63, sumOfSquares: 219 });
    expect(mean).toBe(3.15);
    expect(interval.low).toBeCloseTo(2.6632698, 6);
    expect(interval.high).toBeCloseTo(3.6367302, 6);
  });

  it('is not clipped to the scale: two answers 1 and 5 give an interval far wider than 1..5', () => {
    // n = 2, Σv = 6, Σv² = 26; mean = 3; s² = (26 − 36/2)/1 = 8; se = √(8/2) = 2
    // t(0.975, 1) = 12.706205; interval = 3 ∓ 25.412409 = [−22.412409, 28.412409]
    const { mean, interval } = meanInterval({ n: 2, sum: 6, sumOfSquares: 26 });
    expect(mean).toBe(3);
    expect(interval.low).toBeCloseTo(-22.412409, 5);
    expect(interval.high).toBeCloseTo(28.412409, 5);
  });

  it('collapses to [mean, mean] when every answer is the same', () => {
    // five answers of 4: Σv = 20, Σv² = 80; Σ(v − mean)² = 80 − 400/5 = 0
    expect(meanInterval({ n: 5, sum: 20, sumOfSquares: 80 })).toEqual({
      mean: 4,
      interval: { low: 4, high: 4 },
    });
  });

  it('treats the rounding residue of equal values as zero variance, never as a negative one', () => {
    // three values 0.1 summed in floating point: Σv² − (Σv)²/n = −3.5e-18; five of them: +6.9e-18
    const negative = meanInterval({ n: 3, sum: 0.1 + 0.1 + 0.1, sumOfSquares: 0.01 + 0.01 + 0.01 });
    expect(negative.interval.low).toBe(negative.mean);
    expect(negative.interval.high).toBe(negative.mean);
    const positive = meanInterval({ n: 5, sum: 0.5, sumOfSquares: 0.05000000000000001 });
    expect(positive.interval).toEqual({ low: 0.1, high: 0.1 });
  });

  it('refuses fewer than two answers and impossible moments', () => {
    expect(() => meanInterval({ n: 1, sum: 3, sumOfSquares: 9 })).toThrow(RangeError);
    expect(() => meanInterval({ n: 0, sum: 0, sumOfSquares: 0 })).toThrow(RangeError);
    expect(() => meanInterval({ n: 3, sum: 6, sumOfSquares: -1 })).toThrow(RangeError);
    expect(() => meanInterval({ n: 3, sum: Number.NaN, sumOfSquares: 1 })).toThrow(RangeError);
    expect(() => meanInterval({ n: 20, sum: 63, sumOfSquares: 219 }, 1.5)).toThrow(RangeError);
  });

  // Containment in [min value, max value] is deliberately not a property: it is false for
  // small samples (see the 1-and-5 example above), and the interval is reported as computed.
  it('contains the mean and agrees with a two-pass variance over the raw answers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 300 }), (values) => {
        const n = values.length;
        const sum = values.reduce((a, v) => a + v, 0);
        const sumOfSquares = values.reduce((a, v) => a + v * v, 0);
        const { mean, interval } = meanInterval({ n, sum, sumOfSquares });
        const twoPassMean = sum / n;
        const s2 = values.reduce((a, v) => a + (v - twoPassMean) ** 2, 0) / (n - 1);
        expect(mean).toBeCloseTo(twoPassMean, 12);
        expect(interval.low).toBeLessThanOrEqual(mean);
        expect(interval.high).toBeGreaterThanOrEqual(mean);
        // symmetric, and the half-width shrinks to 0 exactly when the sample variance does
        expect(interval.high - mean).toBeCloseTo(mean - interval.low, 9);
        expect(interval.high - interval.low === 0).toBe(s2 === 0);
      }),
    );
  });
});

describe('twoProportionTest', () => {
  it('flags 60/100 against 45/100 as a significant change', () => {
    // pooled p̄ = (60+45)/(100+100) = 0.525; p̄(1−p̄) = 0.249375
    // se = √(0.249375 · (1/100 + 1/100)) = √0.0049875 = 0.0706222
    // z = (0.60 − 0.45)/0.0706222 = 2.1239770
    // p = 2·Φ(−2.1239770) = 2 · 0.0168360 = 0.0336721 < 0.05
    const result = twoProportionTest(60, 100, 45, 100);
    expect(result.z).toBeCloseTo(2.123977, 6);
    expect(result.pValue).toBeCloseTo(0.0336721, 6);
    expect(result.significant).toBe(true);
  });

  it('gives z the sign of the first share minus the second, with the same p', () => {
    const result = twoProportionTest(45, 100, 60, 100);
    expect(result.z).toBeCloseTo(-2.123977, 6);
    expect(result.pValue).toBeCloseTo(0.0336721, 6);
    expect(result.significant).toBe(true);
  });

  it('does not flag 52/100 against 45/100', () => {
    // pooled p̄ = 97/200 = 0.485; p̄(1−p̄) = 0.249775; se = √(0.249775 · 0.02) = √0.0049955 = 0.0706789
    // z = 0.07/0.0706789 = 0.9903953; p = 2·Φ(−0.9903953) = 0.3219810 ≥ 0.05
    const result = twoProportionTest(52, 100, 45, 100);
    expect(result.z).toBeCloseTo(0.9903953, 6);
    expect(result.pValue).toBeCloseTo(0.321981, 6);
    expect(result.significant).toBe(false);
  });

  it('reports no difference when both samples are all positive or all negative', () => {
    // p̄ = 0 (or 1) makes se = 0; the shares are equal, so z = 0 and p = 1 rather than NaN
    expect(twoProportionTest(0, 50, 0, 80)).toEqual({ z: 0, pValue: 1, significant: false });
    expect(twoProportionTest(50, 50, 80, 80)).toEqual({ z: 0, pValue: 1, significant: false });
  });

  it('refuses empty samples and impossible counts', () => {
    expect(() => twoProportionTest(0, 0, 1, 10)).toThrow(RangeError);
    expect(() => twoProportionTest(1, 10, 11, 10)).toThrow(RangeError);
    expect(() => twoProportionTest(-1, 10, 1, 10)).toThrow(RangeError);
  });

  it('keeps p in [0, 1], symmetric under swapping the samples', () => {
    const sample = fc
      .integer({ min: 1, max: 5_000 })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(sample, sample, ([x1, n1], [x2, n2]) => {
        const forward = twoProportionTest(x1, n1, x2, n2);
        const backward = twoProportionTest(x2, n2, x1, n1);
        expect(forward.pValue >= 0 && forward.pValue <= 1).toBe(true);
        expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
        expect(backward.z).toBeCloseTo(-forward.z, 12);
        expect(forward.significant).toBe(forward.pValue < 0.05);
      }),
    );
  });
});
