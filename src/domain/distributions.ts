/**
 * Normal and Student t distribution functions in double precision, so that the statistics need
 * no numerical library. Each is checked against 40-digit reference values and closed forms in
 * `test/domain/distributions.test.ts`.
 */

const { EPSILON } = Number;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
// Lentz's method divides by its partial results; one that is exactly 0 is nudged off it.
const TINY = 1e-300;

/** Standard normal CDF Φ(x), accurate to a relative 1e-14 also deep in the lower tail. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x > 0) return 1 - normalCdf(-x);
  // φ(x) with x² = s² + (x − s)(x + s), s = x to 1/16: −s²/2 is exact, so the rounding of x² does
  // not cost x²·ε of relative precision in the far tail.
  const s = Math.round(x * 16) / 16;
  const density = (Math.exp(-0.5 * s * s) * Math.exp(-0.5 * (x - s) * (x + s))) / SQRT_2PI;
  if (x > -2) {
    // Φ(x) = ½ + φ(x)·Σ x^(2k+1)/(2k+1)!!; for x > −2 it cancels less than 1.5 digits of ½.
    let term = x;
    let sum = x;
    for (let k = 1; Math.abs(term) > EPSILON * Math.abs(sum); k++) {
      term *= (x * x) / (2 * k + 1);
      sum += term;
    }
    return 0.5 + density * sum;
  }
  if (x === -Infinity) return 0;
  // Φ(x) = φ(x)/m(−x), Laplace's continued fraction m(z) = z + 1/(z + 2/(z + 3/(z + …))),
  // which never subtracts and so keeps the relative precision down to the smallest doubles.
  const z = -x;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    d = 1 / (z + k * d);
    c = z + k / c;
    f *= c * d;
    if (Math.abs(c * d - 1) <= EPSILON) break;
  }
  return density / f;
}

/** Standard normal quantile Φ⁻¹(p) by Wichura's AS 241 (PPND16), relative error about 1e-16. */
export function normalQuantile(p: number): number {
  requireProbability(p);
  if (p === 0 || p === 1) return p === 0 ? -Infinity : Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * rational(0.180625 - q * q, CENTRAL_NUMERATOR, CENTRAL_DENOMINATOR);
  // The tails work on r = √(−ln min(p, 1 − p)); 1 − p is exact for p > ½, so no precision is lost.
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value =
    r <= 5
      ? rational(r - 1.6, NEAR_NUMERATOR, NEAR_DENOMINATOR)
      : rational(r - 5, FAR_NUMERATOR, FAR_DENOMINATOR);
  return q < 0 ? -value : value;
}

/** Student t CDF for df ≥ 1 degrees of freedom (fractional or Infinity too). */
export function tCdf(t: number, df: number): number {
  requireDegreesOfFreedom(df);
  if (!Number.isFinite(t)) return t > 0 ? 1 : t < 0 ? 0 : Number.NaN;
  if (df >= LARGE_DF) {
    // Invert t = cornishFisher(z) by Newton; its slope is 1 + (3z² + 1)/4df up to 1/df².
    let z = t;
    for (let i = 0, step = Infinity; i < 10 && Math.abs(step) > EPSILON * Math.abs(z); i++) {
      step = (cornishFisher(z, df) - t) / (1 + (3 * z * z + 1) / (4 * df));
      z -= step;
    }
    return normalCdf(z);
  }
  const { logUpper, centre } = tParts(Math.abs(t), df);
  return t < 0 ? Math.exp(logUpper) : 0.5 + centre;
}

/** Student t quantile for df ≥ 1: Hill's AS 396 refined by Newton steps on the exact t CDF. */
export function tQuantile(p: number, df: number): number {
  requireProbability(p);
  requireDegreesOfFreedom(df);
  if (df >= LARGE_DF) return cornishFisher(normalQuantile(p), df);
  if (p === 0 || p === 1) return p === 0 ? -Infinity : Infinity;
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p); // exact, as is ½ − q for q > ¼
  const logQ = Math.log(q);
  let t = hillStart(2 * q, df);
  for (let i = 0; i < 50; i++) {
    const { logUpper, centre, logDensity } = tParts(t, df);
    // Newton on ln P(T > t) in the tails, where it is nearly linear in t (or ln t) while the tail
    // itself spans 1e-10 and less; near the centre on P(0 < T < t), as ½ − P(T > t) would cancel.
    const step =
      q > 0.25
        ? (0.5 - q - centre) / Math.exp(logDensity)
        : (logUpper - logQ) * Math.exp(logUpper - logDensity);
    const next = t + step;
    t = next > 0 ? next : t / 2; // an overshoot past 0 would land in the other tail
    if (Math.abs(step) <= 2 * EPSILON * t) break;
  }
  return p < 0.5 ? -t : t;
}

// From here on the t CDF comes from a series: the beta continued fraction below loses precision
// to cancellation in proportion to df (5e-13 at df = 1e5, 2e-8 at 1e9), while the Cornish–Fisher
// expansion to 1/df⁴ is off by about z¹⁰/df⁵: below 1e-20 for p ≥ 1e-10, 1e-13 at p = 1e-300.
const LARGE_DF = 1e5;

