/**
 * The monthly report of a service (`GET /reports/services/:slug/:month`): one printable page for
 * the ente's staff, drawn on the server with its charts as SVG and no script, from what the results
 * API answers the same principal. Laid out for A4 (report.css); on screen, a note says how to print.
 */
import { previousPeriod, parsePeriod } from '../../domain/periods.js';
import type { BenchmarkView, ResultsView } from '../../domain/results-view.js';
import type { SuggestionsView } from '../../domain/suggestions.js';
import { DocumentHead } from '../document-head.js';
import { Benchmark } from './Benchmark.js';
import { headlineCode } from './cells.js';
import { generatedAt, month as monthName } from './format.js';
import { Headline } from './Headline.js';
import { HowToRead } from './HowToRead.js';
import { Items } from './Items.js';
import { m } from './messages.js';
import { Themes } from './Themes.js';
import { Trend, type TrendMonth } from './Trend.js';

/** What the report shows, read for the principal who asks (src/results/read.ts). */
export interface MonthlyReport {
  readonly enteName: string;
  readonly serviceName: string;
  /** The closed month, 'YYYY-MM'. */
  readonly month: string;
  readonly generatedAt: Date;
  /** The month's results of the service (`resultsFor`). */
  readonly view: ResultsView;
  /** The closed months up to this one (at most 12), oldest first, this one last. */
  readonly trend: readonly TrendMonth[];
  readonly benchmark: BenchmarkView;
  /** The month's suggestions, for their themes (`suggestionsFor`). */
  readonly suggestions: SuggestionsView;
}

export function ReportPage({ report }: { report: MonthlyReport }) {
  const { view, enteName, serviceName, month } = report;
  const code = headlineCode(view.total);
  const lead = view.total.indicators.find((i) => i.code === code) ?? null;
  const name = monthName(month);
  const scope = `${serviceName} · ${name}`;
  return (
    <html lang="it">
      <DocumentHead title={m.title(serviceName, name)} stylesheet="/assets/report.css" preloadFont={600} />
      <body>
        <p className="print-hint">{m.printHint}</p>
        <header className="report-header">
          <p className="report-ente">{enteName}</p>
          <h1>
            {m.heading}: {serviceName}
            <span className="report-month">{name}</span>
          </h1>
          <dl className="report-facts" aria-label={m.facts}>
            <div>
              <dt>{m.ente}</dt>
              <dd>{enteName}</dd>
            </div>
            <div>
              <dt>{m.service}</dt>
              <dd>{serviceName}</dd>
            </div>
            <div>
              <dt>{m.month}</dt>
              <dd>{name}</dd>
            </div>
            <div>
              <dt>{m.generated}</dt>
              <dd>{generatedAt(report.generatedAt)}</dd>
            </div>
            <div>
              <dt>{m.disclosure}</dt>
              <dd>{view.disclosureControl ? m.disclosureOn(view.k) : m.disclosureOff}</dd>
            </div>
          </dl>
        </header>
        <main id="main">
          <Headline view={view} lead={lead} previousMonth={previousPeriod(parsePeriod(month))!.key} />
          {code ? <Trend months={report.trend} code={code} serviceName={serviceName} /> : null}
          <Benchmark view={report.benchmark} serviceName={serviceName} />
          <Items items={view.total.items} scope={scope} />
          <Themes view={report.suggestions} scope={scope} />
          <HowToRead k={view.k} disclosureControl={view.disclosureControl} />
        </main>
        <footer className="report-footer">
          <p>
            {m.footer} {m.generated} {generatedAt(report.generatedAt)}.
          </p>
        </footer>
      </body>
    </html>
  );
}
