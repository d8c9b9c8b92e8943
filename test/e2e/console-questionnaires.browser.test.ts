import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, TEST_PASSWORD } from '../support/staff.js';
import { CHROMIUM } from '../support/suites.js';
import { axeViolations, browserSuite } from './browser.js';
import { settled, watchProblems } from './console-page.js';

const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
/** A journey through several pages with axe and screenshots: generous on a busy machine. */
const FLOW = 180_000;
const FAMILY = 'cx-dispositivo';
const NEW_QUESTION = 'Nel complesso, quanto è soddisfatto/a di questo servizio online?';
const NEW_LABEL = 'Yes, in part';

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'the console’s questionnaire editor, audit export and OIDC error, in Chromium'
    : `the console’s questionnaire editor, audit export and OIDC error, in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    const suite = browserSuite({}, { viewport: DESKTOP });
    let admin: NonNullable<BrowserContextOptions['storageState']>;
    let email = '';

    beforeAll(async () => {
      email = await addPerson(suite.valuta, 'platform-admin');
      const page = await suite.newPage();
      const answer = await page.request.post('/api/v1/auth/login', {
        data: { email, password: TEST_PASSWORD },
      });
      expect(answer.status()).toBe(200);
      admin = await page.context().storageState();
      await page.context().close();
    }, 60_000);

    /** A page (signed in as the central office unless `signedIn` is false), recording CSP violations and script errors. */
    async function newPage(signedIn = true) {
      const page = await suite.newPage(signedIn ? { storageState: admin } : {});
      return { page, problems: await watchProblems(page) };
    }

    const isFocused = (locator: ReturnType<Page['locator']>) =>
      locator.evaluate((el) => el === document.activeElement);

    /** axe at 1280 px, then screenshots at 1280 and 360 px (no horizontal scroll there). */
    async function check(page: Page, name: string) {
      await page.setViewportSize(DESKTOP);
      expect(await axeViolations(page), `${name} at 1280 px`).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}console-${name}-desktop.png`, fullPage: true });
      await page.setViewportSize(PHONE);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, `${name} at 360 px: wider than the screen`).toBeLessThanOrEqual(clientWidth);
      await page.screenshot({ path: `${SCREENSHOTS}console-${name}-phone.png`, fullPage: true });
      await page.setViewportSize(DESKTOP);
    }

    const storedResponses = async () => {
      const { rows } = await sql<{ n: number }>`
        select (select count(*) from response)::int + (select count(*) from response_pending)::int as n
      `.execute(suite.valuta.database.db);
      return rows[0]!.n;
    };

    it(
      'a draft is edited (the validator’s faults in the focused summary), previewed without storing, compared, and published',
      async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const { page, problems } = await newPage();
        await page.goto('/console/questionnaires');
        await settled(page);
        const family = page.getByRole('region', { name: FAMILY, exact: true });
        await family.getByRole('button', { name: `Nuova bozza di ${FAMILY}` }).click();
        await page.waitForURL('**/console/questionnaires/drafts/*');
        await settled(page, `Bozza di ${FAMILY}, versione 2`);
        const draftId = page.url().split('/').pop()!;

        // An Italian question and an English option label changed; a required Italian question emptied.
        const item = (code: string) => page.getByRole('group', { name: new RegExp(`: ${code} \\(`) });
        await item('SAT_OVERALL').getByLabel('Domanda (italiano)', { exact: true }).fill(NEW_QUESTION);
        await item('EFFECTIVENESS')
          .getByRole('group', { name: 'Opzione «yes-partly»' })
          .getByLabel('Etichetta (inglese)', { exact: true })
          .fill(NEW_LABEL);
        const emptied = item('INFO_CLARITY').getByLabel('Domanda (italiano)', { exact: true });
        const infoClarity = await emptied.inputValue();
        await emptied.fill('');
        // A new question, moved up one place (the focus stays on its button).
        await page.getByLabel('Tipo di domanda').selectOption('scale');
        await page.getByLabel('Codice della domanda').fill('TRUST');
        await page.getByRole('button', { name: 'Aggiungi la domanda' }).click();
        const trustQuestion = item('TRUST').getByLabel('Domanda (italiano)', { exact: true });
        expect(await isFocused(trustQuestion)).toBe(true);
        await trustQuestion.fill('Quanto si fida dei servizi online di questo ente?');
        await item('TRUST').getByRole('button', { name: 'Sposta su TRUST' }).click();
        expect(await isFocused(page.getByRole('button', { name: 'Sposta su TRUST' }))).toBe(true);
        expect(await page.getByRole('heading', { level: 3 }).nth(7).textContent()).toContain('TRUST');
        expect(await page.getByText('Ci sono modifiche non salvate.').count()).toBe(1);
        expect(
          await page
            .getByRole('link', { name: 'Apri l’anteprima', exact: true })
            .getAttribute('aria-describedby'),
        ).toBe('preview-note preview-unsaved');
        // Leaving with unsaved changes asks first; "Annulla" stays, the changes kept.
        const back = page.getByRole('link', { name: 'Torna ai questionari' });
        await back.click();
        const leave = page.getByRole('dialog', { name: 'Uscire senza salvare?' });
        await leave.waitFor();
        await leave.getByRole('button', { name: 'Annulla' }).click();
        await leave.waitFor({ state: 'hidden' }); // closed by a render after the click
        expect(page.url()).toContain(`/drafts/${draftId}`);
        await expect.poll(() => isFocused(back)).toBe(true);

        // An empty text is refused by the API's schema (400), blank spaces by the validator (422):
        // either way the focused summary names the field and links to it.
        const summary = page.getByRole('alert');
        for (const [blank, status] of [
          ['', 400],
          ['   ', 422],
        ] as const) {
          await emptied.fill(blank);
          const [answer] = await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'PUT'),
            page.getByRole('button', { name: 'Salva', exact: true }).click(),
          ]);
          expect(answer.status()).toBe(status);
          await summary.waitFor();
          await expect.poll(() => isFocused(summary)).toBe(true);
          expect(await summary.textContent()).toContain(
            'INFO_CLARITY — Domanda (italiano): Manca il testo in italiano.',
          );
          expect(await emptied.getAttribute('aria-invalid')).toBe('true');
          await summary.getByRole('link', { name: /INFO_CLARITY/ }).click();
          expect(await isFocused(emptied)).toBe(true);
        }
        await check(page, 'questionnaire-editor');

        await emptied.fill(infoClarity);
        await page.getByRole('button', { name: 'Salva', exact: true }).click();
        const saved = page.getByRole('status').filter({ hasText: 'Bozza salvata.' });
        await saved.waitFor();
        expect(await isFocused(saved)).toBe(true);
        expect(await summary.count()).toBe(0);

        // The preview: the hosted page of the saved draft; its answers are checked, never stored.
        const preview = page.getByRole('link', { name: 'Apri l’anteprima', exact: true });
        expect(await preview.getAttribute('href')).toBe(
          `/api/v1/admin/questionnaire-drafts/${draftId}/preview?lang=it`,
        );
        const englishPreview = (await page
          .getByRole('link', { name: 'Apri l’anteprima in inglese' })
          .getAttribute('href'))!;
        const before = await storedResponses();
        await preview.click();
        await page.waitForURL(`**/questionnaire-drafts/${draftId}/preview?lang=it`);
        expect(await page.locator('body').textContent()).toContain(NEW_QUESTION);
        for (const [code, value] of [
          ['SAT_OVERALL', '4'],
          ['EASE', '4'],
          ['EFFECTIVENESS', 'yes-partly'],
          ['INFO_CLARITY', '3'],
        ])
          await page
            .locator(
              `label[for="${await page.locator(`input[name="${code}"][value="${value}"]`).getAttribute('id')}"]`,
            )
            .click();
        await page.getByRole('button', { name: 'Invia la valutazione' }).click();
        await page.getByRole('status').filter({ hasText: 'Le risposte sono valide' }).waitFor();
        expect(await storedResponses()).toBe(before);
        await page.goto(englishPreview);
        expect(await page.locator('body').textContent()).toContain(NEW_LABEL);

        // The comparison with version 1: the new item, the changed ones.
        await page.goto('/console/questionnaires');
        await settled(page);
        expect(await family.getByLabel('Alla versione', { exact: true }).inputValue()).toBe('draft');
        await family.getByRole('button', { name: `Confronta di ${FAMILY}` }).click();
        const diff = family.locator('.console-diff');
        await diff.getByText('Domande aggiunte').waitFor();
        expect(await isFocused(diff)).toBe(true);
        const text = (await diff.textContent())!;
        expect(text).toContain('Dalla versione 1 alla bozza aperta (versione 2)');
        expect(text).toMatch(/Domande aggiunte\s*TRUST/);
        expect(text).toContain('SAT_OVERALL: domanda');
        expect(text).toContain('EFFECTIVENESS: opzioni');
        expect(text).toMatch(/Ordine delle domande\s*Invariato/);
        await check(page, 'questionnaire-diff');
        await family.getByLabel('Alla versione', { exact: true }).selectOption('1');
        await family.getByRole('button', { name: `Confronta di ${FAMILY}` }).click();
        await diff.getByText('Nessuna differenza').waitFor();

        // Published: back on the list, a focused notice and version 2 in the table.
        await family.getByRole('link', { name: `Modifica bozza di ${FAMILY}` }).click();
        await settled(page, `Bozza di ${FAMILY}, versione 2`);
        await page.getByRole('button', { name: 'Pubblica', exact: true }).click();
        const dialog = page.getByRole('dialog');
        expect(await isFocused(dialog.getByRole('button', { name: 'Annulla' }))).toBe(true);
        await dialog.getByRole('button', { name: 'Pubblica' }).click();
        await page.waitForURL('**/console/questionnaires');
        const notice = page.getByRole('status').filter({ hasText: `Versione 2 di ${FAMILY} pubblicata` });
        await notice.waitFor();
        expect(await isFocused(notice)).toBe(true);
        await family.getByRole('rowheader', { name: '2', exact: true }).waitFor();
        expect(await family.getByRole('button', { name: `Nuova bozza di ${FAMILY}` }).count()).toBe(1);
        const published = await suite.valuta.database.db
          .selectFrom('questionnaireVersion')
          .select('definition')
          .where('family', '=', FAMILY)
          .where('version', '=', 2)
          .executeTakeFirstOrThrow();
        expect(published.definition.items.map((i) => i.code)).toContain('TRUST');
        expect(published.definition.items[0]!.question.it).toBe(NEW_QUESTION);

        // Another family's draft, deleted after a confirmation: the list says so.
        const other = page.getByRole('region', { name: 'cx-consultazione', exact: true });
        await other.getByRole('button', { name: 'Nuova bozza di cx-consultazione' }).click();
        await settled(page, 'Bozza di cx-consultazione, versione 2');
        await page.getByRole('button', { name: 'Elimina bozza' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Elimina bozza' }).click();
        const deleted = page.getByRole('status').filter({ hasText: 'Bozza di cx-consultazione eliminata.' });
        await deleted.waitFor();
        expect(await isFocused(deleted)).toBe(true);
        await other.getByRole('button', { name: 'Nuova bozza di cx-consultazione' }).waitFor();
        expect(problems).toEqual([]);
      },
      FLOW,
    );

    it(
      'a failed OIDC sign-in comes back to /console/accedi?errore=oidc: a focused summary says what to do',
      async () => {
        const { page, problems } = await newPage(false);
        await page.goto('/console/accedi?errore=oidc');
        await settled(page, 'Accedi alla console');
        const summary = page.getByRole('alert');
        expect(await isFocused(summary)).toBe(true);
        const text = (await summary.textContent())!;
        expect(text).toContain('Accesso con il fornitore di identità non riuscito');
        expect(text).toContain('accedi con e-mail e password');
        expect(text).toContain('contatta l’amministratore');
        await check(page, 'accedi-errore-oidc');
        expect(problems).toEqual([]);
      },
      FLOW,
    );

    it(
      'the audit trail’s "Esporta CSV" carries the filters of the list and downloads their entries',
      async () => {
        const { page, problems } = await newPage();
        await page.goto(`/console/audit?action=questionnaire.publish&actor=${encodeURIComponent(email)}`);
        await settled(page);
        await page.getByLabel('Oggetto').fill(`${FAMILY} v2`);
        await page.getByRole('button', { name: 'Filtra' }).click();
        await page.waitForURL(/target=/);
        const link = page.getByRole('link', { name: 'Esporta CSV' });
        const href = new URL((await link.getAttribute('href'))!, suite.baseUrl);
        expect(href.pathname).toBe('/api/v1/admin/audit/export.csv');
        expect(Object.fromEntries(href.searchParams)).toEqual({
          action: 'questionnaire.publish',
          actor: email,
          target: `${FAMILY} v2`,
        });
        expect(await link.getAttribute('download')).not.toBeNull();
        // The file: the publication of the first test, and nothing the filters leave out.
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        const csv = readFileSync((await download.path())!, 'utf8');
        const lines = csv.trim().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[1]).toContain('questionnaire.publish');
        expect(lines[1]).toContain(`${FAMILY} v2`);
        expect(problems).toEqual([]);
      },
      FLOW,
    );
  },
);
