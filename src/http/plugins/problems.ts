import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  ERROR_CATALOGUE,
  problemType,
  ValutaError,
  type ErrorCode,
  type FieldError,
} from '../../domain/errors.js';
import { isDatabaseUnavailable, refusedData } from '../../store/database.js';

/** An RFC 9457 problem document as Valuta sends it. */
interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: ErrorCode;
  readonly errors?: readonly FieldError[];
}

function problemOf(error: ValutaError, instance: string): Problem {
  const entry = ERROR_CATALOGUE[error.code];
  return {
    type: problemType(error.code),
    title: entry.title,
    status: entry.status,
    detail: error.message,
    instance,
    code: error.code,
    ...(error.errors.length > 0 ? { errors: error.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: ValutaError): FastifyReply {
  const problem = problemOf(error, reply.request.url);
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

const BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  404: 'VALUTA_ERR_NOT_FOUND',
  405: 'VALUTA_ERR_METHOD_NOT_ALLOWED',
  413: 'VALUTA_ERR_PAYLOAD_TOO_LARGE',
  415: 'VALUTA_ERR_UNSUPPORTED_MEDIA_TYPE',
  429: 'VALUTA_ERR_RATE_LIMITED',
};

/** Turns anything thrown into a ValutaError: the one place errors are mapped to HTTP. */
export function toValutaError(error: unknown): ValutaError {
  if (error instanceof ValutaError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    const errors = fastifyError.validation.map((v) => ({
      item:
        (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.') ||
        fastifyError.validationContext ||
        'request',
      code: v.keyword ?? 'invalid',
      detail: v.message ?? 'is not valid',
    }));
    return new ValutaError(
      'VALUTA_ERR_VALIDATION',
      fastifyError.message ?? 'The request is not valid',
      errors,
    );
  }
  if (isDatabaseUnavailable(error)) {
    return new ValutaError('VALUTA_ERR_DATABASE_UNAVAILABLE', 'The database is unavailable', [], 5);
  }
  switch (refusedData(error)) {
    case 'invalid':
      return new ValutaError('VALUTA_ERR_VALIDATION', 'A value cannot be stored or compared as given');
    case 'duplicate':
      return new ValutaError('VALUTA_ERR_CONFLICT', 'That already exists (sent twice at once?)');
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new ValutaError(
      BY_STATUS[status] ?? 'VALUTA_ERR_VALIDATION',
      fastifyError.message ?? 'Bad request',
    );
  }
  return new ValutaError('VALUTA_ERR_INTERNAL', 'An unexpected error occurred; it has been logged');
}

/** Every error and every unknown route answers problem+json with a stable `type`. */
export const problems = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const valutaError = toValutaError(error);
    if (valutaError.code === 'VALUTA_ERR_INTERNAL') request.log.error({ err: error }, 'unexpected error');
    else if (ERROR_CATALOGUE[valutaError.code].status >= 500)
      request.log.warn({ err: error }, valutaError.message);
    return sendProblem(reply, valutaError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      new ValutaError('VALUTA_ERR_NOT_FOUND', `Nothing at ${request.method} ${request.url}`),
    ),
  );
});
