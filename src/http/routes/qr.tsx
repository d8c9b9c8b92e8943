import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { CHANNELS, type Channel } from '../../domain/response.js';
import { PosterPage, POSTER_FORMATS } from '../../pages/poster-page.js';
import { renderDocument } from '../../pages/render.js';
import { Slug } from '../schemas.js';
import type { AppServices } from '../services.js';
import { PUBLIC } from '../access/declaration.js';

/**
 * M restores 15% of a damaged symbol and keeps it small (37 modules for a typical URL), so each
 * module stays large enough for a phone camera at arm's length; the quiet zone is the standard 4.
 */
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;
export const PNG_SIZE = { minimum: 128, maximum: 2048, default: 512 } as const;
/** The code only changes with the public URL, so caches may keep it a day. */
const QR_CACHE = 'public, max-age=86400';
const POSTER_CACHE = 'public, max-age=3600';

/** The address a QR code of `slug` opens: the hosted questionnaire, recording the channel. */
export function questionnaireUrl(publicUrl: string, slug: string, channel: Channel): string {
  return `${publicUrl}/s/${slug}?channel=${encodeURIComponent(channel)}`;
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** An SVG QR code that names what it opens, for whoever opens the file on its own. */
async function qrSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' });
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeXml(`Codice QR: ${url}`)}" `);
}

/** Sends a body that the client may already hold: strong ETag of the bytes, 304 on a match. */
function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  type: string,
  cacheControl: string,
  body: string | Buffer,
): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', cacheControl).header('etag', etag);
  const match = request.headers['if-none-match'];
  if (match !== undefined && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return reply.code(304).send();
  }
  return reply.type(type).send(body);
}

/**
 * QR codes and the printable counter poster of each service (omnichannel: the citizen at a
 * counter scans the code and answers the hosted questionnaire, recorded with channel `qr`).
 */
export const qrRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, { config, directory }) => {
  const params = Type.Object({ slug: Slug });
  const channel = Type.Enum(CHANNELS, {
    default: 'qr',
    description: 'Channel the hosted questionnaire records with the response',
  });

  app.get(
    '/s/:slug/qr.svg',
    {
      config: PUBLIC,
      schema: {
        tags: ['services'],
        summary: 'QR code (SVG) that opens the hosted questionnaire of a service',
        description:
          'Encodes `{publicUrl}/s/{slug}?channel={channel}`; error correction M, a quiet zone of 4 modules.',
        params,
        querystring: Type.Object({ channel: Type.Optional(channel) }),
      },
    },
    async (request, reply) => {
      const service = await directory.activeService(request.params.slug);
      const url = questionnaireUrl(config.publicUrl, service.slug, request.query.channel ?? 'qr');
      return sendCached(request, reply, 'image/svg+xml; charset=utf-8', QR_CACHE, await qrSvg(url));
    },
  );

  app.get(
    '/s/:slug/qr.png',
    {
      config: PUBLIC,
      schema: {
        tags: ['services'],
        summary: 'QR code (PNG) that opens the hosted questionnaire of a service',
        description:
          'Encodes `{publicUrl}/s/{slug}?channel={channel}`; error correction M, a quiet zone of 4 modules; `size` is the width in pixels.',
        params,
        querystring: Type.Object({
          channel: Type.Optional(channel),
          size: Type.Optional(Type.Integer({ ...PNG_SIZE, description: 'Width and height in pixels' })),
        }),
      },
    },
    async (request, reply) => {
      const service = await directory.activeService(request.params.slug);
      const url = questionnaireUrl(config.publicUrl, service.slug, request.query.channel ?? 'qr');
      const png = await QRCode.toBuffer(url, {
        ...QR_OPTIONS,
        type: 'png',
        width: request.query.size ?? PNG_SIZE.default,
      });
      return sendCached(request, reply, 'image/png', QR_CACHE, png);
    },
  );

  app.get(
    '/s/:slug/poster',
    {
      config: PUBLIC,
      schema: {
        hide: true,
        params,
        querystring: Type.Object({
          format: Type.Optional(Type.Enum(POSTER_FORMATS, { default: 'a4' })),
          channel: Type.Optional(channel),
        }),
      },
    },
    async (request, reply) => {
      const service = await directory.activeService(request.params.slug);
      const chosen = request.query.channel ?? 'qr';
      const page = (
        <PosterPage
          format={request.query.format ?? 'a4'}
          channel={chosen}
          serviceName={service.name}
          enteName={service.ente.name}
          qrSrc={`/s/${service.slug}/qr.svg?channel=${encodeURIComponent(chosen)}`}
          questionnaireUrl={`${config.publicUrl}/s/${service.slug}`}
          scannedUrl={questionnaireUrl(config.publicUrl, service.slug, chosen)}
        />
      );
      return sendCached(request, reply, 'text/html; charset=utf-8', POSTER_CACHE, renderDocument(page));
    },
  );
};
