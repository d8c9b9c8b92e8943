/**
 * The trend: the headline indicator over the 12 closed months up to the report's, as a line with
 * its 95% interval, withheld months marked "riservato", and the same figures as a table.
 */
import type { IndicatorCode, ResultRowView } from '../../domain/results-view.js';
import { countText, shareWithheld } from './cells.js';
import { interval, month as monthName, monthTick, pct, pctTick } from './format.js';
import { INDICATOR_NAMES, m } from './messages.js';
import { Swatch, TrendChart, type TrendPoint } from './svg.js';

/** A closed month of the trend and its results. */
export interface TrendMonth {
  readonly month: string;
  readonly row: ResultRowView;
}

export function Trend({
  months,
  code,
  serviceName,
}: {
  months: readonly TrendMonth[];
  code: IndicatorCode;
  serviceName: string;
}) {
  const name = INDICATOR_NAMES[code];
  const rows = months.map(({ month, row }) => ({
    month,
    row,
    indicator: row.indicators.find((i) => i.code === code) ?? null,
  }));
  const withheld = rows.map(({ indicator }) => indicator !== null && shareWithheld(indicator));
  const points: TrendPoint[] = rows.map(({ month, indicator }, i) => ({
    label: monthTick(month),
    value: indicator?.value
      ? { share: indicator.value.share, low: indicator.value.ci95.low, high: indicator.value.ci95.high }
      : null,
    note: indicator?.value ? null : withheld[i] ? m.withheld : m.none,
  }));
  const scope = m.trendScope(serviceName, monthName(months[0]!.month), monthName(months.at(-1)!.month));
  const spoken = rows
    .map(({ month, indicator }, i) =>
      m.trendPoint(
        monthName(month),
        indicator?.value
          ? `${pct(indicator.value.share)} (${m.ci} ${interval(indicator.value.ci95)})`
          : withheld[i]
            ? m.withheld
            : m.none,
      ),
    )
    .join('; ');
  return (
    <section className="report-section" aria-labelledby="andamento">
      <h2 id="andamento">{m.trendTitle}</h2>
      <figure className="report-figure">
        <figcaption>
          <span className="figure-title">{m.trendFigure(name)}</span>
          <span className="figure-scope">{scope}</span>
        </figcaption>
        <TrendChart
          id="trend-chart"
          title={m.trendFigure(name)}
          desc={m.trendDesc(name, spoken)}
          points={points}
          valueText={pctTick}
          tickText={pctTick}
        />
        <ul className="legend">
          <li>
            <Swatch kind="point" id="trend-point" />
            {m.trendLegendPoint}
          </li>
          <li>
            <Swatch kind="band" id="trend-band" />
            {m.trendLegendBand}
          </li>
          {withheld.some(Boolean) ? <li>{m.trendWithheldLegend}</li> : null}
        </ul>
      </figure>
      <table className="data" data-table="trend">
        <caption>{m.trendCaption(name, scope)}</caption>
        <thead>
          <tr>
            <th scope="col">{m.month}</th>
            <th scope="col" className="num">
              {m.responsesColumn}
            </th>
            <th scope="col" className="num">
              {m.nColumn} ({name})
            </th>
            <th scope="col">{m.share}</th>
            <th scope="col">{m.ci}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ month, row, indicator }, i) => {
            const dash = withheld[i] ? m.withheld : m.none;
            const shareClass = withheld[i] ? 'withheld' : undefined;
            return (
              <tr key={month} data-month={month}>
                <th scope="row">{monthName(month)}</th>
                <td className={row.n.withheld ? 'num withheld' : 'num'}>{countText(row.n)}</td>
                <td className={indicator?.n.withheld ? 'num withheld' : 'num'}>
                  {indicator ? countText(indicator.n) : m.none}
                </td>
                <td className={shareClass}>{indicator?.value ? pct(indicator.value.share) : dash}</td>
                <td className={shareClass}>{indicator?.value ? interval(indicator.value.ci95) : dash}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
