import { Layout } from './layout.js';

export interface IndexPageProps {
  readonly services: readonly { slug: string; name: string; enteName: string; kind: string }[];
}

/** The front page of a Valuta server: its active services and where to find the API. */
export function IndexPage({ services }: IndexPageProps) {
  return (
    <Layout title="Valuta – servizi attivi">
      <h1>Valuta</h1>
      <p className="lead">
        Misura della qualità percepita dei servizi pubblici digitali: questionari anonimi e comparabili.
      </p>
      <h2>Servizi attivi</h2>
      <div className="table-scroll" role="region" aria-label="Servizi attivi" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Ente</th>
              <th scope="col">Servizio</th>
              <th scope="col">Tipo</th>
              <th scope="col">Risultati</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.slug}>
                <td>{s.enteName}</td>
                <td>
                  <a href={`/s/${s.slug}`}>{s.name}</a>
                </td>
                <td>{s.kind}</td>
                <td>
                  <a href={`/api/v1/services/${s.slug}/summary`} aria-label={`Risultati di ${s.name} (JSON)`}>
                    JSON
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href="/api/docs">Documentazione dell'API</a> · <a href="/api/v1/openapi.json">OpenAPI</a>
      </p>
    </Layout>
  );
}
