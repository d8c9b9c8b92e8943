/**
 * Who a request comes from: a console session (cookie) or an API key (`Authorization: Bearer`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../domain/governance/roles.js';
import { apiKeyBySecret } from '../../store/api-keys.js';
import type { Db } from '../../store/database.js';
import { liveSession } from '../../store/sessions.js';

export const SESSION_COOKIE = 'valuta_session';

/** The Bearer token of the request, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  return /^Bearer ([\x21-\x7e]{1,512})$/.exec(request.headers.authorization ?? '')?.[1];
}

export async function apiKeyPrincipal(db: Db, secret: string, now: Date): Promise<Principal | null> {
  const key = await apiKeyBySecret(db, secret, now);
  return key
    ? { kind: 'api-key', id: key.id, name: key.name, enteId: key.ente.id, scopes: key.scopes }
    : null;
}

export async function sessionPrincipal(
  db: Db,
  token: string,
  options: { now: Date; idleMs: number },
): Promise<{ principal: Principal; csrfToken: string } | null> {
  const session = await liveSession(db, token, options);
  if (!session) return null;
  const { user } = session;
  return {
    principal: {
      kind: 'user',
      id: user.id,
      email: user.email,
      role: user.role,
      enteId: user.ente?.id ?? null,
    },
    csrfToken: session.csrfToken,
  };
}

/** Constant-time comparison of two secrets; an absent one never matches. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}
