import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestValuta } from './support/database.js';
import { startPilot } from './support/pilot.js';

const root = join(import.meta.dirname, '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** The console (src/console/) is browser code bundled by Vite into dist/console/ (ADR 15): not the server's. */
const BUNDLED_FOR_BROWSERS = join(root, 'src', 'console');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? join(dir, entry.name) === BUNDLED_FOR_BROWSERS
        ? []
        : sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`). */
const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

describe('what a production node needs', () => {
  it('every package the server code imports is a runtime dependency: no bundler, no dev tool', () => {
    const imported = new Set<string>();
    for (const file of sourceFiles(join(root, 'src'))) {
      const code = readFileSync(file, 'utf8');
      for (const [, from, bare] of code.matchAll(
        /^(?:import|export)[^;=(]*?from\s+'([^'.][^']*)'|^import\s+'([^'.][^']*)'/gm,
      )) {
        const specifier = (from ?? bare)!;
        if (!specifier.startsWith('node:') && !builtinModules.includes(specifier))
          imported.add(packageOf(specifier));
      }
    }
    expect(imported.size).toBeGreaterThan(10);
    const missing = [...imported].filter((name) => !(name in packageJson.dependencies));
    expect(missing).toEqual([]);
    expect(packageJson.dependencies).not.toHaveProperty('esbuild');
  });

  describe('serves the browser scripts that the build wrote to dist/browser/', () => {
    let valuta: TestValuta;
    beforeAll(async () => (valuta = await startPilot()));
    afterAll(() => valuta.dispose());

    it.each([
      ['/widget.js', 'widget'],
      ['/assets/hosted.js', 'hosted'],
    ])('%s is dist/browser/%s.js, byte for byte', async (url, name) => {
      const reply = await valuta.app.inject(url);
      expect(reply.statusCode).toBe(200);
      expect(reply.body).toBe(readFileSync(join(root, 'dist', 'browser', `${name}.js`), 'utf8'));
    });

    it('serves the stylesheets copied to dist/assets/', async () => {
      const reply = await valuta.app.inject('/assets/valuta.css');
      expect(reply.statusCode).toBe(200);
      expect(reply.body).toBe(readFileSync(join(root, 'dist', 'assets', 'valuta.css'), 'utf8'));
    });
  });
});
