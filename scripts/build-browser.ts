/**
 * Builds what browsers load, once, at `npm run build` (and before the tests): the widget and the
 * hosted page's script bundled and minified by esbuild into dist/browser/, and the stylesheets
 * copied to dist/assets/. The server only reads these files, so a production node needs neither
 * esbuild nor src/.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const path = (relative: string) => fileURLToPath(new URL(relative, root));

/** Browser entry points by the name they are served under (see src/http/browser-bundle.ts). */
const ENTRIES = { widget: 'src/widget/index.ts', hosted: 'src/pages/scripts/hosted.ts' } as const;

/** Bundles every entry into dist/browser/{name}.js and copies the stylesheets; returns the files written. */
export async function buildBrowserAssets(): Promise<string[]> {
  const written: string[] = [];
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const outfile = path(`dist/browser/${name}.js`);
    await build({
      entryPoints: [path(entry)],
      outfile,
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      legalComments: 'none',
      logLevel: 'warning',
    });
    written.push(outfile);
  }
  mkdirSync(path('dist/assets'), { recursive: true });
  for (const file of readdirSync(path('src/pages/assets')).filter((f) => f.endsWith('.css'))) {
    copyFileSync(path(`src/pages/assets/${file}`), path(`dist/assets/${file}`));
    written.push(path(`dist/assets/${file}`));
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = await buildBrowserAssets();
  if (!process.argv.includes('--quiet')) console.log(`browser assets: ${written.length} files in dist/`);
}
