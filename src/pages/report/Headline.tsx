/**
 * The report's summary: the responses of the month, the headline indicator (satisfaction) large
 * with its 95% CI and n and its change against the previous month, every indicator in a table,
 * and the response rate.
 */
import type { IndicatorView, ResultRowView, ResultsView } from '../../domain/results-view.js';
import { countText, shareWithheld } from './cells.js';
import { count, interval, month as monthName, pct, points, pValue } from './format.js';
import { INDICATOR_NAMES, m } from './messages.js';

function Change({ indicator, against }: { indicator: IndicatorView; against: string }) {
  const { change } = indicator;
  return (
    <p className="report-change">
      {change
        ? m.change(points(change.difference), against, pValue(change.pValue), change.significant)
        : m.noChange(against)}
    </p>
  );
}

function Lead({ indicator, against }: { indicator: IndicatorView; against: string }) {
  const withheld = shareWithheld(indicator);
  return (
    <div className="report-lead">
      <p className="report-lead-name">{INDICATOR_NAMES[indicator.code]}</p>
      <p className="report-lead-value" data-value="headline">
        {indicator.value ? pct(indicator.value.share) : withheld ? m.withheld : m.none}
      </p>
      {indicator.value ? (
        <p>
          {m.ci} <span data-value="headline-ci">{interval(indicator.value.ci95)}</span> ·{' '}
          <span data-value="headline-n">
            {m.headlineN(countText(indicator.positive), countText(indicator.n), indicator.itemCode)}
          </span>
        </p>
      ) : (
        <p>{withheld ? m.headlineWithheld(indicator.itemCode) : m.headlineNone}</p>
      )}
      <Change indicator={indicator} against={against} />
    </div>
  );
}

function IndicatorsTable({ row, month, against }: { row: ResultRowView; month: string; against: string }) {
  return (
    <table className="data">
      <caption>{m.indicatorsCaption(monthName(month))}</caption>
      <thead>
        <tr>
          <th scope="col">{m.indicator}</th>
          <th scope="col">{m.share}</th>
          <th scope="col">{m.ci}</th>
          <th scope="col" className="num">
            {m.nColumn}
          </th>
          <th scope="col">{m.changeColumn(against)}</th>
        </tr>
      </thead>
      <tbody>
        {row.indicators.map((indicator) => {
          const withheld = shareWithheld(indicator);
          const dash = withheld ? m.withheld : m.none;
          return (
            <tr key={indicator.code} data-indicator={indicator.code}>
              <th scope="row">
                {INDICATOR_NAMES[indicator.code]} <span className="code">({indicator.itemCode})</span>
              </th>
              <td className={withheld ? 'withheld' : undefined}>
                {indicator.value ? pct(indicator.value.share) : dash}
              </td>
              <td className={withheld ? 'withheld' : undefined}>
                {indicator.value ? interval(indicator.value.ci95) : dash}
              </td>
              <td className={indicator.n.withheld ? 'num withheld' : 'num'}>{countText(indicator.n)}</td>
              <td>
                {indicator.change
                  ? m.changeCell(
                      points(indicator.change.difference),
                      pValue(indicator.change.pValue),
                      indicator.change.significant,
                    )
                  : m.noComparison}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ResponseRate({ row, k }: { row: ResultRowView; k: number }) {
  const { openings, responseRate } = row;
  if (openings === null) return <p>{m.openingsNotCounted}</p>;
  return (
    <dl className="report-facts">
      <div>
        <dt>{m.openings}</dt>
        <dd>{count(openings)}</dd>
      </div>
      <div>
        <dt>{m.rate}</dt>
        <dd data-value="response-rate">
          {responseRate ? m.rateValue(pct(responseRate.share), interval(responseRate.ci95)) : m.rateBelowK(k)}
        </dd>
      </div>
    </dl>
  );
}

export function Headline({
  view,
  lead,
  previousMonth,
}: {
  view: ResultsView;
  lead: IndicatorView | null;
  previousMonth: string;
}) {
  const against = monthName(previousMonth);
  const row = view.total;
  return (
    <>
      <section className="report-section" aria-labelledby="sintesi">
        <h2 id="sintesi">{m.headlineTitle}</h2>
        <p data-value="responses">{m.responses(countText(row.n))}</p>
        {lead ? <Lead indicator={lead} against={against} /> : <p>{m.noIndicators}</p>}
        {row.indicators.length > 0 ? (
          <IndicatorsTable row={row} month={view.period.key} against={against} />
        ) : null}
      </section>
      <section className="report-section" aria-labelledby="tasso">
        <h2 id="tasso">{m.rateTitle}</h2>
        <ResponseRate row={row} k={view.k} />
      </section>
    </>
  );
}
