import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { startValuta, type TestValuta } from '../support/database.js';

const PUBLIC_URL = 'https://valuta.example.it';
const HUB = 'inps-hub-prestazioni';
const HUB_NAME = 'Hub delle prestazioni non pensionistiche';
const HUB_ENTE = 'INPS';

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** QR codes and the counter poster of a service, over HTTP (decoding is in test/e2e/poster.browser.test.ts). */
describe('QR codes and poster of a service', () => {
  let valuta: TestValuta;
  beforeAll(async () => {
    valuta = await startValuta({ PUBLIC_URL });
    await seedDemo(valuta.database.db, { responses: 0 });
    valuta.directory.invalidate();
  });
  afterAll(() => valuta.dispose());

  const get = (url: string, headers: Record<string, string> = {}) =>
    valuta.app.inject({ method: 'GET', url, headers });

  it('serves an SVG QR code, cacheable for a day with an ETag, that says which address it opens', async () => {
    const reply = await get(`/s/${HUB}/qr.svg`);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('public, max-age=86400');
    expect(reply.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(reply.body).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(reply.body).toContain(`aria-label="Codice QR: ${PUBLIC_URL}/s/${HUB}?channel=qr"`);
  });

  it('answers 304 to a client that already holds the same code, and 200 with another ETag for another channel', async () => {
    const first = await get(`/s/${HUB}/qr.svg`);
    const etag = String(first.headers.etag);
    const again = await get(`/s/${HUB}/qr.svg`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const png = await get(`/s/${HUB}/qr.png`);
    expect((await get(`/s/${HUB}/qr.png`, { 'if-none-match': `W/${png.headers.etag}` })).statusCode).toBe(
      304,
    );
    const email = await get(`/s/${HUB}/qr.svg?channel=email`, { 'if-none-match': etag });
    expect(email.statusCode).toBe(200);
    expect(email.headers.etag).not.toBe(etag);
  });

  it('defaults to the qr channel: the same code as ?channel=qr, not the web one', async () => {
    const byDefault = (await get(`/s/${HUB}/qr.svg`)).body;
    expect(byDefault).toBe((await get(`/s/${HUB}/qr.svg?channel=qr`)).body);
    expect(byDefault).not.toBe((await get(`/s/${HUB}/qr.svg?channel=web`)).body);
    const pngDefault = (await get(`/s/${HUB}/qr.png`)).rawPayload;
    expect(pngDefault.equals((await get(`/s/${HUB}/qr.png?channel=qr`)).rawPayload)).toBe(true);
    expect(pngDefault.equals((await get(`/s/${HUB}/qr.png?channel=web`)).rawPayload)).toBe(false);
  });

  it('serves a PNG QR code, 512 px by default and the asked size within bounds', async () => {
    const reply = await get(`/s/${HUB}/qr.png`);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('image/png');
    expect(reply.headers['cache-control']).toBe('public, max-age=86400');
    expect(reply.headers.etag).toBeDefined();
    expect(reply.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(pngSize(reply.rawPayload)).toEqual({ width: 512, height: 512 });
    const big = await get(`/s/${HUB}/qr.png?size=1200&channel=contact-center`);
    expect(big.statusCode).toBe(200);
    expect(pngSize(big.rawPayload)).toEqual({ width: 1200, height: 1200 });
  });

  it.each([
    ['an unknown channel (SVG)', `/s/${HUB}/qr.svg?channel=sms`, 'channel'],
    ['an unknown channel (PNG)', `/s/${HUB}/qr.png?channel=WEB`, 'channel'],
    ['an unknown channel (poster)', `/s/${HUB}/poster?channel=fax`, 'channel'],
    ['a PNG too small to scan', `/s/${HUB}/qr.png?size=16`, 'size'],
    ['a PNG too large', `/s/${HUB}/qr.png?size=100000`, 'size'],
    ['a size that is not a number', `/s/${HUB}/qr.png?size=big`, 'size'],
    ['an unknown poster format', `/s/${HUB}/poster?format=a3`, 'format'],
  ])('refuses %s with a 400 problem naming the parameter', async (_name, url, item) => {
    const reply = await get(url);
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const problem = reply.json();
    expect(problem).toMatchObject({ type: 'urn:valuta:problem:validation', status: 400 });
    expect(problem.errors.map((e: { item: string }) => e.item)).toContain(item);
  });

  it.each(['qr.svg', 'qr.png', 'poster'])(
    'answers a 404 problem for the %s of an unknown service',
    async (file) => {
      const reply = await get(`/s/no-such-service/${file}`);
      expect(reply.statusCode).toBe(404);
      expect(reply.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(reply.json()).toMatchObject({ type: 'urn:valuta:problem:service-not-found', status: 404 });
    },
  );

  it('serves an Italian A4 poster with the service, its ente, the QR code and the address in words', async () => {
    const reply = await get(`/s/${HUB}/poster`);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers.etag).toBeDefined();
    const html = reply.body;
    expect(html).toMatch(/^<!DOCTYPE html><html lang="it">/);
    expect(html).toContain('<h1 class="sheet-title">Valuta il servizio</h1>');
    expect(html).toContain(HUB_NAME);
    expect(html).toContain(HUB_ENTE);
    expect(html).toContain('class="sheet sheet-a4"');
    expect(html).toContain(`src="/s/${HUB}/qr.svg?channel=qr"`);
    expect(html).toContain(
      `alt="Codice QR: apre il questionario all&#x27;indirizzo ${PUBLIC_URL}/s/${HUB}?channel=qr"`,
    );
    expect(html).toContain(`<a href="${PUBLIC_URL}/s/${HUB}">valuta.example.it/s/${HUB}</a>`);
    expect(html).toContain('Il questionario è anonimo e richiede un minuto.');
    expect(html).toContain('<link rel="stylesheet" href="/assets/poster.css"/>');
    // The CSP allows only stylesheets from 'self' and no script.
    expect(html).not.toMatch(/ style=|<style|<script/);
  });

  it('serves the A5 poster, and a poster whose code records another channel', async () => {
    const a5 = await get(`/s/${HUB}/poster?format=a5&channel=contact-center`);
    expect(a5.statusCode).toBe(200);
    expect(a5.body).toContain('class="sheet sheet-a5"');
    expect(a5.body).toContain(`src="/s/${HUB}/qr.svg?channel=contact-center"`);
    expect(a5.body).toContain('href="?format=a4&amp;channel=contact-center"');
  });

  it('serves the poster stylesheet, with an A4 and an A5 page for print', async () => {
    const reply = await get('/assets/poster.css');
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/css/);
    expect(reply.body).toMatch(/@page poster-a4 \{\s*size: A4 portrait;/);
    expect(reply.body).toMatch(/@page poster-a5 \{\s*size: A5 portrait;/);
  });
});
