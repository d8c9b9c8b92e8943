import type { TestValuta } from '../support/database.js';
import { getAsCentralOffice } from '../support/staff.js';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { countResponses, releaseAll } from '../support/pilot.js';
import { CHROMIUM } from '../support/suites.js';
import { italianMonth } from '../../src/domain/periods.js';
import type { ResultsView } from '../../src/domain/results-view.js';
import { axeViolations, browserSuite } from './browser.js';

/** Journey 1 submits here, and only here, so that its summary counts exactly that response. */
const HUB = 'inps-hub-prestazioni';
/** Same questionnaire (cx-dispositivo): the other journeys submit here. */
const SPORTELLO = 'inail-sportello-digitale';

const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** The required questions, as a citizen reads them (the legend of each group). */
const Q = {
  SAT_OVERALL: /^Nel complesso, quanto è soddisfatto/,
  EASE: /^Quanto è stato facile/,
  EFFECTIVENESS: /^È riuscito\/a a fare/,
  INFO_CLARITY: /^Le informazioni per utilizzare il servizio/,
  PAIN_POINTS: /^Dove ha incontrato/,
} as const;
type Question = keyof typeof Q;
const REQUIRED = ['SAT_OVERALL', 'EASE', 'EFFECTIVENESS', 'INFO_CLARITY'] as const;

const SATISFIED: Readonly<Record<(typeof REQUIRED)[number], string>> = {
  SAT_OVERALL: 'Molto soddisfacente',
  EASE: 'Abbastanza facile',
  EFFECTIVENESS: 'Sì, completamente',
  INFO_CLARITY: 'Molto',
};
const DISSATISFIED: Readonly<Record<(typeof REQUIRED)[number], string>> = {
  SAT_OVERALL: 'Non soddisfacente',
  EASE: 'Abbastanza facile',
  EFFECTIVENESS: 'Sì, in parte',
  INFO_CLARITY: 'Poco',
};

const THANKS_TITLE = 'Valutazione inviata';
const THANKS_BODY = 'Grazie, il suo parere ci aiuterà a migliorare il servizio.';
const SUBMIT = 'Invia la valutazione';

const group = (page: Page, question: Question) => page.getByRole('group', { name: Q[question] });

/** Clicks the label of an answer, as a citizen does, and checks that its control took it. */
async function answer(page: Page, question: Question, label: string): Promise<void> {
  const fieldset = group(page, question);
  await fieldset.locator('label').getByText(label, { exact: true }).click();
  expect(
    await fieldset.getByLabel(label, { exact: true }).isChecked(),
    `${question}: "${label}" checked`,
  ).toBe(true);
}

async function answerAll(page: Page, answers: Readonly<Partial<Record<Question, string>>>): Promise<void> {
  for (const [question, label] of Object.entries(answers)) await answer(page, question as Question, label);
}

/** Presses the submit button (in whatever language) and waits for the page the server answers with. */
async function submit(page: Page): Promise<void> {
  await Promise.all([
    page.waitForEvent('load'),
    page.locator('form[data-questionnaire] button[type="submit"]').click(),
  ]);
}

type Lang = 'it' | 'en';
/** A browser asking for the language, as a citizen's does. */
const LOCALE: Readonly<Record<Lang, string>> = { it: 'it-IT', en: 'en-GB' };

/** Chooses the answer named `answer` of the question named `question`, as a citizen does. */
async function choose(page: Page, question: string | RegExp, answer: string): Promise<void> {
  const radio = page.getByRole('group', { name: question }).getByRole('radio', { name: answer, exact: true });
  await radio.check();
  expect(await radio.isChecked(), `"${String(question)}": "${answer}" checked`).toBe(true);
}

