import { STATUS_CODES } from 'node:http';

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

/** Whether `value` is a `$ref` to something else rather than the thing itself. */
export const isReference = (value: unknown): value is Reference =>
  typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';

/** A local reference (`#/components/…`) followed to what it names; anything else as it is. */
export function resolve<T>(document: ApiDocument, value: T | Reference): T | Reference {
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

/** A constraint in words, or words and what to write as it is after them: a pattern, a default. */
export type ApiConstraint = string | { readonly words: string; readonly code: string };

/** The constraints of a schema a caller must meet, in words. */
export function constraintsOf(schema: ApiSchema | undefined): ApiConstraint[] {
  if (!schema || typeof schema !== 'object') return [];
  const constraints: ApiConstraint[] = [];
  const number = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  if (typeof schema.pattern === 'string') constraints.push({ words: 'matches', code: schema.pattern });
  const [minLength, maxLength] = [number('minLength'), number('maxLength')];
  if (minLength !== undefined) constraints.push(`at least ${minLength} characters`);
  if (maxLength !== undefined) constraints.push(`at most ${maxLength} characters`);
  const [minimum, maximum] = [number('minimum'), number('maximum')];
  if (minimum !== undefined) constraints.push(`at least ${minimum}`);
  if (maximum !== undefined) constraints.push(`at most ${maximum}`);
  if (number('exclusiveMinimum') !== undefined) constraints.push(`more than ${number('exclusiveMinimum')}`);
  if (number('exclusiveMaximum') !== undefined) constraints.push(`less than ${number('exclusiveMaximum')}`);
  if (number('minItems') !== undefined) constraints.push(`at least ${number('minItems')} items`);
  if (number('maxItems') !== undefined) constraints.push(`at most ${number('maxItems')} items`);
  if ('default' in schema) constraints.push({ words: 'default', code: JSON.stringify(schema.default) });
  return constraints;
}

/** The reason phrase of a response's status; `default` stands for every status not listed. */
export const statusText = (status: string) =>
  STATUS_CODES[status] ?? (status === 'default' ? 'Any other status' : '');

/** A security scheme's name, with what it is in words: `serviceKey (HTTP bearer token)`. */
export function schemeName(document: ApiDocument, name: string): string {
  const scheme = document.components?.securitySchemes?.[name];
  const resolved = scheme && resolve(document, scheme);
  if (!resolved || isReference(resolved)) return name;
  if (resolved.type === 'http' && resolved.scheme?.toLowerCase() === 'bearer')
    return `${name} (HTTP bearer token)`;
  if (resolved.type === 'http') return `${name} (HTTP ${resolved.scheme ?? ''} authentication)`;
  if (resolved.type === 'apiKey') return `${name} (API key in ${resolved.in ?? ''} ${resolved.name ?? ''})`;
  return `${name} (${resolved.type})`;
}
