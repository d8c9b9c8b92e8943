import { randomInt } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mintCompletionToken } from '../../domain/completion-token.js';
import { DemoPage, demoPageKind } from '../../pages/demo-page.js';
import { renderDocument } from '../../pages/render.js';
import { Slug } from '../schemas.js';
import type { AppServices } from '../services.js';
import { browserBundle } from '../browser-bundle.js';
import { embedSnippet, widgetPath } from './widget.js';
import { PUBLIC } from '../access/declaration.js';

/**
 * GET /demo/{slug}: the service's page as its ente would publish it, with the widget embedded
 * as the ente would (script with SRI, then the element) and the embed code shown.
 * The page is the one where the service's questionnaire family belongs (demoPageKind): for
 * di-valutazione-servizio, the last step of an online procedure, with a receipt number made up
 * for the page view. `?mode=` and `?lang=` set the element's attributes, to show its modes and
 * languages.
 */
export const demoRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, { directory, config }) => {
  const bundle = browserBundle('widget');
  app.get(
    '/demo/:slug',
    {
      config: PUBLIC,
      schema: {
        hide: true,
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object({
          mode: Type.Optional(Type.Union([Type.Literal('button'), Type.Literal('inline')])),
          lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en'), Type.Literal('de')])),
        }),
      },
    },
    async (request, reply) => {
      const service = await directory.bySlug(request.params.slug);
      if (!service) return reply.callNotFound();
      // Verified completions: the ente's server mints a fresh single-use token for each page.
      const token = service.completionKey
        ? (await mintCompletionToken(service.completionKey, service.slug)).token
        : undefined;
      const kind = demoPageKind(service.family);
      const page = (
        <DemoPage
          service={{ slug: service.slug, name: service.name, url: service.url, enteName: service.ente.name }}
          kind={kind}
          // Random, not from the clock, and never stored: an example of what the ente would show.
          receipt={kind === 'comune-receipt' ? String(randomInt(10_000_000, 100_000_000)) : undefined}
          scriptSrc={widgetPath(bundle)}
          integrity={bundle.integrity}
          snippet={embedSnippet(`${config.publicUrl}${widgetPath(bundle)}`, bundle.integrity, service.slug)}
          mode={request.query.mode}
          lang={request.query.lang}
          token={token}
        />
      );
      return reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(renderDocument(page));
    },
  );
};
