import { Fragment } from 'react';
import {
  constraintsOf,
  formatJson,
  isReference,
  resolve,
  schemeName,
  statusText,
  typeOf,
  type ApiDocument,
  type ApiOperation,
  type ApiSchema,
  type HttpMethod,
} from './openapi.js';
import { Inline, Prose } from './prose.js';

function Method({ method }: { method: HttpMethod }) {
  return <span className={`api-method api-method-${method}`}>{method.toUpperCase()}</span>;
}

/** A path that may wrap after each slash, not inside a word. */
function Path({ path }: { path: string }) {
  return (
    <code className="api-path">
      {path.split(/(?<=\/)/).map((segment, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {segment}
        </Fragment>
      ))}
    </code>
  );
}

/** An operation's method and path, as its heading and the contents show them. */
export function Endpoint({ method, path }: { method: HttpMethod; path: string }) {
  return (
    <>
      <Method method={method} /> <Path path={path} />
    </>
  );
}

function SchemaBlock({
  schema,
  label,
  open,
}: {
  schema: ApiSchema | undefined;
  label: string;
  open?: boolean;
}) {
  if (!schema) return null;
  return (
    <details className="api-schema" open={open}>
      <summary>{label}</summary>
      <pre>
        <code>{formatJson(schema)}</code>
      </pre>
    </details>
  );
}

/** A cell's column name, shown in the cell when the table is stacked on narrow screens. */
function CellLabel({ children }: { children: string }) {
  return (
    <span className="api-cell-label" aria-hidden="true">
      {children}
    </span>
  );
}

