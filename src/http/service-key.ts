import { timingSafeEqual } from 'node:crypto';

/**
 * Whether an `Authorization` header carries `key`, a service's completion key, as a Bearer
 * token: how an ente's back end authenticates. Compared in constant time; no key, no match.
 */
export function carriesServiceKey(
  authorization: string | undefined,
  key: string | null | undefined,
): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(key ?? '');
  return expected.length > 0 && given.length === expected.length && timingSafeEqual(given, expected);
}