/** Each family, how to answer it in each language, and what its thank-you page says. */
const FAMILIES: readonly {
  family: string;
  slug: string;
  title: Record<Lang, string>;
  answer: (page: Page, lang: Lang) => Promise<void>;
  closing: Record<Lang, string>;
}[] = [
  {
    family: 'cx-dispositivo',
    slug: 'inail-civa',
    title: { it: 'Valuta il servizio', en: 'Rate the service' },
    answer: async (page, lang) => {
      const en = lang === 'en';
      await choose(
        page,
        en ? /^Overall, how satisfied/ : Q.SAT_OVERALL,
        en ? 'Satisfactory' : 'Soddisfacente',
      );
      await choose(page, en ? /^How easy was it/ : Q.EASE, en ? 'Very easy' : 'Molto facile');
      await choose(
        page,
        en ? /^Were you able/ : Q.EFFECTIVENESS,
        en ? 'Yes, completely' : 'Sì, completamente',
      );
      await choose(page, en ? /^Was the information on how/ : Q.INFO_CLARITY, en ? 'Very' : 'Molto');
    },
    closing: {
      it: 'Grazie, il suo parere ci aiuterà a migliorare il servizio.',
      en: 'Thank you, your feedback will help us improve the service.',
    },
  },
  {
    family: 'cx-consultazione',
    slug: 'inps-cruscotto-cig',
    title: { it: 'Valuta il servizio', en: 'Rate the service' },
    answer: async (page, lang) => {
      const en = lang === 'en';
      await choose(
        page,
        en ? /^Overall, how satisfied/ : Q.SAT_OVERALL,
        en ? 'Very satisfactory' : 'Molto soddisfacente',
      );
      await choose(page, en ? /^How easy was it/ : Q.EASE, en ? 'Fairly easy' : 'Abbastanza facile');
      await choose(
        page,
        en ? /^Did you find the information/ : /^Ha trovato le informazioni/,
        en ? 'Yes, partly' : 'Sì, in parte',
      );
      await choose(page, en ? /^Was the information on how/ : Q.INFO_CLARITY, en ? 'Fairly' : 'Abbastanza');
    },
    closing: {
      it: 'Grazie, il suo parere ci aiuterà a migliorare il servizio.',
      en: 'Thank you, your feedback will help us improve the service.',
    },
  },
  {
    family: 'di-valutazione-servizio',
    slug: 'bologna-permesso-ztl',
    title: { it: 'Valuta il servizio', en: 'Rate the service' },
    answer: async (page, lang) => {
      const en = lang === 'en';
      await choose(
        page,
        en ? /^How easy was it to use this service/ : /^Quanto è stato facile usare questo servizio/,
        en ? '4 stars out of 5' : '4 stelle su 5',
      );
      await choose(
        page,
        en ? /^What did you like best/ : /^Quali sono stati gli aspetti/,
        en ? 'The instructions were clear' : 'Le indicazioni erano chiare',
      );
    },
    closing: {
      it: 'Grazie, il tuo parere ci aiuterà a migliorare il servizio!',
      en: 'Thank you, your feedback will help us improve the service!',
    },
  },
  {
    family: 'di-chiarezza-pagina',
    slug: 'bologna-carta-identita',
    title: { it: 'Valuta la pagina', en: 'Rate this page' },
    answer: async (page, lang) => {
      const en = lang === 'en';
      await choose(
        page,
        en ? /^How clear is the information/ : /^Quanto sono chiare le informazioni/,
        en ? '2 stars out of 5' : '2 stelle su 5',
      );
      await choose(
        page,
        en ? /^Where did you have the most difficulty/ : /^Dove hai incontrato/,
        en ? 'I had technical problems' : 'Ho avuto problemi tecnici',
      );
    },
    closing: {
      it: 'Grazie, il tuo parere ci aiuterà a migliorare il servizio!',
      en: 'Thank you, your feedback will help us improve the service!',
    },
  },
];