/** t quantile from the normal one z as a series in 1/df (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, n: number): number {
  if (!Number.isFinite(z)) return z;
  const z2 = z * z;
  const g1 = (z2 + 1) / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160;
  return z * (1 + (g1 + (g2 + (g3 + g4 / n) / n) / n) / n);
}

/** Hill (1970), CACM Algorithm 396: t with two-sided tail P, close enough for Newton to finish. */
function hillStart(P: number, n: number): number {
  if (n === 1) return 1 / Math.tan((P * Math.PI) / 2); // Cauchy, exact
  if (n === 2) return (1 - P) / Math.sqrt(P * (1 - P / 2)); // exact, and finite for tiny P
  const a = 1 / (n - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * n;
  let y = (d * P) ** (2 / n);
  // Where y underflows, only the leading term of the small-tail series below survives.
  if (y < EPSILON) return Math.sqrt(n) * Math.exp(-Math.log(d * P) / n);
  if (y > 0.05 + a || (n < 2.1 && P > 0.5)) {
    // Asymptotic inverse expansion about the normal.
    const x = normalQuantile(0.5 * P);
    y = x * x;
    if (n < 5) c += 0.3 * (n - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    // Small tail: series in the tail's own power y = (d·P)^(2/n).
    y =
      ((1 / (((n + 6) / (n * y) - 0.089 * d - 0.822) * (n + 2) * 3) + 0.5 / (n + 4)) * y - 1) *
        ((n + 1) / (n + 2)) +
      1 / y;
  }
  return Math.sqrt(n * y);
}

/** For t ≥ 0: ln P(T > t) = ln ½·I_x(a, ½) (a = df/2, x = df/(df + t²)), P(0 < T < t), ln density. */
function tParts(t: number, df: number): { logUpper: number; centre: number; logDensity: number } {
  const a = df / 2;
  const ratio = logGammaHalfRatio(a);
  // ln x and ln y = ln(1 − x) = ln(u²/(1 + u²)), u = t/√df, written so that no t overflows them.
  const u = t / Math.sqrt(df);
  const logX = u <= 1 ? -Math.log1p(u * u) : -Math.log1p(1 / (u * u)) - 2 * Math.log(u);
  const logY = logX + 2 * Math.log(u);
  const logDensity = ratio - 0.5 * Math.log(df * Math.PI) + (a + 0.5) * logX;
  // x^a·y^½/B(a, ½), where ln B(a, ½) = ln Γ(½) − (ln Γ(a + ½) − ln Γ(a)).
  const logFront = a * logX + 0.5 * logY - 0.5 * Math.log(Math.PI) + ratio;
  // The continued fraction converges fast only below (a + 1)/(a + b + 2); above, I_x = 1 − I_y(b, a).
  const x = Math.exp(logX);
  if (x < (a + 1) / (a + 2.5)) {
    const logUpper = Math.log(0.5) + logFront + Math.log(betaFraction(a, 0.5, x) / a);
    return { logUpper, centre: 0.5 - Math.exp(logUpper), logDensity };
  }
  const centre = Math.exp(logFront) * betaFraction(0.5, a, Math.exp(logY)); // ½·I_y(½, a)
  return { logUpper: Math.log(0.5 - centre), centre, logDensity };
}

/** ln Γ(a + ½) − ln Γ(a), kept exact where both logs are huge and nearly equal (large df). */
function logGammaHalfRatio(a: number): number {
  // Γ(a + ½)/Γ(a) = Γ(a + 3/2)/Γ(a + 1) · a/(a + ½): climb to a ≥ 20, where Stirling's series
  // to the 1/x⁹ term is exact to 1e-17, and take the difference of the two series in closed form.
  let shift = 0;
  for (; a < 20; a++) shift -= Math.log1p(0.5 / a);
  return shift + a * Math.log1p(0.5 / a) + 0.5 * Math.log(a) - 0.5 + stirling(a + 0.5) - stirling(a);
}

/** ln Γ(x) − ((x − ½)·ln x − x + ½·ln 2π): Bernoulli-number terms B₂ₖ/(2k(2k − 1)x^(2k−1)). */
function stirling(x: number): number {
  const r = 1 / (x * x);
  return (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r / 1188)))) / x;
}

/** Continued fraction of I_x(a, b)·a·B(a, b)/(x^a·y^b), by the modified Lentz method. */
function betaFraction(a: number, b: number, x: number): number {
  let c = 1;
  let d = 1 / nonZero(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m < 100_000; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / nonZero(1 + even * d);
    c = nonZero(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / nonZero(1 + odd * d);
    c = nonZero(1 + odd / c);
    h *= d * c;
    if (Math.abs(d * c - 1) <= EPSILON) break;
  }
  return h;
}

function nonZero(value: number): number {
  return Math.abs(value) < TINY ? TINY : value;
}

function rational(x: number, numerator: readonly number[], denominator: readonly number[]): number {
  const horner = (coefficients: readonly number[]) => coefficients.reduceRight((sum, c) => sum * x + c, 0);
  return horner(numerator) / horner(denominator);
}

function requireProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
}

function requireDegreesOfFreedom(df: number): void {
  if (!(df >= 1)) throw new RangeError(`df must be >= 1, got ${df}`);
}

// AS 241 coefficients (Wichura 1988, Applied Statistics 37:477–484), constant term first.
const CENTRAL_NUMERATOR = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const CENTRAL_DENOMINATOR = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const NEAR_NUMERATOR = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const NEAR_DENOMINATOR = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const FAR_NUMERATOR = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const FAR_DENOMINATOR = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];
