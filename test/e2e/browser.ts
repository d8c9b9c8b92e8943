import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { startValuta, type TestValuta } from '../support/database.js';
import { CHROMIUM } from '../support/suites.js';

/**
 * The Debian Chromium at /usr/bin/chromium, headless and quiet: no browser is ever downloaded,
 * and the browser makes no request of its own (updates, sync, background networking).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface BrowserSuite {
  readonly valuta: TestValuta;
  readonly baseUrl: string;
  /** A fresh page in its own context (no shared cookies, storage or cache), at `baseUrl`. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * For a describe block: Valuta configured by `env`, with the demo services, listening on
 * 127.0.0.1; a Chromium; pages made with `defaults` unless a test says otherwise. All closed
 * after the block.
 */
export function browserSuite(env: Record<string, string>, defaults: BrowserContextOptions): BrowserSuite {
  let valuta: TestValuta | undefined;
  let browser: Browser | undefined;
  let baseUrl: string | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    valuta = await startValuta(env);
    await seedDemo(valuta.database.db, { responses: 0 });
    valuta.directory.invalidate();
    baseUrl = await valuta.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.context().close()));
    await browser?.close();
    await valuta?.dispose();
  });
  return {
    get valuta() {
      return valuta!;
    },
    get baseUrl() {
      return baseUrl!;
    },
    async newPage(options = {}) {
      const context = await browser!.newContext({ ...defaults, ...options, baseURL: baseUrl });
      const page = await context.newPage();
      pages.push(page);
      return page;
    },
  };
}

/** What axe-core finds against WCAG 2.1 A and AA on `page`, logged when there is anything. */
export async function axeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const report = violations.map((v) => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  if (report.length > 0)
    console.error(`axe violations on ${page.url()}:\n${JSON.stringify(report, null, 2)}`);
  return report;
}
