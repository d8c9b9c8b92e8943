import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/commands/passwords.js';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../../src/demo/accounts.js';
import { CHROMIUM } from '../support/suites.js';
import { axeViolations, browserSuite } from './browser.js';
import { settled, watchProblems } from './console-page.js';

const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
/** axe-core and full-page screenshots of many pages: give them time on a busy machine. */
const LONG = 240_000;
/** A journey through several pages: seconds alone, ten times that on a machine busy with other suites. */
const FLOW = 60_000;

type Who = 'platform' | 'enteAdmin' | 'analyst' | 'noRole' | 'totp';
const EMAIL: Record<Who, string> = {
  platform: DEMO_ACCOUNTS[0].email,
  enteAdmin: DEMO_ACCOUNTS[1].email,
  analyst: DEMO_ACCOUNTS[2].email,
  noRole: 'nessun.ruolo@comune.example.it',
  /** Turns two-step verification on and off (its own test). */
  totp: 'due.passaggi@comune.example.it',
};
const HUB = 'inps-hub-prestazioni';

/**
 * The pages axe also checks at 360 px: the frame (the folded menu) and the densest pages. The
 * rules axe applies do not change with the width; what does (reflow, one h1) is checked on all.
 */
const AXE_ON_PHONE = new Set(['accedi', 'home', 'servizio', 'servizi-nuovo', 'audit']);

