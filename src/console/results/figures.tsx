/**
 * The figures of the dashboards, each a chart with its table alternative and downloads
 * (Figure.tsx), built from one view of the results API.
 */
import type {
  BenchmarkView,
  CoverageView,
  IndicatorCode,
  ItemView,
  ResultRowView,
  ResultsView,
} from '../../domain/results-view.js';
import { benchmarkChart, coverageChart, rowsChart, trendChart, type IntervalRow } from './charts.js';
import { Figure } from './Figure.js';
import { csvPct } from './format.js';
import {
  changeCell,
  changeColumn,
  countCell,
  indicatorCells,
  indicatorColumns,
  indicatorOf,
  intervalCell,
  intervalColumn,
  plainCountCell,
  rowLabel,
  shareCell,
  shareColumn,
  shareWithheld,
  type Ctx,
} from './model.js';
import { indicatorText } from './parts.js';
import { column, emptyCell, textCell, withheldCell, type TableModel } from './table.js';

/** Narrower than this, the labels beside the marks are short (the share alone). */
const NARROW = 560;

/** Row height of the horizontal charts, and the room for the axis. */
const rowsHeight = (rows: number) => Math.max(140, rows * 40 + 44);

/** A file name's period part: '2026-10-01/2026-10-15' → '2026-10-01_2026-10-15'. */
export const fileKey = (key: string) => key.replace(/[^0-9A-Za-z-]+/g, '_');

function intervalRows(
  ctx: Ctx,
  rows: readonly ResultRowView[],
  groupBy: ResultsView['groupBy'],
  code: IndicatorCode | null,
  narrow: boolean,
): IntervalRow[] {
  const { t, f } = ctx;
  return rows.map((row) => {
    const indicator = indicatorOf(row, code);
    const value = indicator?.value ?? null;
    const n = indicator?.n.count;
    return {
      label: rowLabel(ctx, groupBy, row).text,
      value: value?.share ?? null,
      low: value?.ci95.low ?? null,
      high: value?.ci95.high ?? null,
      text: value
        ? narrow
          ? f.pct(value.share)
          : `${f.pct(value.share)} (${f.interval(value.ci95)}) · n ${n === null || n === undefined ? t.results.withheld : f.count(n)}`
        : shareWithheld(indicator)
          ? t.results.withheld
          : t.results.noValue,
    };
  });
}

/** The points of a summary: "web: 72,3% (IC 95% …), n = 1.234; app: riservato". */
function rowsSummary(
  ctx: Ctx,
  rows: readonly ResultRowView[],
  groupBy: ResultsView['groupBy'],
  code: IndicatorCode | null,
): string {
  return rows
    .map((row) => `${rowLabel(ctx, groupBy, row).text}: ${indicatorText(ctx, indicatorOf(row, code))}`)
    .join('; ');
}

/** The share of an indicator month by month (groupBy=month), a point and its CI per month. */
export function TrendFigure({
  ctx,
  view,
  code,
  id,
  title,
  scope,
  fileBase,
}: {
  ctx: Ctx;
  view: ResultsView;
  code: IndicatorCode | null;
  id: string;
  title: string;
  scope: string;
  fileBase: string;
}) {
  const { t, f } = ctx;
  const rows = [...view.rows].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  const name = code ? t.results.indicators[code] : t.results.indicatorFallback;
  const points = rows.map((row) => {
    const indicator = indicatorOf(row, code);
    const value = indicator?.value ?? null;
    return {
      label: f.monthShort(row.key ?? ''),
      value: value?.share ?? null,
      low: value?.ci95.low ?? null,
      high: value?.ci95.high ?? null,
      text: value ? f.pct0(value.share) : shareWithheld(indicator) ? t.results.withheld : t.results.noValue,
    };
  });
  const table: TableModel = {
    caption: t.results.tableCaption(title, scope),
    rowHeader: column(t.results.month, [t.results.month], false),
    columns: indicatorColumns(ctx, name, true),
    rows: rows.map((row) => ({
      key: row.key ?? '',
      header: { ...textCell(f.period(row.key ?? '')), csv: [row.key ?? ''] },
      cells: indicatorCells(ctx, row, code, true),
    })),
  };
  return (
    <Figure
      id={id}
      title={title}
      subtitle={scope}
      summary={t.results.summary(title, t.results.kindTrend, rowsSummary(ctx, rows, 'month', code))}
      build={rows.length > 0 ? () => trendChart(points, { pct0: f.pct0 }) : null}
      table={table}
      k={view.disclosureControl ? view.k : null}
      fileName={`${fileBase}-${id}`}
    >
      {rows.length === 0 ? <p>{t.results.noRows}</p> : null}
    </Figure>
  );
}

