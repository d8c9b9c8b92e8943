import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/domain/response.js';
import { CHROMIUM } from '../support/suites.js';
import { axeViolations, browserSuite } from './browser.js';

const PUBLIC_URL = 'https://valuta.example.it';
const HUB = 'inps-hub-prestazioni';
const HUB_NAME = 'Hub delle prestazioni non pensionistiche';
/** The longest demo slug: the address in words must still fit the sheet. */
const GECOA = 'roma-gecoa-contributo-affitto';
const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));

/** The paper, in CSS pixels (96 per inch) for the viewport and in PDF points for the printed page. */
const PAPER = {
  a4: { viewport: { width: 794, height: 1123 }, points: [595, 842] },
  a5: { viewport: { width: 559, height: 794 }, points: [420, 595] },
} as const;

/** What a camera sees: the dark modules of an image, one row per line, quiet zone included. */
interface Scan {
  readonly size: number;
  readonly dark: readonly (readonly boolean[])[];
}

/**
 * Renders an image of the page's origin in the browser and reads its modules back: the module
 * width from the top-left finder pattern (7 modules wide), then the colour at each module's centre.
 * Chromium's BarcodeDetector is not built on Linux, so the modules are compared with the symbol
 * `qrcode` makes for each candidate address instead of being decoded to text.
 */
function scan(page: Page, src: string, drawSize?: number): Promise<Scan> {
  return page.evaluate(
    async ({ src, drawSize }) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const width = drawSize ?? image.naturalWidth;
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = width;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, width, width);
      context.drawImage(image, 0, 0, width, width);
      const pixels = context.getImageData(0, 0, width, width).data;
      const isDark = (x: number, y: number) => {
        const i = (Math.floor(y) * width + Math.floor(x)) * 4;
        return pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 3 * 128;
      };
      let x0 = -1;
      let y0 = -1;
      for (let y = 0; y < width && y0 < 0; y++)
        for (let x = 0; x < width; x++)
          if (isDark(x, y)) {
            [x0, y0] = [x, y];
            break;
          }
      if (x0 < 0) throw new Error(`${src}: no dark pixel`);
      let run = 0;
      while (isDark(x0 + run, y0 + 1)) run++;
      const size = Math.round(width / (run / 7));
      const module = width / size;
      const dark = Array.from({ length: size }, (_, row) =>
        Array.from({ length: size }, (_, col) => isDark((col + 0.5) * module, (row + 0.5) * module)),
      );
      return { size, dark };
    },
    { src, drawSize },
  );
}

/** The addresses among `candidates` whose QR symbol (error correction M) the scan shows. */
function matching(scanned: Scan, candidates: readonly string[]): string[] {
  return candidates.filter((url) => {
    const symbol = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const quiet = (scanned.size - symbol.size) / 2;
    if (!Number.isInteger(quiet) || quiet < 0) return false;
    return scanned.dark.every((line, row) =>
      line.every((dark, col) => {
        const [r, c] = [row - quiet, col - quiet];
        const inside = r >= 0 && c >= 0 && r < symbol.size && c < symbol.size;
        return dark === (inside && symbol.get(r, c) === 1);
      }),
    );
  });
}

