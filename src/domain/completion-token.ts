import { randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ValutaError } from './errors.js';

/**
 * Verified completions: an ente's back end, at the end of a procedure, mints a signed,
 * single-use, expiring token for the service (a JWT, HS256, with the service's key) and puts it
 * in the questionnaire link or the widget attribute. The token carries no personal data: the
 * service slug (`sub`), a random id (`jti`) and the expiry (`exp`).
 */

/** How long a minted token stays valid when the minter does not say. */
export const DEFAULT_TOKEN_TTL_SECONDS = 7 * 86_400;
/** The longest a token may live: one that claims to live longer is refused. */
export const MAX_TOKEN_TTL_SECONDS = 30 * 86_400;
const CLOCK_SKEW_SECONDS = 300;
const MAX_TOKEN_LENGTH = 1024;

/** A fresh service key: 32 random bytes, base64url. */
export function newCompletionKey(): string {
  return randomBytes(32).toString('base64url');
}

const secretOf = (key: string) => Buffer.from(key, 'base64url');

/**
 * Mints a completion token for `slug` (what an ente's back end does; see docs/verified-completions.md).
 *
 * @example await mintCompletionToken(key, 'comune-bologna-ztl', { now: new Date() })
 */
export async function mintCompletionToken(
  key: string,
  slug: string,
  {
    now = new Date(),
    ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
  }: { now?: Date; ttlSeconds?: number | undefined } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Math.floor(now.getTime() / 1000 + ttlSeconds) * 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(slug)
    .setJti(randomBytes(16).toString('base64url'))
    .setExpirationTime(expiresAt)
    .sign(secretOf(key));
  return { token, expiresAt };
}

/** A verified token: its id (to refuse a replay) and when it expires. */
export interface VerifiedToken {
  readonly tokenId: string;
  readonly expiresAt: Date;
}

const invalid = (detail: string) =>
  new ValutaError('VALUTA_ERR_INVALID_COMPLETION_TOKEN', detail, [
    { item: 'completionToken', code: 'invalid-completion-token', detail },
  ]);

/**
 * Checks a token's signature, service and expiry against the service's key (null: the service
 * takes no tokens); throws VALUTA_ERR_INVALID_COMPLETION_TOKEN.
 * Whether it was used before is the store's business (a token is single-use).
 */
export async function verifyCompletionToken(
  key: string | null,
  slug: string,
  token: string,
  now: Date = new Date(),
): Promise<VerifiedToken> {
  if (key === null) throw invalid('this service does not take completion tokens');
  if (token.length > MAX_TOKEN_LENGTH) throw invalid('the completion token is too long');
  try {
    const { payload } = await jwtVerify(token, secretOf(key), {
      algorithms: ['HS256'],
      subject: slug,
      requiredClaims: ['jti', 'exp'],
      currentDate: now,
    });
    if (payload.exp! > now.getTime() / 1000 + MAX_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS)
      throw invalid('the completion token expires more than 30 days ahead');
    return { tokenId: payload.jti!, expiresAt: new Date(payload.exp! * 1000) };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw invalid('the completion token has expired');
    if (error instanceof joseErrors.JOSEError)
      throw invalid('the completion token is not signed for this service');
    throw error;
  }
}