/**
 * A breakdown (channel, device, region, service): one row per group, its share as a bar (or a
 * point, for the ranking of services) with its CI, its n beside it.
 */
export function GroupFigure({
  ctx,
  view,
  code,
  id,
  title,
  scope,
  fileBase,
  mark = 'bar',
  rows: givenRows,
  chart = true,
  withChange = true,
  headingLevel = 3,
  extraColumns,
}: {
  ctx: Ctx;
  view: ResultsView;
  code: IndicatorCode | null;
  id: string;
  title: string;
  scope: string;
  fileBase: string;
  mark?: 'bar' | 'point';
  /** The rows in the order to show (the ranking sorts them); the view's otherwise. */
  rows?: readonly ResultRowView[];
  chart?: boolean;
  withChange?: boolean;
  headingLevel?: 2 | 3;
  /** More columns after the row header (the ente of a service), one cell per row. */
  extraColumns?: { label: string; cell(row: ResultRowView): string; lang?: string };
}) {
  const { t } = ctx;
  const rows = givenRows ?? view.rows;
  const name = code ? t.results.indicators[code] : t.results.indicatorFallback;
  const table: TableModel = {
    caption: t.results.tableCaption(title, scope),
    rowHeader: column(t.results.groupNames[view.groupBy ?? 'service'] ?? '', undefined, false),
    columns: [
      ...(extraColumns ? [column(extraColumns.label, [extraColumns.label], false)] : []),
      ...indicatorColumns(ctx, name, withChange),
    ],
    rows: rows.map((row, i) => ({
      key: row.key ?? String(i),
      header: {
        ...rowLabel(ctx, view.groupBy, row),
        csv: [row.key ?? '', rowLabel(ctx, view.groupBy, row).text],
      },
      cells: [
        ...(extraColumns ? [textCell(extraColumns.cell(row), extraColumns.lang)] : []),
        ...indicatorCells(ctx, row, code, withChange),
      ],
    })),
  };
  // The row header is two columns in the file: the key (a slug, an IPA code) and the name.
  const keyHeader = t.results.keyColumn;
  const fileTable: TableModel = {
    ...table,
    rowHeader: { ...table.rowHeader, csv: [keyHeader, table.rowHeader.label] },
  };
  return (
    <Figure
      id={id}
      title={title}
      subtitle={scope}
      summary={t.results.summary(
        title,
        mark === 'bar' ? t.results.kindBars : t.results.kindForest,
        rowsSummary(ctx, rows, view.groupBy, code),
      )}
      build={
        chart && rows.length > 0
          ? (width) =>
              rowsChart(intervalRows(ctx, rows, view.groupBy, code, width < NARROW), {
                width,
                mark,
                axis: 'share',
                pct0: ctx.f.pct0,
                withheld: t.results.withheld,
              })
          : null
      }
      height={rowsHeight(rows.length)}
      table={fileTable}
      k={view.disclosureControl ? view.k : null}
      fileName={`${fileBase}-${id}`}
      headingLevel={headingLevel}
    >
      {rows.length === 0 ? <p>{t.results.noRows}</p> : null}
    </Figure>
  );
}

