import type { FastifyPluginAsync } from 'fastify';
import { OPENAPI_JSON, type ApiDocument } from '../../pages/api-docs/openapi.js';
import { ApiDocsPage } from '../../pages/api-docs/page.js';
import { renderDocument } from '../../pages/render.js';
import { PUBLIC } from '../access/declaration.js';

/**
 * The API reference at /api/docs: one server-rendered page made from the OpenAPI document
 * (@fastify/swagger), so every route with a schema is on it. The document is complete once the
 * app is ready and never changes after, so the page is rendered once, on the first request.
 */
export const apiDocsRoutes: FastifyPluginAsync = async (app) => {
  let page: string | undefined;
  app.get('/api/docs', { config: PUBLIC, schema: { hide: true } }, async (_request, reply) => {
    page ??= renderDocument(<ApiDocsPage document={app.swagger() as ApiDocument} />);
    return reply.type('text/html; charset=utf-8').send(page);
  });
  // The addresses Swagger UI answered at before.
  app.get('/api/docs/', { config: PUBLIC, schema: { hide: true } }, async (_request, reply) =>
    reply.redirect('/api/docs', 301),
  );
  app.get('/api/docs/json', { config: PUBLIC, schema: { hide: true } }, async (_request, reply) =>
    reply.redirect(OPENAPI_JSON, 301),
  );
};
