/** What the console's browser suites share: watching a page for problems, and waiting for it to settle. */
import type { Page } from 'playwright-core';

/** Records the page's script errors and CSP violations, from now on; the list fills as they come. */
export async function watchProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    ),
  );
  page.on('console', (message) => {
    if (message.text().startsWith('CSP violation')) problems.push(message.text());
  });
  return problems;
}

/**
 * Waits for the page to have drawn its data: its h1 (with `title`, when given: the router
 * renders a new page in a transition, after the address has changed) and no "Loading…" left.
 */
export async function settled(page: Page, title?: string): Promise<void> {
  await page.locator('main h1', title === undefined ? {} : { hasText: title }).waitFor();
  await page.waitForFunction(
    () => document.querySelectorAll('main [role="status"].console-loading').length === 0,
  );
  await page.evaluate(() => document.fonts.ready);
}
