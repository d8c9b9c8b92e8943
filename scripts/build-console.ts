/**
 * Builds the console (src/console/, ADR 15) with Vite into dist/console/, with the settings of
 * vite.config.ts: what `npm run build` and the test setup run. The server serves
 * dist/console/index.html for every /console/* path and the files under /console/assets/.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = new URL('../', import.meta.url);
const path = (relative: string) => fileURLToPath(new URL(relative, root));

/** Builds dist/console/; returns the files written (index.html and assets/…). */
export async function buildConsole(options: { quiet?: boolean } = {}): Promise<string[]> {
  // Always the production build, also under vitest: NODE_ENV=test would make Vite bundle React's
  // development build (effects run twice, half as big again), which is not what is served.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path('vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return [
    path('dist/console/index.html'),
    ...readdirSync(path('dist/console/assets')).map((file) => path(`dist/console/assets/${file}`)),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quiet = process.argv.includes('--quiet');
  const written = await buildConsole({ quiet });
  if (!quiet) console.log(`console: ${written.length} files in dist/console/`);
}
