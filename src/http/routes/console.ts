import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ValutaError } from '../../domain/errors.js';
import { PUBLIC } from '../access/declaration.js';

// Built there by `npm run build` (scripts/build-console.ts); the same relative path holds from src/ and dist/.
const built = fileURLToPath(new URL('../../../dist/console/', import.meta.url));

/**
 * The console, a browser app (src/console/): its page for every /console/* path, which the app
 * routes itself, and its hashed (immutable) assets. Signing in and every datum go through the API.
 */
export const consoleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  let page: string | undefined;
  const indexHtml = () => {
    try {
      return (page ??= readFileSync(`${built}index.html`, 'utf8'));
    } catch {
      throw new ValutaError('VALUTA_ERR_NOT_FOUND', 'The console is not built: run npm run build');
    }
  };
  const sendPage = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml());
  app.get('/console', { config: PUBLIC, schema: { hide: true } }, sendPage);
  app.get('/console/*', { config: PUBLIC, schema: { hide: true } }, sendPage);
  app.get(
    '/console/assets/:file',
    {
      config: PUBLIC,
      schema: {
        hide: true,
        params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_.-]+\\.(js|css|woff2|svg|png)$' }) }),
      },
    },
    (request, reply) =>
      reply.sendFile(request.params.file, `${built}assets/`, { immutable: true, maxAge: '365d' }),
  );
};
