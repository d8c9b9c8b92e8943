/**
 * Numbers, periods and dates of the monthly report as an Italian reader writes them: shares as
 * percentages with one decimal, intervals, counts, differences in percentage points, p-values,
 * months, and the time the report was made, in Italian time.
 */
import type { Interval } from '../../domain/statistics.js';

const pct1 = new Intl.NumberFormat('it-IT', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const pct0 = new Intl.NumberFormat('it-IT', { style: 'percent', maximumFractionDigits: 0 });
const signed1 = new Intl.NumberFormat('it-IT', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const integer = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 0 });
const p3 = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const monthLong = new Intl.DateTimeFormat('it-IT', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat('it-IT', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const stamp = new Intl.DateTimeFormat('it-IT', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Rome',
});

const monthDate = (key: string) => new Date(`${key}-01T00:00:00Z`);

/** 0.723 → "72,3%". */
export const pct = (share: number): string => pct1.format(share);
/** 0.75 → "75%" (axis ticks). */
export const pctTick = (share: number): string => pct0.format(share);
/** [0.701, 0.744] → "70,1–74,4%". */
export const interval = (ci: Interval): string => `${pct1.format(ci.low)}–${pct1.format(ci.high)}`;
/** 1234 → "1.234". */
export const count = (n: number): string => integer.format(n);
/** 3.14159 → "3,14". */
export const decimal = (value: number): string =>
  value.toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** A mean's interval on its scale: [2.478, 3.256] → "2,48–3,26". */
export const decimalInterval = (ci: Interval): string => `${decimal(ci.low)}–${decimal(ci.high)}`;
/** A difference of shares in percentage points: 0.031 → "+3,1". */
export const points = (difference: number): string => signed1.format(Math.round(difference * 1000) / 10);
/** "p = 0,012", "p < 0,001". */
export const pValue = (p: number): string => (p < 0.001 ? `p < ${p3.format(0.001)}` : `p = ${p3.format(p)}`);
/** '2026-10' → "ottobre 2026". */
export const month = (key: string): string => monthLong.format(monthDate(key));
/** '2026-10' → "ott 26" (axis labels). */
export const monthTick = (key: string): string => monthShort.format(monthDate(key));
/** An instant → "2 dicembre 2026 alle ore 12:00", in Italian time. */
export const generatedAt = (instant: Date): string => stamp.format(instant);
