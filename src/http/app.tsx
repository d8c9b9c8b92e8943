import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { IndexPage } from '../pages/index-page.js';
import { negotiateLang } from '../pages/lang.js';
import { renderDocument } from '../pages/render.js';
import { problems, sendProblem } from './plugins/problems.js';
import { ValutaError } from '../domain/errors.js';
import { access } from './plugins/access.js';
import { PUBLIC } from './access/declaration.js';
import { securityHeaders } from './plugins/security-headers.js';
import { adminRoutes } from './routes/api/v1/admin/index.js';
import { authRoutes } from './routes/api/v1/auth.js';
import { exportRoutes } from './routes/api/v1/exports.js';
import { resultsRoutes } from './routes/api/v1/results.js';
import { serviceRoutes } from './routes/api/v1/services.js';
import { apiDocsRoutes } from './routes/api-docs.js';
import { assetRoutes } from './routes/assets.js';
import { consoleRoutes } from './routes/console.js';
import { hostedRoutes } from './routes/hosted.js';
import { openDataRoutes } from './routes/open-data.js';
import { reportRoutes } from './routes/reports.js';
import { qrRoutes } from './routes/qr.js';
import { statusRoutes } from './routes/status.js';
import { demoRoutes } from './routes/demo.js';
import { widgetRoutes } from './routes/widget.js';
import type { AppServices } from './services.js';

/** Fastify takes a number of hops as a function of the hop. */
const trustedProxies = (trust: AppServices['config']['trustProxy']) =>
  typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;

/**
 * The Fastify application: plugins, then routes by audience. Logs never carry the client's
 * address, user agent or cookies (anonymity by construction, docs/privacy.md).
 */
export async function buildApp(
  services: AppServices,
  logStream?: NodeJS.WritableStream,
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: services.config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      serializers: {
        req: (req: { method: string; routeOptions?: { url?: string }; url: string }) => ({
          method: req.method,
          route: req.routeOptions?.url ?? 'unknown',
        }),
        // Only what identifies the failure: a database error also carries the query, its
        // parameters and the failing row, which hold answers and times.
        err: (error: FastifyError) => ({
          type: error.name,
          message: error.message,
          code: error.code,
          stack: error.stack ?? '',
        }),
      },
    },
    bodyLimit: 65_536,
    trustProxy: trustedProxies(services.config.trustProxy),
    // Shutdown is answered below as a problem (Fastify's own 503 has no type nor Retry-After).
    return503OnClosing: false,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // On shutdown, answer the requests in flight and close their keep-alive connections after
  // them; Fastify closes only the connections idle at that moment, and the others would hold
  // the server open until their keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (closing)
      return sendProblem(
        reply,
        new ValutaError('VALUTA_ERR_SHUTTING_DOWN', 'The server is shutting down', [], 5),
      );
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  await app.register(problems);
  await app.register(securityHeaders, { https: services.config.publicUrl.startsWith('https://') });
  await app.register(access, {
    db: services.database.db,
    directory: services.directory,
    publicUrl: services.config.publicUrl,
    rateLimitPerMinute: services.config.antiAbuse.rateLimitPerMinute,
    staff: services.config.staff,
    now: services.now,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Valuta API',
        version: '1.0.0',
        description:
          'Customer-experience measurement of Italian public digital services. Errors are RFC 9457 problem+json with a stable `type` (urn:valuta:problem:…).',
        license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl' },
      },
      servers: [{ url: services.config.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API key of the ente (`vk_…`), created in the console or with `valuta api-key add`; its scopes say what it may do, only for its ente',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'valuta_session',
            description:
              'A console session (POST /api/v1/auth/login); every state-changing request also sends the X-CSRF-Token the sign-in returned',
          },
        },
      },
      tags: [
        { name: 'services', description: 'Services and their questionnaires' },
        { name: 'responses', description: 'Submitting responses' },
        { name: 'results', description: 'Indicators from rollups' },
        { name: 'exports', description: 'Downloads: raw responses, indicators, SDMX, suggestions' },
        { name: 'operations', description: 'Health and metrics' },
        { name: 'console', description: 'Signing in to the console' },
        { name: 'enti', description: 'Enti and their adhesion (admin)' },
        { name: 'catalogue', description: 'The service catalogue (admin)' },
        { name: 'people', description: 'People, invitations and API keys (admin)' },
        { name: 'questionnaires', description: 'Questionnaire families and versions (admin)' },
        { name: 'audit', description: 'The hash-chained audit trail (admin)' },
      ],
    },
  });
  await app.register(apiDocsRoutes);
  app.get('/api/v1/openapi.json', { config: PUBLIC, schema: { hide: true } }, async () => app.swagger());

  await app.register(serviceRoutes, { prefix: '/api/v1', ...services });
  await app.register(resultsRoutes, { prefix: '/api/v1', ...services });
  await app.register(exportRoutes, { prefix: '/api/v1', ...services });
  await app.register(authRoutes, { prefix: '/api/v1/auth', ...services });
  await app.register(adminRoutes, { prefix: '/api/v1/admin', ...services });
  await app.register(statusRoutes, services);
  await app.register(hostedRoutes, services);
  await app.register(openDataRoutes, services);
  await app.register(qrRoutes, services);
  await app.register(reportRoutes, services);
  // `reply.sendFile` only: each file route is declared (and its root given) where it is served.
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('../../dist/', import.meta.url)),
    serve: false,
  });
  await app.register(assetRoutes);
  await app.register(consoleRoutes);
  await app.register(widgetRoutes, services);
  // Demo pages mint completion tokens for anyone who asks: demo mode only.
  if (services.config.demoPages) await app.register(demoRoutes, services);

  const indexQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 35 })) });
  app.get(
    '/',
    { config: PUBLIC, schema: { hide: true, querystring: indexQuery } },
    async (request, reply) => {
      const lang = negotiateLang(request.query.lang, request.headers['accept-language']);
      const list = (await services.directory.all()).map((s) => ({
        slug: s.slug,
        name: s.name,
        enteName: s.ente.name,
        kind: s.kind,
      }));
      return reply
        .type('text/html; charset=utf-8')
        .send(renderDocument(<IndexPage services={list} lang={lang} />));
    },
  );
  return app;
}
