import { Fragment } from 'react';
import { DocumentHead } from '../document-head.js';
import {
  apiOperations,
  isReference,
  OPENAPI_JSON,
  resolve,
  schemeName,
  type ApiDocument,
  type ApiTagGroup,
} from './openapi.js';
import { Endpoint, Operation } from './operation.js';
import { Prose } from './prose.js';

function Contents({ groups }: { groups: readonly ApiTagGroup[] }) {
  return (
    <nav className="api-toc" aria-labelledby="contents-title">
      <p id="contents-title" className="api-toc-title">
        Contents
      </p>
      <ul>
        <li>
          <a href="#authentication">Authentication</a>
        </li>
        {groups.map((group) => (
          <li key={group.id}>
            <a href={`#${group.id}`} className="api-toc-tag">
              {group.name}
            </a>
            <ul>
              {group.operations.map((operation) => (
                <li key={operation.id}>
                  <a href={`#${operation.id}`}>
                    <Endpoint method={operation.method} path={operation.path} />
                    {operation.operation.summary ? (
                      <span className="api-toc-summary">{operation.operation.summary}</span>
                    ) : null}
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Authentication({ document }: { document: ApiDocument }) {
  const schemes = Object.entries(document.components?.securitySchemes ?? {});
  return (
    <section id="authentication" aria-labelledby="authentication-title">
      <h2 id="authentication-title">Authentication</h2>
      <p>Operations are public unless they name a scheme below.</p>
      {schemes.length > 0 ? (
        <dl className="api-schemes">
          {schemes.map(([name, value]) => {
            const scheme = resolve(document, value);
            return (
              <Fragment key={name}>
                <dt>{schemeName(document, name)}</dt>
                <dd>
                  {isReference(scheme) ? null : (
                    <>
                      {scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer' ? (
                        <p>
                          Send <code>Authorization: Bearer &lt;token&gt;</code>.
                        </p>
                      ) : null}
                      <Prose text={scheme.description} />
                    </>
                  )}
                </dd>
              </Fragment>
            );
          })}
        </dl>
      ) : null}
    </section>
  );
}

/**
 * The API reference at /api/docs, rendered on the server from the OpenAPI document: every
 * operation grouped by tag, readable without JavaScript, with the document itself for tools.
 */
export function ApiDocsPage({ document }: { document: ApiDocument }) {
  const groups = apiOperations(document);
  const { info } = document;
  return (
    <html lang="en">
      <DocumentHead title={`${info.title} reference`} stylesheet="/assets/api-docs.css" preloadFont={400} />
      <body>
        <a className="api-skip" href="#main">
          Skip to content
        </a>
        <header className="api-header">
          <div className="api-wrap">
            <a className="api-brand" href="/">
              Valuta
            </a>
            <span className="api-header-note">API reference</span>
          </div>
        </header>
        <main id="main" className="api-wrap api-main" tabIndex={-1}>
          <h1>{info.title}</h1>
          <p className="api-lead">
            Version {info.version} · OpenAPI {document.openapi}
          </p>
          <Prose text={info.description} />
          {document.servers?.length ? (
            <p>
              Base URL:{' '}
              {document.servers.map((server, i) => (
                <Fragment key={server.url}>
                  {i > 0 ? ', ' : null}
                  <code>{server.url}</code>
                  {server.description ? ` (${server.description})` : null}
                </Fragment>
              ))}
            </p>
          ) : null}
          <p className="api-download">
            <a href={OPENAPI_JSON} type="application/json">
              Download the OpenAPI document (openapi.json)
            </a>{' '}
            to generate a client (openapi-generator) or to import the API in Postman or Insomnia.
          </p>
          <div className="api-layout">
            <Contents groups={groups} />
            <div className="api-reference">
              <Authentication document={document} />
              {groups.map((group) => (
                <section key={group.id} id={group.id} aria-labelledby={`${group.id}-title`}>
                  <h2 id={`${group.id}-title`} className="api-tag">
                    {group.name}
                  </h2>
                  <Prose text={group.description} className="api-tag-description" />
                  {group.operations.map((operation) => (
                    <Operation key={operation.id} document={document} operation={operation} />
                  ))}
                </section>
              ))}
            </div>
          </div>
        </main>
        <footer className="api-footer">
          <div className="api-wrap">
            <p>
              {info.title} {info.version}
              {info.license ? (
                <>
                  {' · License: '}
                  {info.license.url ? <a href={info.license.url}>{info.license.name}</a> : info.license.name}
                </>
              ) : null}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
