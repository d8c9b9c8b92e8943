import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ValutaError } from '../../domain/errors.js';
import { browserSource, bundleBrowserScript, type BrowserBundle } from '../browser-bundle.js';
import { ProblemSchema, Slug } from '../schemas.js';
import type { AppServices } from '../services.js';

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

let bundling: Promise<BrowserBundle> | undefined;

/** The widget bundle, built once per process at the first server start (the demo pages embed it too). */
export function widgetBundle(): Promise<BrowserBundle> {
  bundling ??= bundleBrowserScript(browserSource('widget/index.ts'));
  return bundling;
}

/**
 * The embeddable widget: GET /widget.js (bundled from src/widget/ at start, loadable from any
 * origin with SRI) and GET /api/v1/services/{slug}/embed (the snippet for an ente's page).
 */
export const widgetRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, { directory, config }) => {
  const bundle = await widgetBundle();
  const scriptUrl = `${config.publicUrl}/widget.js`;

  app.get('/widget.js', { schema: { hide: true } }, async (request, reply) => {
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('etag', bundle.etag)
      .header('vary', 'accept-encoding')
      // Embedded by other sites' pages, with crossorigin="anonymous" and SRI.
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin');
    if (request.headers['if-none-match'] === bundle.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')))
      return reply.header('content-encoding', 'gzip').send(bundle.gzip);
    return reply.send(bundle.code);
  });

  app.get(
    '/api/v1/services/:slug/embed',
    {
      schema: {
        summary: "The embed code of a service's widget",
        description:
          'The script URL, its Subresource Integrity and the HTML snippet an ente pastes in its pages. The integrity changes when the platform updates the widget.',
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
      const service = await directory.bySlug(request.params.slug);
      if (!service)
        throw new ValutaError(
          'VALUTA_ERR_SERVICE_NOT_FOUND',
          `No active service has the slug "${request.params.slug}"`,
        );
      return {
        scriptUrl,
        integrity: bundle.integrity,
        snippet: embedSnippet(scriptUrl, bundle.integrity, service.slug),
      };
    },
  );
};
