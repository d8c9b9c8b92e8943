/**
 * The periods results are published for: calendar months (Italian time), and the quarters and
 * years made of them. A month is closed, and may be shown in full, from the second day of the
 * next month: the release has by then moved its last responses (those of its last evening wait
 * until the next day), so a closed month's figures never change (docs/statistics.md).
 */
import { ValutaError } from './errors.js';
import type { PeriodView } from './results-view.js';
import { italianDay } from './time.js';

export interface Period extends PeriodView {
  /** The months it is made of, 'YYYY-MM', in order (empty for a day range). */
  readonly months: readonly string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const pad = (n: number) => String(n).padStart(2, '0');
const monthKey = (year: number, month: number) => `${year}-${pad(month)}`;

function lastDay(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

function fromMonths(
  key: string,
  kind: 'month' | 'quarter' | 'year',
  year: number,
  first: number,
  count: number,
): Period {
  const months = Array.from({ length: count }, (_, i) => monthKey(year, first + i));
  return { key, kind, months, from: `${months[0]}-01`, to: lastDay(year, first + count - 1) };
}

/** The period a key names: '2026-10', '2026-Q3' or '2026'; throws VALUTA_ERR_VALIDATION otherwise. */
export function parsePeriod(key: string): Period {
  let m = MONTH.exec(key);
  if (m) return fromMonths(key, 'month', Number(m[1]), Number(m[2]), 1);
  m = QUARTER.exec(key);
  if (m) return fromMonths(key, 'quarter', Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3);
  m = YEAR.exec(key);
  if (m) return fromMonths(key, 'year', Number(m[1]), 1, 12);
  throw new ValutaError(
    'VALUTA_ERR_VALIDATION',
    'A period is a month (2026-10), a quarter (2026-Q3) or a year (2026)',
    [{ item: 'period', code: 'format', detail: `"${key}" is not a month, quarter or year` }],
  );
}

/** A day range, first and last day included (the central office's); throws when it is not one. */
export function dayRange(from: string, to: string): Period {
  for (const [name, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (
      !DAY.test(day) ||
      Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ||
      new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day
    )
      throw new ValutaError('VALUTA_ERR_VALIDATION', `\`${name}\` is not a day (YYYY-MM-DD)`, [
        { item: name, code: 'format', detail: 'a day is YYYY-MM-DD' },
      ]);
  }
  if (from > to)
    throw new ValutaError('VALUTA_ERR_VALIDATION', '`from` must not be after `to`', [
      { item: 'from', code: 'range', detail: 'from must be on or before to' },
    ]);
  return { key: `${from}/${to}`, kind: 'days', months: [], from, to };
}

/** The month (YYYY-MM) of an instant in Italy. */
export function italianMonth(instant: Date): string {
  return italianDay(instant).slice(0, 7);
}

/** The month after `month` (YYYY-MM). */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? monthKey(y + 1, 1) : monthKey(y, m + 1);
}

/** Whether every month of the period is closed at `now`: its next month has begun, a day ago or more. */
export function isClosed(period: Period, now: Date): boolean {
  const last = period.months[period.months.length - 1];
  if (last === undefined) return false;
  return italianDay(now) >= `${nextMonth(last)}-02`;
}

/** The previous period of the same kind (September before October, Q2 before Q3, 2025 before 2026). */
export function previousPeriod(period: Period): Period | undefined {
  const first = period.months[0];
  if (first === undefined) return undefined;
  const [y, m] = first.split('-').map(Number) as [number, number];
  if (period.kind === 'month') return parsePeriod(m === 1 ? monthKey(y - 1, 12) : monthKey(y, m - 1));
  if (period.kind === 'quarter') return parsePeriod(m === 1 ? `${y - 1}-Q4` : `${y}-Q${(m - 1) / 3}`);
  return parsePeriod(String(y - 1));
}

/** The periods of the next finer kind that make up a quarter (its months) or a year (its quarters). */
export function periodParts(period: Period): Period[] {
  const year = period.months[0]!.slice(0, 4);
  if (period.kind === 'year') return [1, 2, 3, 4].map((q) => parsePeriod(`${year}-Q${q}`));
  if (period.kind === 'quarter') return period.months.map(parsePeriod);
  return [];
}

/** The closed months, quarters and years from `firstMonth` to `now`, newest first. */
export function closedPeriods(
  firstMonth: string,
  now: Date,
): { months: string[]; quarters: string[]; years: string[] } {
  const months: string[] = [];
  const quarters: string[] = [];
  const years: string[] = [];
  for (let month = firstMonth; isClosed(parsePeriod(month), now); month = nextMonth(month)) {
    months.unshift(month);
    const [y, m] = month.split('-').map(Number) as [number, number];
    if (m % 3 === 0) quarters.unshift(`${y}-Q${m / 3}`);
    if (m === 12) years.unshift(String(y));
  }
  return { months, quarters, years };
}

/**
 * The period of a dashboard's monthly trend for a closed month: the closed quarter holding it,
 * else its closed year, else the newest closed quarter; null when no quarter or year is closed.
 */
export function trendOfMonth(
  month: string,
  closed: { readonly quarters: readonly string[]; readonly years: readonly string[] },
): string | null {
  const year = month.slice(0, 4);
  const quarter = `${year}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
  if (closed.quarters.includes(quarter)) return quarter;
  if (closed.years.includes(year)) return year;
  return closed.quarters[0] ?? null;
}