/** What has the keyboard focus, and whether it is drawn. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const style = el ? getComputedStyle(el) : undefined;
    return {
      id: el?.id ?? '',
      tag: el?.tagName.toLowerCase() ?? '',
      text: el?.textContent?.trim() ?? '',
      outlined: style !== undefined && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });

/** The service's results this month as the central office reads them, after releasing what is pending. */
async function summaryOf(valuta: TestValuta, slug: string) {
  await releaseAll(valuta);
  const url = `/api/v1/results?service=${slug}&period=${italianMonth(new Date())}`;
  const reply = await getAsCentralOffice(valuta, url);
  expect(reply.statusCode, `GET ${url}: ${reply.body}`).toBe(200);
  return JSON.parse(reply.body) as ResultsView;
}

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'hosted questionnaire in Chromium'
    : `hosted questionnaire in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    // The browser asks for Italian unless a test says otherwise (Chromium's default is en-US).
    const suite = browserSuite({ SUPPRESSION_K: '1' }, { viewport: DESKTOP, locale: 'it-IT' });
    const { newPage } = suite;

    const openForm = async (page: Page, slug = SPORTELLO) => {
      const response = await page.goto(`/s/${slug}`);
      expect(response?.status()).toBe(200);
    };
    const showErrors = async (page: Page) => {
      await openForm(page);
      await submit(page);
    };
    /** The dissatisfied answers, chosen by their controls: the same in every language. */
    const answerDissatisfied = async (page: Page) => {
      for (const id of ['SAT_OVERALL-1', 'EASE-3', 'EFFECTIVENESS-2', 'INFO_CLARITY-2'])
        await page.locator(`#${id}`).check();
    };
    /** Without JavaScript: the second step that a dissatisfied answer opens. */
    const showStepTwo = async (page: Page) => {
      await openForm(page);
      await answerDissatisfied(page);
      await submit(page);
    };
    /** With JavaScript: a dissatisfied answer, and the follow-up it opens shown in place. */
    const showInline = async (page: Page) => {
      await openForm(page);
      await answerDissatisfied(page);
    };
    const showThanks = async (page: Page) => {
      await page.goto(`/s/${SPORTELLO}/grazie`);
    };

    it('takes a satisfied answer set, thanks the citizen, and counts the response once', async () => {
      const page = await newPage();
      await openForm(page, HUB);
      expect(await page.title()).toBe('Valuta il servizio – Hub delle prestazioni non pensionistiche');
      await answerAll(page, SATISFIED);
      await submit(page);

      expect(new URL(page.url()).pathname).toBe(`/s/${HUB}/grazie`);
      const status = page.getByRole('status');
      expect(await status.isVisible()).toBe(true);
      expect(await status.getByRole('heading', { level: 1 }).textContent()).toBe(THANKS_TITLE);
      expect(await status.textContent()).toContain(THANKS_BODY);
      expect(await page.getByRole('link', { name: 'Torna al servizio' }).getAttribute('href')).toMatch(
        /^https:\/\/www\.inps\.it\//,
      );

      const summary = await summaryOf(suite.valuta, HUB);
      expect(summary.total.n.count).toBe(1);
      expect(
        summary.total.items.find((i) => i.code === 'SAT_OVERALL')?.distribution.find((c) => c.value === 4)
          ?.count.count,
      ).toBe(1);
    });

    it('lists the unanswered required questions first when submitted empty, links each to its answers, and stores nothing', async () => {
      const before = await countResponses(suite.valuta);
      const page = await newPage();
      await showErrors(page);

      expect(await page.title()).toMatch(/^Errore: /);
      const alert = page.getByRole('alert');
      expect(await alert.isVisible()).toBe(true);
      expect(await alert.getByRole('heading').textContent()).toBe('Alcune risposte vanno corrette');
      // At the top: above the first question.
      const alertBox = await alert.boundingBox();
      const firstQuestion = await group(page, 'SAT_OVERALL').boundingBox();
      expect(alertBox!.y).toBeLessThan(firstQuestion!.y);

      const links = alert.getByRole('link');
      expect(await links.count()).toBe(REQUIRED.length);
      for (const [i, code] of REQUIRED.entries()) {
        const link = links.nth(i);
        // Names the question, then says what to do (whatever the separator between them).
        expect(await link.textContent()).toMatch(
          new RegExp(`${Q[code].source.slice(1)}.*\\?\\W+Risponda a questa domanda\\.$`),
        );
        // Each question says what is wrong beside it, too.
        expect(await group(page, code).getByText('Risponda a questa domanda.').isVisible()).toBe(true);
        await link.click();
        const now = await focused(page);
        expect(now, `${code}: focus after following its error link`).toMatchObject({
          id: `${code}-1`,
          tag: 'input',
        });
        expect(
          await group(page, code)
            .getByRole('radio')
            .first()
            .evaluate((el) => el === document.activeElement),
        ).toBe(true);
      }
      expect(await countResponses(suite.valuta)).toBe(before);
    });

    it('with JavaScript, moves the focus to the error summary of a refused submission (422), and Tab goes on to its first link', async () => {
      const page = await newPage();
      await openForm(page);
      const [reply] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        submit(page),
      ]);
      expect(reply.status()).toBe(422);
      const active = await page.evaluate(() => {
        const el = document.activeElement;
        return {
          className: el?.className ?? '',
          role: el?.getAttribute('role') ?? '',
          tabindex: el?.getAttribute('tabindex') ?? '',
          heading: el?.querySelector('h2')?.textContent ?? '',
        };
      });
      expect(active).toEqual({
        className: 'error-summary',
        role: 'alert',
        tabindex: '-1',
        heading: 'Alcune risposte vanno corrette',
      });
      await page.keyboard.press('Tab');
      const next = await focused(page);
      expect(next.tag).toBe('a');
      expect(next.text).toMatch(Q.SAT_OVERALL);
    });

    it('shows the question and its error, not only the first answer, after following an error link on a phone', async () => {
      const page = await newPage({ viewport: { width: 320, height: 640 } });
      await showErrors(page);
      for (const [i, code] of REQUIRED.entries()) {
        await page.getByRole('alert').getByRole('link').nth(i).click();
        const fieldset = group(page, code);
        const inView = await fieldset.evaluate((el) => {
          const legend = el.querySelector('legend')!.getBoundingClientRect();
          const error = el.querySelector('.error-message')!.getBoundingClientRect();
          return { legend: legend.top >= 0, error: error.top >= 0 && error.bottom <= innerHeight };
        });
        expect(inView, `${code}: question and error message in view`).toEqual({ legend: true, error: true });
      }
    });

    it('without JavaScript, asks about difficulties on a second step after a dissatisfied answer, keeping the earlier answers', async () => {
      const before = await countResponses(suite.valuta);
      const page = await newPage({ javaScriptEnabled: false });
      await openForm(page);
      expect(await group(page, 'PAIN_POINTS').count()).toBe(0);
      await answerAll(page, DISSATISFIED);
      await submit(page);

      expect(new URL(page.url()).pathname).toBe(`/s/${SPORTELLO}`);
      const notice = page.getByRole('status');
      expect(await notice.getByRole('paragraph').textContent()).toBe(
        'Grazie. In base alle sue risposte, le chiediamo ancora:',
      );
      await notice.getByRole('link', { name: 'Dove ha incontrato le maggiori difficoltà?' }).click();
      expect(await page.evaluate(() => document.activeElement?.id ?? location.hash)).toMatch(/PAIN_POINTS-1/);
      expect(await group(page, 'PAIN_POINTS').isVisible()).toBe(true);
      for (const [question, label] of Object.entries(DISSATISFIED)) {
        expect(
          await group(page, question as Question)
            .getByLabel(label, { exact: true })
            .isChecked(),
          `${question} still "${label}"`,
        ).toBe(true);
      }
      expect(await countResponses(suite.valuta)).toBe(before);

      await answerAll(page, { PAIN_POINTS: 'Le indicazioni non erano chiare' });
      await answerAll(page, { PAIN_POINTS: 'Problemi tecnici' });
      await submit(page);

      expect(new URL(page.url()).pathname).toBe(`/s/${SPORTELLO}/grazie`);
      expect(await page.getByRole('status').textContent()).toContain(THANKS_BODY);
      expect(await countResponses(suite.valuta)).toBe(before + 1);
      // Stored as answered on both steps.
      await releaseAll(suite.valuta);
      const stored = await suite.valuta.database.db
        .selectFrom('response')
        .innerJoin('service', 'service.id', 'response.serviceId')
        .select('response.answers')
        .where('service.slug', '=', SPORTELLO)
        .execute();
      expect(stored.map((r) => r.answers).filter((a) => 'PAIN_POINTS' in a)).toEqual([
        {
          SAT_OVERALL: 1,
          EASE: 3,
          EFFECTIVENESS: 'yes-partly',
          INFO_CLARITY: 2,
          PAIN_POINTS: ['unclear-instructions', 'technical-problems'],
        },
      ]);
    });

    it('can be answered and sent with the keyboard alone, with the focus always visible', async () => {
      const page = await newPage();
      await openForm(page);
      const press = async (key: string) => {
        await page.keyboard.press(key);
        return focused(page);
      };

      expect(await press('Tab')).toMatchObject({ tag: 'a', text: 'Vai al contenuto', outlined: true });
      expect(await press('Enter')).toMatchObject({ id: 'main' });

      expect(await press('Tab')).toMatchObject({ id: 'SAT_OVERALL-1', outlined: true });
      await press('Space');
      for (let i = 0; i < 3; i++) await press('ArrowDown');
      expect(await press('Tab')).toMatchObject({ id: 'EASE-1', outlined: true });
      await press('Space');
      for (let i = 0; i < 2; i++) await press('ArrowRight');
      expect(await press('Tab')).toMatchObject({ id: 'EFFECTIVENESS-1', outlined: true });
      await press('Space');
      expect(await press('Tab')).toMatchObject({ id: 'INFO_CLARITY-1', outlined: true });
      await press('Space');
      for (let i = 0; i < 3; i++) await press('ArrowDown');

      for (const [question, label] of Object.entries(SATISFIED)) {
        expect(
          await group(page, question as Question)
            .getByLabel(label, { exact: true })
            .isChecked(),
          `${question} is "${label}"`,
        ).toBe(true);
      }
      // The optional questions each take one Tab stop, then the button.
      expect(await press('Tab')).toMatchObject({ id: 'TIME-1', outlined: true });
      expect(await press('Tab')).toMatchObject({ id: 'FIRST_TIME-1', outlined: true });
      expect(await press('Tab')).toMatchObject({ id: 'SUGGESTIONS-1', outlined: true });
      expect(await press('Tab')).toMatchObject({ tag: 'button', text: SUBMIT, outlined: true });
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

      expect(new URL(page.url()).pathname).toBe(`/s/${SPORTELLO}/grazie`);
      expect(await page.getByRole('status').textContent()).toContain(THANKS_BODY);
    });

    for (const lang of ['it', 'en'] as const) {
      it.each(FAMILIES.map((f) => [f.family, f] as const))(
        `%s is answered and sent in ${lang}, with its follow-up shown in place`,
        async (_family, family) => {
          const before = await countResponses(suite.valuta);
          const page = await newPage({ locale: LOCALE[lang] });
          const response = await page.goto(`/s/${family.slug}`);
          expect(response?.status()).toBe(200);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(family.title[lang]);
          await family.answer(page, lang);
          await submit(page);

          const url = new URL(page.url());
          expect(url.pathname).toBe(`/s/${family.slug}/grazie`);
          expect(url.searchParams.get('lang')).toBe(lang);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          expect(await page.getByRole('status').textContent()).toContain(family.closing[lang]);
          expect(await countResponses(suite.valuta)).toBe(before + 1);
          await releaseAll(suite.valuta);
          const stored = await suite.valuta.database.db
            .selectFrom('response')
            .innerJoin('service', 'service.id', 'response.serviceId')
            .select(['response.lang', 'response.channel'])
            .where('service.slug', '=', family.slug)
            .execute();
          expect(stored).toContainEqual({ lang, channel: 'web' });
        },
      );
    }

    it('with JavaScript, shows the follow-up in place after a dissatisfied answer, hides it again, and sends in one step', async () => {
      const slug = 'roma-cambio-residenza';
      const before = await countResponses(suite.valuta);
      const page = await newPage();
      await openForm(page, slug);
      expect(await group(page, 'PAIN_POINTS').count()).toBe(0);
      await answer(page, 'SAT_OVERALL', 'Non soddisfacente');
      expect(await group(page, 'PAIN_POINTS').isVisible()).toBe(true);
      // Announced to screen readers, in a polite live region.
      expect(await page.locator('#questions-added').textContent()).toContain(
        'Dove ha incontrato le maggiori difficoltà?',
      );
      // No longer asked: hidden again, and nothing of it would be sent.
      await answer(page, 'SAT_OVERALL', 'Soddisfacente');
      expect(await group(page, 'PAIN_POINTS').count()).toBe(0);
      expect(await page.locator('#PAIN_POINTS-1').isDisabled()).toBe(true);

      await answerAll(page, DISSATISFIED);
      await answerAll(page, { PAIN_POINTS: 'Accesso con SPID o CIE' });
      await submit(page);

      // Straight to the thanks: no second step.
      expect(new URL(page.url()).pathname).toBe(`/s/${slug}/grazie`);
      expect(await countResponses(suite.valuta)).toBe(before + 1);
      await releaseAll(suite.valuta);
      const stored = await suite.valuta.database.db
        .selectFrom('response')
        .innerJoin('service', 'service.id', 'response.serviceId')
        .select('response.answers')
        .where('service.slug', '=', slug)
        .execute();
      expect(stored.map((r) => r.answers)).toContainEqual({
        SAT_OVERALL: 1,
        EASE: 3,
        EFFECTIVENESS: 'yes-partly',
        INFO_CLARITY: 2,
        PAIN_POINTS: ['spid-cie-login'],
      });
    });

    it('rates with stars by keyboard alone: arrows move along the stars, the follow-up follows the rating', async () => {
      const page = await newPage();
      await openForm(page, 'bologna-permesso-ztl');
      const press = async (key: string) => {
        await page.keyboard.press(key);
        return focused(page);
      };
      /** Whether the star of the focused radio is outlined. */
      const starOutlined = () =>
        page.evaluate(() => {
          const svg = document.querySelector(`label[for="${document.activeElement?.id}"] svg`);
          const style = svg ? getComputedStyle(svg) : undefined;
          return style !== undefined && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        });
      expect(await press('Tab')).toMatchObject({ tag: 'a', text: 'Vai al contenuto' });
      await press('Enter');
      expect(await press('Tab')).toMatchObject({ id: 'EASE_5-1' });
      expect(await starOutlined()).toBe(true);
      await press('Space');
      expect(await page.getByRole('group', { name: /^Dove hai incontrato/ }).isVisible()).toBe(true);
      for (let i = 0; i < 3; i++) await press('ArrowRight');
      expect(await page.getByRole('radio', { name: '4 stelle su 5' }).isChecked()).toBe(true);
      expect(await page.getByRole('group', { name: /^Dove hai incontrato/ }).count()).toBe(0);
      expect(await page.getByRole('group', { name: /^Quali sono stati gli aspetti/ }).isVisible()).toBe(true);
      // Four stars drawn filled, the fifth not.
      const filled = await page
        .locator('.stars svg')
        .evaluateAll((svgs) => svgs.map((svg) => getComputedStyle(svg).fill));
      expect(new Set(filled.slice(0, 4)).size).toBe(1);
      expect(filled[4]).not.toBe(filled[0]);

      expect(await press('Tab')).toMatchObject({ id: 'PREFERRED-1', outlined: true });
      await press('Space');
      expect(await press('Tab')).toMatchObject({ id: 'DETAILS-1', outlined: true });
      await page.keyboard.type('Tutto chiaro');
      expect(await press('Tab')).toMatchObject({ tag: 'button', text: SUBMIT, outlined: true });
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toBe('/s/bologna-permesso-ztl/grazie');
      expect(await page.getByRole('status').textContent()).toContain(
        'Grazie, il tuo parere ci aiuterà a migliorare il servizio!',
      );
    });

    it('switches language with links named in their own language, keeping the channel', async () => {
      const page = await newPage();
      await page.goto(`/s/${SPORTELLO}?channel=qr`);
      const nav = page.getByRole('navigation', { name: 'Lingua' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Italiano', 'English', 'Deutsch']);
      expect(await nav.getByRole('link', { name: 'Italiano' }).getAttribute('aria-current')).toBe('true');
      await nav.getByRole('link', { name: 'Deutsch' }).click();
      expect(await page.getAttribute('html', 'lang')).toBe('de');
      expect(await page.getByRole('button', { name: 'Bewertung senden' }).isVisible()).toBe(true);
      expect(await page.locator('input[name="channel"]').inputValue()).toBe('qr');
      await page.getByRole('link', { name: 'Datenschutzhinweis' }).first().click();
      expect(new URL(page.url()).pathname).toBe('/privacy');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Datenschutzhinweis');
    });

    describe('meets WCAG 2.1 AA (axe-core)', () => {
      // axe runs as a script in the page: the second step is reached with the page's own script
      // blocked (as when it fails to load), which the form answers as it does without JavaScript.
      const withoutPageScript = async (page: Page) => {
        await page.route('**/assets/hosted.js', (route) => route.abort());
        await showStepTwo(page);
      };
      const cases: [string, BrowserContextOptions, (page: Page) => Promise<unknown>][] = [
        ['the form page', {}, (page) => openForm(page)],
        ['a star-rating form page', {}, (page) => openForm(page, 'bologna-carta-identita')],
        ['the form page with errors', {}, showErrors],
        ['the second step (page script not loaded)', {}, withoutPageScript],
        ['the follow-up shown in place (with JavaScript)', {}, showInline],
        ['the thank-you page', {}, showThanks],
        ['the 404 page', {}, (page) => page.goto('/s/does-not-exist')],
        ['the privacy notice', {}, (page) => page.goto('/privacy')],
        ['the index page', {}, (page) => page.goto('/')],
      ];
      for (const lang of ['it', 'en'] as const) {
        it.each(cases)(`%s in ${lang}`, async (_name, options, open) => {
          const page = await newPage({ ...options, locale: LOCALE[lang] });
          await open(page);
          expect(await axeViolations(page)).toEqual([]);
        });
      }
    });

    it('reflows at 320 px: no horizontal scrolling on any citizen page', async () => {
      for (const [state, options, open] of [
        ['form', {}, (p: Page) => openForm(p)],
        ['star-rating form', {}, (p: Page) => openForm(p, 'bologna-permesso-ztl')],
        ['errors', {}, showErrors],
        ['second step', { javaScriptEnabled: false }, showStepTwo],
        ['thanks', {}, showThanks],
        ['privacy', { locale: 'de-DE' }, (p: Page) => p.goto('/privacy')],
      ] as const) {
        const page = await newPage({ viewport: { width: 320, height: 640 }, ...options });
        await open(page);
        await page.evaluate(() => document.fonts.ready);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect(scrollWidth, `${state}: page wider than the 320 px screen`).toBeLessThanOrEqual(clientWidth);
      }
    });

    it('saves screenshots for review', async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const shots: [string, BrowserContextOptions, (page: Page) => Promise<unknown>][] = [
        ...FAMILIES.flatMap((f): [string, BrowserContextOptions, (page: Page) => Promise<unknown>][] => [
          [`hosted-${f.family}-desktop.png`, { viewport: DESKTOP }, (page) => openForm(page, f.slug)],
          [`hosted-${f.family}-phone.png`, { viewport: PHONE }, (page) => openForm(page, f.slug)],
        ]),
        ['hosted-inline-phone.png', { viewport: PHONE }, showInline],
        ['hosted-errors-phone.png', { viewport: PHONE }, showErrors],
        ['hosted-step2-phone.png', { viewport: PHONE, javaScriptEnabled: false }, showStepTwo],
        ['hosted-en-phone.png', { viewport: PHONE, locale: 'en-GB' }, (page) => openForm(page)],
        ['thanks-phone.png', { viewport: PHONE }, showThanks],
        ['privacy-phone.png', { viewport: PHONE }, (page) => page.goto('/privacy')],
        ['index-desktop.png', { viewport: DESKTOP }, (page) => page.goto('/')],
      ];
      for (const [file, options, open] of shots) {
        const page = await newPage(options);
        await open(page);
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: `${SCREENSHOTS}${file}`, fullPage: true });
      }
      // Fifteen pages, each loaded and drawn whole: on a busy machine that takes over the 30 s default.
    }, 120_000);
  },
);
