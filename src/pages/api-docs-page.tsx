import { STATUS_CODES } from 'node:http';
import { Fragment, type ReactNode } from 'react';
import { DocumentHead } from './document-head.js';

/**
 * The parts of an OpenAPI 3.x document the reference shows. Everything is optional beyond what
 * the specification requires, so any document @fastify/swagger produces can be rendered.
 */
export type ApiSchema = Readonly<Record<string, unknown>>;

interface Reference {
  readonly $ref: string;
}

export interface ApiParameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly deprecated?: boolean;
  readonly description?: string;
  readonly schema?: ApiSchema;
}

interface ApiMediaType {
  readonly schema?: ApiSchema;
}

interface ApiRequestBody {
  readonly description?: string;
  readonly required?: boolean;
  readonly content?: Readonly<Record<string, ApiMediaType>>;
}

interface ApiHeader {
  readonly description?: string;
  readonly schema?: ApiSchema;
}

interface ApiResponse {
  readonly description?: string;
  readonly headers?: Readonly<Record<string, ApiHeader | Reference>>;
  readonly content?: Readonly<Record<string, ApiMediaType>>;
}

type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

export interface ApiOperationObject {
  readonly summary?: string;
  readonly description?: string;
  readonly operationId?: string;
  readonly tags?: readonly string[];
  readonly deprecated?: boolean;
  readonly parameters?: readonly (ApiParameter | Reference)[];
  readonly requestBody?: ApiRequestBody | Reference;
  readonly responses?: Readonly<Record<string, ApiResponse | Reference>>;
  readonly security?: readonly SecurityRequirement[];
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type ApiPathItem = Readonly<Partial<Record<HttpMethod, ApiOperationObject>>> & {
  readonly parameters?: readonly (ApiParameter | Reference)[];
};

interface ApiSecurityScheme {
  readonly type: string;
  readonly scheme?: string;
  readonly bearerFormat?: string;
  readonly name?: string;
  readonly in?: string;
  readonly description?: string;
}

export interface ApiDocument {
  readonly openapi: string;
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description?: string;
    readonly license?: { readonly name: string; readonly url?: string };
  };
  readonly servers?: readonly { readonly url: string; readonly description?: string }[];
  readonly tags?: readonly { readonly name: string; readonly description?: string }[];
  readonly paths?: Readonly<Record<string, ApiPathItem>>;
  readonly components?: {
    readonly securitySchemes?: Readonly<Record<string, ApiSecurityScheme | Reference>>;
    readonly schemas?: Readonly<Record<string, ApiSchema>>;
    /** What `$ref`s of parameters, bodies and responses may point at. */
    readonly parameters?: Readonly<Record<string, unknown>>;
    readonly requestBodies?: Readonly<Record<string, unknown>>;
    readonly responses?: Readonly<Record<string, unknown>>;
  };
  readonly security?: readonly SecurityRequirement[];
}

/** One operation as the page shows it: where it is, its anchor, and its parameters merged with its path's. */
export interface ApiOperation {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly operation: ApiOperationObject;
  readonly parameters: readonly ApiParameter[];
}

export interface ApiTagGroup {
  readonly id: string;
  readonly name: string;
  readonly description?: string | undefined;
  readonly operations: readonly ApiOperation[];
}

/** Where the OpenAPI document is served, for tools. */
export const OPENAPI_JSON = '/api/v1/openapi.json';
/** The group of operations without a tag. */
const UNTAGGED = 'other';

const isReference = (value: unknown): value is Reference =>
  typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';

/** A local reference (`#/components/…`) followed to what it names; anything else as it is. */
function resolve<T>(document: ApiDocument, value: T | Reference): T | Reference {
  if (!isReference(value) || !value.$ref.startsWith('#/')) return value;
  let target: unknown = document;
  for (const token of value.$ref.slice(2).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof target !== 'object' || target === null || !(key in target)) return value;
    target = (target as Record<string, unknown>)[key];
  }
  return target as T;
}

/** Parameters with their references followed; one that names nothing is left out. */
function resolveParameters(
  document: ApiDocument,
  parameters: readonly (ApiParameter | Reference)[] | undefined,
): ApiParameter[] {
  return (parameters ?? []).flatMap((p) => {
    const parameter = resolve(document, p);
    return isReference(parameter) ? [] : [parameter];
  });
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Every operation of `document`, grouped by its first tag: the declared tags in their order,
 * then tags only operations name, then the untagged. Anchors are unique on the page.
 */
export function apiOperations(document: ApiDocument): ApiTagGroup[] {
  const groups = new Map<string, { description?: string | undefined; operations: ApiOperation[] }>();
  for (const tag of document.tags ?? [])
    groups.set(tag.name, { description: tag.description, operations: [] });
  const ids = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const shared = resolveParameters(document, item.parameters);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const own = resolveParameters(document, operation.parameters);
      // An operation's parameter replaces the path's of the same name and location.
      const parameters = [
        ...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)),
        ...own,
      ];
      const tag = operation.tags?.[0] ?? UNTAGGED;
      if (!groups.has(tag)) groups.set(tag, { operations: [] });
      groups.get(tag)!.operations.push({
        id: uniqueId(`op-${slugify(`${method} ${path}`)}`),
        method,
        path,
        operation,
        parameters,
      });
    }
  }
  return [...groups]
    .filter(([, group]) => group.operations.length > 0)
    .map(([name, group]) => ({ id: uniqueId(`tag-${slugify(name)}`), name, ...group }));
}

