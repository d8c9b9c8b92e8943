import { existsSync } from 'node:fs';
import { buildBrowserAssets } from '../../scripts/build-browser.js';
import { buildConsole } from '../../scripts/build-console.js';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Builds the browser assets the server serves (as `npm run build` does), and the console when the
 * browser suites will run (only they load it), then says plainly which database the tests run on
 * and which suites are skipped.
 */
export default async function setup(): Promise<void> {
  await buildBrowserAssets();
  if (existsSync(CHROMIUM)) await buildConsole({ quiet: true });
  const lines = [
    process.env.TEST_DATABASE_URL
      ? 'Database suite: PostgreSQL server at TEST_DATABASE_URL (one fresh database per test file).'
      : 'Database suite: embedded PGlite in memory. PostgreSQL suite not run: TEST_DATABASE_URL is not set (see README, "Testing on PostgreSQL").',
    existsSync(CHROMIUM)
      ? `Browser suite: Chromium at ${CHROMIUM}.`
      : `Browser suite SKIPPED: ${CHROMIUM} is not installed (apt-get install -y chromium).`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
}
