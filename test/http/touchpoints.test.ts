import { apiKeyOf, getAsCentralOffice } from '../support/staff.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintCompletionToken } from '../../src/domain/completion-token.js';
import { italianMonth } from '../../src/domain/periods.js';
import { dumpEveryTable } from '../support/catalogue.js';
import { databaseKind } from '../support/database.js';
import { countResponses, releaseAll, HUB, SATISFIED, startPilot, submit } from '../support/pilot.js';
import type { TestValuta } from '../support/database.js';

const ZTL = 'bologna-permesso-ztl';
const STARS = { EASE_5: 5, PREFERRED: 'clear-instructions' };
const CLEAR = { CLARITY_5: 4, PREFERRED: 'complete-instructions' };

async function keyOf(valuta: TestValuta, slug: string): Promise<string> {
  return (await valuta.directory.bySlug(slug))!.completionKey!;
}

describe(`verified completions (${databaseKind})`, () => {
  let valuta: TestValuta;
  beforeAll(async () => (valuta = await startPilot()));
  afterAll(() => valuta.dispose());

  it('stores a response with a valid token as verified, and counts it in the summary', async () => {
    const { token } = await mintCompletionToken(await keyOf(valuta, ZTL), ZTL);
    const reply = await submit(valuta, { answers: STARS, completionToken: token }, { slug: ZTL });
    expect(reply.statusCode).toBe(201);
    await releaseAll(valuta);
    const row = await valuta.database.db
      .selectFrom('response')
      .select('verified')
      .where('id', '=', reply.json().id)
      .executeTakeFirstOrThrow();
    expect(row.verified).toBe(true);
    const unverified = await submit(valuta, { answers: STARS }, { slug: ZTL });
    expect(unverified.statusCode).toBe(201);
    await releaseAll(valuta);
    const month = italianMonth(new Date());
    const results = (q: string) =>
      getAsCentralOffice(valuta, `/api/v1/results?service=${ZTL}&period=${month}${q}`).then((r) => r.json());
    expect((await results('')).total.n).toEqual({ count: 2, withheld: false });
    expect((await results('&verified=true')).total.n).toEqual({ count: 1, withheld: false });
  });

  it('counts verified completions apart in the rollups, and the results filter by them', async () => {
    const slug = 'bologna-carta-identita';
    for (let i = 0; i < 10; i++) {
      const { token } = await mintCompletionToken(await keyOf(valuta, slug), slug);
      expect((await submit(valuta, { answers: CLEAR, completionToken: token }, { slug })).statusCode).toBe(
        201,
      );
      expect((await submit(valuta, { answers: CLEAR }, { slug })).statusCode).toBe(201);
    }
    await releaseAll(valuta);
    const service = (await valuta.directory.bySlug(slug))!;
    const byVerified = await valuta.database.db
      .selectFrom('rollupResponseDay')
      .select(['verified', (eb) => eb.fn.sum<number>('count').as('n')])
      .where('serviceId', '=', service.id)
      .groupBy('verified')
      .orderBy('verified')
      .execute();
    expect(byVerified.map((r) => [r.verified, Number(r.n)])).toEqual([
      [false, 10],
      [true, 10],
    ]);
    const verified = (
      await getAsCentralOffice(
        valuta,
        `/api/v1/results?service=${slug}&period=${italianMonth(new Date())}&verified=true`,
      )
    ).json();
    expect(verified.total.n).toEqual({ count: 10, withheld: false });
  });

  it('refuses a replayed token for another response, and stores nothing more', async () => {
    const { token } = await mintCompletionToken(await keyOf(valuta, ZTL), ZTL);
    expect((await submit(valuta, { answers: STARS, completionToken: token }, { slug: ZTL })).statusCode).toBe(
      201,
    );
    const before = await countResponses(valuta);
    const replay = await submit(valuta, { answers: STARS, completionToken: token }, { slug: ZTL });
    expect(replay.statusCode).toBe(409);
    expect(replay.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(replay.json()).toMatchObject({ type: 'urn:valuta:problem:completion-token-used', status: 409 });
    expect(await countResponses(valuta)).toBe(before);
  });

  it('lets the retry of the same submission through with its token, counted once', async () => {
    const { token } = await mintCompletionToken(await keyOf(valuta, ZTL), ZTL);
    const submissionId = randomUUID();
    const first = await submit(
      valuta,
      { submissionId, answers: STARS, completionToken: token },
      { slug: ZTL },
    );
    const before = await countResponses(valuta);
    const retry = await submit(
      valuta,
      { submissionId, answers: STARS, completionToken: token },
      { slug: ZTL },
    );
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(await countResponses(valuta)).toBe(before);
  });

  it('refuses an expired token, a token of another service and a forged one with 422, storing nothing', async () => {
    const key = await keyOf(valuta, ZTL);
    const expired = await mintCompletionToken(key, ZTL, {
      now: new Date(Date.now() - 7_200_000),
      ttlSeconds: 60,
    });
    const otherService = await mintCompletionToken(await keyOf(valuta, HUB), HUB);
    const before = await countResponses(valuta);
    for (const token of [expired.token, otherService.token, 'eyJhbGciOiJIUzI1NiJ9.e30.x']) {
      const reply = await submit(valuta, { answers: STARS, completionToken: token }, { slug: ZTL });
      expect(reply.statusCode).toBe(422);
      expect(reply.json()).toMatchObject({
        type: 'urn:valuta:problem:invalid-completion-token',
        errors: [{ item: 'completionToken' }],
      });
    }
    expect(await countResponses(valuta)).toBe(before);
  });

  it("mints tokens for a back end that sends an API key of the service's ente with completion-tokens:mint", async () => {
    const url = `/api/v1/services/${ZTL}/completion-tokens`;
    const post = (authorization?: string) =>
      valuta.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        payload: JSON.stringify({ ttlSeconds: 600 }),
      });
    expect((await post()).statusCode).toBe(401);
    // The signing secret is no credential for the API.
    expect((await post(`Bearer ${await keyOf(valuta, ZTL)}`)).json()).toMatchObject({
      type: 'urn:valuta:problem:unauthorized',
      status: 401,
    });
    // Another ente's key answers as if the service did not exist; a key without the scope is refused.
    expect(
      (await post(`Bearer ${await apiKeyOf(valuta, 'inps', ['completion-tokens:mint'])}`)).statusCode,
    ).toBe(404);
    expect((await post(`Bearer ${await apiKeyOf(valuta, 'c_a944', ['results:read'])}`)).statusCode).toBe(403);
    const minted = await post(`Bearer ${await apiKeyOf(valuta, 'c_a944', ['completion-tokens:mint'])}`);
    expect(minted.statusCode).toBe(201);
    const { token, expiresAt } = minted.json();
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(600_000);
    expect((await submit(valuta, { answers: STARS, completionToken: token }, { slug: ZTL })).statusCode).toBe(
      201,
    );
  });

  it('keeps of a used token nothing that dates or finds its response: hashes, and the expiry rounded up to the hour', async () => {
    const rows = await valuta.database.db.selectFrom('completionToken').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(new Date(row.expiresHour).getUTCMinutes()).toBe(0);
    expect(Object.keys(rows[0]!).sort()).toEqual(['claimer', 'expiresHour', 'serviceId', 'tokenHash']);
    // an ente that knows the token id it minted cannot join the token to the response
    await releaseAll(valuta);
    const keys = new Set(
      (await valuta.database.db.selectFrom('response').select('submissionKey').execute()).map(
        (r) => r.submissionKey,
      ),
    );
    for (const row of rows) {
      expect(keys.has(row.claimer)).toBe(false);
      expect(keys.has(row.tokenHash)).toBe(false);
    }
  });
});

