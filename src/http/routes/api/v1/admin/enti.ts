import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createEnte, decideEnte, getEnte, listEnti, requestAdhesion } from '../../../../../commands/enti.js';
import { ENTE_TRANSITIONS, type EnteTransition } from '../../../../../domain/governance/lifecycle.js';
import { searchRegistry } from '../../../../../store/ipa-registry.js';
import type { AppServices } from '../../../../services.js';
import { problemResponses } from '../../../../schemas.js';
import { commandContext } from '../staff-context.js';
import { EnteSchema, EnteStatusSchema, IpaCode } from './schemas.js';

const Params = Type.Object({ ipaCode: IpaCode });

/** Enti and their adhesion, and the IndicePA registry they are checked against. */
export const entiRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  const ctx = (request: Parameters<typeof commandContext>[0]) => commandContext(request, services);

  app.get(
    '/registry',
    {
      config: { access: { audience: 'staff', permission: 'registry:read' } },
      schema: {
        summary: 'Search the IndicePA registry by IPA code or name',
        tags: ['enti'],
        querystring: Type.Object(
          { q: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            entries: Type.Array(
              Type.Object({
                ipaCode: Type.String(),
                name: Type.String(),
                kind: Type.String(),
                region: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({ entries: await searchRegistry(services.database.db, request.query.q, 20) }),
  );

  app.get(
    '/enti',
    {
      config: { access: { audience: 'staff', permission: 'enti:read' } },
      schema: {
        summary: 'Enti: all of them for the central office, their own for an ente’s people',
        tags: ['enti'],
        querystring: Type.Object(
          {
            status: Type.Optional(EnteStatusSchema),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ enti: Type.Array(EnteSchema) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ enti: await listEnti(ctx(request), request.query.status) }),
  );

  app.post(
    '/enti',
    {
      config: { access: { audience: 'staff', permission: 'enti:create' } },
      schema: {
        summary: 'Create an active ente from the registry (central office)',
        tags: ['enti'],
        body: Type.Object({ ipaCode: IpaCode }, { additionalProperties: false }),
        response: { 201: EnteSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createEnte(ctx(request), request.body.ipaCode)),
  );

  app.post(
    '/enti/requests',
    {
      config: { access: { audience: 'staff', permission: 'enti:request' } },
      schema: {
        summary: 'Ask for an ente to join (a person signed in without a role)',
        description:
          'The IPA code must be in the imported IndicePA registry, and the ente not already joined or asking.',
        tags: ['enti'],
        body: Type.Object(
          {
            ipaCode: IpaCode,
            rtdName: Type.String({ minLength: 1, maxLength: 200 }),
            rtdEmail: Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: EnteSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await requestAdhesion(ctx(request), request.body)),
  );

  app.get(
    '/enti/:ipaCode',
    {
      config: { access: { audience: 'staff', permission: 'account' } },
      schema: {
        summary: 'One ente (the central office, its people, or who asked for it)',
        tags: ['enti'],
        params: Params,
        response: { 200: EnteSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => getEnte(ctx(request), request.params.ipaCode),
  );

  for (const operation of Object.keys(ENTE_TRANSITIONS) as EnteTransition[]) {
    const { from, to } = ENTE_TRANSITIONS[operation];
    app.post(
      `/enti/:ipaCode/${operation}`,
      {
        config: { access: { audience: 'staff', permission: 'enti:decide' } },
        schema: {
          summary: `${operation[0]!.toUpperCase()}${operation.slice(1)} an ente (${from.join(', ')} → ${to})`,
          tags: ['enti'],
          params: Params,
          ...(operation === 'reject'
            ? {
                body: Type.Object(
                  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
                  { additionalProperties: false },
                ),
              }
            : {}),
          response: { 200: EnteSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        decideEnte(
          ctx(request),
          request.params.ipaCode,
          operation,
          (request.body as { reason?: string } | undefined)?.reason,
        ).finally(() => services.directory.invalidate()),
    );
  }
};
