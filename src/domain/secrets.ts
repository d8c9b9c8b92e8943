import { timingSafeEqual } from 'node:crypto';

/** Whether two secrets are equal, compared in constant time (no timing hint to a guesser). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
