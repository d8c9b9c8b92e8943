import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** Says plainly, before the tests, which database they run on and which suites are skipped. */
export default function announceSuites(): void {
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
