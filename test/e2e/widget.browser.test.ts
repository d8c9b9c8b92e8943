import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../../src/domain/questionnaire.js';
import { cxConsultazioneV1 } from '../../src/questionnaires/cx-consultazione.v1.js';
import { cxDispositivoV1 } from '../../src/questionnaires/cx-dispositivo.v1.js';
import { diChiarezzaPaginaV1 } from '../../src/questionnaires/di-chiarezza-pagina.v1.js';
import { diValutazioneServizioV1 } from '../../src/questionnaires/di-valutazione-servizio.v1.js';
import { releaseAll } from '../support/pilot.js';
import { CHROMIUM } from '../support/suites.js';
import { axeViolations, browserSuite } from './browser.js';

const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const NARROW = { width: 320, height: 640 };

type Lang = 'it' | 'en';
const FAMILIES: readonly { slug: string; definition: QuestionnaireDefinition }[] = [
  { slug: 'inail-sportello-digitale', definition: cxDispositivoV1 },
  { slug: 'inps-cruscotto-cig', definition: cxConsultazioneV1 },
  { slug: 'bologna-permesso-ztl', definition: diValutazioneServizioV1 },
  { slug: 'bologna-carta-identita', definition: diChiarezzaPaginaV1 },
];
const NATIONAL = 'inps-hub-prestazioni';
const COMUNE = 'bologna-carta-identita';

const SUBMIT: Record<Lang, string> = { it: 'Invia la valutazione', en: 'Send your rating' };
const SEND: Record<Lang, string> = { it: 'Invia', en: 'Send' };
const isDesignersItalia = (definition: QuestionnaireDefinition) => definition.family.startsWith('di-');
const text = (t: { it: string; en?: string }, lang: Lang) => t[lang] ?? t.it;
const exactly = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** The Designers Italia texts, word for word as QUESTIONNAIRES.md (and AgID's validator) has them. */
const DI = {
  DIFFICULTIES: 'Dove hai incontrato le maggiori difficoltà?',
  DIFFICULTY_ANSWERS: [
    'A volte le indicazioni non erano chiare',
    'A volte le indicazioni non erano complete',
    'A volte non capivo se stavo procedendo correttamente',
    'Ho avuto problemi tecnici',
    'Altro',
  ],
  PREFERRED: 'Quali sono stati gli aspetti che hai preferito?',
  PREFERRED_ANSWERS: [
    'Le indicazioni erano chiare',
    'Le indicazioni erano complete',
    'Capivo sempre che stavo procedendo correttamente',
    'Non ho avuto problemi tecnici',
    'Altro',
  ],
  CLOSING: 'Grazie, il tuo parere ci aiuterà a migliorare il servizio!',
};

/** What has the focus, through the widget's shadow root. */
const deepFocus = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? '',
      name: el?.getAttribute('name') ?? '',
      value: (el as HTMLInputElement | null)?.value ?? '',
      text: el?.textContent?.trim() ?? '',
      inDialog: el?.closest('dialog') !== null,
    };
  });

/** Answers every required question with its last answer (national), or rates `stars` (Designers Italia). */
async function answer(
  widget: Locator,
  definition: QuestionnaireDefinition,
  lang: Lang,
  stars = 5,
): Promise<void> {
  if (isDesignersItalia(definition)) {
    await widget.locator(`[data-element="feedback-rate-${stars}"]`).click();
    await widget.locator('[data-element="feedback-input-text"]').fill('Tutto chiaro');
    return;
  }
  for (const item of definition.items.filter((i) => i.required)) {
    const choices = 'points' in item ? item.points : 'options' in item ? item.options : [];
    const label = text(choices[choices.length - 1]!.label, lang);
    const group = widget.getByRole('group', { name: exactly(text(item.question, lang)) });
    await group.locator('label').getByText(label, { exact: true }).click();
  }
}

