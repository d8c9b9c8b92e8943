/**
 * From the results API's views (domain/results-view.ts) to what the dashboards show: the headline
 * indicator of a row, and the cells of the table alternatives. A count withheld by disclosure
 * control becomes a withheld cell ("riservato", `:c`), never 0; a share whose n or positives are
 * withheld is withheld too.
 */
import type {
  ComparisonView,
  CountView,
  IndicatorCode,
  IndicatorView,
  ResultRowView,
  ResultsView,
  ShareView,
} from '../../domain/results-view.js';
import type { Messages } from '../i18n/it.js';
import { csvP, csvPct, type Formats } from './format.js';
import { column, emptyCell, textCell, withheldCell, type Cell, type Column } from './table.js';

export interface Ctx {
  readonly t: Messages;
  readonly f: Formats;
}

/** The first indicator of the row that has a value (satisfaction, or ease for the Designers Italia families). */
export function headline(row: ResultRowView): IndicatorView | null {
  return row.indicators.find((i) => i.value !== null) ?? null;
}

/** The indicator the dashboard leads with: the total's headline, else its first indicator. */
export function headlineCode(view: ResultsView): IndicatorCode | null {
  return headline(view.total)?.code ?? view.total.indicators[0]?.code ?? null;
}

export function indicatorOf(row: ResultRowView, code: IndicatorCode | null): IndicatorView | null {
  return code === null ? null : (row.indicators.find((i) => i.code === code) ?? null);
}

/** Whether the indicator's share is missing because a count under it is withheld. */
export const shareWithheld = (indicator: IndicatorView | null): boolean =>
  indicator !== null && indicator.value === null && (indicator.n.withheld || indicator.positive.withheld);

export function countCell({ t, f }: Ctx, count: CountView | null): Cell {
  if (count === null) return emptyCell();
  if (count.withheld) return withheldCell(t.results.withheld);
  if (count.count === null) return emptyCell();
  return { text: f.count(count.count), csv: [String(count.count)] };
}

export function plainCountCell({ f }: Ctx, n: number | null): Cell {
  return n === null ? emptyCell() : { text: f.count(n), csv: [String(n)] };
}

/** A share: withheld when `withheld`, a dash when there is none. */
export function shareCell({ t, f }: Ctx, share: ShareView | number | null, withheld = false): Cell {
  if (withheld) return withheldCell(t.results.withheld);
  if (share === null) return emptyCell();
  const value = typeof share === 'number' ? share : share.share;
  return { text: f.pct(value), csv: [csvPct(value)] };
}

/** A 95% interval: one cell in the table, two columns (low, high) in the file. */
export function intervalCell({ t, f }: Ctx, share: ShareView | null, withheld = false): Cell {
  if (withheld) return withheldCell(t.results.withheld, 2);
  if (share === null) return emptyCell(2);
  return { text: f.interval(share.ci95), csv: [csvPct(share.ci95.low), csvPct(share.ci95.high)] };
}

export const shareColumn = (label: string): Column => column(label, [`${label} (%)`]);
export const intervalColumn = ({ t }: Ctx): Column =>
  column(t.results.ci, [`${t.results.ci} ${t.results.ciLow} (%)`, `${t.results.ci} ${t.results.ciHigh} (%)`]);
export const changeColumn = ({ t }: Ctx): Column =>
  column(
    t.results.changeColumn,
    [
      `${t.results.changeColumn} (${t.results.pointsUnit})`,
      'p',
      t.results.adjustedP,
      t.results.significantColumn,
    ],
    // a phrase ("+3,7 punti, p = 0,839 — non significativa"): it wraps, figures do not
    false,
  );

/** A change against another period or the benchmark: difference, p (adjusted), significant. */
export function changeCell(ctx: Ctx, change: ComparisonView | null): Cell {
  const { t, f } = ctx;
  if (change === null) return emptyCell(4);
  const p = change.adjustedPValue ?? change.pValue;
  const text = `${t.results.points(f.points(change.difference))}, ${f.p(p)}${
    change.adjustedPValue !== null ? ` (${t.results.adjustedShort})` : ''
  } — ${change.significant ? t.results.significantYes : t.results.significantNo}`;
  return {
    text,
    csv: [
      csvPct(change.difference),
      csvP(change.pValue),
      change.adjustedPValue === null ? '' : csvP(change.adjustedPValue),
      change.significant ? t.results.yes : t.results.no,
    ],
  };
}

/** The columns every indicator row has (statistical honesty: each share with its n and CI). */
export function indicatorColumns(ctx: Ctx, indicatorName: string, withChange: boolean): Column[] {
  const { t } = ctx;
  return [
    column(t.results.responsesColumn),
    column(t.results.nColumn(indicatorName)),
    shareColumn(indicatorName),
    intervalColumn(ctx),
    ...(withChange ? [changeColumn(ctx)] : []),
  ];
}

export function indicatorCells(
  ctx: Ctx,
  row: ResultRowView,
  code: IndicatorCode | null,
  withChange: boolean,
): Cell[] {
  const indicator = indicatorOf(row, code);
  const withheld = shareWithheld(indicator);
  return [
    countCell(ctx, row.n),
    countCell(ctx, indicator?.n ?? null),
    shareCell(ctx, indicator?.value ?? null, withheld),
    intervalCell(ctx, indicator?.value ?? null, withheld),
    ...(withChange ? [changeCell(ctx, indicator?.change ?? null)] : []),
  ];
}

/** The label of a row of a grouping: a month as words, a channel or device by its name. */
export function rowLabel(ctx: Ctx, groupBy: ResultsView['groupBy'], row: ResultRowView): Cell {
  const { t, f } = ctx;
  const key = row.key ?? '';
  if (groupBy === 'month') return textCell(f.period(key));
  if (groupBy === 'channel') return textCell((t.channels as Record<string, string>)[key] ?? row.label);
  if (groupBy === 'device') return textCell(t.results.devices[key] ?? row.label);
  if (groupBy === 'lang') return textCell(t.results.languages[key] ?? row.label);
  // service, ente and region names are Italian proper names
  return textCell(row.label, 'it');
}
