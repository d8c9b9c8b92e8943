import { gzipSync } from 'node:zlib';
import { mintCompletionToken } from '../../src/domain/completion-token.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestValuta } from '../support/database.js';
import { allComments, countResponses, releaseAll, HUB, startPilot } from '../support/pilot.js';

type Fields = [string, string][];

const hidden = (html: string, name: string) =>
  html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? '';
/** The hidden fields a browser sends back with the form, as it received them. */
const formFields = (html: string): Fields =>
  ['submissionId', 'lang', 'channel', 'formToken', 'completionToken', 'presented']
    .map((name): [string, string] => [name, hidden(html, name)])
    .filter(([name, value]) => name !== 'completionToken' || value !== '');
/** The `<title>` and the error summary of a page. */
const summaryOf = (html: string) =>
  html.includes('class="error-summary"')
    ? html.slice(html.indexOf('class="error-summary"'), html.indexOf('</ul>', html.indexOf('error-summary')))
    : '';

function client(valuta: () => TestValuta) {
  const get = (url: string, headers: Record<string, string> = {}) =>
    valuta().app.inject({ method: 'GET', url, headers });
  const post = (fields: Fields, url = `/s/${HUB}`) =>
    valuta().app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  return { get, post };
}

/** What each family needs to be sent, by language: a page to open, answers, and what proves the language. */
interface Family {
  readonly family: string;
  readonly slug: string;
  readonly answers: Fields;
  readonly question: Readonly<Record<'it' | 'en', string>>;
  readonly closing: Readonly<Record<'it' | 'en', string>>;
}

const FAMILIES: readonly Family[] = [
  {
    family: 'cx-dispositivo',
    slug: HUB,
    answers: [
      ['SAT_OVERALL', '4'],
      ['EASE', '3'],
      ['EFFECTIVENESS', 'yes-fully'],
      ['INFO_CLARITY', '4'],
    ],
    question: {
      it: 'Nel complesso, quanto è soddisfatto/a del servizio che ha appena utilizzato?',
      en: 'Overall, how satisfied are you with the service you have just used?',
    },
    closing: {
      it: 'Grazie, il suo parere ci aiuterà a migliorare il servizio.',
      en: 'Thank you, your feedback will help us improve the service.',
    },
  },
  {
    family: 'cx-consultazione',
    slug: 'inps-cruscotto-cig',
    answers: [
      ['SAT_OVERALL', '3'],
      ['EASE', '4'],
      ['EFFECTIVENESS', 'yes-partly'],
      ['INFO_CLARITY', '3'],
      ['INFO_FRESHNESS', '4'],
    ],
    question: {
      it: 'Ha trovato le informazioni che cercava?',
      en: 'Did you find the information you were looking for?',
    },
    closing: {
      it: 'Grazie, il suo parere ci aiuterà a migliorare il servizio.',
      en: 'Thank you, your feedback will help us improve the service.',
    },
  },
  {
    family: 'di-valutazione-servizio',
    slug: 'bologna-permesso-ztl',
    answers: [['EASE_5', '5']],
    question: {
      it: 'Quanto è stato facile usare questo servizio?',
      en: 'How easy was it to use this service?',
    },
    closing: {
      it: 'Grazie, il tuo parere ci aiuterà a migliorare il servizio!',
      en: 'Thank you, your feedback will help us improve the service!',
    },
  },
  {
    family: 'di-chiarezza-pagina',
    slug: 'bologna-carta-identita',
    answers: [['CLARITY_5', '2']],
    question: {
      it: 'Quanto sono chiare le informazioni su questa pagina?',
      en: 'How clear is the information on this page?',
    },
    closing: {
      it: 'Grazie, il tuo parere ci aiuterà a migliorare il servizio!',
      en: 'Thank you, your feedback will help us improve the service!',
    },
  },
];

