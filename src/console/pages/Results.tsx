/**
 * /console/risultati — RESULTS DASHBOARDS COME HERE (next piece of work). Until then, a page that
 * says so, reachable from the navigation by every role with results:read.
 */
import { Page } from '../components/Page.js';
import { useT } from '../i18n/index.js';

export function Results() {
  const t = useT();
  return (
    <Page title={t.results.title}>
      <section data-slot="results-dashboards" className="callout console-callout">
        <p>{t.results.text}</p>
        <p className="mb-1">{t.results.meanwhile}</p>
        <p className="mb-0">
          <code>GET /api/v1/services/{'{slug}'}/summary?from=…&amp;to=…</code>
        </p>
      </section>
    </Page>
  );
}
