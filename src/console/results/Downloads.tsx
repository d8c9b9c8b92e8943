/**
 * The downloads of a dashboard (results:export): the raw responses and the indicators as CSV and
 * Excel with their data dictionary, SDMX-CSV for the central office, the suggestions and the
 * printable monthly report of a month. Plain links: the session cookie goes with them, and each
 * download is written to the audit trail by the server.
 */
import { Link } from 'react-router';
import { exportUrl, reportUrl, type PeriodParams } from '../queries.js';
import { isMonth } from './format.js';
import type { Ctx } from './model.js';

export function Downloads({
  ctx,
  slug,
  period,
  central,
}: {
  ctx: Ctx;
  /** The service; undefined for the national view (indicators by service). */
  slug: string | undefined;
  period: PeriodParams;
  central: boolean;
}) {
  const { t } = ctx;
  const query = { ...period, service: slug, groupBy: slug === undefined ? 'service' : undefined };
  const month = 'period' in period && isMonth(period.period) ? period.period : null;
  const links: [string, string][] = [];
  if (slug !== undefined)
    links.push(
      [t.downloads.responsesCsv, exportUrl('responses.csv', query)],
      [t.downloads.responsesXlsx, exportUrl('responses.xlsx', query)],
      [t.downloads.dictionary, exportUrl('responses/dictionary.csv', query)],
    );
  links.push(
    [t.downloads.indicatorsCsv, exportUrl('indicators.csv', query)],
    [t.downloads.indicatorsXlsx, exportUrl('indicators.xlsx', query)],
  );
  if (central) links.push([t.downloads.sdmx, exportUrl('indicators.sdmx.csv', query)]);
  return (
    <section aria-labelledby="downloads-heading" className="console-results-section">
      <h2 id="downloads-heading" className="h4">
        {t.downloads.title}
      </h2>
      <ul className="console-downloads">
        {links.map(([label, href]) => (
          <li key={href}>
            <a href={href} download>
              {label}
            </a>
          </li>
        ))}
        {slug !== undefined && month !== null ? (
          <li>
            <a href={reportUrl(slug, month)}>{t.downloads.report}</a>
          </li>
        ) : null}
        {slug !== undefined ? (
          <li>
            <Link to={`/suggerimenti?servizio=${encodeURIComponent(slug)}${month ? `&mese=${month}` : ''}`}>
              {t.downloads.suggestions}
            </Link>
          </li>
        ) : null}
      </ul>
      <p className="console-hint">{t.downloads.note}</p>
    </section>
  );
}