/** Sends the answered questionnaire in `scope` (the dialog or the inline widget) and waits for its closing text. */
async function sendAndWaitForThanks(scope: Locator, definition: QuestionnaireDefinition, lang: Lang) {
  await scope
    .getByRole('button', { name: isDesignersItalia(definition) ? SEND[lang] : SUBMIT[lang] })
    .click();
  await scope.getByRole('status').getByText(text(definition.closing, lang), { exact: true }).waitFor();
}

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'embeddable widget in Chromium'
    : `embeddable widget in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    const suite = browserSuite({ SUPPRESSION_K: '1', DEMO_PAGES: 'true' }, { viewport: DESKTOP });
    const { newPage } = suite;

    async function demo(
      page: Page,
      slug: string,
      query: { mode?: string; lang?: string } = {},
    ): Promise<Locator> {
      const search = new URLSearchParams(query).toString();
      const reply = await page.goto(`/demo/${slug}${search ? `?${search}` : ''}`);
      expect(reply?.status()).toBe(200);
      const widget = page.locator('valuta-feedback');
      // Rendered once the questionnaire is loaded: a button or a form.
      await widget.locator('button').first().waitFor();
      return widget;
    }

    async function openModal(page: Page, widget: Locator, definition: QuestionnaireDefinition, lang: Lang) {
      const title = text(definition.title, lang);
      await widget.getByRole('button', { name: title }).click();
      const dialog = page.getByRole('dialog', { name: title });
      await dialog.waitFor();
      return dialog;
    }

    async function storedResponses(slug: string) {
      await releaseAll(suite.valuta);
      return suite.valuta.database.db
        .selectFrom('response')
        .innerJoin('service', 'service.id', 'response.serviceId')
        .select(['response.id', 'response.answers', 'response.lang', 'response.channel', 'response.verified'])
        .where('service.slug', '=', slug)
        .execute();
    }

    /**
     * Watches what a test stores for `slug`: taken before the test acts, `added()` is the
     * responses stored since, told apart by id. Not a count nor the last row: rows that earlier
     * tests left (in any order) never pass for this test's own.
     */
    async function watchResponses(slug: string) {
      const before = new Set((await storedResponses(slug)).map((r) => r.id));
      return { added: async () => (await storedResponses(slug)).filter((r) => !before.has(r.id)) };
    }

    describe.each(FAMILIES)('$definition.family ($slug)', ({ slug, definition }) => {
      it.each(['it', 'en'] as const)(
        'in %s: opens from its button in a modal dialog, sends, thanks, and the response is stored',
        async (lang) => {
          const responses = await watchResponses(slug);
          const page = await newPage();
          const widget = await demo(page, slug, { mode: 'button', lang });
          const dialog = await openModal(page, widget, definition, lang);
          await answer(dialog, definition, lang);
          await sendAndWaitForThanks(dialog, definition, lang);

          const added = await responses.added();
          expect(added).toHaveLength(1);
          expect(added[0]).toMatchObject({ lang, channel: 'web', verified: true });
        },
      );

      it.each(['it', 'en'] as const)(
        'in %s: inline in the page, sends and the response is stored',
        async (lang) => {
          const responses = await watchResponses(slug);
          const page = await newPage();
          const widget = await demo(page, slug, { mode: 'inline', lang });
          await answer(widget, definition, lang);
          await sendAndWaitForThanks(widget, definition, lang);

          const added = await responses.added();
          expect(added).toHaveLength(1);
          expect(added[0]).toMatchObject({ lang, channel: 'web', verified: true });
          const first = definition.items[0]!;
          expect(added[0]!.answers[first.code]).toBe(isDesignersItalia(definition) ? 5 : 4);
        },
      );
    });

    it('asks about difficulties only while an answer opens the question, lists missing answers, and maps them to their questions', async () => {
      const page = await newPage();
      const widget = await demo(page, NATIONAL, { mode: 'inline' });
      const painPoints = widget.getByRole('group', { name: /^Dove ha incontrato/ });
      expect(await painPoints.isVisible()).toBe(false);
      const satisfaction = widget.getByRole('group', { name: /^Nel complesso/ });
      await satisfaction.locator('label').getByText('Non soddisfacente', { exact: true }).click();
      expect(await painPoints.isVisible()).toBe(true);
      await satisfaction.locator('label').getByText('Soddisfacente', { exact: true }).click();
      expect(await painPoints.isVisible()).toBe(false);

      await widget.getByRole('button', { name: SUBMIT.it }).click();
      const alert = widget.getByRole('alert');
      await alert.waitFor();
      expect(await alert.getByRole('heading').textContent()).toBe('Alcune risposte vanno corrette');
      const links = alert.getByRole('link');
      expect(await links.count()).toBe(3);
      expect(await links.first().textContent()).toBe(
        'Quanto è stato facile utilizzare il servizio? – Risponda a questa domanda.',
      );
      await links.first().click();
      expect(await deepFocus(page)).toMatchObject({ tag: 'input', name: 'EASE', value: '1' });
      const ease = widget.getByRole('group', { name: /^Quanto è stato facile/ });
      expect(await ease.getByText('Risponda a questa domanda.').isVisible()).toBe(true);
    });

    it('is opened, answered, sent and closed with the keyboard alone; Esc closes it and the focus returns to its button', async () => {
      const responses = await watchResponses(NATIONAL);
      const page = await newPage();
      await demo(page, NATIONAL);
      const press = async (key: string) => {
        await page.keyboard.press(key);
        return deepFocus(page);
      };
      let focus = await deepFocus(page);
      for (let i = 0; i < 10 && focus.text !== 'Valuta il servizio'; i++) focus = await press('Tab');
      expect(focus).toMatchObject({ tag: 'button', text: 'Valuta il servizio', inDialog: false });

      // Esc closes it, and the focus is back on the button.
      expect(await press('Enter')).toMatchObject({ inDialog: true, name: 'SAT_OVERALL' });
      expect(await press('Escape')).toMatchObject({
        tag: 'button',
        text: 'Valuta il servizio',
        inDialog: false,
      });
      expect(await page.getByRole('dialog').count()).toBe(0);

      expect(await press('Space')).toMatchObject({ inDialog: true, name: 'SAT_OVERALL', value: '1' });
      for (let i = 0; i < 3; i++) await press('ArrowDown');
      expect(await press('Tab')).toMatchObject({ name: 'EASE' });
      await press('Space');
      for (let i = 0; i < 3; i++) await press('ArrowDown');
      expect(await press('Tab')).toMatchObject({ name: 'EFFECTIVENESS' });
      await press('Space');
      expect(await press('Tab')).toMatchObject({ name: 'INFO_CLARITY' });
      await press('Space');
      for (let i = 0; i < 3; i++) await press('ArrowDown');
      expect(await press('Tab')).toMatchObject({ name: 'TIME' });
      expect(await press('Tab')).toMatchObject({ name: 'FIRST_TIME' });
      expect(await press('Tab')).toMatchObject({ name: 'SUGGESTIONS', tag: 'textarea' });
      expect(await press('Tab')).toMatchObject({ tag: 'button', text: SUBMIT.it });
      // The focus stays in the dialog: past its last control it comes back to the first.
      expect(await press('Tab')).toMatchObject({ tag: 'button', text: '×', inDialog: true });
      expect(await press('Shift+Tab')).toMatchObject({ tag: 'button', text: SUBMIT.it });
      await press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Valuta il servizio' });
      await dialog.getByRole('status').getByText(text(cxDispositivoV1.closing, 'it')).waitFor();
      expect(await deepFocus(page)).toMatchObject({ inDialog: true });

      expect(await press('Escape')).toMatchObject({
        tag: 'button',
        text: 'Valuta il servizio',
        inDialog: false,
      });
      const added = await responses.added();
      expect(added).toHaveLength(1);
      expect(added[0]!.answers).toEqual({
        SAT_OVERALL: 4,
        EASE: 4,
        EFFECTIVENESS: 'yes-fully',
        INFO_CLARITY: 4,
      });
    });

    it('on a Designers Italia page, shows the negative block after 1–3 stars and the positive one after 4–5, with the standard texts', async () => {
      const page = await newPage();
      const widget = await demo(page, COMUNE);
      const feedback = page.locator('[data-element="feedback"]');
      expect(await feedback.count()).toBe(1);
      // In the page's light DOM, where AgID's validator looks.
      expect(
        await page.evaluate(() => document.querySelectorAll('[data-element^="feedback-rate-"]').length),
      ).toBe(5);
      expect(await feedback.locator('[data-element="feedback-title"]').textContent()).toBe(
        'Quanto sono chiare le informazioni su questa pagina?',
      );
      expect(await feedback.locator('[data-element="feedback-input-text"]').isVisible()).toBe(true);
      const negative = feedback.locator('[data-element="feedback-rating-negative"]');
      const positive = feedback.locator('[data-element="feedback-rating-positive"]');
      expect(await negative.isVisible()).toBe(false);
      expect(await positive.isVisible()).toBe(false);

      for (const stars of [1, 2, 3, 4, 5]) {
        await widget.locator(`[data-element="feedback-rate-${stars}"]`).click();
        const [shown, hidden] = stars <= 3 ? [negative, positive] : [positive, negative];
        expect(await shown.isVisible(), `${stars} stars`).toBe(true);
        expect(await hidden.isVisible(), `${stars} stars`).toBe(false);
        expect(await shown.locator('[data-element="feedback-rating-question"]').textContent()).toBe(
          stars <= 3 ? DI.DIFFICULTIES : DI.PREFERRED,
        );
        expect(await shown.locator('[data-element="feedback-rating-answer"]').allTextContents()).toEqual(
          stars <= 3 ? DI.DIFFICULTY_ANSWERS : DI.PREFERRED_ANSWERS,
        );
        expect(await shown.locator('[data-element="feedback-rating-answer"]').first().isVisible()).toBe(true);
      }
      // The star buttons have names a screen reader reads.
      expect(await widget.getByRole('radio', { name: '3 stelle su 5' }).count()).toBe(1);

      await negative.isHidden();
      await positive.getByText(DI.PREFERRED_ANSWERS[1]!, { exact: true }).click();
      await widget.getByRole('button', { name: 'Invia' }).click();
      await widget.getByRole('status').getByText(DI.CLOSING, { exact: true }).waitFor();
    });

    it('puts each Designers Italia family on the page it belongs on: the end-of-service rating after "Richiesta inviata" and its receipt, the page-clarity one on an information page', async () => {
      const receipts: string[] = [];
      for (const viewport of [DESKTOP, PHONE]) {
        const end = await newPage({ viewport });
        await demo(end, 'bologna-permesso-ztl');
        expect(await end.getByRole('heading', { level: 1 }).textContent()).toBe('Richiesta inviata');
        const receipt = end
          .locator('dt', { hasText: 'Numero della richiesta' })
          .locator('xpath=following-sibling::dd[1]');
        expect(await receipt.isVisible()).toBe(true);
        receipts.push((await receipt.textContent()) ?? '');
        expect(await end.getByText(/^Numero di esempio/).isVisible()).toBe(true);
        expect(await end.getByRole('navigation', { name: 'Indice della pagina' }).count()).toBe(0);
        expect(await end.locator('[data-element="feedback-title"]').textContent()).toBe(
          'Quanto è stato facile usare questo servizio?',
        );
        // Below the receipt: the rating comes once the procedure is done.
        const receiptBox = await receipt.boundingBox();
        const feedbackBox = await end.locator('[data-element="feedback"]').boundingBox();
        expect(receiptBox!.y).toBeLessThan(feedbackBox!.y);

        const information = await newPage({ viewport });
        await demo(information, COMUNE);
        expect(await information.getByRole('heading', { level: 1 }).textContent()).toBe(
          "Carta d'identità elettronica",
        );
        expect(await information.getByRole('navigation', { name: 'Indice della pagina' }).isVisible()).toBe(
          true,
        );
        expect(await information.getByText('Richiesta inviata').count()).toBe(0);
        expect(await information.locator('dt', { hasText: 'Numero della richiesta' }).count()).toBe(0);
        expect(await information.locator('[data-element="feedback-title"]').textContent()).toBe(
          'Quanto sono chiare le informazioni su questa pagina?',
        );
      }
      // Made up for each page view, not a counter or a time.
      expect(receipts.every((r) => /^\d{8}$/.test(r))).toBe(true);
      expect(receipts[0]).not.toBe(receipts[1]);
    });

    describe('meets WCAG 2.1 AA (axe-core)', () => {
      const cases: [string, (page: Page) => Promise<unknown>][] = [
        ['a national demo page', (page) => demo(page, NATIONAL)],
        [
          'a national demo page with the modal open',
          async (page) => openModal(page, await demo(page, NATIONAL), cxDispositivoV1, 'it'),
        ],
        [
          'the modal in English with its errors shown',
          async (page) => {
            const dialog = await openModal(
              page,
              await demo(page, NATIONAL, { lang: 'en' }),
              cxDispositivoV1,
              'en',
            );
            await dialog.getByRole('button', { name: SUBMIT.en }).click();
            await dialog.getByRole('alert').waitFor();
          },
        ],
        ['a national demo page, inline', (page) => demo(page, NATIONAL, { mode: 'inline' })],
        ['a Designers Italia demo page', (page) => demo(page, COMUNE)],
        [
          'a Designers Italia demo page at the end of a procedure ("Richiesta inviata")',
          (page) => demo(page, 'bologna-permesso-ztl'),
        ],
        [
          'a Designers Italia demo page after a low rating',
          async (page) => (await demo(page, COMUNE)).locator('[data-element="feedback-rate-2"]').click(),
        ],
        [
          'a Designers Italia demo page with the modal open',
          async (page) =>
            openModal(page, await demo(page, COMUNE, { mode: 'button' }), diChiarezzaPaginaV1, 'it'),
        ],
      ];
      it.each(cases)('%s', async (_name, open) => {
        const page = await newPage();
        await open(page);
        expect(await axeViolations(page)).toEqual([]);
      });
    });

    it('reflows at 320 px: no horizontal scrolling on the demo pages, inline or with the modal open', async () => {
      const page = await newPage({ viewport: NARROW });
      const states: [string, () => Promise<unknown>][] = [
        ['national, inline', () => demo(page, NATIONAL, { mode: 'inline' })],
        ['national, modal', async () => openModal(page, await demo(page, NATIONAL), cxDispositivoV1, 'it')],
        ['comune, inline', () => demo(page, COMUNE)],
        ['comune, end of a procedure', () => demo(page, 'bologna-permesso-ztl')],
        [
          'comune, modal',
          async () =>
            openModal(page, await demo(page, COMUNE, { mode: 'button' }), diChiarezzaPaginaV1, 'it'),
        ],
      ];
      for (const [state, open] of states) {
        await open();
        await page.evaluate(() => document.fonts.ready);
        const widths = await page.evaluate(() => {
          const dialog =
            document.querySelector('valuta-feedback')?.shadowRoot?.querySelector('dialog[open]') ??
            document.querySelector('valuta-feedback dialog[open]');
          return {
            page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            dialog: dialog ? dialog.scrollWidth - dialog.clientWidth : 0,
          };
        });
        expect(widths, `${state}: wider than the 320 px screen`).toEqual({ page: 0, dialog: 0 });
      }
    });

    describe('on a page of another origin with a strict Content-Security-Policy', () => {
      let host: Server;
      let hostOrigin: string;
      let integrity: string;
      const HOST_CSS =
        'body{font-family:Georgia,serif;color:rgb(10,20,30);background:rgb(250,240,230)}h1{font-size:40px;margin:7px}p{line-height:30px}button{background:rgb(200,0,0);color:rgb(255,255,255);padding:3px}legend{font-weight:300}fieldset{border:5px solid rgb(0,128,0)}input{width:123px}';

      beforeAll(async () => {
        const embed = await fetch(`${suite.baseUrl}/api/v1/services/${NATIONAL}/embed`);
        expect(embed.status).toBe(200);
        integrity = ((await embed.json()) as { integrity: string }).integrity;
        host = createServer((request, reply) => {
          const url = new URL(request.url ?? '/', 'http://host');
          if (url.pathname === '/host.css') {
            reply.writeHead(200, { 'content-type': 'text/css' }).end(HOST_CSS);
            return;
          }
          const slug = url.searchParams.get('service') ?? NATIONAL;
          const mode = url.searchParams.get('mode') ?? 'button';
          const widget =
            url.pathname === '/with-widget'
              ? `<script src="${suite.baseUrl}/widget.js" integrity="${integrity}" crossorigin="anonymous" defer></script><valuta-feedback service="${slug}" mode="${mode}"></valuta-feedback>`
              : '';
          reply
            .writeHead(200, {
              'content-type': 'text/html; charset=utf-8',
              'content-security-policy': `default-src 'none'; script-src 'self' ${suite.baseUrl}; style-src 'self'; connect-src ${suite.baseUrl}; img-src 'self'`,
            })
            .end(
              `<!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><title>Ente</title><link rel="stylesheet" href="/host.css"></head><body><main><h1>Il sito dell'ente</h1><p>Un paragrafo.</p><button type="button">Un pulsante</button><form><fieldset><legend>Un gruppo</legend><input type="text" aria-label="Un campo"></fieldset></form>${widget}</main></body></html>`,
            );
        });
        await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
        hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
        await suite.valuta.database.db
          .updateTable('service')
          .set({ allowedOrigins: [hostOrigin] })
          .where('slug', 'in', [NATIONAL, COMUNE])
          .execute();
        suite.valuta.directory.invalidate();
      });
      afterAll(() => new Promise<void>((resolve) => host?.close(() => resolve())));

      /** A page that records every CSP violation, from the console and from the DOM event. */
      async function hostPage() {
        const page = await newPage();
        const violations: string[] = [];
        page.on('console', (message) => {
          if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
        });
        await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
        await page.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (event) =>
            (window as unknown as { reportViolation: (v: string) => void }).reportViolation(
              `${event.violatedDirective} ${event.blockedURI}`,
            ),
          );
        });
        return { page, violations };
      }

      const HOST_ELEMENTS = ['body', 'h1', 'p', 'main > button', 'fieldset', 'legend', 'input'];
      const hostStyles = (page: Page) =>
        page.evaluate((selectors) => {
          const properties = [
            'font-family',
            'font-size',
            'color',
            'background-color',
            'margin',
            'line-height',
            'border',
            'padding',
            'width',
            'font-weight',
            'box-sizing',
          ];
          return selectors.map((selector) => {
            const style = getComputedStyle(document.querySelector(selector)!);
            return [selector, properties.map((p) => `${p}: ${style.getPropertyValue(p)}`)];
          });
        }, HOST_ELEMENTS);

      it.each([
        ['a national family, modal', NATIONAL, cxDispositivoV1, 'button'],
        ['a Designers Italia family, inline', COMUNE, diChiarezzaPaginaV1, 'inline'],
      ] as const)(
        'works for %s, logs no CSP violation and leaves the page styles as they were',
        async (_name, slug, definition, mode) => {
          const responses = await watchResponses(slug);
          const { page, violations } = await hostPage();
          await page.goto(`${hostOrigin}/plain?service=${slug}&mode=${mode}`);
          const plain = await hostStyles(page);

          const openings = page.waitForResponse((r) => r.url().endsWith(`/services/${slug}/openings`));
          await page.goto(`${hostOrigin}/with-widget?service=${slug}&mode=${mode}`);
          const widget = page.locator('valuta-feedback');
          await widget.locator('button').first().waitFor();
          expect(await hostStyles(page)).toEqual(plain);

          const container = mode === 'button' ? await openModal(page, widget, definition, 'it') : widget;
          expect((await openings).status()).toBe(204);
          await answer(container, definition, 'it');
          await container
            .getByRole('button', { name: isDesignersItalia(definition) ? SEND.it : SUBMIT.it })
            .click();
          await container
            .getByRole('status')
            .getByText(text(definition.closing, 'it'), { exact: true })
            .waitFor();
          expect(await hostStyles(page)).toEqual(plain);

          expect(violations).toEqual([]);
          const added = await responses.added();
          expect(added).toHaveLength(1);
          expect(added[0]).toMatchObject({ lang: 'it', verified: false });
        },
      );
    });

    it('retries a submission the platform answers with 503 and Retry-After, and stores it once', async () => {
      const responses = await watchResponses(NATIONAL);
      const page = await newPage();
      const bodies: string[] = [];
      await page.route('**/api/v1/services/*/responses', async (route) => {
        bodies.push(route.request().postData() ?? '');
        if (bodies.length === 1)
          return route.fulfill({
            status: 503,
            headers: { 'retry-after': '1', 'content-type': 'application/problem+json' },
            body: JSON.stringify({ type: 'urn:valuta:problem:database-unavailable', status: 503 }),
          });
        return route.continue();
      });
      const widget = await demo(page, NATIONAL, { mode: 'inline' });
      await answer(widget, cxDispositivoV1, 'it');
      await widget.getByRole('button', { name: SUBMIT.it }).click();
      await widget.getByRole('status').getByText(text(cxDispositivoV1.closing, 'it')).waitFor();

      expect(bodies).toHaveLength(2);
      expect(bodies[1]).toBe(bodies[0]);
      expect(await responses.added()).toHaveLength(1);
      expect(await page.evaluate(() => localStorage.getItem('valuta-feedback:pending'))).toBeNull();
    });

    it('sends the response unverified when the platform finds its completion token invalid', async () => {
      const responses = await watchResponses(NATIONAL);
      const page = await newPage();
      const sent: Record<string, unknown>[] = [];
      await page.route('**/api/v1/services/*/responses', async (route) => {
        const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
        sent.push(body);
        // the first attempt carries a token that has been tampered with, as an expired or forged one would be
        if (sent.length === 1)
          return route.continue({
            postData: JSON.stringify({ ...body, completionToken: 'eyJhbGciOiJIUzI1NiJ9.e30.x' }),
          });
        return route.continue();
      });
      const widget = await demo(page, NATIONAL, { mode: 'inline' });
      await answer(widget, cxDispositivoV1, 'it');
      await widget.getByRole('button', { name: SUBMIT.it }).click();
      await widget.getByRole('status').getByText(text(cxDispositivoV1.closing, 'it')).waitFor();
      expect(sent).toHaveLength(2);
      expect(sent[0]!.completionToken).toBeDefined();
      expect(sent[1]!.completionToken).toBeUndefined();
      expect(sent[1]!.submissionId).toBe(sent[0]!.submissionId);
      // Its own response, unverified: earlier tests left unverified ones for this service too.
      const added = await responses.added();
      expect(added).toHaveLength(1);
      expect(added[0]!.verified).toBe(false);
    });

    it("shows the platform's 422 errors beside the questions they name", async () => {
      const page = await newPage();
      await page.route('**/api/v1/services/*/responses', (route) =>
        route.fulfill({
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
          body: JSON.stringify({
            type: 'urn:valuta:problem:invalid-answers',
            status: 422,
            errors: [{ item: 'EASE', code: 'invalid-value', detail: 'EASE must be one of 1, 2, 3, 4' }],
          }),
        }),
      );
      const widget = await demo(page, NATIONAL, { mode: 'inline' });
      await answer(widget, cxDispositivoV1, 'it');
      await widget.getByRole('button', { name: SUBMIT.it }).click();
      await widget.getByRole('alert').waitFor();
      const ease = widget.getByRole('group', { name: /^Quanto è stato facile/ });
      expect(await ease.getByText('Scelga una delle risposte proposte.').isVisible()).toBe(true);
      expect(await widget.getByRole('alert').getByRole('link').textContent()).toBe(
        'Quanto è stato facile utilizzare il servizio? – Scelga una delle risposte proposte.',
      );
    });

    it('does nothing more when its script is loaded twice on a page', async () => {
      const page = await newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await demo(page, NATIONAL);
      await page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const again = document.createElement('script');
            again.src = '/widget.js';
            again.onload = resolve;
            again.onerror = reject;
            document.head.append(again);
          }),
      );
      expect(errors).toEqual([]);
      expect(
        await page.locator('valuta-feedback').getByRole('button', { name: 'Valuta il servizio' }).count(),
      ).toBe(1);
    });

    it('keeps a submission it could not send in localStorage and sends it on the next page load', async () => {
      const responses = await watchResponses(NATIONAL);
      const page = await newPage();
      await page.route('**/api/v1/services/*/responses', (route) => route.abort('internetdisconnected'));
      const widget = await demo(page, NATIONAL, { mode: 'inline' });
      await answer(widget, cxDispositivoV1, 'it');
      await widget.getByRole('button', { name: SUBMIT.it }).click();
      await widget
        .getByRole('status')
        .getByText(/la invieremo automaticamente/)
        .waitFor();
      const pending = JSON.parse(
        (await page.evaluate(() => localStorage.getItem('valuta-feedback:pending'))) ?? '[]',
      ) as { body: { answers: unknown } }[];
      // (answer() picks the last answer of each required question)
      expect(pending.map((p) => p.body.answers)).toEqual([
        { SAT_OVERALL: 4, EASE: 4, EFFECTIVENESS: 'no', INFO_CLARITY: 4 },
      ]);
      expect(await responses.added()).toHaveLength(0);

      await page.unroute('**/api/v1/services/*/responses');
      await page.reload();
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('valuta-feedback:pending')))
        .toBeNull();
      expect(await responses.added()).toHaveLength(1);
    });

    it('counts one opening per page view, when the questionnaire is first shown', async () => {
      // a service no other test here opens: an earlier page's opening, still on its way, would
      // land between the two readings
      const slug = 'inail-civa';
      const service = await suite.valuta.directory.bySlug(slug);
      /** Openings stored for the service. */
      const storedOpenings = async () => {
        await suite.valuta.openings.flush();
        const row = await suite.valuta.database.db
          .selectFrom('opening')
          .select((eb) => eb.fn.sum<number>('count').as('n'))
          .where('serviceId', '=', service!.id)
          .executeTakeFirstOrThrow();
        return Number(row.n ?? 0);
      };
      const before = await storedOpenings();
      const page = await newPage();
      const openings: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/openings')) openings.push(r.postData() ?? '');
      });
      const widget = await demo(page, slug);
      expect(openings).toEqual([]);
      const answered = page.waitForResponse((r) => r.url().endsWith('/openings'));
      for (let i = 0; i < 2; i++) {
        const dialog = await openModal(page, widget, cxDispositivoV1, 'it');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
      }
      expect((await answered).status()).toBe(204);
      expect(openings).toEqual([JSON.stringify({ channel: 'web' })]);
      expect(await storedOpenings()).toBe(before + 1);
    });

    it('serves the script with SRI, gzip and an ETag, loadable from any origin', async () => {
      const embed = (await (await fetch(`${suite.baseUrl}/api/v1/services/${NATIONAL}/embed`)).json()) as {
        integrity: string;
        snippet: string;
        scriptUrl: string;
      };
      expect(embed.snippet).toBe(
        `<script src="${embed.scriptUrl}" integrity="${embed.integrity}" crossorigin="anonymous" defer></script>\n<valuta-feedback service="${NATIONAL}"></valuta-feedback>`,
      );
      const reply = await fetch(`${suite.baseUrl}/widget.js`, { headers: { 'accept-encoding': 'gzip' } });
      expect(reply.headers.get('content-encoding')).toBe('gzip');
      expect(reply.headers.get('access-control-allow-origin')).toBe('*');
      expect(reply.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      const gzipped = Number(reply.headers.get('content-length'));
      expect(gzipped).toBeLessThanOrEqual(12 * 1024);
      const { createHash } = await import('node:crypto');
      const code = await reply.text();
      expect(`sha384-${createHash('sha384').update(code).digest('base64')}`).toBe(embed.integrity);
      const again = await fetch(`${suite.baseUrl}/widget.js`, {
        headers: { 'if-none-match': reply.headers.get('etag')! },
      });
      expect(again.status).toBe(304);
      expect((await fetch(`${suite.baseUrl}/api/v1/services/nope/embed`)).status).toBe(404);
    });

    it('saves screenshots of the demo pages for review', async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const shots: [string, (page: Page) => Promise<unknown>][] = [
        ['modal', async (page) => openModal(page, await demo(page, NATIONAL), cxDispositivoV1, 'it')],
        ['inline', (page) => demo(page, NATIONAL, { mode: 'inline' })],
        ['comune', (page) => demo(page, COMUNE)],
        ['comune-receipt', (page) => demo(page, 'bologna-permesso-ztl')],
        [
          'comune-negative',
          async (page) =>
            (await demo(page, 'bologna-permesso-ztl')).locator('[data-element="feedback-rate-2"]').click(),
        ],
        [
          'comune-modal',
          async (page) =>
            openModal(page, await demo(page, COMUNE, { mode: 'button' }), diChiarezzaPaginaV1, 'it'),
        ],
      ];
      for (const [name, open] of shots) {
        for (const [size, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          const page = await newPage({ viewport });
          await open(page);
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({
            path: `${SCREENSHOTS}widget-${name}-${size}.png`,
            fullPage: !name.includes('modal'),
          });
        }
      }
    });
  },
);
