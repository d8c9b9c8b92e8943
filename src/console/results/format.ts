/**
 * Numbers of the results as the dashboards write them, in the reader's language: shares as
 * percentages with one decimal, intervals, counts, p-values, periods. Each figure has two
 * forms: the text a table shows, and the plain value its CSV holds (dot decimals, no grouping).
 */
import type { Interval } from '../../domain/statistics.js';
import type { Language } from '../i18n/index.js';
import type { Messages } from '../i18n/it.js';

export interface Formats {
  readonly lang: Language;
  /** 0.723 → "72,3%". */
  pct(share: number): string;
  /** 0.723 → "72%" (axis ticks). */
  pct0(share: number): string;
  /** The interval → "70,1–74,4%". */
  interval(ci: Interval): string;
  /** 1234 → "1.234". */
  count(n: number): string;
  /** A mean (3.14 → "3,14"). */
  decimal(value: number, digits?: number): string;
  /** A difference of shares in percentage points: 0.031 → "+3,1". */
  points(difference: number): string;
  /** "p = 0,012", "p < 0,001". */
  p(value: number): string;
  /** '2026-10' → "ottobre 2026", '2026-Q3' → "3º trimestre 2026", '2026' → "2026". */
  period(key: string): string;
  /** '2026-10' → "ott 2026" (axis labels). */
  monthShort(key: string): string;
}

/** A share as its CSV holds it: a percentage with one decimal, dot decimal (72.3). */
export const csvPct = (share: number): string => (Math.round(share * 1000) / 10).toFixed(1);
export const csvDecimal = (value: number, digits = 2): string => value.toFixed(digits);
export const csvP = (value: number): string => (value < 0.0001 ? value.toExponential(2) : value.toFixed(4));

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const DAYS = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/;

export function formats(lang: Language, t: Messages): Formats {
  const locale = lang === 'it' ? 'it-IT' : 'en-GB';
  const pct1 = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const pct0 = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const number1 = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const p3 = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const monthLong = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const monthShort = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const monthDate = (year: string, month: string) => new Date(Date.UTC(Number(year), Number(month) - 1, 1));
  return {
    lang,
    pct: (share) => pct1.format(share),
    pct0: (share) => pct0.format(share),
    interval: (ci) => `${pct1.format(ci.low)}–${pct1.format(ci.high)}`,
    count: (n) => integer.format(n),
    decimal: (value, digits = 2) =>
      new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
        value,
      ),
    points: (difference) => number1.format(Math.round(difference * 1000) / 10),
    p: (value) => (value < 0.001 ? `p < ${p3.format(0.001)}` : `p = ${p3.format(value)}`),
    period(key) {
      let match = MONTH.exec(key);
      if (match) return monthLong.format(monthDate(match[1]!, match[2]!));
      match = QUARTER.exec(key);
      if (match) return t.results.quarter(Number(match[2]), match[1]!);
      if (YEAR.test(key)) return key;
      match = DAYS.exec(key);
      if (match)
        return t.results.dayRange(
          day.format(new Date(`${match[1]}T00:00:00Z`)),
          day.format(new Date(`${match[2]}T00:00:00Z`)),
        );
      return key;
    },
    monthShort(key) {
      const match = MONTH.exec(key);
      return match ? monthShort.format(monthDate(match[1]!, match[2]!)) : key;
    },
  };
}

/** The months of a quarter or year key ('2026-Q3' → its three months); [] for anything else. */
export function periodMonths(key: string): string[] {
  let match = QUARTER.exec(key);
  if (match) {
    const first = (Number(match[2]) - 1) * 3 + 1;
    return [0, 1, 2].map((i) => `${match![1]}-${String(first + i).padStart(2, '0')}`);
  }
  match = YEAR.exec(key);
  if (match) return Array.from({ length: 12 }, (_, i) => `${match![1]}-${String(i + 1).padStart(2, '0')}`);
  return [];
}

export const isMonth = (key: string): boolean => MONTH.test(key);

/** What a period key is: a month, a quarter, a year or a range of days. */
export function periodKind(key: string): 'month' | 'quarter' | 'year' | 'days' {
  if (MONTH.test(key)) return 'month';
  if (QUARTER.test(key)) return 'quarter';
  if (YEAR.test(key)) return 'year';
  return 'days';
}
