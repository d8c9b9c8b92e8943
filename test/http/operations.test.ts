import { getAsCentralOffice } from '../support/staff.js';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestValuta } from '../support/database.js';
import { HUB, SATISFIED, startPilot, submit } from '../support/pilot.js';

const METRICS_TOKEN = 'a-token-for-prometheus-only';

describe('operations endpoints', () => {
  let valuta: TestValuta;
  beforeAll(async () => {
    valuta = await startPilot({ METRICS_TOKEN });
  });
  afterAll(() => valuta.dispose());

  it('GET /status answers problem+json 200 when healthy (ModI)', async () => {
    const reply = await valuta.app.inject('/status');
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.json()).toMatchObject({ status: 200, title: 'OK' });
  });

  it('sends security headers on every response: a strict CSP, no referrer, no framing by others', async () => {
    for (const url of [`/s/${HUB}`, '/api/v1/services', '/nope']) {
      const reply = await valuta.app.inject(url);
      expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
      expect(reply.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['strict-transport-security']).toBeUndefined(); // plain HTTP here
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it('GET /metrics exposes Prometheus metrics to the bearer of METRICS_TOKEN only', async () => {
    await submit(valuta, { answers: SATISFIED });
    expect((await valuta.app.inject('/metrics')).statusCode).toBe(401);
    const wrong = await valuta.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${'x'.repeat(32)}` },
    });
    expect(wrong.statusCode).toBe(401);
    const reply = await valuta.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toMatch(/^valuta_submissions_acknowledged_total 1$/m);
    expect(reply.body).toMatch(/^valuta_ingest_queue_depth 0$/m);
    expect(reply.body).toMatch(/^valuta_results_total\{outcome="computed"\} 0$/m);
  });

  it('GET /api/v1/openapi.json is an OpenAPI 3.1 document generated from the route schemas', async () => {
    const doc = (await valuta.app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/services',
        '/api/v1/services/{slug}/questionnaire',
        '/api/v1/services/{slug}/responses',
        '/api/v1/services/{slug}/summary',
        '/status',
      ]),
    );
    const post = doc.paths['/api/v1/services/{slug}/responses'].post;
    expect(post.requestBody.content['application/json'].schema.required).toEqual(['submissionId', 'answers']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '422', '503']));
  });

  it('lists the active services with their ente and questionnaire family', async () => {
    const { services } = (await valuta.app.inject('/api/v1/services')).json();
    expect(services).toHaveLength(9);
    expect(services.find((s: { slug: string }) => s.slug === 'inps-cruscotto-cig')).toMatchObject({
      kind: 'consultazione',
      family: 'cx-consultazione',
      ente: { ipaCode: 'inps', name: 'INPS' },
    });
  });

  it('serves the current questionnaire version as JSON, with stable item codes and coded values', async () => {
    const reply = await valuta.app.inject(`/api/v1/services/${HUB}/questionnaire`);
    const q = reply.json();
    expect(q).toMatchObject({ family: 'cx-dispositivo', version: 1 });
    expect(q.items.map((i: { code: string }) => i.code)).toEqual([
      'SAT_OVERALL',
      'EASE',
      'EFFECTIVENESS',
      'INFO_CLARITY',
      'TIME',
      'PAIN_POINTS',
      'FIRST_TIME',
      'SUGGESTIONS',
    ]);
    expect(q.items[0].points[3]).toEqual({
      value: 4,
      label: { it: 'Molto soddisfacente', en: 'Very satisfactory', de: 'Sehr zufriedenstellend' },
    });
    expect(q.items[5].showWhen).toEqual({
      any: [
        { item: 'SAT_OVERALL', op: 'lte', value: 2 },
        { item: 'EASE', op: 'lte', value: 2 },
      ],
    });
    expect(q.items[7]).toMatchObject({ type: 'text', maxLength: 500 });
  });

  it("serves a service's summary as its results, and refuses a period that is not one", async () => {
    const reply = await getAsCentralOffice(valuta, `/api/v1/services/${HUB}/summary`);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ k: 10, disclosureControl: false, period: { kind: 'month' } });
    for (const bad of ['2026-13', '2026-Q5', 'yesterday'])
      expect(
        (await getAsCentralOffice(valuta, `/api/v1/services/${HUB}/summary?period=${bad}`)).statusCode,
      ).toBe(400);
  });
});

describe('logs', () => {
  it('never carry the client address, user agent or cookies', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += chunk;
        done();
      },
    });
    const valuta = await startPilot({ LOG_LEVEL: 'info' }, { logStream: sink });
    try {
      await submit(
        valuta,
        { answers: SATISFIED },
        {
          headers: { 'user-agent': 'SecretAgent/1.0', cookie: 'sid=xyz', 'x-forwarded-for': '198.51.100.4' },
        },
      );
      await valuta.app.inject({
        method: 'GET',
        url: `/s/${HUB}`,
        headers: { 'user-agent': 'SecretAgent/1.0' },
      });
      expect(logged).toContain('"route":"/api/v1/services/:slug/responses"');
      for (const secret of ['127.0.0.1', 'remoteAddress', 'SecretAgent', 'sid=xyz', '198.51.100.4'])
        expect(logged).not.toContain(secret);
    } finally {
      await valuta.dispose();
    }
  });
});

describe('shutdown', () => {
  it('answers requests that arrive while closing with a 503 problem and Retry-After', async () => {
    const valuta = await startPilot();
    const closing = valuta.app.close();
    const reply = await submit(valuta, { answers: SATISFIED });
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['retry-after']).toBe('5');
    expect(reply.headers.connection).toBe('close');
    expect(reply.json()).toMatchObject({
      type: 'urn:valuta:problem:shutting-down',
      code: 'VALUTA_ERR_SHUTTING_DOWN',
    });
    await closing;
    await valuta.dispose();
  });
});
