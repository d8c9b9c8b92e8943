import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The hosted form's token: when the form was served, signed, so that a form sent back sooner
 * than a person could read it is refused. The time lives only in the page, never in storage.
 */

const MAX_AGE_MS = 24 * 3_600_000;

const signature = (secret: string, slug: string, issued: string) =>
  createHmac('sha256', secret).update(`${slug}\u0000${issued}`).digest('base64url');

/** A token for the form of `slug` served at `now`. */
export function issueFormToken(secret: string, slug: string, now: Date): string {
  const issued = now.getTime().toString(36);
  return `${issued}.${signature(secret, slug, issued)}`;
}

export type FormTokenCheck = 'ok' | 'invalid' | 'too-fast';

/** Whether `token` was issued by this server for `slug`, at least `minFillMs` and at most a day ago. */
export function checkFormToken(
  secret: string,
  slug: string,
  token: string | undefined,
  now: Date,
  minFillMs: number,
): FormTokenCheck {
  const [issued, mac, extra] = (token ?? '').split('.');
  if (!issued || !mac || extra !== undefined || !/^[0-9a-z]{1,12}$/.test(issued)) return 'invalid';
  const expected = Buffer.from(signature(secret, slug, issued));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  const age = now.getTime() - parseInt(issued, 36);
  if (age > MAX_AGE_MS || age < -60_000) return 'invalid';
  return age < minFillMs ? 'too-fast' : 'ok';
}
