import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from '../support/suites.js';
import { browserSuite } from './browser.js';

type Rgb = readonly [number, number, number];

/** Relative luminance of an sRGB colour, as WCAG 2.1 defines it. */
function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2.1 contrast ratio of two colours, from 1 to 21. */
function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** What draws the focus of one element reached by Tab: the rings' colours and the background behind them. */
interface FocusStop {
  /** The element that has the focus, as a tag, its id or class and its text. */
  readonly element: string;
  /** A path through the tree (shadow roots included) that names the element once. */
  readonly path: string;
  /** Each visible element whose outline or box-shadow changed when the focus came. */
  readonly drawers: readonly { tag: string; colours: Rgb[]; background: Rgb }[];
}

/**
 * In the page: with `baseline`, records every element's outline and box-shadow with nothing
 * focused; else, for the element that has the focus (through shadow roots), finds the visible
 * elements whose outline or box-shadow now differ (the element itself, or the star drawn for a
 * hidden radio), their ring colours, and the colour behind each ring: the first opaque
 * background of its ancestors, with any translucent ones above it composed over it.
 */
function inspect(page: Page, baseline: boolean): Promise<FocusStop | null> {
  return page.evaluate((baseline) => {
    const w = window as typeof window & { focusBaseline?: Map<Element, string> };
    const elements = (root: Document | ShadowRoot): Element[] =>
      [...root.querySelectorAll('*')].flatMap((el) => [
        el,
        ...(el.shadowRoot ? elements(el.shadowRoot) : []),
      ]);
    const ring = (el: Element) => {
      const s = getComputedStyle(el);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|');
    };
    const parentOf = (el: Element): Element | null =>
      el.parentElement ??
      (el.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).host : null);
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (baseline) {
      (active as HTMLElement | null)?.blur();
      w.focusBaseline = new Map(elements(document).map((el) => [el, ring(el)]));
      return null;
    }
    if (!active || active === document.body) return null;

    const rgba = (text: string) =>
      [...text.matchAll(/rgba?\(([^)]*)\)/g)].map((m) => {
        const [r = 0, g = 0, b = 0, a = 1] = m[1]!
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return [r, g, b, a] as const;
      });
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return false;
      if (getComputedStyle(el).visibility === 'hidden') return false;
      for (let e: Element | null = el; e; e = parentOf(e)) {
        const s = getComputedStyle(e);
        if (Number(s.opacity) === 0 || s.clip === 'rect(0px, 0px, 0px, 0px)') return false;
      }
      return true;
    };
    const behind = (el: Element): [number, number, number] => {
      const layers: (readonly [number, number, number, number])[] = [];
      for (let e = parentOf(el); e; e = parentOf(e)) {
        const colour = rgba(getComputedStyle(e).backgroundColor)[0];
        if (!colour || colour[3] === 0) continue;
        layers.push(colour);
        if (colour[3] === 1) break;
      }
      let [r, g, b] = [255, 255, 255]; // the canvas, when nothing is opaque
      for (const [lr, lg, lb, la] of layers.reverse()) {
        [r, g, b] = [lr * la + r * (1 - la), lg * la + g * (1 - la), lb * la + b * (1 - la)];
      }
      return [r, g, b];
    };
    const pathOf = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e; e = parentOf(e)) {
        const parent = e.parentElement ?? e.getRootNode();
        const siblings =
          parent instanceof Document || parent instanceof ShadowRoot
            ? [...parent.children]
            : [...(parent as Element).children];
        parts.push(`${e.tagName}:${siblings.indexOf(e)}`);
      }
      return parts.reverse().join('/');
    };

    const drawers = elements(document)
      .filter((el) => {
        const s = getComputedStyle(el);
        const drawn = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        return drawn && ring(el) !== w.focusBaseline?.get(el) && visible(el);
      })
      .map((el) => {
        const s = getComputedStyle(el);
        const outline =
          s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? rgba(s.outlineColor) : [];
        const shadows = s.boxShadow === 'none' ? [] : rgba(s.boxShadow);
        return {
          tag: el.tagName.toLowerCase(),
          colours: [...outline, ...shadows].filter((c) => c[3] > 0).map(([r, g, b]) => [r, g, b] as const),
          background: behind(el),
        };
      });
    const name = active.id
      ? `#${active.id}`
      : active.className
        ? `.${String(active.className).split(' ')[0]}`
        : '';
    return {
      element: `${active.tagName.toLowerCase()}${name} "${(active.textContent ?? '').trim().slice(0, 40)}"`,
      path: pathOf(active),
      drawers: drawers as unknown as FocusStop['drawers'],
    };
  }, baseline);
}

