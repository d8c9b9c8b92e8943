import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

// Copied there by `npm run build`; the same relative path holds from src/http/routes/ and dist/http/routes/.
const stylesheets = fileURLToPath(new URL('../../../dist/assets/', import.meta.url));
const fonts = join(
  dirname(createRequire(import.meta.url).resolve('@fontsource/titillium-web/package.json')),
  'files',
);

/** Stylesheet and fonts of the citizen pages, under /assets/. */
export const assetRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: stylesheets,
    prefix: '/assets/',
    maxAge: '1h',
    index: false,
    wildcard: false,
  });
  await app.register(fastifyStatic, {
    root: fonts,
    prefix: '/assets/fonts/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    index: false,
    allowedPath: (path) => /^\/titillium-web-latin-(400|600)-normal\.woff2$/.test(path),
  });
};