/** Every page of the console, by who sees it (a role that may not see a page gets a message). */
const PAGES: readonly [Who, string, string][] = [
  ['platform', 'home', '/console/'],
  ['platform', 'risultati', '/console/risultati'],
  ['platform', 'enti', '/console/enti'],
  ['platform', 'enti-richiesta', '/console/enti/richiesta'],
  ['platform', 'ente', '/console/enti/inps'],
  ['platform', 'servizi', '/console/servizi'],
  ['platform', 'servizi-nuovo', '/console/servizi/nuovo'],
  ['platform', 'servizio', `/console/servizi/${HUB}`],
  ['platform', 'servizio-modifica', `/console/servizi/${HUB}/modifica`],
  ['platform', 'questionnaires', '/console/questionnaires'],
  ['platform', 'persone', '/console/persone'],
  ['platform', 'chiavi', '/console/chiavi'],
  ['platform', 'audit', '/console/audit'],
  ['platform', 'non-trovata', '/console/non-esiste'],
  ['enteAdmin', 'account', '/console/account'],
  ['enteAdmin', 'ente-admin-home', '/console/'],
  ['enteAdmin', 'ente-admin-servizio', `/console/servizi/${HUB}`],
  ['enteAdmin', 'ente-admin-persone', '/console/persone'],
  ['analyst', 'analyst-home', '/console/'],
  ['analyst', 'analyst-persone-vietata', '/console/persone'],
  ['noRole', 'no-role-home', '/console/'],
  ['noRole', 'no-role-richiesta', '/console/enti/richiesta'],
];

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'the console (/console) in Chromium'
    : `the console (/console) in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    const suite = browserSuite({}, { viewport: DESKTOP });
    let password = '';
    /** Each person's signed-in browser state (cookies), made once: sign-ins are rate-limited. */
    const signedIn = {} as Record<Who, NonNullable<BrowserContextOptions['storageState']>>;

    beforeAll(async () => {
      const db = suite.valuta.database.db;
      password = (await createDemoAccounts(db))!;
      // People signed in without a role yet (as OIDC leaves a newcomer).
      const passwordHash = await hashPassword(password);
      await db
        .insertInto('staffUser')
        .values(
          [EMAIL.noRole, EMAIL.totp].map((email) => ({ email, role: null, enteId: null, passwordHash })),
        )
        .execute();
      for (const who of Object.keys(EMAIL) as Who[]) {
        const page = await suite.newPage();
        const answer = await page.request.post('/api/v1/auth/login', {
          data: { email: EMAIL[who], password },
        });
        expect(answer.status(), `${who} signs in`).toBe(200);
        signedIn[who] = await page.context().storageState();
      }
    }, 60_000);

    /** A page signed in as `who`, recording CSP violations and script errors. */
    async function pageAs(who: Who | null, options: BrowserContextOptions = {}) {
      const page = await suite.newPage(who === null ? options : { ...options, storageState: signedIn[who] });
      return { page, problems: await watchProblems(page) };
    }

    /** Ticks a radio or a checkbox as a person does, by its label (Bootstrap Italia draws the box on the label). */
    const tick = (page: Page, label: string | RegExp) =>
      page.locator('label').filter({ hasText: label }).click();

    const focused = (page: Page) =>
      page.evaluate(() => {
        const active = document.activeElement;
        return { tag: active?.tagName, id: active?.id, text: active?.textContent?.trim().slice(0, 60) ?? '' };
      });

    it(
      'every page meets WCAG 2.1 AA (axe-core) at 1280 px (and the frame and densest pages at 360 px), with one h1, no horizontal scroll, no CSP violation; screenshots saved',
      async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const shots: [Who | null, string, string][] = [
          [null, 'accedi', '/console/accedi'],
          [null, 'invito', '/console/invito/un-invito-che-non-esiste-0123456789'],
          ...PAGES,
        ];
        for (const [label, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          for (const [who, name, path] of shots) {
            const { page, problems } = await pageAs(who, { viewport });
            const response = await page.goto(path);
            expect(response?.status(), path).toBe(200);
            await settled(page);
            expect(await page.locator('h1').count(), `${path}: one h1`).toBe(1);
            if (label === 'desktop' || AXE_ON_PHONE.has(name))
              expect(await axeViolations(page), `${path} at ${label}`).toEqual([]);
            const { scrollWidth, clientWidth } = await page.evaluate(() => ({
              scrollWidth: document.documentElement.scrollWidth,
              clientWidth: document.documentElement.clientWidth,
            }));
            expect(scrollWidth, `${path} at ${label}: wider than the screen`).toBeLessThanOrEqual(
              clientWidth,
            );
            expect(problems, path).toEqual([]);
            await page.screenshot({ path: `${SCREENSHOTS}console-${name}-${label}.png`, fullPage: true });
            await page.context().close();
          }
        }
      },
      LONG,
    );

    it(
      'signing in: the skip link comes first; errors go to a focused summary linked to the fields; then the home, its h1 focused',
      async () => {
        const { page, problems } = await pageAs(null);
        await page.goto('/console/');
        await page.waitForURL('**/console/accedi');
        await settled(page);
        await page.keyboard.press('Tab');
        expect((await focused(page)).text).toBe('Vai al contenuto principale');
        await page.keyboard.press('Enter');
        expect((await focused(page)).id).toBe('main');

        await page.getByRole('button', { name: 'Accedi', exact: true }).click();
        const summary = page.getByRole('alert');
        expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator('#email').getAttribute('aria-describedby')).toContain('email-error');
        await summary.getByRole('link', { name: /^E-mail/ }).click();
        expect((await focused(page)).id).toBe('email');

        await page.locator('#email').fill(EMAIL.enteAdmin);
        await page.locator('#password').fill('not the password');
        await page.keyboard.press('Enter');
        await expect.poll(() => summary.textContent()).toContain('E-mail o password errate');

        await page.locator('#password').fill(password);
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/console\/?$/);
        await settled(page, 'Home');
        expect((await focused(page)).tag).toBe('H1');
        expect(await page.title()).toBe('Home — Valuta console');
        // Following a link moves the focus to the new page's h1 too.
        await page.getByRole('navigation').getByRole('link', { name: 'Servizi' }).click();
        await settled(page, 'Servizi');
        expect(await focused(page)).toMatchObject({ tag: 'H1', text: 'Servizi' });
        expect(problems).toEqual([]);
      },
      FLOW,
    );

    it(
      'switches to English and back, keeping <html lang> in step',
      async () => {
        const { page } = await pageAs('analyst');
        await page.goto('/console/');
        await settled(page);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');
        await page.getByRole('button', { name: 'English' }).click();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
        expect(await page.locator('h1').textContent()).toBe('Home');
        await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
        await page.getByRole('button', { name: 'Italiano' }).click();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');
      },
      FLOW,
    );

    it(
      'a page the role may not see shows the server’s answer as a message, and an unknown service says not found; a session gone sends to sign-in, which says so, and back',
      async () => {
        const { page, problems } = await pageAs('analyst');
        await page.goto('/console/persone');
        await settled(page);
        await expect.poll(() => page.getByRole('alert').textContent()).toContain('Il tuo ruolo non consente');
        await page.goto('/console/servizi/servizio-che-non-esiste');
        await settled(page);
        await expect.poll(() => page.getByRole('alert').textContent()).toContain('Non trovato');

        // The session cookie gone (as when the session expires): the next call answers 401.
        await page.context().clearCookies();
        await page.getByRole('navigation').getByRole('link', { name: 'Servizi' }).click();
        await page.waitForURL('**/console/accedi');
        const expired = page
          .getByRole('alert')
          .filter({ hasText: 'La sessione è scaduta: accedi di nuovo.' });
        await expired.waitFor();
        expect(await expired.evaluate((el) => el === document.activeElement)).toBe(true);
        await page.locator('#email').fill(EMAIL.analyst);
        await page.locator('#password').fill(password);
        await page.keyboard.press('Enter');
        await page.waitForURL('**/console/servizi');
        await settled(page, 'Servizi');
        expect(problems).toEqual([]);
      },
      FLOW,
    );

    it(
      'each questionnaire version links to its JSON, which the admin API answers',
      async () => {
        const { page } = await pageAs('analyst');
        await page.goto('/console/questionnaires');
        await settled(page);
        const links = page.getByRole('link', { name: /^JSON della versione/ });
        expect(await links.count()).toBeGreaterThan(0);
        const answer = await page.request.get((await links.first().getAttribute('href'))!);
        expect(answer.status()).toBe(200);
        expect(await answer.json()).toHaveProperty('items');
      },
      FLOW,
    );

    /** The accessible name of the focused element: its label, or its own text. */
    const focusedName = (page: Page) =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return (
          el?.labels?.[0]?.textContent ??
          el?.getAttribute('aria-label') ??
          el?.textContent ??
          ''
        ).trim();
      });

    /** Presses Tab until the focus is on the control named `name` (at most 40 times). */
    async function tabTo(page: Page, name: string | RegExp) {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const now = await focusedName(page);
        if (typeof name === 'string' ? now.startsWith(name) : name.test(now)) return;
      }
      throw new Error(`Tab never reached ${String(name)}`);
    }

    /** In a group of radios reached by Tab: Space ticks the first, arrows move to the one named. */
    async function chooseRadio(page: Page, group: string | RegExp, name: string) {
      await tabTo(page, group);
      await page.keyboard.press('Space');
      for (let i = 0; i < 10 && !(await focusedName(page)).startsWith(name); i++)
        await page.keyboard.press('ArrowDown');
      expect(await focusedName(page)).toContain(name);
    }

    it(
      'one journey: a person asks for their ente to join, the office approves, and the new ente-admin signs in, registers a service by keyboard alone, copies its snippet, invites an analyst, and is refused what is not theirs',
      async () => {
        // 1. A person signed in without a role asks for their ente (from the IndicePA registry).
        const asker = await pageAs('noRole');
        await asker.page.goto('/console/');
        await settled(asker.page);
        await asker.page.getByRole('link', { name: 'Chiedi l’adesione del tuo ente' }).click();
        await settled(asker.page, 'Richiedi l’adesione del tuo ente');
        await asker.page.getByLabel('Cerca nell’IndicePA').fill('Milano');
        await asker.page.getByRole('button', { name: 'Cerca' }).click();
        const choice = asker.page.getByRole('radio').first();
        await choice.waitFor({ state: 'attached' });
        const ipaCode = (await choice.getAttribute('value'))!;
        await asker.page.locator(`label[for="${await choice.getAttribute('id')}"]`).click();
        await asker.page.getByLabel('Nome e cognome del RTD').fill('Giulia Verdi');
        await asker.page.getByLabel('E-mail del RTD').fill('rtd@comune.example.it');
        await asker.page.getByRole('button', { name: 'Invia la richiesta' }).click();
        await expect
          .poll(() => asker.page.getByRole('status').first().textContent())
          .toContain('Richiesta inviata');
        await asker.page.context().close();

        // 2. The central office approves it: the asker becomes its ente-admin.
        const office = await pageAs('platform');
        await office.page.goto(`/console/enti/${ipaCode}`);
        await settled(office.page);
        await office.page.getByRole('button', { name: 'Approva' }).click();
        const notice = office.page.getByRole('status').filter({ hasText: 'Ente approvato.' });
        await notice.waitFor();
        expect(await notice.evaluate((el) => el === document.activeElement)).toBe(true);
        // Suspending asks first: the dialog opens on "Annulla", Escape closes it.
        await office.page.getByRole('button', { name: 'Sospendi' }).click();
        expect((await focused(office.page)).text).toBe('Annulla');
        await office.page.keyboard.press('Escape');
        expect((await focused(office.page)).text).toBe('Sospendi');
        expect(office.problems).toEqual([]);
        await office.page.context().close();

        // 3. The new ente-admin signs in, by keyboard alone.
        const { page, problems } = await pageAs(null);
        await page
          .context()
          .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.baseUrl });
        await page.goto('/console/accedi');
        await settled(page);
        await tabTo(page, 'E-mail');
        await page.keyboard.type(EMAIL.noRole);
        await tabTo(page, 'Password');
        await page.keyboard.type(password);
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/console\/?$/);
        await settled(page, 'Home');

        // 4. ...and registers a service without the mouse: the server's field error first (a slug taken).
        await page.goto('/console/servizi/nuovo');
        await settled(page);
        await tabTo(page, 'Nome del servizio');
        await page.keyboard.type('Certificato anagrafico online');
        await tabTo(page, 'Identificativo (slug)');
        expect(await page.getByLabel('Identificativo (slug)').inputValue()).toBe(
          'certificato-anagrafico-online',
        );
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(HUB); // another ente's: taken
        await tabTo(page, 'Indirizzo del servizio');
        await page.keyboard.type('https://www.comune.milano.it/certificati');
        await chooseRadio(page, /^Dispositivo/, 'Dispositivo');
        await tabTo(page, 'Famiglia di questionari');
        await page.keyboard.type('cx-dispositivo');
        expect(await page.getByLabel('Famiglia di questionari').inputValue()).toBe('cx-dispositivo');
        await chooseRadio(page, 'Al termine della pratica', 'Al termine della pratica');
        await tabTo(page, 'Registra il servizio');
        await page.keyboard.press('Enter');
        const summary = page.getByRole('alert');
        await expect.poll(() => summary.textContent()).toMatch(/./);
        expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
        // in the reader's language, on the field: not the server's English detail
        expect(await summary.textContent()).toContain('Identificativo (slug): È già in uso');
        expect(await summary.textContent()).not.toContain('is taken');
        await tabTo(page, /./); // the summary's link to the field at fault
        await page.keyboard.press('Enter');
        expect((await focused(page)).id).toBe(
          (await page.getByLabel('Identificativo (slug)').getAttribute('id'))!,
        );
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type('milano-certificati');
        await tabTo(page, 'Registra il servizio');
        await page.keyboard.press('Enter');
        await page.waitForURL('**/console/servizi/milano-certificati');
        await settled(page, 'Certificato anagrafico online');
        await tabTo(page, 'Attiva');
        await page.keyboard.press('Enter');
        await page.getByRole('status').filter({ hasText: 'Servizio attivato' }).waitFor();

        // 5. Copies the snippet.
        await page.getByRole('button', { name: 'Copia il codice' }).click();
        await expect.poll(() => page.getByText('Copiato negli appunti.').count()).toBe(1);
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toBe(await page.getByLabel('Codice da incorporare').inputValue());
        expect(copied).toContain('milano-certificati');

        // 6. Invites an analyst, who sets a password and is signed in to the same ente.
        await page.getByRole('navigation').getByRole('link', { name: 'Persone' }).click();
        await settled(page, 'Persone');
        await page.getByLabel('E-mail').fill('analista@comune.milano.example');
        await page.getByLabel('Ruolo').selectOption('ente-analyst');
        await page.getByRole('button', { name: 'Crea l’invito' }).click();
        const link = page.getByLabel('Link di invito');
        await link.waitFor();
        const url = new URL(await link.inputValue());
        expect(url.pathname).toMatch(/^\/console\/invito\/.{20,}/);
        const invited = await pageAs(null);
        await invited.page.goto(url.pathname);
        await settled(invited.page);
        await invited.page.getByLabel('Nuova password').fill('una frase lunga e sicura');
        await invited.page.getByLabel('Ripeti la password').fill('un’altra frase');
        await invited.page.getByRole('button', { name: 'Imposta la password e accedi' }).click();
        expect(await invited.page.locator('#repeat-error').textContent()).toContain('non coincidono');
        await invited.page.getByLabel('Ripeti la password').fill('una frase lunga e sicura');
        await invited.page.getByRole('button', { name: 'Imposta la password e accedi' }).click();
        await invited.page.waitForURL(/\/console\/?$/);
        await settled(invited.page, 'Home');
        expect((await focused(invited.page)).tag).toBe('H1');
        expect(await invited.page.getByText('Accesso come analista@comune.milano.example').count()).toBe(1);
        const theirs = await invited.page.request.get('/api/v1/auth/session');
        expect((await theirs.json()).user).toMatchObject({ role: 'ente-analyst', ente: { ipaCode } });
        expect(invited.problems).toEqual([]);

        // 7. What belongs to another ente is not found, in the console and in the API alike.
        await page.goto(`/console/servizi/${HUB}`);
        await settled(page);
        await expect.poll(() => page.getByRole('alert').textContent()).toContain('Non trovato');
        await page.goto('/console/enti/inps');
        await settled(page);
        await expect.poll(() => page.getByRole('alert').textContent()).toContain('Non trovato');
        expect((await page.request.get(`/api/v1/admin/services/${HUB}`)).status()).toBe(404);
        expect((await page.request.get('/api/v1/admin/enti/inps')).status()).toBe(404);
        expect(problems).toEqual([]);
      },
      FLOW * 2,
    );

    it(
      'an API key’s secret is shown once; revoking asks first',
      async () => {
        const { page, problems } = await pageAs('enteAdmin');
        await page.goto('/console/chiavi');
        await settled(page);
        await page.getByLabel('Nome della chiave').fill('Gestionale protocollo');
        await tick(page, /completion-tokens:mint/);
        await page.getByRole('button', { name: 'Crea la chiave' }).click();
        const secret = page.getByLabel('Segreto della chiave');
        await secret.waitFor();
        expect(await secret.inputValue()).toMatch(/^vk_/);

        const revokeButton = page.getByRole('button', { name: 'Revoca Gestionale protocollo' });
        await revokeButton.click();
        await page.getByRole('dialog').getByRole('button', { name: 'Revoca' }).click();
        // The notice takes the focus, and keeps it once the list drops the button pressed.
        const revoked = page.getByRole('status').filter({ hasText: 'revocata' });
        await revoked.waitFor();
        const noticeFocused = () => revoked.evaluate((el) => el === document.activeElement);
        await expect.poll(noticeFocused).toBe(true);
        await expect.poll(() => revokeButton.count()).toBe(0);
        expect(await noticeFocused()).toBe(true);
        await page.reload();
        await settled(page);
        expect(await secret.count()).toBe(0);
        expect(problems).toEqual([]);
      },
      FLOW,
    );

    it(
      'the audit trail lists what the tests did and shows the chain’s verdict, focused',
      async () => {
        const { page, problems } = await pageAs('platform');
        await page.goto('/console/audit');
        await settled(page);
        await page.getByRole('button', { name: 'Verifica catena' }).click();
        const verdict = page.getByRole('status').filter({ hasText: 'Catena integra' });
        await verdict.waitFor();
        expect(await verdict.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(problems).toEqual([]);
      },
      FLOW,
    );

    it(
      'two-step verification: turned on from the account page with the app’s code, then asked for at sign-in, turned off with a code',
      async () => {
        const { page, problems } = await pageAs('totp');
        await page.goto('/console/');
        await settled(page);
        await page.getByRole('link', { name: /il mio account/ }).click();
        await settled(page, 'Il mio account');
        expect(await focused(page)).toMatchObject({ tag: 'H1', text: 'Il mio account' });
        expect(await page.locator('main dl').textContent()).toContain('Nessun ruolo');

        await page.getByRole('button', { name: 'Attiva la verifica in due passaggi' }).click();
        const key = page.getByLabel('Chiave da inserire nell’app');
        await key.waitFor();
        expect(await focused(page)).toMatchObject({ tag: 'H4' });
        const shown = await key.inputValue();
        expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
        const totp = new TOTP({ secret: Secret.fromBase32(shown.replace(/ /g, '')) });
        const link = page.getByRole('link', { name: 'Apri nell’app di autenticazione' });
        expect(await link.getAttribute('href')).toMatch(/^otpauth:\/\/totp\/.*secret=/);
        const code = page.getByLabel('Codice di verifica', { exact: true });
        expect(await code.getAttribute('inputmode')).toBe('numeric');
        expect(await code.getAttribute('autocomplete')).toBe('one-time-code');

        // A wrong code: the focused summary, linked to the field.
        await code.fill(String((Number(totp.generate()) + 500_000) % 1_000_000).padStart(6, '0'));
        await page.getByRole('button', { name: 'Conferma' }).click();
        const summary = page.getByRole('alert');
        await expect.poll(() => summary.textContent()).toContain('Non è il codice che l’app mostra ora');
        expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
        await summary.getByRole('link').click();
        expect((await focused(page)).id).toBe('code');
        await code.fill(totp.generate());
        await page.getByRole('button', { name: 'Conferma' }).click();
        const on = page.getByRole('status').filter({ hasText: 'Verifica in due passaggi attivata' });
        await on.waitFor();
        expect(await on.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(problems).toEqual([]);

        // Signing in again asks for the code.
        const again = await pageAs(null);
        await again.page.goto('/console/accedi');
        await settled(again.page);
        await again.page.locator('#email').fill(EMAIL.totp);
        await again.page.locator('#password').fill(password);
        await again.page.keyboard.press('Enter');
        const asked = again.page.getByLabel('Codice di verifica');
        await asked.waitFor();
        expect((await focused(again.page)).id).toBe('totp');
        await asked.fill(totp.generate());
        await again.page.keyboard.press('Enter');
        await again.page.waitForURL(/\/console\/?$/);
        await settled(again.page, 'Home');

        // Off with a code; once off, it says there is nothing to turn off.
        await again.page.goto('/console/account');
        await settled(again.page);
        const off = again.page.getByLabel('Codice di verifica per disattivare');
        await off.fill(totp.generate());
        await again.page.getByRole('button', { name: 'Disattiva' }).click();
        const offNotice = again.page.getByRole('status').filter({ hasText: 'disattivata' });
        await offNotice.waitFor();
        expect(await offNotice.evaluate((el) => el === document.activeElement)).toBe(true);
        await off.fill(totp.generate());
        await again.page.getByRole('button', { name: 'Disattiva' }).click();
        await expect
          .poll(() => again.page.getByRole('alert').textContent())
          .toContain('non è attiva per il tuo account');
        expect(again.problems).toEqual([]);
      },
      FLOW,
    );

    it(
      'on a 360 px phone the navigation folds behind "Menu"',
      async () => {
        const { page } = await pageAs('platform', { viewport: PHONE });
        await page.goto('/console/');
        await settled(page);
        const menu = page.getByRole('button', { name: 'Menu' });
        const services = page.getByRole('navigation').getByRole('link', { name: 'Servizi' });
        expect(await services.isVisible()).toBe(false);
        await menu.click();
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        await services.click();
        await settled(page, 'Servizi');
        expect(await services.isVisible()).toBe(false);
        expect(await focused(page)).toMatchObject({ tag: 'H1', text: 'Servizi' });
      },
      FLOW,
    );
  },
);