/**
 * Tabs through the page from wherever the focus is, round to where it began (so every stop is
 * visited once, whatever the start), and returns each stop where no ring colour reaches 3:1
 * against its background, with the number of stops visited.
 */
async function tabThrough(page: Page): Promise<{ stops: number; failures: string[] }> {
  await page.evaluate(() => document.fonts.ready);
  await inspect(page, true);
  const seen = new Set<string>();
  const failures: string[] = [];
  for (let presses = 0; presses < 150; presses++) {
    await page.keyboard.press('Tab');
    const stop = await inspect(page, false);
    if (!stop) continue; // past the last element, before the first again
    if (seen.has(stop.path)) break;
    seen.add(stop.path);
    if (stop.drawers.length === 0) {
      failures.push(`${stop.element}: no focus ring drawn`);
      continue;
    }
    const best = Math.max(
      ...stop.drawers.flatMap((d) => d.colours.map((colour) => contrast(colour, d.background))),
      0,
    );
    if (best < 3) {
      const rings = stop.drawers
        .map(
          (d) =>
            `${d.tag} rings ${JSON.stringify(d.colours)} on ${JSON.stringify(d.background.map(Math.round))}`,
        )
        .join('; ');
      failures.push(`${stop.element}: best ring contrast ${best.toFixed(2)}:1 (${rings})`);
    }
  }
  return { stops: seen.size, failures };
}

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'focus ring contrast in Chromium'
    : `focus ring contrast in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    const suite = browserSuite(
      { DEMO_PAGES: 'true' },
      { viewport: { width: 1280, height: 800 }, locale: 'it-IT' },
    );

    const open = async (path: string) => {
      const page = await suite.newPage();
      const reply = await page.goto(path);
      expect(reply?.status(), path).toBe(200);
      return page;
    };
    /** A demo page, once the widget has drawn its button or form. */
    const demo = async (path: string) => {
      const page = await open(path);
      await page.locator('valuta-feedback').locator('button').first().waitFor();
      return page;
    };

    const cases: [string, () => Promise<Page>][] = [
      ['the hosted form', () => open('/s/inail-sportello-digitale')],
      ['the hosted star-rating form', () => open('/s/bologna-permesso-ztl')],
      [
        'the hosted form with errors',
        async () => {
          const page = await open('/s/inail-sportello-digitale');
          await Promise.all([page.waitForEvent('load'), page.locator('form button[type="submit"]').click()]);
          await page.getByRole('alert').waitFor();
          return page;
        },
      ],
      ['the thank-you page', () => open('/s/inail-sportello-digitale/grazie')],
      ['the widget, national family, inline', () => demo('/demo/inps-hub-prestazioni?mode=inline')],
      ['the widget, national family, its button', () => demo('/demo/inps-hub-prestazioni')],
      [
        'the widget, national family, its dialog',
        async () => {
          const page = await demo('/demo/inps-hub-prestazioni');
          await page.locator('valuta-feedback').getByRole('button', { name: 'Valuta il servizio' }).click();
          await page.getByRole('dialog').waitFor();
          return page;
        },
      ],
      [
        'the widget, Designers Italia family, inline, after a low rating',
        async () => {
          const page = await demo('/demo/bologna-carta-identita');
          await page.locator('[data-element="feedback-rate-2"]').click();
          await page.locator('[data-element="feedback-rating-negative"]').waitFor();
          return page;
        },
      ],
      ['the widget, Designers Italia end-of-service rating', () => demo('/demo/bologna-permesso-ztl')],
      [
        'the widget, Designers Italia family, its button',
        () => demo('/demo/bologna-carta-identita?mode=button'),
      ],
      [
        'the widget, Designers Italia family, its dialog',
        async () => {
          const page = await demo('/demo/bologna-carta-identita?mode=button');
          await page.locator('valuta-feedback').getByRole('button').first().click();
          await page.getByRole('dialog').waitFor();
          await page.locator('[data-element="feedback-rate-5"]').click();
          return page;
        },
      ],
      ['the poster page', () => open('/s/inps-hub-prestazioni/poster')],
    ];

    it.each(cases)(
      'on %s, every element reached by Tab shows a focus ring of 3:1 or more on its background',
      async (_name, setUp) => {
        const page = await setUp();
        const { stops, failures } = await tabThrough(page);
        expect(stops).toBeGreaterThanOrEqual(2);
        expect(failures).toEqual([]);
      },
    );
  },
);
