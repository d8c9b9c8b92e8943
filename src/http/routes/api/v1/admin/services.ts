import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  getCatalogueService,
  listCatalogue,
  registerService,
  rotateCompletionSecret,
  transitionService,
  updateService,
} from '../../../../../commands/services.js';
import { SERVICE_TRANSITIONS, type ServiceTransition } from '../../../../../domain/governance/lifecycle.js';
import { browserBundle } from '../../../../browser-bundle.js';
import { problemResponses, Slug } from '../../../../schemas.js';
import type { AppServices } from '../../../../services.js';
import { embedSnippet, widgetPath } from '../../../widget.js';
import { commandContext } from '../staff-context.js';
import { IpaCode, ServiceSchema } from './schemas.js';

const Kind = Type.Union([Type.Literal('dispositivo'), Type.Literal('consultazione')]);
const JourneyPoint = Type.Union(
  [Type.Literal('after-transaction'), Type.Literal('after-journey'), Type.Literal('any-time')],
  {
    description:
      'Where in the journey the service asks (GSA Touchpoints): after the transaction, after the whole journey, at any time',
  },
);
const Fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  url: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
  kind: Kind,
  family: Type.String({ minLength: 1, maxLength: 100 }),
  channels: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 10 }),
  allowedOrigins: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50 }),
  journeyPoint: JourneyPoint,
};

const ServiceDetail = Type.Intersect([
  ServiceSchema,
  Type.Object({
    embed: Type.Object({ scriptUrl: Type.String(), integrity: Type.String(), snippet: Type.String() }),
    links: Type.Object({
      hosted: Type.String(),
      qrSvg: Type.String(),
      qrPng: Type.String(),
      poster: Type.String(),
    }),
  }),
]);

const Params = Type.Object({ slug: Slug });

/** The service catalogue of the admin API. */
export const catalogueRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  const ctx = (request: Parameters<typeof commandContext>[0]) => commandContext(request, services);
  const base = services.config.publicUrl;
  const widget = browserBundle('widget');
  const scriptUrl = `${base}${widgetPath(widget)}`;
  const detail = async (request: Parameters<typeof commandContext>[0], slug: string) => {
    const service = await getCatalogueService(ctx(request), slug);
    return {
      ...service,
      embed: {
        scriptUrl,
        integrity: widget.integrity,
        snippet: embedSnippet(scriptUrl, widget.integrity, slug),
      },
      links: {
        hosted: `${base}/s/${slug}`,
        qrSvg: `${base}/s/${slug}/qr.svg`,
        qrPng: `${base}/s/${slug}/qr.png`,
        poster: `${base}/s/${slug}/poster`,
      },
    };
  };

  app.get(
    '/services',
    {
      config: { access: { audience: 'staff', permission: 'services:read' } },
      schema: {
        summary: 'The catalogue: every state, the services the principal may see',
        tags: ['catalogue'],
        querystring: Type.Object({ ente: Type.Optional(IpaCode) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ services: Type.Array(ServiceSchema) }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({ services: await listCatalogue(ctx(request), request.query.ente) }),
  );

  app.post(
    '/services',
    {
      config: { access: { audience: 'staff', permission: 'services:write' } },
      schema: {
        summary: 'Register a service (a draft until activated)',
        tags: ['catalogue'],
        body: Type.Object(
          { ente: Type.Optional(IpaCode), slug: Slug, ...Fields },
          { additionalProperties: false },
        ),
        response: { 201: ServiceDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await registerService(ctx(request), request.body);
      return reply.code(201).send(await detail(request, request.body.slug));
    },
  );

  app.get(
    '/services/:slug',
    {
      config: { access: { audience: 'staff', permission: 'services:read' } },
      schema: {
        summary: 'One service, with its embed code, hosted link, QR and poster',
        tags: ['catalogue'],
        params: Params,
        response: { 200: ServiceDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => detail(request, request.params.slug),
  );

  app.patch(
    '/services/:slug',
    {
      config: { access: { audience: 'staff', permission: 'services:write' } },
      schema: {
        summary: 'Change a service (not its slug, ente or state)',
        tags: ['catalogue'],
        params: Params,
        body: Type.Partial(
          Type.Object(
            {
              ...Fields,
              pinnedVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
                description: 'A published version to keep; null follows the latest',
              }),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 200: ServiceDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await updateService(ctx(request), request.params.slug, request.body);
      services.directory.invalidate();
      return detail(request, request.params.slug);
    },
  );

  for (const operation of Object.keys(SERVICE_TRANSITIONS) as ServiceTransition[]) {
    const { from, to } = SERVICE_TRANSITIONS[operation];
    app.post(
      `/services/:slug/${operation}`,
      {
        config: { access: { audience: 'staff', permission: 'services:write' } },
        schema: {
          summary: `${operation[0]!.toUpperCase()}${operation.slice(1)} a service (${from.join(', ')} → ${to})`,
          tags: ['catalogue'],
          params: Params,
          response: { 200: ServiceDetail, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        await transitionService(ctx(request), request.params.slug, operation).finally(() =>
          services.directory.invalidate(),
        );
        return detail(request, request.params.slug);
      },
    );
  }

  app.post(
    '/services/:slug/completion-secret',
    {
      config: { access: { audience: 'staff', permission: 'services:write' } },
      schema: {
        summary: 'A new secret that signs the service’s completion tokens, shown once',
        description:
          'Tokens signed with the previous secret are refused from now on. See docs/verified-completions.md.',
        tags: ['catalogue'],
        params: Params,
        response: { 200: Type.Object({ secret: Type.String() }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const secret = await rotateCompletionSecret(ctx(request), request.params.slug);
      services.directory.invalidate();
      return { secret };
    },
  );
};
