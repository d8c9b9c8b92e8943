/**
 * The console (src/console/, ADR 15): a React app bundled by Vite into dist/console/, served by
 * the server under /console/. Built by scripts/build-console.ts (`npm run build` and the test
 * setup); `npx vite` serves it from the sources on :5173, passing /api to a Valuta on :3000.
 *
 * The platform's CSP allows nothing inline, so nothing is inlined: no asset as a data: URI, no
 * modulepreload polyfill, and the one data: font of Bootstrap Italia's stylesheet is dropped.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Bootstrap Italia's stylesheet inlines the VideoJS icon font as a data: URI, which `font-src
 * 'self'` blocks (a CSP report on every page). The console plays no video: drop that @font-face.
 */
function dropDataFonts(): Plugin {
  return {
    name: 'valuta-drop-data-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('bootstrap-italia') || !id.split('?')[0]!.endsWith('.css')) return null;
      return { code: code.replace(/@font-face\{[^}]*url\(data:[^}]*\}/g, ''), map: null };
    },
  };
}

export default defineConfig({
  root: path('src/console'),
  base: '/console/',
  publicDir: false,
  plugins: [react(), dropDataFonts()],
  build: {
    outDir: path('dist/console'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    // Rolldown reports the time spent in the CSS plugin (Bootstrap Italia's 600 KB stylesheet)
    // on every build: not a problem to act on.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