/** Width of the white margin around the symbol, in modules. */
function quietZone(scanned: Scan): number {
  const first = scanned.dark.findIndex((line) => line.some(Boolean));
  const left = Math.min(...scanned.dark.map((line) => line.indexOf(true)).filter((i) => i >= 0));
  return Math.min(first, left);
}

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'QR codes and the counter poster in Chromium'
    : `QR codes and the counter poster in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    const suite = browserSuite({ PUBLIC_URL }, { viewport: PAPER.a4.viewport });
    const newPage = (viewport?: { width: number; height: number }) =>
      suite.newPage(viewport ? { viewport } : {});

    /** Opens the poster, its QR image and its fonts loaded, as it is printed. */
    async function openPoster(page: Page, query: string, slug = HUB): Promise<void> {
      const response = await page.goto(`/s/${slug}/poster${query}`);
      expect(response?.status()).toBe(200);
      await page.evaluate(() => document.fonts.ready);
      await page.locator('img.sheet-qr').evaluate((img: HTMLImageElement) => img.decode());
    }

    const urlFor = (channel: string, slug = HUB) => `${PUBLIC_URL}/s/${slug}?channel=${channel}`;
    const everyChannel = (slug = HUB) => CHANNELS.map((c) => urlFor(c, slug));

    it('draws in SVG the QR code of the questionnaire with channel qr by default, with a quiet zone of 4 modules', async () => {
      const page = await newPage();
      await page.goto(`/s/${HUB}/poster`);
      const scanned = await scan(page, `/s/${HUB}/qr.svg`, 900);
      expect(matching(scanned, everyChannel())).toEqual([urlFor('qr')]);
      expect(quietZone(scanned)).toBe(4);
    });

    it('draws in PNG, at the default and at an asked size, the code of the asked channel', async () => {
      const page = await newPage();
      await page.goto(`/s/${HUB}/poster`);
      expect(matching(await scan(page, `/s/${HUB}/qr.png`), everyChannel())).toEqual([urlFor('qr')]);
      const contactCenter = await scan(page, `/s/${GECOA}/qr.png?channel=contact-center&size=300`);
      expect(matching(contactCenter, [...everyChannel(GECOA), ...everyChannel()])).toEqual([
        urlFor('contact-center', GECOA),
      ]);
      expect(quietZone(contactCenter)).toBe(4);
    });

    for (const format of ['a4', 'a5'] as const) {
      describe(`the ${format.toUpperCase()} poster`, () => {
        it('shows the headline, the service, its ente, the QR code of the questionnaire and the address in words', async () => {
          const page = await newPage(PAPER[format].viewport);
          await openPoster(page, `?format=${format}`);
          expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Valuta il servizio');
          expect(await page.getByText(HUB_NAME, { exact: true }).isVisible()).toBe(true);
          expect(await page.getByRole('banner').textContent()).toBe('INPS');
          const qr = page.getByRole('img', {
            name: `Codice QR: apre il questionario all'indirizzo ${urlFor('qr')}`,
          });
          expect(await qr.isVisible()).toBe(true);
          const src = await qr.getAttribute('src');
          expect(matching(await scan(page, src!, 900), everyChannel())).toEqual([urlFor('qr')]);
          expect(await page.getByRole('link', { name: `valuta.example.it/s/${HUB}` }).isVisible()).toBe(true);
          expect(await page.getByText('Il questionario è anonimo e richiede un minuto.').isVisible()).toBe(
            true,
          );
          expect(await page.evaluate(() => document.fonts.check("600 16px 'Titillium Web'"))).toBe(true);
        });

        it('meets WCAG 2.1 AA (axe-core)', async () => {
          const page = await newPage(PAPER[format].viewport);
          await openPoster(page, `?format=${format}`);
          expect(await axeViolations(page)).toEqual([]);
        });

        it(`prints on exactly one ${format.toUpperCase()} page, without the screen tools`, async () => {
          const page = await newPage(PAPER[format].viewport);
          await openPoster(page, `?format=${format}`, GECOA);
          await page.emulateMedia({ media: 'print' });
          expect(await page.getByRole('navigation').isVisible()).toBe(false);
          // Nothing cut off: the sheet's content fits its page (the longest demo slug included).
          const overflow = await page
            .locator('.sheet')
            .evaluate((sheet) => ({ scroll: sheet.scrollHeight, client: sheet.clientHeight }));
          expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
          const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
          const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [
            Math.round(Number(m[1])),
            Math.round(Number(m[2])),
          ]);
          expect(boxes).toEqual([PAPER[format].points]);
        });

        it('saves screenshots for review (screen and print)', async () => {
          mkdirSync(SCREENSHOTS, { recursive: true });
          const page = await newPage(PAPER[format].viewport);
          await openPoster(page, `?format=${format}`, GECOA);
          await page.screenshot({ path: `${SCREENSHOTS}poster-${format}-screen.png`, fullPage: true });
          await page.emulateMedia({ media: 'print' });
          await page.screenshot({ path: `${SCREENSHOTS}poster-${format}-print.png`, fullPage: true });
        });
      });
    }

    it('reflows on a 320 px phone: no horizontal scrolling', async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const page = await newPage({ width: 320, height: 640 });
      await openPoster(page, '', GECOA);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      await page.screenshot({ path: `${SCREENSHOTS}poster-phone.png`, fullPage: true });
    });
  },
);
