import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  meanInterval,
  percentileRank,
  quantile,
  twoProportionTest,
  wilsonInterval,
  type Moments,
} from '../../src/domain/statistics.js';

// Reference values from independent implementations, computed once and written here as
// literals (python 3, scipy 1.17.1, statsmodels 0.15.0, numpy 2.4.6). Each block names the
// exact call. Agreement is asked to a relative 1e-12 (absolute 1e-15 where the reference is 0),
// far tighter than any rounding of a published figure and loose enough for the last-digit
// differences between two double-precision implementations. The tolerance is relative also for
// tiny references, so that a p-value of 1e-280 computed as 0 fails.

function expectClose(actual: number, expected: number, relative = 1e-12): void {
  const tolerance = expected === 0 ? 1e-15 : relative * Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(`expected ${actual} to be within ${tolerance} of ${expected}`);
  }
}

function expectAllClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expectClose(value, expected[i] as number));
}

describe('wilsonInterval against statsmodels', () => {
  // statsmodels 0.15.0: statsmodels.stats.proportion.proportion_confint(x, n, alpha, method='wilson')
  const cases: [x: number, n: number, confidence: number, low: number, high: number][] = [
    [81, 263, 0.95, 0.2552885198782742, 0.36620957698280004],
    [81, 263, 0.9, 0.2633136171884814, 0.35656634960848815],
    [0, 20, 0.95, 0.0, 0.1611251580528194],
    // statsmodels gives high = 0.9999999999999999 here; the bound at p̂ = 1 is exactly 1.
    [20, 20, 0.95, 0.8388748419471804, 1],
    [1, 1, 0.95, 0.2065493143772374, 1.0],
    [0, 1, 0.95, 0.0, 0.7934506856227627],
    [1, 3, 0.95, 0.06149194472039626, 0.7923403991979523],
    [7, 12, 0.95, 0.31951131254954973, 0.8067396863412435],
    [50, 100, 0.95, 0.4038315303659956, 0.5961684696340044],
    // The worked example of docs/statistics.md, "Indicators across families".
    [80, 100, 0.95, 0.7111708344068411, 0.8666330666689676],
    [70, 100, 0.95, 0.6041514536665332, 0.7810511470506724],
    [999, 1000, 0.95, 0.9943574414020421, 0.9998234536293739],
    [3, 10000, 0.99, 7.57792553885418e-5, 0.0011868726482312198],
  ];
  it.each(cases)('%i of %i at %f', (x, n, confidence, low, high) => {
    const interval = wilsonInterval(x, n, confidence);
    expectClose(interval.low, low);
    expectClose(interval.high, high);
  });

  it('is exactly 0 at p̂ = 0 and exactly 1 at p̂ = 1', () => {
    expect(wilsonInterval(0, 20).low).toBe(0);
    expect(wilsonInterval(20, 20).high).toBe(1);
  });
});

describe('meanInterval against scipy', () => {
  // scipy 1.17.1, with d = numpy.repeat(values, counts) as floats:
  //   scipy.stats.t.interval(confidence, len(d) - 1, loc=d.mean(), scale=scipy.stats.sem(d))
  const cases: [
    counts: Record<number, number>,
    confidence: number,
    mean: number,
    low: number,
    high: number,
  ][] = [
    [{ 1: 2, 2: 3, 3: 5, 4: 10 }, 0.95, 3.15, 2.6632697543342534, 3.6367302456657464],
    [{ 1: 1, 5: 1 }, 0.95, 3.0, -22.41240947234939, 28.41240947234939],
    [{ 3: 1, 4: 1 }, 0.95, 3.5, -2.853102368087347, 9.853102368087347],
    [{ 1: 1, 2: 1, 4: 1 }, 0.95, 2.3333333333333335, -1.461249700263426, 6.1279163669300925],
    [{ 1: 40, 2: 62, 3: 80, 4: 81 }, 0.95, 2.7680608365019013, 2.6405732676284552, 2.8955484053753473],
    [{ 1: 40, 2: 62, 3: 80, 4: 81 }, 0.9, 2.7680608365019013, 2.661186225425473, 2.8749354475783298],
    [{ 1: 3, 2: 1, 3: 4, 4: 12, 5: 30 }, 0.99, 4.3, 3.878864689857899, 4.721135310142101],
  ];
  it.each(cases)('%o at %f', (counts, confidence, mean, low, high) => {
    const moments: Moments = Object.entries(counts).reduce(
      (m, [value, count]) => ({
        n: m.n + count,
        sum: m.sum + count * Number(value),
        sumOfSquares: m.sumOfSquares + count * Number(value) ** 2,
      }),
      { n: 0, sum: 0, sumOfSquares: 0 },
    );
    const result = meanInterval(moments, confidence);
    expectClose(result.mean, mean);
    expectClose(result.interval.low, low);
    expectClose(result.interval.high, high);
  });
});

