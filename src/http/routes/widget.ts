import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ValutaError } from '../../domain/errors.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publishWidgetVersion, widgetVersionCode } from '../../store/widget-versions.js';
import { browserBundle, bundleOf, sendBundle, type BrowserBundle } from '../browser-bundle.js';
import { ProblemSchema, Slug } from '../schemas.js';
import type { AppServices } from '../services.js';
import { PUBLIC } from '../access/declaration.js';

/** The HTML an ente pastes in its page: the script with its integrity, then the element. */
export function embedSnippet(scriptUrl: string, integrity: string, slug: string): string {
  return `<script src="${scriptUrl}" integrity="${integrity}" crossorigin="anonymous" defer></script>\n<valuta-feedback service="${slug}"></valuta-feedback>`;
}

const EmbedSchema = Type.Object({
  scriptUrl: Type.String({ description: 'Where the widget script is served' }),
  integrity: Type.String({ description: 'Subresource Integrity of the script (sha384-…)' }),
  snippet: Type.String({
    description: 'The HTML to paste in the page: script tag with SRI, then the element',
  }),
});

/** Where one exact widget bundle is served, for ever. */
export const widgetPath = (bundle: BrowserBundle) => `/widget/${bundle.version}.js`;

/**
 * The embeddable widget, as `npm run build` bundled it from src/widget/:
 * - GET /widget/{version}.js: one exact bundle, immutable, what embed snippets pin with SRI.
 *   Every version a release served is kept in the database, so a pinned snippet keeps working
 *   after an update and on every node;
 * - GET /widget.js: always the current bundle (briefly cached), for pages that do not pin;
 * - GET /api/v1/services/{slug}/embed: the snippet for an ente's page.
 */
export const widgetRoutes: FastifyPluginAsyncTypebox<AppServices> = async (
  app,
  { directory, database, config },
) => {
  const current = browserBundle('widget');
  await publishWidgetVersion(database.db, current.version, current.code);
  const scriptUrl = `${config.publicUrl}${widgetPath(current)}`;
  const earlier = new Map<string, BrowserBundle>();

  // Embedded by other sites' pages, with crossorigin="anonymous" and SRI.
  const serve = (request: FastifyRequest, reply: FastifyReply, bundle: BrowserBundle, cache: string) =>
    sendBundle(
      request,
      reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin'),
      bundle,
      cache,
    );

  app.get('/widget.js', { config: PUBLIC, schema: { hide: true } }, (request, reply) =>
    serve(request, reply, current, 'public, max-age=300'),
  );

  app.get(
    '/widget/:file',
    {
      config: PUBLIC,
      schema: { hide: true, params: Type.Object({ file: Type.String({ pattern: '^[0-9a-f]{16}\\.js$' }) }) },
    },
    async (request, reply) => {
      const version = request.params.file.slice(0, -'.js'.length);
      let bundle = version === current.version ? current : earlier.get(version);
      if (bundle === undefined) {
        const code = await widgetVersionCode(database.db, version);
        if (code === undefined) throw new ValutaError('VALUTA_ERR_NOT_FOUND', `No widget version ${version}`);
        bundle = bundleOf(code);
        earlier.set(version, bundle);
      }
      return serve(request, reply, bundle, 'public, max-age=31536000, immutable');
    },
  );

  app.get(
    '/api/v1/services/:slug/embed',
    {
      config: PUBLIC,
      schema: {
        summary: "The embed code of a service's widget",
        description:
          'The script URL, its Subresource Integrity and the HTML snippet an ente pastes in its pages. The URL names one exact version of the widget, served unchanged for ever; after a platform update this endpoint gives the new version, which the ente may adopt when it likes.',
        tags: ['services'],
        params: Type.Object({ slug: Slug }),
        response: {
          200: EmbedSchema,
          ...Object.fromEntries(
            [400, 404, 503].map((s) => [s, { ...ProblemSchema, description: 'Problem details' }]),
          ),
        },
      },
    },
    async (request) => {
      const service = await directory.activeService(request.params.slug);
      return {
        scriptUrl,
        integrity: current.integrity,
        snippet: embedSnippet(scriptUrl, current.integrity, service.slug),
      };
    },
  );
};
