import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestValuta } from '../support/database.js';
import { allComments, countRows, HUB, startPilot } from '../support/pilot.js';

/** The hosted page as a browser without JavaScript uses it: plain GETs and form posts. */
describe('hosted questionnaire without JavaScript', () => {
  let valuta: TestValuta;
  beforeAll(async () => {
    valuta = await startPilot();
  });
  afterAll(() => valuta.dispose());

  const get = (url: string) => valuta.app.inject({ method: 'GET', url });
  const post = (fields: [string, string][], url = `/s/${HUB}`) =>
    valuta.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const hidden = (html: string, name: string) =>
    html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? '';
  const formFields = (html: string): [string, string][] => [
    ['submissionId', hidden(html, 'submissionId')],
    ['channel', hidden(html, 'channel')],
    ['presented', hidden(html, 'presented')],
  ];

  it('serves an Italian HTML form with every unconditional item, and no script', async () => {
    const page = await get(`/s/${HUB}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const html = page.body;
    expect(html).toMatch(/^<!DOCTYPE html><html lang="it">/);
    expect(html).toContain('Nel complesso, quanto è soddisfatto/a del servizio che ha appena utilizzato?');
    expect(html).toContain('Molto soddisfacente');
    expect(html).toContain('Hub delle prestazioni non pensionistiche');
    expect(html).not.toContain('Dove ha incontrato le maggiori difficoltà?'); // conditional: not yet
    expect(html).not.toContain('<script');
    expect(hidden(html, 'presented')).toBe(
      'SAT_OVERALL,EASE,EFFECTIVENESS,INFO_CLARITY,TIME,FIRST_TIME,SUGGESTIONS',
    );
  });

  it('redirects a valid post to the thank-you page (PRG) and stores the response, redacted', async () => {
    const form = (await get(`/s/${HUB}?channel=qr`)).body;
    const before = await countRows(valuta, 'response');
    const reply = await post([
      ...formFields(form),
      ['SAT_OVERALL', '4'],
      ['EASE', '3'],
      ['EFFECTIVENESS', 'yes-fully'],
      ['INFO_CLARITY', '4'],
      ['SUGGESTIONS', 'Ottimo, scrivetemi a anna@example.it'],
    ]);
    expect(reply.statusCode).toBe(303);
    expect(reply.headers.location).toBe(`/s/${HUB}/grazie`);
    expect(await countRows(valuta, 'response')).toBe(before + 1);
    const comments = await allComments(valuta);
    expect(comments.map((c) => c.text)).toContain('Ottimo, scrivetemi a [email]');
    const channels = await valuta.database.db.selectFrom('response').select('channel').execute();
    expect(channels.map((c) => c.channel)).toContain('qr');

    const thanks = await get(reply.headers.location as string);
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('role="status"');
    expect(thanks.body).toContain('Grazie, il suo parere ci aiuterà a migliorare il servizio.');
  });

  it('a double submission (same form posted twice) is stored once', async () => {
    const form = (await get(`/s/${HUB}`)).body;
    const fields: [string, string][] = [
      ...formFields(form),
      ['SAT_OVERALL', '3'],
      ['EASE', '3'],
      ['EFFECTIVENESS', 'no'],
      ['INFO_CLARITY', '3'],
    ];
    const before = await countRows(valuta, 'response');
    expect((await post(fields)).statusCode).toBe(303);
    expect((await post(fields)).statusCode).toBe(303);
    expect(await countRows(valuta, 'response')).toBe(before + 1);
  });

  it('shows errors next to the items and a summary at the top, keeps the answers, stores nothing', async () => {
    const form = (await get(`/s/${HUB}`)).body;
    const before = await countRows(valuta, 'response');
    const reply = await post([...formFields(form), ['SAT_OVERALL', '4'], ['SUGGESTIONS', 'x'.repeat(501)]]);
    expect(reply.statusCode).toBe(422);
    const html = reply.body;
    expect(html).toContain('<title>Errore: ');
    const summary = html.slice(html.indexOf('class="error-summary"'), html.indexOf('</ul>'));
    expect(summary).toContain('role="alert"');
    for (const item of ['EASE', 'EFFECTIVENESS', 'INFO_CLARITY', 'SUGGESTIONS']) {
      expect(summary).toContain(`href="#${item}-1"`);
      expect(html).toContain(`id="${item}-error"`);
    }
    expect(summary).not.toContain('SAT_OVERALL');
    expect(html).toContain('Il testo è troppo lungo');
    expect(html).toMatch(/id="SAT_OVERALL-4" name="SAT_OVERALL" checked="" value="4"/);
    expect(hidden(html, 'submissionId')).toBe(hidden(form, 'submissionId'));
    expect(await countRows(valuta, 'response')).toBe(before);
  });

  it('asks the follow-up item on a second step when the answers open it, then stores both steps', async () => {
    const form = (await get(`/s/${HUB}`)).body;
    const step1: [string, string][] = [
      ...formFields(form),
      ['SAT_OVERALL', '1'],
      ['EASE', '2'],
      ['EFFECTIVENESS', 'no'],
      ['INFO_CLARITY', '1'],
    ];
    const before = await countRows(valuta, 'response');
    const second = await post(step1);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Dove ha incontrato le maggiori difficoltà?');
    expect(second.body).toContain('In base alle sue risposte, le chiediamo ancora:');
    expect(second.body).toContain('<a href="#PAIN_POINTS-1">Dove ha incontrato le maggiori difficoltà?</a>');
    expect(second.body).not.toContain('error-summary');
    expect(second.body).toMatch(/id="SAT_OVERALL-1" name="SAT_OVERALL" checked="" value="1"/);
    expect(hidden(second.body, 'presented')).toContain('PAIN_POINTS');
    expect(await countRows(valuta, 'response')).toBe(before);

    const done = await post([
      ...formFields(second.body),
      ['SAT_OVERALL', '1'],
      ['EASE', '2'],
      ['EFFECTIVENESS', 'no'],
      ['INFO_CLARITY', '1'],
      ['PAIN_POINTS', 'spid-cie-login'],
      ['PAIN_POINTS', 'too-slow'],
    ]);
    expect(done.statusCode).toBe(303);
    const stored = await valuta.database.db.selectFrom('response').select('answers').execute();
    expect(stored.map((r) => r.answers)).toContainEqual({
      SAT_OVERALL: 1,
      EASE: 2,
      EFFECTIVENESS: 'no',
      INFO_CLARITY: 1,
      PAIN_POINTS: ['spid-cie-login', 'too-slow'],
    });
  });

  it('drops a follow-up answer that the final answers no longer ask for', async () => {
    const form = (await get(`/s/${HUB}`)).body;
    const reply = await post([
      ...formFields(form),
      ['presented', 'SAT_OVERALL,EASE,EFFECTIVENESS,INFO_CLARITY,TIME,PAIN_POINTS,FIRST_TIME,SUGGESTIONS'],
      ['SAT_OVERALL', '4'],
      ['EASE', '4'],
      ['EFFECTIVENESS', 'yes-fully'],
      ['INFO_CLARITY', '4'],
      ['PAIN_POINTS', 'other'],
    ]);
    expect(reply.statusCode).toBe(303);
  });

  it('answers 404 with an HTML page for an unknown service', async () => {
    const reply = await get('/s/no-such-service');
    expect(reply.statusCode).toBe(404);
    expect(reply.body).toContain('Pagina non trovata');
  });

  it('serves the stylesheet and the fonts the page uses', async () => {
    const css = await get('/assets/valuta.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    for (const font of css.body.match(/\/assets\/fonts\/[^)]+/g) ?? []) {
      const reply = await get(font);
      expect(reply.statusCode).toBe(200);
    }
    expect((await get('/assets/fonts/../../package.json')).statusCode).toBe(404);
  });
});