/** The hosted page as a browser without JavaScript uses it: plain GETs and form posts. */
describe('hosted questionnaire without JavaScript', () => {
  let valuta: TestValuta;
  beforeAll(async () => {
    valuta = await startPilot();
  });
  afterAll(() => valuta.dispose());
  const { get, post } = client(() => valuta);

  const storedRows = async () => {
    await releaseAll(valuta);
    return valuta.database.db
      .selectFrom('response')
      .innerJoin('service', 'service.id', 'response.serviceId')
      .select(['service.slug', 'response.lang', 'response.channel', 'response.verified', 'response.answers'])
      .execute();
  };

  it('serves an Italian HTML form with every unconditional item shown, the follow-ups hidden and disabled', async () => {
    const page = await get(`/s/${HUB}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const html = page.body;
    expect(html).toMatch(/^<!DOCTYPE html><html lang="it">/);
    expect(html).toContain('Nel complesso, quanto è soddisfatto/a del servizio che ha appena utilizzato?');
    expect(html).toContain('Molto soddisfacente');
    expect(html).toContain('Hub delle prestazioni non pensionistiche');
    // The follow-up is in the page for the script, but neither shown nor sent without it.
    const painPoints = html.slice(
      html.indexOf('data-item="PAIN_POINTS"') - 200,
      html.indexOf('</fieldset>', html.indexOf('data-item="PAIN_POINTS"')),
    );
    expect(painPoints).toMatch(/<fieldset[^>]* hidden=""[^>]*data-item="PAIN_POINTS"/);
    expect(painPoints.match(/<input [^>]*disabled=""/g)).toHaveLength(7);
    const condition = html.match(
      /data-item="PAIN_POINTS" data-type="multiple" data-show-when="([^"]+)"/,
    )?.[1];
    expect(JSON.parse(condition!.replaceAll('&quot;', '"'))).toEqual({
      any: [
        { item: 'SAT_OVERALL', op: 'lte', value: 2 },
        { item: 'EASE', op: 'lte', value: 2 },
      ],
    });
    expect(hidden(html, 'presented')).toBe(
      'SAT_OVERALL,EASE,EFFECTIVENESS,INFO_CLARITY,TIME,FIRST_TIME,SUGGESTIONS',
    );
    expect(hidden(html, 'lang')).toBe('it');
    // The only script is the page's own, deferred; no inline script or style.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/hosted.js" defer="">']);
    expect(html).not.toMatch(/ style="|<style/);
    // The language switch: each language by its own name, the current one marked.
    expect(html).toContain(
      '<a href="/s/inps-hub-prestazioni?lang=it" lang="it" hrefLang="it" aria-current="true">Italiano</a>',
    );
    expect(html).toContain('<a href="/s/inps-hub-prestazioni?lang=en" lang="en" hrefLang="en">English</a>');
    expect(html).toContain('<a href="/s/inps-hub-prestazioni?lang=de" lang="de" hrefLang="de">Deutsch</a>');
    expect(html).toContain('<a href="/privacy?lang=it">Informativa sulla privacy</a>');
  });

  it('serves the progressive-enhancement script, small and cacheable', async () => {
    const script = await get('/assets/hosted.js', { 'accept-encoding': 'gzip' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(script.rawPayload.length).toBeLessThan(3_000);
    const plain = await get('/assets/hosted.js');
    expect(plain.body).toContain('data-questionnaire');
    const again = await get('/assets/hosted.js', { 'if-none-match': script.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });

  it('chooses the language by ?lang=, then Accept-Language with its q-values, else Italian', async () => {
    const langOf = async (url: string, acceptLanguage?: string) => {
      const reply = await get(url, acceptLanguage ? { 'accept-language': acceptLanguage } : {});
      expect(reply.statusCode).toBe(200);
      return reply.body.match(/^<!DOCTYPE html><html lang="(\w+)">/)?.[1];
    };
    expect(await langOf(`/s/${HUB}`)).toBe('it');
    expect(await langOf(`/s/${HUB}?lang=en`)).toBe('en');
    expect(await langOf(`/s/${HUB}?lang=de`, 'en-GB,en;q=0.9')).toBe('de');
    expect(await langOf(`/s/${HUB}`, 'de-AT')).toBe('de');
    expect(await langOf(`/s/${HUB}`, 'fr-FR, fr;q=0.9, en;q=0.5, de;q=0.8')).toBe('de');
    expect(await langOf(`/s/${HUB}`, 'de;q=0, en;q=0.1')).toBe('en');
    expect(await langOf(`/s/${HUB}`, 'fr, es;q=0.8')).toBe('it');
    expect(await langOf(`/s/${HUB}?lang=fr`, 'fr')).toBe('it');
    expect(await langOf(`/s/${HUB}?lang=xx`, 'en;q=0.7')).toBe('en');
    const german = (await get(`/s/${HUB}?lang=de`)).body;
    expect(german).toContain(
      'Wie zufrieden sind Sie insgesamt mit dem Dienst, den Sie gerade genutzt haben?',
    );
    expect(german).toContain('Bewertung senden');
    expect(german).toContain('aria-current="true">Deutsch</a>');
  });

  for (const family of FAMILIES) {
    for (const lang of ['it', 'en'] as const) {
      it(`${family.family} (${family.slug}) is answered and sent by a plain form post in ${lang}`, async () => {
        const form = await get(`/s/${family.slug}?lang=${lang}`);
        expect(form.statusCode).toBe(200);
        expect(form.body).toMatch(new RegExp(`^<!DOCTYPE html><html lang="${lang}">`));
        expect(form.body).toContain(family.question[lang]);
        const before = await countResponses(valuta);
        let reply = await post([...formFields(form.body), ...family.answers], `/s/${family.slug}`);
        // The Designers Italia families ask their follow-up on a second step.
        if (reply.statusCode === 200) {
          expect(family.family).toMatch(/^di-/);
          expect(reply.body).toMatch(new RegExp(`^<!DOCTYPE html><html lang="${lang}">`));
          expect(hidden(reply.body, 'lang')).toBe(lang);
          reply = await post([...formFields(reply.body), ...family.answers], `/s/${family.slug}`);
        }
        expect(reply.statusCode).toBe(303);
        expect(reply.headers.location).toBe(`/s/${family.slug}/grazie?lang=${lang}`);
        expect(await countResponses(valuta)).toBe(before + 1);

        const thanks = await get(reply.headers.location as string);
        expect(thanks.statusCode).toBe(200);
        expect(thanks.body).toMatch(new RegExp(`^<!DOCTYPE html><html lang="${lang}">`));
        expect(thanks.body).toContain('role="status"');
        expect(thanks.body).toContain(family.closing[lang]);
        expect(thanks.body).toContain(lang === 'it' ? 'Valutazione inviata' : 'Rating sent');
      });
    }
  }

  it('redirects a valid post to the thank-you page (PRG) and stores the response, redacted, with its channel and language', async () => {
    const form = (await get(`/s/${HUB}?channel=qr&lang=en`)).body;
    expect(hidden(form, 'channel')).toBe('qr');
    // The language switch keeps the channel.
    expect(form).toContain('href="/s/inps-hub-prestazioni?lang=de&amp;channel=qr"');
    const before = await countResponses(valuta);
    const reply = await post([
      ...formFields(form),
      ['SAT_OVERALL', '4'],
      ['EASE', '3'],
      ['EFFECTIVENESS', 'yes-fully'],
      ['INFO_CLARITY', '4'],
      ['FIRST_TIME', 'no'],
      ['SUGGESTIONS', 'Ottimo, scrivetemi a anna@example.it'],
    ]);
    expect(reply.statusCode).toBe(303);
    expect(reply.headers.location).toBe(`/s/${HUB}/grazie?lang=en`);
    expect(await countResponses(valuta)).toBe(before + 1);
    const comments = await allComments(valuta);
    expect(comments.map((c) => c.text)).toContain('Ottimo, scrivetemi a [email]');
    const rows = await storedRows();
    expect(rows).toContainEqual({
      slug: HUB,
      lang: 'en',
      channel: 'qr',
      verified: false,
      answers: { SAT_OVERALL: 4, EASE: 3, EFFECTIVENESS: 'yes-fully', INFO_CLARITY: 4, FIRST_TIME: 'no' },
    });
  });

  it('an unknown channel is taken as web', async () => {
    const form = (await get(`/s/${HUB}?channel=carrier-pigeon`)).body;
    expect(hidden(form, 'channel')).toBe('web');
  });

  it('counts an opening of the first step, not of the pages that follow it, nor a language switch or a HEAD', async () => {
    const service = await valuta.directory.bySlug('roma-gebac-bando-casa');
    const total = async () => {
      await valuta.openings.flush();
      const rows = await valuta.database.db
        .selectFrom('opening')
        .select(['channel', 'count'])
        .where('serviceId', '=', service!.id)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.channel, Number(r.count)]));
    };
    const form = (await get('/s/roma-gebac-bando-casa')).body;
    await get('/s/roma-gebac-bando-casa?channel=qr');
    await get('/s/roma-gebac-bando-casa?channel=qr');
    await post([...formFields(form), ['SAT_OVERALL', '1']], '/s/roma-gebac-bando-casa'); // errors: a re-render
    // the language switch, a move within these pages, and a HEAD are not openings
    await valuta.app.inject({
      url: '/s/roma-gebac-bando-casa?lang=en',
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    await valuta.app.inject({ method: 'HEAD', url: '/s/roma-gebac-bando-casa' });
    expect(await total()).toEqual({ web: 1, qr: 2 });
  });

  it('a double submission (same form posted twice) is stored once', async () => {
    const form = (await get(`/s/${HUB}`)).body;
    const fields: Fields = [
      ...formFields(form),
      ['SAT_OVERALL', '3'],
      ['EASE', '3'],
      ['EFFECTIVENESS', 'no'],
      ['INFO_CLARITY', '3'],
    ];
    const before = await countResponses(valuta);
    expect((await post(fields)).statusCode).toBe(303);
    expect((await post(fields)).statusCode).toBe(303);
    expect(await countResponses(valuta)).toBe(before + 1);
  });

  it('shows errors next to the items and a summary at the top, keeps the answers and the language, stores nothing', async () => {
    const form = (await get(`/s/${HUB}?lang=en`)).body;
    const before = await countResponses(valuta);
    const reply = await post([...formFields(form), ['SAT_OVERALL', '4'], ['SUGGESTIONS', 'x'.repeat(501)]]);
    expect(reply.statusCode).toBe(422);
    const html = reply.body;
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(html).toContain('<title>Error: ');
    const summary = summaryOf(html);
    expect(summary).toContain('role="alert"');
    expect(summary).toContain('Some answers need correcting');
    for (const item of ['EASE', 'EFFECTIVENESS', 'INFO_CLARITY', 'SUGGESTIONS']) {
      expect(summary).toContain(`href="#${item}-1"`);
      expect(html).toContain(`id="${item}-error"`);
    }
    expect(summary).not.toContain('SAT_OVERALL');
    expect(html).toContain('The text is too long');
    expect(html).toMatch(/id="SAT_OVERALL-4" name="SAT_OVERALL" checked="" value="4"/);
    expect(hidden(html, 'submissionId')).toBe(hidden(form, 'submissionId'));
    expect(hidden(html, 'formToken')).toBe(hidden(form, 'formToken'));
    expect(await countResponses(valuta)).toBe(before);
  });

  it('asks the follow-up item on a second step when the answers open it, in the chosen language, then stores both steps', async () => {
    const form = (await get(`/s/${HUB}?lang=en`)).body;
    const step1: Fields = [
      ...formFields(form),
      ['SAT_OVERALL', '1'],
      ['EASE', '2'],
      ['EFFECTIVENESS', 'no'],
      ['INFO_CLARITY', '1'],
    ];
    const before = await countResponses(valuta);
    const second = await post(step1);
    expect(second.statusCode).toBe(200);
    expect(second.body).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(second.body).toContain('Based on your answers, we would also like to ask:');
    expect(second.body).toContain('<a href="#PAIN_POINTS-1">Where did you have the most difficulty?</a>');
    expect(second.body).not.toContain('error-summary');
    expect(second.body).toMatch(/<fieldset class="item" data-item="PAIN_POINTS"/);
    expect(second.body).toMatch(/id="SAT_OVERALL-1" name="SAT_OVERALL" checked="" value="1"/);
    expect(hidden(second.body, 'presented')).toContain('PAIN_POINTS');
    expect(hidden(second.body, 'formToken')).toBe(hidden(form, 'formToken'));
    expect(await countResponses(valuta)).toBe(before);

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
    expect(done.headers.location).toBe(`/s/${HUB}/grazie?lang=en`);
    await releaseAll(valuta);
    const stored = await valuta.database.db.selectFrom('response').select('answers').execute();
    expect(stored.map((r) => r.answers)).toContainEqual({
      SAT_OVERALL: 1,
      EASE: 2,
      EFFECTIVENESS: 'no',
      INFO_CLARITY: 1,
      PAIN_POINTS: ['spid-cie-login', 'too-slow'],
    });
  });

  it('takes the follow-up in one post when the script showed it inline (no second step)', async () => {
    const form = (await get(`/s/${HUB}`)).body;
    const before = await countResponses(valuta);
    const reply = await post([
      ...formFields(form),
      ['inline', '1'],
      ['SAT_OVERALL', '2'],
      ['EASE', '3'],
      ['EFFECTIVENESS', 'yes-partly'],
      ['INFO_CLARITY', '2'],
      ['PAIN_POINTS', 'technical-problems'],
    ]);
    expect(reply.statusCode).toBe(303);
    expect(await countResponses(valuta)).toBe(before + 1);
    await releaseAll(valuta);
    const stored = await valuta.database.db.selectFrom('response').select('answers').execute();
    expect(stored.map((r) => r.answers)).toContainEqual({
      SAT_OVERALL: 2,
      EASE: 3,
      EFFECTIVENESS: 'yes-partly',
      INFO_CLARITY: 2,
      PAIN_POINTS: ['technical-problems'],
    });
  });

  it('drops a follow-up answer that the final answers no longer ask for', async () => {
    const form = (await get(`/s/${HUB}`)).body;
    const reply = await post([
      ...formFields(form).filter(([name]) => name !== 'presented'),
      ['presented', 'SAT_OVERALL,EASE,EFFECTIVENESS,INFO_CLARITY,TIME,PAIN_POINTS,FIRST_TIME,SUGGESTIONS'],
      ['SAT_OVERALL', '4'],
      ['EASE', '4'],
      ['EFFECTIVENESS', 'yes-fully'],
      ['INFO_CLARITY', '4'],
      ['PAIN_POINTS', 'other'],
    ]);
    expect(reply.statusCode).toBe(303);
  });

  it('refuses a filled honeypot with 422 and a clear error, keeping the answers, and stores nothing', async () => {
    const form = (await get(`/s/${HUB}`)).body;
    const honeypot = form.match(
      /<div class="hp" aria-hidden="true"><label for="website">[^<]+<\/label>(<input [^>]+>)<\/div>/,
    )?.[1];
    for (const attribute of ['type="text"', 'name="website"', 'tabindex="-1"', 'autoComplete="off"'])
      expect(honeypot).toContain(attribute);
    const before = await countResponses(valuta);
    const reply = await post([
      ...formFields(form),
      ['website', 'https://spam.example'],
      ['SAT_OVERALL', '4'],
      ['EASE', '3'],
      ['EFFECTIVENESS', 'yes-fully'],
      ['INFO_CLARITY', '4'],
    ]);
    expect(reply.statusCode).toBe(422);
    expect(reply.body).toContain('<title>Errore: ');
    expect(summaryOf(reply.body)).toContain('È stato compilato un campo nascosto');
    expect(reply.body).toMatch(/id="SAT_OVERALL-4" name="SAT_OVERALL" checked="" value="4"/);
    expect(reply.body).not.toContain('spam.example');
    expect(await countResponses(valuta)).toBe(before);
  });

  it('refuses a tampered or missing form token with 422, asking to send again with a fresh token', async () => {
    const form = (await get(`/s/${HUB}?lang=de`)).body;
    const token = hidden(form, 'formToken');
    const tampered = `${token.split('.')[0]!.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}.${token.split('.')[1]}`;
    const before = await countResponses(valuta);
    const answers: Fields = [
      ['SAT_OVERALL', '4'],
      ['EASE', '3'],
      ['EFFECTIVENESS', 'yes-fully'],
      ['INFO_CLARITY', '4'],
    ];
    for (const bad of [tampered, '', 'not-a-token']) {
      const fields = formFields(form).map(([n, v]): [string, string] => [n, n === 'formToken' ? bad : v]);
      const reply = await post([...fields, ...answers]);
      expect(reply.statusCode).toBe(422);
      expect(reply.body).toMatch(/^<!DOCTYPE html><html lang="de">/);
      expect(summaryOf(reply.body)).toContain('Das Formular ist nicht mehr gültig');
      const fresh = hidden(reply.body, 'formToken');
      expect(fresh).not.toBe(bad);
      expect(fresh).toMatch(/^[0-9a-z]+\.[\w-]+$/);
      // Sent again with the fresh token, it is taken.
      if (bad === '') {
        const again = await post([...formFields(reply.body), ...answers]);
        expect(again.statusCode).toBe(303);
      }
    }
    expect(await countResponses(valuta)).toBe(before + 1);
  });

  it('refuses an invalid completion link with a clear page, keeps the answers, and takes them unverified when sent again', async () => {
    const form = (await get(`/s/${HUB}?token=${'x'.repeat(40)}.${'y'.repeat(40)}.${'z'.repeat(40)}`)).body;
    expect(hidden(form, 'completionToken')).not.toBe('');
    const answers: Fields = [
      ['SAT_OVERALL', '3'],
      ['EASE', '3'],
      ['EFFECTIVENESS', 'yes-partly'],
      ['INFO_CLARITY', '3'],
    ];
    const before = await countResponses(valuta);
    const reply = await post([...formFields(form), ...answers]);
    expect(reply.statusCode).toBe(422);
    expect(summaryOf(reply.body)).toContain('non è valido o è scaduto');
    expect(summaryOf(reply.body)).toContain('sarà registrata senza verifica');
    expect(hidden(reply.body, 'completionToken')).toBe('');
    expect(reply.body).toMatch(/id="SAT_OVERALL-3" name="SAT_OVERALL" checked="" value="3"/);
    expect(await countResponses(valuta)).toBe(before);
    const again = await post([...formFields(reply.body), ...answers]);
    expect(again.statusCode).toBe(303);
    expect(await countResponses(valuta)).toBe(before + 1);
  });

  it('records a verified completion, then tells a citizen reusing the link that it was used (409), not a 5xx', async () => {
    const slug = 'inail-civa';
    const service = await valuta.directory.bySlug(slug);
    const { token } = await mintCompletionToken(service!.completionKey!, slug);
    const answers: Fields = [
      ['SAT_OVERALL', '4'],
      ['EASE', '4'],
      ['EFFECTIVENESS', 'yes-fully'],
      ['INFO_CLARITY', '4'],
    ];
    const first = (await get(`/s/${slug}?token=${encodeURIComponent(token)}&channel=email&lang=en`)).body;
    expect(hidden(first, 'completionToken')).toBe(token);
    expect((await post([...formFields(first), ...answers], `/s/${slug}`)).statusCode).toBe(303);
    const rows = (await storedRows()).filter((r) => r.slug === slug);
    expect(rows).toEqual([expect.objectContaining({ verified: true, channel: 'email', lang: 'en' })]);

    const second = (await get(`/s/${slug}?token=${encodeURIComponent(token)}&lang=en`)).body;
    const used = await post([...formFields(second), ...answers], `/s/${slug}`);
    expect(used.statusCode).toBe(409);
    expect(summaryOf(used.body)).toContain('has already been used for another rating');
    expect(hidden(used.body, 'completionToken')).toBe('');
    const unverified = await post([...formFields(used.body), ...answers], `/s/${slug}`);
    expect(unverified.statusCode).toBe(303);
    const after = (await storedRows()).filter((r) => r.slug === slug);
    expect(after.map((r) => r.verified).sort()).toEqual([false, true]);
  });

  it('answers 404 with an HTML page for an unknown service, in the chosen language', async () => {
    const reply = await get('/s/no-such-service');
    expect(reply.statusCode).toBe(404);
    expect(reply.body).toContain('Pagina non trovata');
    const english = await get('/s/no-such-service', { 'accept-language': 'en' });
    expect(english.statusCode).toBe(404);
    expect(english.body).toContain('Page not found');
  });

  it('tells a citizen in a page, not a 5xx or JSON, when a request is malformed', async () => {
    const reply = await get(`/s/${HUB}?lang=${'x'.repeat(100)}`);
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.body).toContain('Richiesta non valida');
  });

  it('serves the thank-you page in the language asked, with a language switch', async () => {
    const thanks = await get(`/s/${HUB}/grazie?lang=de`);
    expect(thanks.body).toMatch(/^<!DOCTYPE html><html lang="de">/);
    expect(thanks.body).toContain('Bewertung gesendet');
    expect(thanks.body).toContain('Vielen Dank, Ihre Meinung hilft uns, den Dienst zu verbessern.');
    expect(thanks.body).toContain(
      'href="/s/inps-hub-prestazioni/grazie?lang=en" lang="en" hrefLang="en">English</a>',
    );
  });

  it('serves the privacy notice in Italian, English and German, linked from the form', async () => {
    const expected = {
      it: ['Informativa sulla privacy', 'L’indirizzo IP', 'arrotondata all’ora', 'almeno 10 valutazioni'],
      en: ['Privacy notice', 'Your IP address', 'rounded down to the hour', 'at least 10 ratings'],
      de: [
        'Datenschutzhinweis',
        'Ihre IP-Adresse',
        'auf die volle Stunde abgerundet',
        'mindestens 10 Bewertungen',
      ],
    } as const;
    for (const [lang, texts] of Object.entries(expected)) {
      const reply = await get(`/privacy?lang=${lang}`);
      expect(reply.statusCode).toBe(200);
      expect(reply.body).toMatch(new RegExp(`^<!DOCTYPE html><html lang="${lang}">`));
      for (const text of texts) expect(reply.body).toContain(text);
      expect(reply.body).toContain(
        `aria-current="true">${{ it: 'Italiano', en: 'English', de: 'Deutsch' }[lang]}</a>`,
      );
    }
    expect((await get('/privacy', { 'accept-language': 'de-DE,de;q=0.9' })).body).toContain(
      'Datenschutzhinweis',
    );
    const form = (await get(`/s/${HUB}?lang=en`)).body;
    expect(form.slice(form.indexOf('class="privacy"'))).toContain(
      '<a href="/privacy?lang=en">Privacy notice</a>',
    );
  });

  it('weighs at most 50 KB gzipped on first load: HTML, stylesheets, script and fonts', async () => {
    for (const slug of [HUB, 'bologna-permesso-ztl']) {
      const html = await get(`/s/${slug}`);
      const stylesheets = [...html.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
      expect(stylesheets).toEqual(['/assets/fonts.css', '/assets/valuta.css']);
      const fonts = [];
      for (const url of stylesheets)
        fonts.push(...((await get(url)).body.match(/\/assets\/fonts\/[^)]+/g) ?? []));
      const urls = [
        ...stylesheets,
        ...fonts,
        ...[...html.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!),
      ];
      let total = gzipSync(html.rawPayload, { level: 9 }).length;
      for (const url of urls) total += gzipSync((await get(url)).rawPayload, { level: 9 }).length;
      expect(total, `${slug}: ${total} bytes gzipped`).toBeLessThanOrEqual(50 * 1024);
    }
  });

  it('serves the stylesheets and the fonts the page uses', async () => {
    const css = await get('/assets/valuta.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const fontFaces = await get('/assets/fonts.css');
    expect(fontFaces.statusCode).toBe(200);
    const fonts = fontFaces.body.match(/\/assets\/fonts\/[^)]+/g) ?? [];
    expect(fonts).toHaveLength(2);
    for (const font of fonts) {
      const reply = await get(font);
      expect(reply.statusCode).toBe(200);
    }
    expect((await get('/assets/fonts/../../package.json')).statusCode).toBe(404);
  });
});

describe('hosted questionnaire sent faster than a person reads', () => {
  let valuta: TestValuta;
  beforeAll(async () => {
    valuta = await startPilot({ FORM_MIN_FILL_SECONDS: '5' });
  });
  afterAll(() => valuta.dispose());
  const { get, post } = client(() => valuta);

  it('refuses the form with 422, asks to wait a few seconds, keeps the answers with a fresh token, and stores nothing', async () => {
    const form = (await get(`/s/${HUB}?lang=en`)).body;
    const reply = await post([
      ...formFields(form),
      ['SAT_OVERALL', '2'],
      ['EASE', '3'],
      ['EFFECTIVENESS', 'no'],
      ['INFO_CLARITY', '3'],
    ]);
    expect(reply.statusCode).toBe(422);
    expect(reply.body).toContain('<title>Error: ');
    expect(summaryOf(reply.body)).toContain('wait a few seconds and send it again');
    expect(reply.body).toMatch(/id="SAT_OVERALL-2" name="SAT_OVERALL" checked="" value="2"/);
    expect(hidden(reply.body, 'formToken')).toMatch(/^[0-9a-z]+\.[\w-]+$/);
    expect(hidden(reply.body, 'submissionId')).toBe(hidden(form, 'submissionId'));
    expect(await countResponses(valuta)).toBe(0);
  });
});
