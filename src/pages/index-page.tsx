import type { Lang } from '../domain/questionnaire.js';
import { Layout } from './layout.js';
import { messagesFor } from './messages.js';

export interface IndexPageProps {
  readonly services: readonly { slug: string; name: string; enteName: string; kind: string }[];
  readonly lang?: Lang;
}

/** The front page of a Valuta server: its active services and where to find the API. */
export function IndexPage({ services, lang = 'it' }: IndexPageProps) {
  const { index } = messagesFor(lang);
  return (
    <Layout lang={lang} title={index.title}>
      <h1>Valuta</h1>
      <p className="lead">{index.lead}</p>
      <h2>{index.services}</h2>
      <div className="table-scroll" role="region" aria-label={index.services} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{index.ente}</th>
              <th scope="col">{index.service}</th>
              <th scope="col">{index.kind}</th>
              <th scope="col">{index.results}</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.slug}>
                <td>{s.enteName}</td>
                <td>
                  <a href={`/s/${s.slug}${lang === 'it' ? '' : `?lang=${lang}`}`}>{s.name}</a>
                </td>
                <td>{s.kind}</td>
                <td>
                  <a href={`/api/v1/services/${s.slug}/summary`} aria-label={index.resultsOf(s.name)}>
                    JSON
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href="/api/docs">{index.apiDocs}</a> · <a href="/api/v1/openapi.json">OpenAPI</a>
      </p>
    </Layout>
  );
}
