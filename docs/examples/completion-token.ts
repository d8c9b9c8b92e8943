import { createHmac, randomUUID } from 'node:crypto';

const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A Valuta completion token (JWT, HS256) for `slug`, signed with the service's completion secret (`valuta completion-secret`). */
export function completionToken(slug: string, serviceKey: string, ttlSeconds = 7 * 86_400): string {
  const header = part({ alg: 'HS256', typ: 'JWT' });
  const payload = part({ sub: slug, jti: randomUUID(), exp: Math.floor(Date.now() / 1000) + ttlSeconds });
  const key = Buffer.from(serviceKey, 'base64url');
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
