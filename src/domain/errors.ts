/**
 * The one coded error catalogue: every failure the platform reports has a stable code,
 * an HTTP status and a problem `type` URI (RFC 9457). The HTTP layer maps errors once.
 */
export const ERROR_CATALOGUE = {
  VALUTA_ERR_VALIDATION: { status: 400, slug: 'validation', title: 'The request is malformed' },
  VALUTA_ERR_INVALID_ANSWERS: { status: 422, slug: 'invalid-answers', title: 'Some answers are not valid' },
  VALUTA_ERR_INVALID_DEFINITION: {
    status: 422,
    slug: 'invalid-definition',
    title: 'The questionnaire definition is not valid',
  },
  VALUTA_ERR_AUTOMATED_SUBMISSION: {
    status: 422,
    slug: 'automated-submission',
    title: 'The submission looks automated (a hidden field was filled in)',
  },
  VALUTA_ERR_TOO_FAST: {
    status: 422,
    slug: 'too-fast',
    title: 'The form was sent back too quickly to have been read',
  },
  VALUTA_ERR_INVALID_FORM_TOKEN: {
    status: 422,
    slug: 'invalid-form-token',
    title: 'The form token is missing, altered or expired; reload the form',
  },
  VALUTA_ERR_INVALID_COMPLETION_TOKEN: {
    status: 422,
    slug: 'invalid-completion-token',
    title: 'The completion token is not valid for this service, or has expired',
  },
  VALUTA_ERR_COMPLETION_TOKEN_USED: {
    status: 409,
    slug: 'completion-token-used',
    title: 'The completion token has already been used for another response',
  },
  VALUTA_ERR_UNAUTHORIZED: {
    status: 401,
    slug: 'unauthorized',
    title: 'Missing or wrong credentials',
  },
  VALUTA_ERR_ORIGIN_NOT_ALLOWED: {
    status: 403,
    slug: 'origin-not-allowed',
    title: 'This service does not accept submissions from the page it was sent from',
  },
  VALUTA_ERR_SIGN_IN_FAILED: {
    status: 401,
    slug: 'sign-in-failed',
    title: 'The e-mail or the password is wrong, or the account is locked for a while',
  },
  VALUTA_ERR_TOTP_REQUIRED: {
    status: 401,
    slug: 'totp-required',
    title: 'This account also needs the code of its authenticator app',
  },
  VALUTA_ERR_SIGN_IN_REQUIRED: { status: 401, slug: 'sign-in-required', title: 'Sign in first' },
  VALUTA_ERR_CSRF: {
    status: 403,
    slug: 'csrf',
    title: 'A state-changing request made with a session must carry X-CSRF-Token',
  },
  VALUTA_ERR_FORBIDDEN: { status: 403, slug: 'forbidden', title: 'Your role does not allow this' },
  VALUTA_ERR_NOT_PUBLISHED: {
    status: 403,
    slug: 'not-published',
    title: 'Not published under disclosure control',
  },
  VALUTA_ERR_NOT_FOUND: { status: 404, slug: 'not-found', title: 'Not found' },
  VALUTA_ERR_CONFLICT: { status: 409, slug: 'conflict', title: 'The resource already exists' },
  VALUTA_ERR_INVALID_TRANSITION: {
    status: 409,
    slug: 'invalid-transition',
    title: 'The operation is not allowed in the current state',
  },
  VALUTA_ERR_SERVICE_NOT_FOUND: {
    status: 404,
    slug: 'service-not-found',
    title: 'No active service has this slug',
  },
  VALUTA_ERR_METHOD_NOT_ALLOWED: { status: 405, slug: 'method-not-allowed', title: 'Method not allowed' },
  VALUTA_ERR_PAYLOAD_TOO_LARGE: {
    status: 413,
    slug: 'payload-too-large',
    title: 'The request body is too large',
  },
  VALUTA_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    slug: 'unsupported-media-type',
    title: 'The request body has an unsupported media type',
  },
  VALUTA_ERR_RATE_LIMITED: { status: 429, slug: 'rate-limited', title: 'Too many requests' },
  VALUTA_ERR_OIDC: {
    status: 502,
    slug: 'oidc',
    title: 'The sign-in provider did not answer as expected',
  },
  VALUTA_ERR_OVERLOADED: { status: 503, slug: 'overloaded', title: 'The service is overloaded, retry later' },
  VALUTA_ERR_DATABASE_UNAVAILABLE: {
    status: 503,
    slug: 'database-unavailable',
    title: 'The database is unavailable, retry later',
  },
  VALUTA_ERR_SHUTTING_DOWN: { status: 503, slug: 'shutting-down', title: 'The server is shutting down' },
  VALUTA_ERR_INTERNAL: { status: 500, slug: 'internal', title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Stable problem type URI of an error code, e.g. `urn:valuta:problem:invalid-answers`. */
export function problemType(code: ErrorCode): string {
  return `urn:valuta:problem:${ERROR_CATALOGUE[code].slug}`;
}

/** One offending field or item, named so a client can show it next to the input. */
export interface FieldError {
  readonly item: string;
  readonly code: string;
  readonly detail: string;
}

/** A typed domain failure; `retryAfterSeconds` is set for transient (503) failures. */
export class ValutaError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly errors: readonly FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ValutaError';
  }
}
