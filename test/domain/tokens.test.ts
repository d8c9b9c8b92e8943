import { describe, expect, it } from 'vitest';
import {
  mintCompletionToken,
  newCompletionKey,
  verifyCompletionToken,
} from '../../src/domain/completion-token.js';
import { ValutaError } from '../../src/domain/errors.js';
import { checkFormToken, issueFormToken } from '../../src/domain/form-token.js';

const SLUG = 'bologna-permesso-ztl';
const now = new Date('2026-11-23T10:00:00Z');

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValutaError);
  expect((error as ValutaError).code).toBe('VALUTA_ERR_INVALID_COMPLETION_TOKEN');
  return (error as ValutaError).message;
}

describe('completion tokens', () => {
  const key = newCompletionKey();

  it('verifies a token minted with the service key, and gives its id and expiry', async () => {
    const { token, expiresAt } = await mintCompletionToken(key, SLUG, { now, ttlSeconds: 3600 });
    expect(expiresAt.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    const verified = await verifyCompletionToken(key, SLUG, token, now);
    expect(verified.expiresAt).toEqual(expiresAt);
    expect(verified.tokenId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('mints a different id every time, and carries nothing but the service, the id and the expiry', async () => {
    const a = await mintCompletionToken(key, SLUG, { now });
    const b = await mintCompletionToken(key, SLUG, { now });
    expect(a.token).not.toBe(b.token);
    const payload = JSON.parse(Buffer.from(a.token.split('.')[1]!, 'base64url').toString());
    expect(Object.keys(payload).sort()).toEqual(['exp', 'jti', 'sub']);
  });

  it('refuses an expired token, saying so', async () => {
    const { token } = await mintCompletionToken(key, SLUG, { now, ttlSeconds: 60 });
    expect(await refusal(verifyCompletionToken(key, SLUG, token, new Date(now.getTime() + 61_000)))).toMatch(
      /expired/,
    );
  });

  it('refuses a token of another service, another key, an altered one, garbage, and any token where the service has no key', async () => {
    const { token } = await mintCompletionToken(key, SLUG, { now });
    await refusal(verifyCompletionToken(key, 'bologna-carta-identita', token, now));
    await refusal(verifyCompletionToken(newCompletionKey(), SLUG, token, now));
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), exp: 4102444800 }),
    ).toString('base64url');
    await refusal(verifyCompletionToken(key, SLUG, `${header}.${forged}.${signature}`, now));
    await refusal(verifyCompletionToken(key, SLUG, 'not-a-token', now));
    await refusal(verifyCompletionToken(key, SLUG, 'x'.repeat(2000), now));
    await refusal(verifyCompletionToken(null, SLUG, token, now));
  });

  it('refuses a token that claims to live more than 30 days', async () => {
    const { token } = await mintCompletionToken(key, SLUG, { now, ttlSeconds: 31 * 86_400 });
    expect(await refusal(verifyCompletionToken(key, SLUG, token, now))).toMatch(/30 days/);
  });

  it("refuses an unsigned token (alg none) even with the service's claims", async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: SLUG, jti: 'abcdefghijklmnopqrstuv', exp: 4102444800 })}.`;
    await refusal(verifyCompletionToken(key, SLUG, unsigned, now));
  });
});

describe('form tokens', () => {
  const secret = 'a'.repeat(32);

  it('passes a form sent back after the minimum fill time, within a day', () => {
    const token = issueFormToken(secret, SLUG, now);
    expect(checkFormToken(secret, SLUG, token, new Date(now.getTime() + 3_000), 3_000)).toBe('ok');
    expect(checkFormToken(secret, SLUG, token, new Date(now.getTime() + 23 * 3_600_000), 3_000)).toBe('ok');
  });

  it('calls a form sent back sooner than the minimum fill time too fast', () => {
    const token = issueFormToken(secret, SLUG, now);
    expect(checkFormToken(secret, SLUG, token, new Date(now.getTime() + 1_000), 3_000)).toBe('too-fast');
  });

  it('refuses a token that is missing, altered, for another service or secret, or older than a day', () => {
    const token = issueFormToken(secret, SLUG, now);
    const later = new Date(now.getTime() + 10_000);
    expect(checkFormToken(secret, SLUG, undefined, later, 3_000)).toBe('invalid');
    expect(checkFormToken(secret, SLUG, `0${token}`, later, 3_000)).toBe('invalid');
    expect(checkFormToken(secret, SLUG, `${token}.x`, later, 3_000)).toBe('invalid');
    expect(checkFormToken(secret, 'inps-hub-prestazioni', token, later, 3_000)).toBe('invalid');
    expect(checkFormToken('b'.repeat(32), SLUG, token, later, 3_000)).toBe('invalid');
    expect(checkFormToken(secret, SLUG, token, new Date(now.getTime() + 25 * 3_600_000), 3_000)).toBe(
      'invalid',
    );
    // an issue time moved earlier, to pass the fill time, breaks the signature
    const [, mac] = token.split('.');
    const earlier = (now.getTime() - 60_000).toString(36);
    expect(checkFormToken(secret, SLUG, `${earlier}.${mac}`, later, 3_000)).toBe('invalid');
  });
});

describe('the minting example of docs/verified-completions.md', () => {
  it('mints tokens that Valuta verifies, and that a replay-free store can tell apart', async () => {
    const { completionToken } = await import('../../docs/examples/completion-token.js');
    const key = newCompletionKey();
    const a = completionToken(SLUG, key);
    const b = completionToken(SLUG, key, 60);
    const verifiedA = await verifyCompletionToken(key, SLUG, a);
    const verifiedB = await verifyCompletionToken(key, SLUG, b);
    expect(verifiedA.tokenId).not.toBe(verifiedB.tokenId);
    expect(verifiedB.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    await refusal(verifyCompletionToken(key, 'another-service', a));
  });
});
