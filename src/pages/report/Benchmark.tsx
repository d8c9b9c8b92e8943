/**
 * The service against similar services (`benchmarkFor`): per indicator, the peers' median and
 * interquartile range and where this service stands, as a box chart, in words and as a table.
 */
import type { BenchmarkIndicatorView, BenchmarkView } from '../../domain/results-view.js';
import { interval, month as monthName, pct, pctTick, points, pValue } from './format.js';
import { INDICATOR_NAMES, m } from './messages.js';
import { BenchmarkChart, Swatch, type BenchmarkRow } from './svg.js';

const compared = (i: BenchmarkIndicatorView) =>
  i.peers > 0 && i.median !== null && i.q1 !== null && i.q3 !== null;

function sentence(i: BenchmarkIndicatorView): string {
  const name = INDICATOR_NAMES[i.code];
  if (!compared(i)) return m.benchmarkNoPeers(name);
  if (i.withheld) return m.benchmarkWithheld(name);
  return m.benchmarkSentence(
    name,
    i.peers,
    i.percentile === null ? null : String(Math.round(i.percentile * 100)),
    i.value ? pct(i.value.share) : m.none,
  );
}

export function Benchmark({ view, serviceName }: { view: BenchmarkView; serviceName: string }) {
  const shown = view.indicators.filter(compared);
  const scope = m.benchmarkScope(serviceName, monthName(view.period.key));
  const rows: BenchmarkRow[] = shown.map((i) => ({
    label: INDICATOR_NAMES[i.code],
    q1: i.q1!,
    median: i.median!,
    q3: i.q3!,
    value: i.value ? { share: i.value.share, low: i.value.ci95.low, high: i.value.ci95.high } : null,
    valueText: m.benchmarkYou(i.value ? pct(i.value.share) : i.withheld ? m.withheld : m.none),
    medianText: m.benchmarkMedian(pct(i.median!)),
  }));
  const spoken = shown
    .map((i) =>
      m.benchmarkRow(
        INDICATOR_NAMES[i.code],
        i.value ? pct(i.value.share) : i.withheld ? m.withheld : m.none,
        pct(i.median!),
        pct(i.q1!),
        pct(i.q3!),
      ),
    )
    .join('; ');
  return (
    <section className="report-section" aria-labelledby="confronto">
      <h2 id="confronto">{m.benchmarkTitle}</h2>
      {shown.length === 0 ? (
        <p>{m.benchmarkNone}</p>
      ) : (
        <figure className="report-figure">
          <figcaption>
            <span className="figure-title">{m.benchmarkFigure}</span>
            <span className="figure-scope">{scope}</span>
          </figcaption>
          <BenchmarkChart
            id="benchmark-chart"
            title={m.benchmarkFigure}
            desc={m.benchmarkDesc(spoken)}
            rows={rows}
            tickText={pctTick}
          />
          <ul className="legend">
            <li>
              <Swatch kind="box" id="legend-hatch" />
              {m.benchmarkLegendBox}
            </li>
            <li>
              <Swatch kind="median" id="legend-median" />
              {m.benchmarkLegendMedian}
            </li>
            <li>
              <Swatch kind="diamond" id="legend-you" />
              {m.benchmarkLegendYou}
            </li>
          </ul>
        </figure>
      )}
      <ul className="report-sentences">
        {view.indicators.map((i) => (
          <li key={i.code}>{sentence(i)}</li>
        ))}
      </ul>
      <p className="hint">{m.peersDefinition}</p>
      {shown.length > 0 ? (
        <table className="data" data-table="benchmark">
          <caption>{m.benchmarkCaption(scope)}</caption>
          <thead>
            <tr>
              <th scope="col">{m.indicator}</th>
              <th scope="col">{m.yourService}</th>
              <th scope="col" className="num">
                {m.peers}
              </th>
              <th scope="col">{m.q1}</th>
              <th scope="col">{m.median}</th>
              <th scope="col">{m.q3}</th>
              <th scope="col" className="num">
                {m.percentile}
              </th>
              <th scope="col">{m.againstPeers}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.code} data-indicator={i.code}>
                <th scope="row">{INDICATOR_NAMES[i.code]}</th>
                <td className={i.withheld ? 'withheld' : undefined}>
                  {i.value
                    ? `${pct(i.value.share)} (${m.ci} ${interval(i.value.ci95)})`
                    : i.withheld
                      ? m.withheld
                      : m.none}
                </td>
                <td className="num">{i.peers}</td>
                <td>{pct(i.q1!)}</td>
                <td>{pct(i.median!)}</td>
                <td>{pct(i.q3!)}</td>
                <td className="num">{i.percentile === null ? m.none : Math.round(i.percentile * 100)}</td>
                <td>
                  {i.comparison
                    ? m.changeCell(
                        points(i.comparison.difference),
                        pValue(i.comparison.pValue),
                        i.comparison.significant,
                      )
                    : m.noComparison}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