describe(`origins, honeypot and openings (${databaseKind})`, () => {
  let valuta: TestValuta;
  beforeAll(async () => (valuta = await startPilot()));
  afterAll(() => valuta.dispose());

  it('refuses a submission sent from a page of an origin the ente did not register, with 403', async () => {
    const before = await countResponses(valuta);
    const reply = await submit(
      valuta,
      { answers: SATISFIED },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(reply.statusCode).toBe(403);
    expect(reply.json()).toMatchObject({ type: 'urn:valuta:problem:origin-not-allowed' });
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(await countResponses(valuta)).toBe(before);
  });

  it("accepts the ente's own site with CORS headers, and this server's own pages", async () => {
    const fromEnte = await submit(
      valuta,
      { answers: SATISFIED },
      { headers: { origin: 'https://www.inps.it' } },
    );
    expect(fromEnte.statusCode).toBe(201);
    expect(fromEnte.headers['access-control-allow-origin']).toBe('https://www.inps.it');
    const own = await submit(valuta, { answers: SATISFIED }, { headers: { origin: 'http://localhost:80' } });
    expect(own.statusCode).toBe(201);
    // an ente's server sends no Origin at all
    expect((await submit(valuta, { answers: SATISFIED })).statusCode).toBe(201);
  });

  it('leaves the hosted form to its form token: a post with Origin: null from an older browser is not refused for it', async () => {
    const reply = await valuta.app.inject({
      method: 'POST',
      url: `/s/${HUB}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' },
      payload: 'SAT_OVERALL=4',
    });
    expect(reply.statusCode).toBe(422); // the missing form token, not the origin (403)
    expect(reply.body).toContain('Il modulo non è più valido');
  });

  it('takes "Origin: null" (a page with no-referrer) only when the browser says the request is same-origin', async () => {
    const fromOwnPage = await submit(
      valuta,
      { answers: SATISFIED },
      { headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } },
    );
    expect(fromOwnPage.statusCode).toBe(201);
    const fromSandbox = await submit(
      valuta,
      { answers: SATISFIED },
      { headers: { origin: 'null', 'sec-fetch-site': 'cross-site' } },
    );
    expect(fromSandbox.statusCode).toBe(403);
  });

  it('answers the preflight of a registered origin only, per service', async () => {
    const preflight = (origin: string, slug = HUB) =>
      valuta.app.inject({
        method: 'OPTIONS',
        url: `/api/v1/services/${slug}/responses`,
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const ok = await preflight('https://www.inps.it');
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://www.inps.it');
    expect(ok.headers['access-control-allow-methods']).toMatch(/POST/);
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    // INPS's site is not registered for a Bologna service
    expect(
      (await preflight('https://www.inps.it', ZTL)).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });

  it('refuses a submission whose hidden honeypot field was filled in, storing nothing', async () => {
    const before = await countResponses(valuta);
    const reply = await submit(valuta, { answers: SATISFIED, honeypot: 'https://spam.example' });
    expect(reply.statusCode).toBe(422);
    expect(reply.json()).toMatchObject({
      type: 'urn:valuta:problem:automated-submission',
      errors: [{ item: 'honeypot', code: 'automated-submission' }],
    });
    expect(await countResponses(valuta)).toBe(before);
    expect((await submit(valuta, { answers: SATISFIED, honeypot: '' })).statusCode).toBe(201);
  });

  it('counts openings by service, day and channel, and gives the response rate once there are k', async () => {
    const open = (channel?: string) =>
      valuta.app.inject({
        method: 'POST',
        url: `/api/v1/services/${ZTL}/openings`,
        headers: { 'content-type': 'application/json', origin: 'https://www.comune.bologna.it' },
        payload: JSON.stringify(channel ? { channel } : {}),
      });
    for (let i = 0; i < 40; i++) expect((await open()).statusCode).toBe(204);
    expect((await open('qr')).statusCode).toBe(204);
    expect((await open('fax')).statusCode).toBe(400);
    for (let i = 0; i < 10; i++) await submit(valuta, { answers: STARS }, { slug: ZTL });
    await valuta.openings.flush();
    const rows = await valuta.database.db.selectFrom('opening').selectAll().execute();
    expect(rows.map((r) => [r.channel, Number(r.count)]).sort()).toEqual([
      ['qr', 1],
      ['web', 40],
    ]);
    await releaseAll(valuta);
    const { total } = (
      await getAsCentralOffice(valuta, `/api/v1/results?service=${ZTL}&period=${italianMonth(new Date())}`)
    ).json();
    // one denominator: the responses on the channels that count openings (web, qr) ÷ their openings
    expect(total.openings).toBe(41);
    expect(total.responseRate.share).toBe(10 / 41);
  });

  it('answers 404 to the openings of an unknown service', async () => {
    const reply = await valuta.app.inject({
      method: 'POST',
      url: '/api/v1/services/no-such-service/openings',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(reply.statusCode).toBe(404);
  });
});

describe(`rate limit (${databaseKind})`, () => {
  let valuta: TestValuta;
  beforeAll(async () => (valuta = await startPilot({ RATE_LIMIT_PER_MINUTE: '3' })));
  afterAll(() => valuta.dispose());

  const from = (remoteAddress: string, slug = HUB) =>
    valuta.app.inject({
      method: 'POST',
      url: `/api/v1/services/${slug}/responses`,
      remoteAddress,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ submissionId: randomUUID(), answers: SATISFIED }),
    });

  it('limits submissions per address and service, with X-RateLimit headers and Retry-After', async () => {
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await from('198.51.100.1'));
    expect(replies.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(replies.map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0']);
    expect(replies[0]!.headers['x-ratelimit-limit']).toBe('3');
    const before = await countResponses(valuta);
    const limited = await from('198.51.100.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.json()).toMatchObject({ type: 'urn:valuta:problem:rate-limited', status: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await countResponses(valuta)).toBe(before);
    // another address, or another service, has its own allowance
    expect((await from('198.51.100.2')).statusCode).toBe(201);
    expect((await from('198.51.100.1', 'inps-cruscotto-cig')).statusCode).toBe(201);
  });

  it('gives openings and responses separate allowances, and does not limit an ente back end with its key', async () => {
    const address = '198.51.100.9';
    const open = () =>
      valuta.app.inject({
        method: 'POST',
        url: `/api/v1/services/${HUB}/openings`,
        remoteAddress: address,
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      });
    expect([(await open()).statusCode, (await open()).statusCode, (await open()).statusCode]).toEqual([
      204, 204, 204,
    ]);
    expect((await open()).statusCode).toBe(429);
    expect((await from(address)).statusCode).toBe(201); // openings did not use up the responses' allowance
    const key = await apiKeyOf(valuta, 'inps', ['responses:write']);
    const pushes = [];
    for (let i = 0; i < 6; i++)
      pushes.push(
        (
          await valuta.app.inject({
            method: 'POST',
            url: `/api/v1/services/${HUB}/responses`,
            remoteAddress: address,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            payload: JSON.stringify({
              submissionId: randomUUID(),
              answers: SATISFIED,
              channel: 'contact-center',
            }),
          })
        ).statusCode,
      );
    expect(pushes).toEqual([201, 201, 201, 201, 201, 201]);
  });

  it('never limits reading a questionnaire', async () => {
    for (let i = 0; i < 5; i++) {
      const reply = await valuta.app.inject({
        url: `/api/v1/services/${HUB}/questionnaire`,
        remoteAddress: '198.51.100.1',
      });
      expect(reply.statusCode).toBe(200);
    }
  });

  it('keeps no address anywhere in the database', async () => {
    await releaseAll(valuta);
    await valuta.openings.flush();
    for (const [table, rows] of await dumpEveryTable(valuta.database.db))
      expect(rows, table).not.toContain('198.51.100');
  });
});

describe(`rate limit behind a reverse proxy (${databaseKind})`, () => {
  it('counts each citizen apart when TRUST_PROXY lets X-Forwarded-For through, and the proxy as one otherwise', async () => {
    const viaProxy = async (valuta: TestValuta, citizen: string) =>
      (await submit(valuta, { answers: SATISFIED }, { headers: { 'x-forwarded-for': citizen } })).statusCode;
    const trusting = await startPilot({ RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'true' });
    try {
      expect([await viaProxy(trusting, '203.0.113.1'), await viaProxy(trusting, '203.0.113.2')]).toEqual([
        201, 201,
      ]);
      expect(await viaProxy(trusting, '203.0.113.1')).toBe(429);
    } finally {
      await trusting.dispose();
    }
    const plain = await startPilot({ RATE_LIMIT_PER_MINUTE: '1' });
    try {
      expect([await viaProxy(plain, '203.0.113.1'), await viaProxy(plain, '203.0.113.2')]).toEqual([
        201, 429,
      ]);
    } finally {
      await plain.dispose();
    }
  });
});

describe(`demo pages (${databaseKind})`, () => {
  it('are not served unless DEMO_PAGES is on: they mint completion tokens for anyone', async () => {
    const production = await startPilot({ DEMO_PAGES: 'false' });
    try {
      expect((await production.app.inject(`/demo/${ZTL}`)).statusCode).toBe(404);
    } finally {
      await production.dispose();
    }
    const demo = await startPilot();
    try {
      const page = await demo.app.inject(`/demo/${ZTL}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/token="[\w-]+\.[\w-]+\.[\w-]+"/);
    } finally {
      await demo.dispose();
    }
  });
});
