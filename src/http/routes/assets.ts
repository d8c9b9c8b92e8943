import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC } from '../access/declaration.js';

// Copied there by `npm run build`; the same relative path holds from src/http/routes/ and dist/http/routes/.
const stylesheets = fileURLToPath(new URL('../../../dist/assets/', import.meta.url));
const fonts = join(
  dirname(createRequire(import.meta.url).resolve('@fontsource/titillium-web/package.json')),
  'files',
);

/**
 * Stylesheets and fonts of the citizen pages, under /assets/. Served by routes of our own (with
 * @fastify/static's `sendFile`, registered by the app), so that each declares its access like
 * every other route.
 */
export const assetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/assets/:file',
    {
      config: PUBLIC,
      schema: { hide: true, params: Type.Object({ file: Type.String({ pattern: '^[a-z-]+\\.css$' }) }) },
    },
    (request, reply) => reply.sendFile(request.params.file, stylesheets, { maxAge: '1h' }),
  );
  app.get(
    '/assets/fonts/:file',
    {
      config: PUBLIC,
      schema: {
        hide: true,
        params: Type.Object({
          file: Type.String({ pattern: '^titillium-web-latin-(400|600)-normal\\.woff2$' }),
        }),
      },
    },
    (request, reply) => reply.sendFile(request.params.file, fonts, { immutable: true, maxAge: '365d' }),
  );
};