/** Text of the document: paragraphs on blank lines, `code` spans (the Markdown the Valuta API uses). */
function Prose({ text, className }: { text: string | undefined; className?: string }) {
  if (!text) return null;
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph, i) => (
          <p key={i} className={className}>
            <Inline text={paragraph} />
          </p>
        ))}
    </>
  );
}

function Inline({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/(`[^`]+`)/)
        .map((part, i) =>
          part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
            <code key={i}>{part.slice(1, -1)}</code>
          ) : (
            <Fragment key={i}>{part}</Fragment>
          ),
        )}
    </>
  );
}

const isScalar = (value: unknown) => value === null || typeof value !== 'object';

/**
 * JSON for reading: lists of plain values on one line when they fit, a tab an indent (the
 * stylesheet narrows tabs on small screens, where deep schemas would otherwise run off the line).
 */
export function formatJson(value: unknown, indent = ''): string {
  const inner = `${indent}\t`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const line = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (value.every(isScalar) && 2 * indent.length + line.length <= 60) return line;
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries
      .map(([key, v]) => `${inner}${JSON.stringify(key)}: ${formatJson(v, inner)}`)
      .join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The type of a schema in words: `string (uuid)`, `array of integer`, `one of "a", "b"`. */
export function typeOf(schema: ApiSchema | undefined): string {
  if (!schema) return 'any';
  if (isReference(schema)) return schema.$ref.split('/').pop() ?? schema.$ref;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if ('const' in schema) return `always ${JSON.stringify(schema.const)}`;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) return options.map((s: ApiSchema) => typeOf(s)).join(' or ');
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type ?? 'any');
  const items = schema.items as ApiSchema | undefined;
  const base = type === 'array' && items ? `array of ${typeOf(items)}` : type;
  return typeof schema.format === 'string' ? `${base} (${schema.format})` : base;
}

/** The constraints of a schema a caller must meet, in words. */
function constraintsOf(schema: ApiSchema | undefined): ReactNode[] {
  if (!schema) return [];
  const words: ReactNode[] = [];
  const number = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  if (typeof schema.pattern === 'string')
    words.push(
      <>
        matches <code>{schema.pattern}</code>
      </>,
    );
  const [minLength, maxLength] = [number('minLength'), number('maxLength')];
  if (minLength !== undefined) words.push(`at least ${minLength} characters`);
  if (maxLength !== undefined) words.push(`at most ${maxLength} characters`);
  const [minimum, maximum] = [number('minimum'), number('maximum')];
  if (minimum !== undefined) words.push(`at least ${minimum}`);
  if (maximum !== undefined) words.push(`at most ${maximum}`);
  if (number('exclusiveMinimum') !== undefined) words.push(`more than ${number('exclusiveMinimum')}`);
  if (number('exclusiveMaximum') !== undefined) words.push(`less than ${number('exclusiveMaximum')}`);
  if (number('minItems') !== undefined) words.push(`at least ${number('minItems')} items`);
  if (number('maxItems') !== undefined) words.push(`at most ${number('maxItems')} items`);
  if ('default' in schema)
    words.push(
      <>
        default <code>{JSON.stringify(schema.default)}</code>
      </>,
    );
  return words;
}

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

function Endpoint({ method, path }: { method: HttpMethod; path: string }) {
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
                          <li key={i}>{c}</li>
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

const statusText = (status: string) =>
  STATUS_CODES[status] ?? (status === 'default' ? 'Any other status' : '');

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

function schemeName(document: ApiDocument, name: string): string {
  const scheme = document.components?.securitySchemes?.[name];
  const resolved = scheme && resolve(document, scheme);
  if (!resolved || isReference(resolved)) return name;
  if (resolved.type === 'http' && resolved.scheme?.toLowerCase() === 'bearer')
    return `${name} (HTTP bearer token)`;
  if (resolved.type === 'http') return `${name} (HTTP ${resolved.scheme ?? ''} authentication)`;
  if (resolved.type === 'apiKey') return `${name} (API key in ${resolved.in ?? ''} ${resolved.name ?? ''})`;
  return `${name} (${resolved.type})`;
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

function Operation({ document, operation }: { document: ApiDocument; operation: ApiOperation }) {
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
