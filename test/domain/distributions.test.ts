import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, tCdf, tQuantile } from '../../src/domain/distributions.js';

// Reference values: mpmath 1.3 at 40 significant digits, written as the nearest double. A t
// quantile is the root of ½·betainc(df/2, ½, 0, df/(df + t²), regularized=True) = min(p, 1 − p),
// found by bisection for the double p the test passes (1 − 1e-10 is 0.99999999990000000827…):
//   mp.dps = 40; tail = lambda t, n: betainc(mpf(n)/2, mpf(1)/2, 0, n/(n + t*t), regularized=True)/2
// For integer df ≤ 1000 those roots also solve the finite sums of Abramowitz & Stegun 26.7.3–4
// to 1e-30. Normal values are mpmath's ncdf(x) and −√2·erfinv(1 − 2p). The R values quoted in
// issue 6, qt(0.975, 1) = 12.70620473617471, qnorm(0.975) = 1.959963984540054 and
// qnorm(0.995) = 2.5758293035489, are within 2e-15 of these.
//
// The bound asked of the implementation is a relative 1e-9; it is within 3e-15 of every value
// below (4.5e-13 at worst over a wider grid up to df = 1e5), so the tests hold it to 1e-12.
const RELATIVE = 1e-12;

function expectClose(actual: number, expected: number, label: string, relative = RELATIVE): void {
  if (expected === 0 || !Number.isFinite(expected)) {
    expect(actual, label).toBe(expected); // a quantile beyond the doubles is ±Infinity
    return;
  }
  const error = Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(relative);
}

const P = [0.5, 0.9, 0.95, 0.975, 0.995, 0.9995, 1e-10, 1 - 1e-10];
// prettier-ignore
const T_TABLE: [number, number[]][] = [
  [1, [0, 3.077683537175254, 6.313751514675038, 12.706204736174692, 63.656741162871526, 636.6192487687897, -3183098861.837907, 3183098598.467148]],
  [2, [0, 1.885618083164127, 2.9199855803537242, 4.302652729749462, 9.92484320091829, 31.59905457644536, -70710.67810804815, 70710.67518273446]],
  [3, [0, 1.6377443536962104, 2.353363434801823, 3.182446305283708, 5.840909309733355, 12.923978636687965, -2225.7692846830932, 2225.769223296075]],
  [5, [0, 1.4758840488244813, 2.0150483733330233, 2.5705818356363146, 4.032142983555227, 6.868826625881275, -156.82559270889433, 156.8255901132807]],
  [10, [0, 1.3721836411103359, 1.8124611228116758, 2.2281388519862744, 3.169272672616951, 4.586893858702708, -25.466008021697725, 25.466007808016013]],
  [30, [0, 1.3104150253913958, 1.6972608865939574, 2.0422724563012378, 2.749995653567225, 3.6459586350420627, -9.377489780407144, 9.377489746079775]],
  [100, [0, 1.290074761346516, 1.6602343260853392, 1.9839715185235518, 2.6258905214380177, 3.3904913111642636, -7.083375481400722, 7.083375464183689]],
  [1000, [0, 1.2823987214609247, 1.6463788172854643, 1.962339080826408, 2.5807546980659506, 3.300282648423944, -6.427876283134213, 6.427876270033028]],
  [1e6, [0, 1.2815524121299386, 1.6448551507220401, 1.9599663568141068, 2.575834220105334, 3.2905364612487222, -6.361406848876743, 6.36140683616972]],
];

