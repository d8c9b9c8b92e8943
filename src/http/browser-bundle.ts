import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A browser script bundled once at start, with what serving and embedding it need. */
export interface BrowserBundle {
  readonly code: string;
  readonly gzip: Buffer;
  /** Subresource Integrity value (`sha384-…`) for the embed snippet. */
  readonly integrity: string;
  /** 16 hex digits of the code's SHA-256: names this exact bundle in a URL. */
  readonly version: string;
  readonly etag: string;
}

const bundles = new Map<string, Promise<BrowserBundle>>();

/**
 * Bundles and minifies the browser entry `entry` (a .ts file under src/) with esbuild, in
 * memory, once per process: every app built after the first (tests build many) reuses it.
 * Sources, not build output, are bundled, so `npm start` and the tests serve the same.
 */
export function bundleBrowserScript(entry: URL): Promise<BrowserBundle> {
  let bundle = bundles.get(entry.href);
  if (bundle === undefined) {
    bundle = build({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    }).then((result) => bundleOf(result.outputFiles[0]!.text));
    bundles.set(entry.href, bundle);
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

/**
 * Where the browser sources live: the same relative path holds from src/http/ and dist/http/,
 * so the sources are bundled in both cases.
 */
export const browserSource = (path: string): URL => new URL(`../../src/${path}`, import.meta.url);

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