describe('twoProportionTest against statsmodels', () => {
  // statsmodels 0.15.0: statsmodels.stats.proportion.proportions_ztest([x1, x2], [n1, n2])
  // (two-sided, pooled variance: the defaults value=None, prop_var=False).
  const cases: [x1: number, n1: number, x2: number, n2: number, z: number, p: number][] = [
    [60, 100, 45, 100, 2.1239769762143657, 0.033672068856345855],
    [45, 100, 60, 100, -2.1239769762143657, 0.033672068856345855],
    [52, 100, 45, 100, 0.9903952718561734, 0.3219809555681674],
    [81, 263, 120, 300, -2.27352640514242, 0.02299447675775155],
    [0, 50, 5, 50, -2.294157338705618, 0.021781462791119477],
    [3, 10, 7, 10, -1.7888543819998317, 0.07363827012030266],
    [1000, 2000, 1100, 2000, -3.166237934306521, 0.0015442442309764328],
    // Far tail: 2·(1 − Φ(|z|)) would be 0 here.
    [900, 1000, 100, 1000, 35.77708763999664, 2.509158096763144e-280],
  ];
  it.each(cases)('%i/%i against %i/%i', (x1, n1, x2, n2, z, p) => {
    const test = twoProportionTest(x1, n1, x2, n2);
    expectClose(test.z, z);
    // In the far tail Φ is good to a relative 1e-14, and z itself carries rounding error:
    // dp/p ≈ z·dz, about 1e-12 at z = 36.
    expectClose(test.pValue, p, 1e-10);
    expect(test.significant).toBe(p < 0.05);
  });
});

describe('benjaminiHochberg against statsmodels', () => {
  // statsmodels 0.15.0: statsmodels.stats.multitest.multipletests(p, alpha=0.05, method='fdr_bh')[1]
  const cases: [name: string, p: number[], adjusted: number[]][] = [
    [
      'unsorted input, results in input order',
      [0.01, 0.04, 0.03, 0.005, 0.2],
      [0.024999999999999998, 0.049999999999999996, 0.049999999999999996, 0.024999999999999998, 0.2],
    ],
    [
      'the monotone step matters (ranks 3–5 take rank 5’s value)',
      [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216],
      [0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.10571428571428572, 0.216, 0.216, 0.216],
    ],
    ['ties', [0.02, 0.02, 0.02, 0.5], [0.02666666666666667, 0.02666666666666667, 0.02666666666666667, 0.5]],
    [
      'ties, unsorted',
      [0.6, 0.01, 0.6, 0.01, 0.3],
      [0.6, 0.024999999999999998, 0.6, 0.024999999999999998, 0.5],
    ],
    ['a single test is unchanged', [0.04], [0.04]],
    ['capped at 1', [0.9, 0.95, 1.0], [1.0, 1.0, 1.0]],
    ['p = 0 stays 0', [0.0, 0.5, 0.049, 0.051], [0.0, 0.5, 0.06799999999999999, 0.06799999999999999]],
    ['descending input', [0.03, 0.02, 0.01], [0.03, 0.03, 0.03]],
  ];
  it.each(cases)('%s', (_name, p, adjusted) => {
    expectAllClose(benjaminiHochberg(p), adjusted);
  });

  it('returns nothing for no tests and leaves its input alone', () => {
    expect(benjaminiHochberg([])).toEqual([]);
    const p = [0.03, 0.02, 0.01];
    benjaminiHochberg(p);
    expect(p).toEqual([0.03, 0.02, 0.01]);
  });

  it('refuses p-values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.5, 1.01])).toThrow(RangeError);
    expect(() => benjaminiHochberg([-0.01])).toThrow(RangeError);
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError);
  });
});

describe('quantile against numpy (type 7)', () => {
  // numpy 2.4.6: numpy.quantile(numpy.array(x, dtype=float), p)  (default method='linear')
  const cases: [x: number[], p: number[], q: number[]][] = [
    [
      [1, 2, 3, 4],
      [0, 0.25, 0.5, 0.75, 1],
      [1.0, 1.75, 2.5, 3.25, 4.0],
    ],
    [[7], [0, 0.3, 1], [7.0, 7.0, 7.0]],
    [
      [2, 2, 2, 5, 5],
      [0.1, 0.25, 0.5, 0.55, 0.6, 0.75, 0.9],
      [2.0, 2.0, 2.0, 2.6000000000000005, 3.1999999999999997, 5.0, 5.0],
    ],
    [
      [0.31, 0.45, 0.52, 0.6, 0.72, 0.9],
      [0.1, 0.25, 0.33, 0.5, 0.75],
      [0.38, 0.4675, 0.49550000000000005, 0.56, 0.69],
    ],
    [
      [1, 10],
      [0.1, 0.5, 0.99],
      [1.9, 5.5, 9.91],
    ],
  ];
  it.each(cases)('%o at %o', (x, p, q) => {
    expectAllClose(
      p.map((pi) => quantile(x, pi)),
      q,
    );
  });

  it('refuses an empty or unsorted sample and p outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([2, 1], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], -0.1)).toThrow(RangeError);
  });
});

describe('percentileRank against scipy', () => {
  // scipy 1.17.1: scipy.stats.percentileofscore(values, x, kind='mean') / 100
  const cases: [values: number[], x: number, rank: number][] = [
    [[1, 2, 3, 4], 3, 0.625],
    [[1, 2, 3, 4], 2.5, 0.5],
    [[1, 2, 3, 4], 0, 0.0],
    [[1, 2, 3, 4], 5, 1.0],
    [[2, 2, 2, 5, 5], 2, 0.3],
    [[0.31, 0.45, 0.52, 0.6, 0.72, 0.9], 0.52, 0.41666666666666674],
    [[7], 7, 0.5],
  ];
  it.each(cases)('%o, %f', (values, x, rank) => {
    expectClose(percentileRank(values, x), rank);
  });

  it('does not need sorted values and refuses an empty or non-finite sample', () => {
    expect(percentileRank([4, 1, 3, 2], 3)).toBe(0.625);
    expect(() => percentileRank([], 1)).toThrow(RangeError);
    expect(() => percentileRank([1, Number.NaN], 1)).toThrow(RangeError);
    expect(() => percentileRank([1, 2], Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