describe('tQuantile', () => {
  it.each(T_TABLE)('matches the 40-digit quantiles for df = %s', (df, expected) => {
    P.forEach((p, i) => expectClose(tQuantile(p, df), expected[i] ?? Number.NaN, `qt(${p}, ${df})`));
  });

  it.each([
    // fractional df, the extreme tail where Hill's start underflows, the df of the statistics
    // tests, and both sides of df = 1e5, where the continued fraction hands over to the series
    [1.5, 0.975, 6.016663104427928],
    [2.5, 0.975, 3.5746548420036817],
    [1.5, 1e-300, -5.219469427344636e199],
    [3, 1e-300, -1.033110836044653e100],
    [19, 0.975, 2.093024054408309],
    [99999, 0.975, 1.9599877077718444],
    [99999, 1e-10, -6.362000426439518],
    [100000, 0.975, 1.9599877075346093],
    [100000, 1e-10, -6.3620004198436915],
    [1e9, 0.975, 1.959963986912325],
    // the series' 1/df³ and 1/df⁴ terms still count in the far tail (3e-11 relative here)
    [100000, 1e-300, -37.174670665466216],
    [300000, 1e-300, -37.08953990530203],
  ])('matches the 40-digit quantile for df = %s, p = %s', (df, p, expected) => {
    expectClose(tQuantile(p, df), expected, `qt(${p}, ${df})`);
  });

  // Closed forms, each written so that double rounding stays near 1e-16 relative: p − ½ is exact
  // for p in [¼, 1], and so is 1 − p for p ≥ ½.
  const cauchy = (p: number) =>
    p >= 0.25 && p <= 0.75
      ? Math.tan(Math.PI * (p - 0.5))
      : p < 0.5
        ? -1 / Math.tan(Math.PI * p)
        : 1 / Math.tan(Math.PI * (1 - p));
  const twoDf = (p: number) => (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const probability = fc.double({ min: Number.MIN_VALUE, max: 1, maxExcluded: true, noNaN: true });

  it('is the Cauchy quantile tan(π(p − ½)) for df = 1, over the whole of (0, 1)', () => {
    expectClose(tQuantile(0.5 + 2 ** -40, 1), Math.tan(Math.PI * 2 ** -40), 'just above ½');
    fc.assert(fc.property(probability, (p) => expectClose(tQuantile(p, 1), cauchy(p), `qt(${p}, 1)`)));
  });

  it('is (2p − 1)/√(2p(1 − p)) for df = 2, over the whole of (0, 1)', () => {
    fc.assert(fc.property(probability, (p) => expectClose(tQuantile(p, 2), twoDf(p), `qt(${p}, 2)`)));
  });

  it('is the normal quantile for df = Infinity, and ±Infinity at p = 0 and 1', () => {
    expect(tQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
    expect(tQuantile(0, 5)).toBe(-Infinity);
    expect(tQuantile(1, 5)).toBe(Infinity);
    expect(tQuantile(0.5, 5)).toBe(0);
  });

  const df = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.double({ min: 1, max: 1e7, noNaN: true }));

  it('is monotone in p and antisymmetric about ½', () => {
    fc.assert(
      fc.property(df, probability, probability, (n, a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        expect(tQuantile(low, n)).toBeLessThanOrEqual(tQuantile(high, n));
        if (a >= 0.5) expect(tQuantile(1 - a, n)).toBe(-tQuantile(a, n)); // 1 − a is exact
      }),
    );
  });

  it('inverts tCdf: P(T ≤ tQuantile(p)) = p, relatively in the tail it lies in', () => {
    fc.assert(
      fc.property(df, fc.double({ min: 1e-300, max: 0.5, noNaN: true }), (n, q) => {
        // The CDF multiplies the quantile's rounding by about t·f(t)/F(t), hence 1e-11. Above ½
        // only an absolute check makes sense: 1 − q is itself rounded to the doubles near 1, and
        // the upper tail is 1 minus the lower one, whose relative error 1e-11 it carries.
        expectClose(tCdf(tQuantile(q, n), n), q, `tCdf(qt(${q}, ${n}))`, 1e-11);
        expect(Math.abs(tCdf(tQuantile(1 - q, n), n) - (1 - q))).toBeLessThanOrEqual(
          1e-11 * q + 4 * Number.EPSILON,
        );
      }),
    );
  });

  it('refuses p outside [0, 1] and df below 1', () => {
    for (const [p, n] of [
      [-0.1, 5],
      [1.1, 5],
      [Number.NaN, 5],
      [0.9, 0.5],
      [0.9, Number.NaN],
    ] as const) {
      expect(() => tQuantile(p, n)).toThrow(RangeError);
    }
  });
});

describe('tCdf', () => {
  const t = fc.double({ min: -1e12, max: 1e12, noNaN: true });

  it('is ½ + arctan(t)/π for df = 1 and ½ + t/(2√(2 + t²)) for df = 2', () => {
    // Lower tails written without cancellation: arctan(1/|t|)/π and 1/(s(s + |t|)), s = √(2 + t²).
    fc.assert(
      fc.property(t, (x) => {
        const s = Math.sqrt(2 + x * x);
        const one = x < 0 ? Math.atan(-1 / x) / Math.PI : 0.5 + Math.atan(x) / Math.PI;
        const two = x < 0 ? 1 / (s * (s - x)) : 0.5 + x / (2 * s);
        expectClose(tCdf(x, 1), one, `pt(${x}, 1)`);
        expectClose(tCdf(x, 2), two, `pt(${x}, 2)`);
      }),
    );
  });

  it('tends to Φ as df grows, and is 0 and 1 at ∓Infinity', () => {
    expect(tCdf(-1.96, Infinity)).toBe(normalCdf(-1.96));
    expectClose(tCdf(-6.361406848876743, 1e6), 1e-10, 'pt(qt(1e-10, 1e6), 1e6)');
    expectClose(tCdf(-1.9599877075346093, 1e5), 0.025, 'pt(qt(0.025, 1e5), 1e5)');
    expect(tCdf(-Infinity, 3)).toBe(0);
    expect(tCdf(Infinity, 3)).toBe(1);
    expect(tCdf(Number.NaN, 3)).toBeNaN();
  });
});

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.6, 0.2533471031357997],
    [0.9, 1.2815515655446006],
    [0.95, 1.6448536269514722],
    [0.975, 1.9599639845400538],
    [0.995, 2.5758293035489004],
    [0.9995, 3.290526731491926],
    [1e-10, -6.361340902404057],
    [1 - 1e-10, 6.361340889697422],
    [1e-300, -37.0470962993612],
  ])('qnorm(%s) = %s', (p, expected) => {
    expectClose(normalQuantile(p), expected, `qnorm(${p})`, 4 * Number.EPSILON);
  });

  it('inverts normalCdf and is monotone', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-300, max: 0.5, noNaN: true }),
        fc.double({ min: 1e-300, max: 0.5, noNaN: true }),
        (p, r) => {
          // Φ multiplies the quantile's last-bit rounding by about x² (1400 at p = 1e-300).
          expectClose(normalCdf(normalQuantile(p)), p, `Φ(Φ⁻¹(${p}))`, 1e-11);
          expect(normalQuantile(Math.min(p, r))).toBeLessThanOrEqual(normalQuantile(Math.max(p, r)));
        },
      ),
    );
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.96, 0.9750021048517795],
    [-1, 0.15865525393145705],
    [-1.96, 0.024997895148220435],
    [-1.99, 0.023295467750211823],
    [-2.9, 0.0018658133003840384],
    [-2.01, 0.022215594429431485],
    [-3, 0.0013498980316300946],
    [-5, 2.866515718791939e-7],
    [-10, 7.619853024160525e-24],
    [-20, 2.7536241186062337e-89],
    [-37, 5.725571222524577e-300],
  ])('pnorm(%s) = %s', (x, expected) => {
    // −1.99 and −2.01 lie on the two sides of the switch from the series to the continued
    // fraction; at −2.9 the series would already have cancelled 1e-13 away.
    expectClose(normalCdf(x), expected, `pnorm(${x})`, 2e-14);
  });

  it('is 0 and 1 at ∓Infinity and NaN at NaN', () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});
