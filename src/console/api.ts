/**
 * The console's one HTTP client for /api/v1: same-origin cookies (the session is an HttpOnly
 * cookie the browser sends by itself), the CSRF token of the session on every non-GET request,
 * and problem+json answers turned into an ApiError the pages show (errors.ts).
 */

/** One offending field, as the server names it (`rtdEmail`, `channels.0`). */
export interface FieldProblem {
  readonly item: string;
  readonly code: string;
  readonly detail: string;
}

/** An RFC 9457 problem, as Valuta sends it (`type` is `urn:valuta:problem:{slug}`). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldProblem[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** The problem type's last segment: `sign-in-failed`, `invalid-transition`, … */
  get slug(): string {
    return this.problem.type.split(/[:/]/).pop() ?? '';
  }
  /** Whether the problem type ends with `slug` (`urn:valuta:problem:totp-required`). */
  is(slug: string): boolean {
    return this.slug === slug;
  }
}

/** The network failed (no answer at all): shown as "the server does not answer". */
export const NETWORK_PROBLEM_TYPE = 'urn:valuta:console:network';

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).type === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

let csrfToken: string | null = null;
let sessionLost: (() => void) | null = null;

/** The token of the current session (from the sign-in or session body); null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an admin call answers 401: the session expired or was revoked elsewhere. */
export function onSessionLost(listener: (() => void) | null): void {
  sessionLost = listener;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError({ type: NETWORK_PROBLEM_TYPE, title: 'Network error', status: 0 });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const problem: Problem = isProblem(json)
      ? json
      : {
          type: 'about:blank',
          title: response.statusText || `HTTP ${response.status}`,
          status: response.status,
        };
    if (response.status === 401 && !path.startsWith('/auth/')) sessionLost?.();
    throw new ApiError(problem);
  }
  return json as T;
}

/** `path` with its query string, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};
