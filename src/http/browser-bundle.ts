import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A browser script as built, with what serving and embedding it need. */
export interface BrowserBundle {
  readonly code: string;
  readonly gzip: Buffer;
  /** Subresource Integrity value (`sha384-…`) for the embed snippet. */
  readonly integrity: string;
  /** 16 hex digits of the code's SHA-256: names this exact bundle in a URL. */
  readonly version: string;
  readonly etag: string;
}

/** The browser scripts that `npm run build` bundles (scripts/build-browser.ts). */
export type BrowserScript = 'widget' | 'hosted';

const bundles = new Map<BrowserScript, BrowserBundle>();

/**
 * The bundle `name` as `npm run build` wrote it to dist/browser/ (the same relative path holds from
 * src/http/ and dist/http/), read once per process.
 */
export function browserBundle(name: BrowserScript): BrowserBundle {
  let bundle = bundles.get(name);
  if (bundle === undefined) {
    const file = new URL(`../../dist/browser/${name}.js`, import.meta.url);
    if (!existsSync(file))
      throw new Error(
        `${fileURLToPath(file)} is missing: run \`npm run build\` to bundle the browser scripts`,
      );
    bundle = bundleOf(readFileSync(file, 'utf8'));
    bundles.set(name, bundle);
  }
  return bundle;
}

/** What serving and embedding need of browser code `code`. */
export function bundleOf(code: string): BrowserBundle {
  const digest = (algorithm: string, encoding: 'base64' | 'hex' = 'base64') =>
    createHash(algorithm).update(code).digest(encoding);
  return {
    code,
    gzip: gzipSync(code, { level: 9 }),
    integrity: `sha384-${digest('sha384')}`,
    version: digest('sha256', 'hex').slice(0, 16),
    etag: `"${digest('sha1')}"`,
  };
}

/** Sends `bundle` as JavaScript: 304 on a matching ETag, gzip when the client takes it. */
export function sendBundle(
  request: FastifyRequest,
  reply: FastifyReply,
  bundle: BrowserBundle,
  cacheControl: string,
): FastifyReply {
  reply
    .header('content-type', 'text/javascript; charset=utf-8')
    .header('cache-control', cacheControl)
    .header('etag', bundle.etag)
    .header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === bundle.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')))
    return reply.header('content-encoding', 'gzip').send(bundle.gzip);
  return reply.send(bundle.code);
}