/** How an item was answered: a bar per option with its count and share; withheld options are gaps. */
export function ItemFigure({
  ctx,
  item,
  k,
  scope,
  fileBase,
}: {
  ctx: Ctx;
  item: ItemView;
  k: number | null;
  scope: string;
  fileBase: string;
}) {
  const { t, f } = ctx;
  const id = `item-${item.code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const title = item.question;
  const cellText = (cell: ItemView['distribution'][number], narrow: boolean) =>
    cell.count.withheld
      ? t.results.withheld
      : cell.count.count === null
        ? t.results.noValue
        : cell.share === null || narrow
          ? f.count(cell.count.count)
          : `${f.count(cell.count.count)} (${f.pct(cell.share)})`;
  const table: TableModel = {
    caption: t.results.tableCaption(title, scope),
    rowHeader: column(t.results.answer, [t.results.answerValue, t.results.answer], false),
    columns: [column(t.results.responsesColumn), shareColumn(t.results.shareOfAnswers)],
    rows: item.distribution.map((cell) => ({
      key: String(cell.value),
      header: { text: cell.label, csv: [String(cell.value), cell.label], lang: 'it' },
      cells: [
        countCell(ctx, cell.count),
        cell.count.withheld ? withheldCell(t.results.withheld) : shareCell(ctx, cell.share),
      ],
    })),
  };
  const n = item.n.withheld
    ? t.results.withheld
    : item.n.count === null
      ? t.results.noValue
      : f.count(item.n.count);
  return (
    <Figure
      id={id}
      title={title}
      subtitle={scope}
      summary={t.results.summary(
        title,
        t.results.kindDistribution,
        item.distribution.map((cell) => `${cell.label}: ${cellText(cell, false)}`).join('; '),
      )}
      build={
        item.distribution.length > 0
          ? (width) =>
              rowsChart(
                item.distribution.map((cell) => ({
                  label: cell.label,
                  value: cell.count.withheld ? null : cell.count.count,
                  text: cellText(cell, width < NARROW),
                })),
                { width, mark: 'bar', axis: 'count', pct0: f.pct0, withheld: t.results.withheld },
              )
          : null
      }
      height={rowsHeight(item.distribution.length)}
      table={table}
      k={k}
      titleLang="it"
      fileName={`${fileBase}-${id}`}
    >
      <ul className="console-inline-list console-item-figures">
        <li>{t.results.itemCode(item.code)}</li>
        <li>{t.results.itemN(n)}</li>
        {item.mean ? (
          <li>
            {t.results.meanLine(
              f.decimal(item.mean.value),
              `${f.decimal(item.mean.ci95.low)}–${f.decimal(item.mean.ci95.high)}`,
            )}
          </li>
        ) : null}
        {item.positive ? (
          <li>{t.results.positiveLine(f.pct(item.positive.share), f.interval(item.positive.ci95))}</li>
        ) : null}
      </ul>
    </Figure>
  );
}

/** The service against similar services: the peers' median and IQR, the service's percentile. */
export function BenchmarkFigure({
  ctx,
  view,
  scope,
  fileBase,
  k,
}: {
  ctx: Ctx;
  view: BenchmarkView;
  scope: string;
  fileBase: string;
  /** The disclosure threshold (for the note under the table when the service's share is withheld). */
  k: number | null;
}) {
  const { t, f } = ctx;
  const id = 'benchmark';
  const title = t.results.benchmarkTitle;
  const indicators = view.indicators;
  const own = (i: (typeof indicators)[number]) =>
    i.value ? f.pct(i.value.share) : i.withheld ? t.results.withheld : t.results.noValue;
  const wideText = (i: (typeof indicators)[number]) =>
    i.value
      ? `${t.results.benchmarkYou(f.pct(i.value.share))} · ${
          i.median === null ? t.results.noPeers : t.results.benchmarkMedian(f.pct(i.median))
        }`
      : own(i);
  const table: TableModel = {
    caption: t.results.tableCaption(title, scope),
    rowHeader: column(t.results.indicator, [t.results.indicator], false),
    columns: [
      shareColumn(t.results.yourService),
      intervalColumn(ctx),
      column(t.results.peers),
      shareColumn(t.results.median),
      shareColumn(t.results.q1),
      shareColumn(t.results.q3),
      shareColumn(t.results.percentile),
      changeColumn(ctx),
    ],
    rows: indicators.map((i) => ({
      key: i.code,
      header: { ...textCell(t.results.indicators[i.code]), csv: [i.code] },
      cells: [
        shareCell(ctx, i.value, i.withheld),
        intervalCell(ctx, i.value, i.withheld),
        plainCountCell(ctx, i.peers),
        shareCell(ctx, i.median),
        shareCell(ctx, i.q1),
        shareCell(ctx, i.q3),
        shareCell(ctx, i.percentile),
        changeCell(ctx, i.comparison),
      ],
    })),
  };
  const shown = indicators.filter((i) => i.value !== null || i.median !== null);
  const benchmarkSentence = (i: (typeof indicators)[number]) =>
    t.results.benchmarkSentence(
      i.peers,
      i.median === null ? null : f.pct(i.median),
      i.q1 === null || i.q3 === null ? null : [f.pct(i.q1), f.pct(i.q3)],
      i.percentile === null ? null : f.count(Math.round(i.percentile * 100)),
    );
  return (
    <Figure
      id={id}
      title={title}
      subtitle={scope}
      summary={t.results.summary(
        title,
        t.results.kindBenchmark,
        indicators
          .map((i) => `${t.results.indicators[i.code]}: ${own(i)}; ${benchmarkSentence(i)}`)
          .join('. '),
      )}
      build={
        shown.length > 0
          ? (width) =>
              benchmarkChart(
                shown.map((i) => ({
                  label: t.results.indicators[i.code],
                  value: i.value?.share ?? null,
                  low: i.value?.ci95.low ?? null,
                  high: i.value?.ci95.high ?? null,
                  median: i.median,
                  q1: i.q1,
                  q3: i.q3,
                  text: width < NARROW ? own(i) : wideText(i),
                })),
                {
                  width,
                  pct0: f.pct0,
                  names: {
                    // the long label does not fit a phone's width on one line
                    peers: width < NARROW ? t.results.peersIqrShort : t.results.peersIqr,
                    median: t.results.median,
                    service: t.results.yourService,
                  },
                },
              )
          : null
      }
      height={Math.max(160, shown.length * 56 + 80)}
      table={table}
      k={k}
      fileName={`${fileBase}-${id}`}
    >
      <ul className="console-plain-list console-benchmark-lines">
        {indicators.map((i) => (
          <li key={i.code}>
            <strong>{t.results.indicators[i.code]}</strong>:{' '}
            {i.value ? (
              t.results.shareWithCi(f.pct(i.value.share), f.interval(i.value.ci95), null)
            ) : i.withheld ? (
              <em className="console-withheld">{t.results.withheld}</em>
            ) : (
              t.results.noValue
            )}
            {'. '}
            {benchmarkSentence(i)}
            {i.comparison ? (
              <>
                {' '}
                {t.results.changeText(
                  t.results.points(f.points(i.comparison.difference)),
                  t.results.against('benchmark', ''),
                  f.p(i.comparison.adjustedPValue ?? i.comparison.pValue),
                  i.comparison.significant,
                )}
                {i.comparison.significant ? (
                  <>
                    {' '}
                    <span className="badge console-badge-significant">{t.results.significantBadge}</span>
                  </>
                ) : null}
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </Figure>
  );
}

/** Coverage month by month, as a share of each target. */
export function CoverageFigure({ ctx, view, fileBase }: { ctx: Ctx; view: CoverageView; fileBase: string }) {
  const { t, f } = ctx;
  const id = 'coverage-months';
  const title = t.results.coverageMonthsTitle;
  // the months of the target's year, whatever the period asked
  const yearScope = t.results.scope(t.results.nationalScope, String(view.targets.year));
  const { services, enti } = view.targets;
  const months = [...view.months].sort((a, b) => a.month.localeCompare(b.month));
  const table: TableModel = {
    caption: t.results.tableCaption(title, yearScope),
    rowHeader: column(t.results.month, [t.results.month], false),
    columns: [
      column(t.results.activeServices),
      shareColumn(t.results.ofTarget(f.count(services))),
      column(t.results.entiWithServices),
      shareColumn(t.results.ofTarget(f.count(enti))),
    ],
    rows: months.map((m) => ({
      key: m.month,
      header: { ...textCell(f.period(m.month)), csv: [m.month] },
      cells: [
        plainCountCell(ctx, m.activeServices),
        { text: f.pct(m.activeServices / services), csv: [csvPct(m.activeServices / services)] },
        plainCountCell(ctx, m.enti),
        { text: f.pct(m.enti / enti), csv: [csvPct(m.enti / enti)] },
      ],
    })),
  };
  const last = months.at(-1);
  return (
    <Figure
      id={id}
      title={title}
      subtitle={yearScope}
      summary={t.results.summary(
        title,
        t.results.kindCoverage,
        months
          .map(
            (m) =>
              `${f.period(m.month)}: ${t.results.coveragePoint(f.count(m.activeServices), f.count(m.enti))}`,
          )
          .join('; '),
      )}
      build={
        months.length > 0
          ? () =>
              coverageChart(
                months.map((m) => f.monthShort(m.month)),
                [
                  {
                    name: t.results.servicesOfTarget(f.count(services)),
                    values: months.map((m) => m.activeServices / services),
                  },
                  { name: t.results.entiOfTarget(f.count(enti)), values: months.map((m) => m.enti / enti) },
                ],
                { pct0: f.pct0 },
              )
          : null
      }
      table={table}
      k={null}
      fileName={`${fileBase}-${id}`}
    >
      {last ? null : <p>{t.results.noRows}</p>}
    </Figure>
  );
}

/** A table of counts (coverage by kind of ente or by region), with its CSV. */
export function CountsFigure({
  ctx,
  id,
  title,
  scope,
  fileBase,
  header,
  rows,
}: {
  ctx: Ctx;
  id: string;
  title: string;
  scope: string;
  fileBase: string;
  header: string;
  rows: readonly { key: string; activeServices: number; enti: number }[];
}) {
  const { t } = ctx;
  const table: TableModel = {
    caption: t.results.tableCaption(title, scope),
    rowHeader: column(header, [header], false),
    columns: [column(t.results.activeServices), column(t.results.entiWithServices)],
    rows: rows.map((r) => ({
      key: r.key,
      header: textCell(r.key, 'it'),
      cells: [plainCountCell(ctx, r.activeServices), plainCountCell(ctx, r.enti)],
    })),
  };
  return (
    <Figure
      id={id}
      title={title}
      subtitle={scope}
      summary=""
      table={table}
      k={null}
      fileName={`${fileBase}-${id}`}
    />
  );
}

/** Openings → responses per service (the response rate where a channel counts openings). */
export function FunnelFigure({
  ctx,
  view,
  scope,
  fileBase,
}: {
  ctx: Ctx;
  view: CoverageView;
  scope: string;
  fileBase: string;
}) {
  const { t } = ctx;
  const id = 'funnel';
  const title = t.results.funnelTitle;
  const table: TableModel = {
    caption: t.results.tableCaption(title, scope),
    rowHeader: column(
      t.results.groupNames.service ?? '',
      [t.results.keyColumn, t.results.groupNames.service ?? ''],
      false,
    ),
    columns: [
      column(t.common.ente, [t.common.ente], false),
      column(t.results.openings),
      column(t.results.responsesColumn),
      shareColumn(t.results.responseRate),
      intervalColumn(ctx),
    ],
    rows: view.funnel.map((r) => ({
      key: r.service,
      header: { text: r.name, csv: [r.service, r.name], lang: 'it' },
      cells: [
        textCell(r.ente, 'it'),
        plainCountCell(ctx, r.openings),
        plainCountCell(ctx, r.responses),
        r.rate ? shareCell(ctx, r.rate) : emptyCell(),
        intervalCell(ctx, r.rate),
      ],
    })),
  };
  return (
    <Figure
      id={id}
      title={title}
      subtitle={scope}
      summary=""
      table={table}
      k={null}
      fileName={`${fileBase}-${id}`}
    />
  );
}