function Parameters({ operation }: { operation: ApiOperation }) {
  const captionId = `${operation.id}-parameters`;
  if (operation.parameters.length === 0)
    return (
      <>
        <h4 id={captionId}>Parameters</h4>
        <p>None.</p>
      </>
    );
  return (
    <>
      <h4 id={captionId}>Parameters</h4>
      <table className="api-parameters" aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">In</th>
            <th scope="col">Required</th>
            <th scope="col">Type</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {operation.parameters.map((parameter) => {
            const constraints = constraintsOf(parameter.schema);
            const description =
              parameter.description ??
              (typeof parameter.schema?.description === 'string' ? parameter.schema.description : '');
            return (
              <tr key={`${parameter.in} ${parameter.name}`}>
                <th scope="row">
                  <code>{parameter.name}</code>
                </th>
                <td>
                  <CellLabel>In</CellLabel>
                  {parameter.in}
                </td>
                <td>
                  <CellLabel>Required</CellLabel>
                  {parameter.required || parameter.in === 'path' ? 'yes' : 'no'}
                </td>
                <td>
                  <CellLabel>Type</CellLabel>
                  <span>
                    <code>{typeOf(parameter.schema)}</code>
                    {constraints.length > 0 ? (
                      <ul className="api-constraints">
                        {constraints.map((c, i) => (
                          <li key={i}>
                            {typeof c === 'string' ? (
                              c
                            ) : (
                              <>
                                {/* One text node before the code: React separates two with a comment. */}
                                {`${c.words} `}
                                <code>{c.code}</code>
                              </>
                            )}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </span>
                </td>
                <td>
                  {description || parameter.deprecated ? (
                    <>
                      <CellLabel>Description</CellLabel>
                      <span>
                        {parameter.deprecated ? <strong>Deprecated. </strong> : null}
                        <Inline text={description} />
                      </span>
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function RequestBody({ document, operation }: { document: ApiDocument; operation: ApiOperation }) {
  const body = operation.operation.requestBody && resolve(document, operation.operation.requestBody);
  if (!body || isReference(body)) return null;
  const content = Object.entries(body.content ?? {});
  return (
    <>
      <h4>Request body</h4>
      <p>
        {body.required ? 'Required' : 'Optional'}
        {content.length > 0 ? (
          <>
            {', as '}
            {content.map(([type], i) => (
              <Fragment key={type}>
                {i > 0 ? ' or ' : null}
                <code>{type}</code>
              </Fragment>
            ))}
          </>
        ) : null}
        .
      </p>
      <Prose text={body.description} />
      {content.map(([type, media]) => (
        <SchemaBlock key={type} schema={media.schema} label={`Request schema (${type})`} open />
      ))}
    </>
  );
}

function Responses({ document, operation }: { document: ApiDocument; operation: ApiOperation }) {
  const responses = Object.entries(operation.operation.responses ?? {});
  return (
    <>
      <h4>Responses</h4>
      {responses.length === 0 ? (
        <p>Not documented.</p>
      ) : (
        <dl className="api-responses">
          {responses.map(([status, value]) => {
            const response = resolve(document, value);
            const described = isReference(response) ? { description: response.$ref } : response;
            const content = Object.entries(described.content ?? {});
            const headers = Object.entries(described.headers ?? {});
            return (
              <Fragment key={status}>
                <dt>
                  <span className={`api-status api-status-${status.charAt(0)}`}>{status}</span>{' '}
                  {statusText(status)}
                </dt>
                <dd>
                  <Prose text={described.description} />
                  {content.length === 0 && (status === '204' || status === '304') ? (
                    <p className="api-muted">No body.</p>
                  ) : null}
                  {headers.length > 0 ? (
                    <p>
                      Headers:{' '}
                      {headers.map(([name, header], i) => {
                        const resolved = resolve(document, header);
                        const description = isReference(resolved) ? undefined : resolved.description;
                        return (
                          <Fragment key={name}>
                            {i > 0 ? '; ' : null}
                            <code>{name}</code>
                            {description ? (
                              <>
                                {' '}
                                (<Inline text={description} />)
                              </>
                            ) : null}
                          </Fragment>
                        );
                      })}
                    </p>
                  ) : null}
                  {content.map(([type, media]) =>
                    media.schema ? (
                      <SchemaBlock key={type} schema={media.schema} label={`Response schema (${type})`} />
                    ) : (
                      <p key={type}>
                        Body: <code>{type}</code>
                      </p>
                    ),
                  )}
                </dd>
              </Fragment>
            );
          })}
        </dl>
      )}
    </>
  );
}

function Security({ document, operation }: { document: ApiDocument; operation: ApiOperation }) {
  const requirements = operation.operation.security ?? document.security ?? [];
  const needed = requirements.filter((r) => Object.keys(r).length > 0);
  // An empty requirement among others makes authentication optional.
  const optional = needed.length > 0 && needed.length < requirements.length;
  return (
    <p className="api-security">
      <strong>Authentication:</strong>{' '}
      {needed.length === 0 ? (
        'none, the operation is public.'
      ) : (
        <>
          {needed.map((requirement, i) => (
            <Fragment key={i}>
              {i > 0 ? ' or ' : null}
              {Object.entries(requirement).map(([name, scopes], j) => (
                <Fragment key={name}>
                  {j > 0 ? ' and ' : null}
                  <a href="#authentication">{schemeName(document, name)}</a>
                  {scopes.length > 0 ? ` with scopes ${scopes.join(', ')}` : null}
                </Fragment>
              ))}
            </Fragment>
          ))}
          {optional ? ', or none' : null}.
        </>
      )}
    </p>
  );
}

/** One operation: its summary, the authentication it needs, its parameters, request body and responses. */
export function Operation({ document, operation }: { document: ApiDocument; operation: ApiOperation }) {
  const { method, path } = operation;
  const titleId = `${operation.id}-title`;
  return (
    <section className="api-op" id={operation.id} aria-labelledby={titleId}>
      <h3 id={titleId} className="api-op-title">
        <Endpoint method={method} path={path} />
      </h3>
      {operation.operation.summary ? <p className="api-summary">{operation.operation.summary}</p> : null}
      {operation.operation.deprecated ? (
        <p className="api-deprecated">
          <strong>Deprecated:</strong> do not use it in new code.
        </p>
      ) : null}
      <Prose text={operation.operation.description} />
      <Security document={document} operation={operation} />
      <Parameters operation={operation} />
      <RequestBody document={document} operation={operation} />
      <Responses document={document} operation={operation} />
    </section>
  );
}
