import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createApiKey, revokeApiKey } from '../../../../../commands/api-keys.js';
import { invite } from '../../../../../commands/people.js';
import { enteScopeOf } from '../../../../../domain/governance/roles.js';
import { listApiKeys } from '../../../../../store/api-keys.js';
import { listUsers, type StaffUser } from '../../../../../store/staff.js';
import type { AppServices } from '../../../../services.js';
import { problemResponses } from '../../../../schemas.js';
import { commandContext, EnteRef, RoleOrNone } from '../staff-context.js';
import { DateTime, ApiKeySchema, IpaCode } from './schemas.js';

const Role = Type.Union([
  Type.Literal('platform-admin'),
  Type.Literal('ente-admin'),
  Type.Literal('ente-analyst'),
]);
const Scope = Type.Union([
  Type.Literal('responses:write'),
  Type.Literal('results:read'),
  Type.Literal('completion-tokens:mint'),
]);

function statusOf(user: StaffUser, now: Date): 'active' | 'invited' | 'locked' | 'disabled' {
  if (user.disabled) return 'disabled';
  if (user.lockedUntil !== null && user.lockedUntil > now) return 'locked';
  return user.passwordHash === null && user.role === null ? 'invited' : 'active';
}

/** The people of the console and the API keys of the enti. */
export const peopleRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  const ctx = (request: Parameters<typeof commandContext>[0]) => commandContext(request, services);
  const scopeOf = (
    request: Parameters<typeof commandContext>[0],
    permission: 'users:read' | 'api-keys:read',
  ) => enteScopeOf(ctx(request).principal, permission);

  app.get(
    '/users',
    {
      config: { access: { audience: 'staff', permission: 'users:read' } },
      schema: {
        summary: 'People and pending invitations (an ente-admin sees their ente’s)',
        tags: ['people'],
        response: {
          200: Type.Object({
            users: Type.Array(
              Type.Object({
                id: Type.String(),
                email: Type.String(),
                role: RoleOrNone,
                ente: Type.Union([EnteRef, Type.Null()]),
                status: Type.String(),
              }),
            ),
            invitations: Type.Array(
              Type.Object({
                email: Type.String(),
                role: Role,
                ente: Type.Union([Type.String(), Type.Null()]),
                expiresAt: DateTime,
              }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => {
      const enteId = scopeOf(request, 'users:read');
      const now = services.now();
      const users = await listUsers(services.database.db, enteId);
      let invitations = services.database.db
        .selectFrom('invitation as i')
        .leftJoin('ente as e', 'e.id', 'i.enteId')
        .select(['i.email', 'i.role', 'e.ipaCode as ente', 'i.expiresAt'])
        .where('i.usedAt', 'is', null)
        .where('i.expiresAt', '>', now)
        .orderBy('i.expiresAt');
      if (enteId !== undefined) invitations = invitations.where('i.enteId', '=', enteId);
      return {
        users: users.map((u) => ({
          id: u.id,
          email: u.email,
          role: u.role,
          ente: u.ente,
          status: statusOf(u, now),
        })),
        invitations: await invitations.execute(),
      };
    },
  );

  app.post(
    '/users',
    {
      config: { access: { audience: 'staff', permission: 'users:invite' } },
      schema: {
        summary: 'Invite a person: a one-time link, valid 7 days, that the inviter passes on',
        tags: ['people'],
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 320 }), role: Role, ente: Type.Optional(IpaCode) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            invitation: Type.Object({
              email: Type.String(),
              role: Role,
              ente: Type.Union([Type.String(), Type.Null()]),
              expiresAt: DateTime,
              link: Type.String(),
            }),
          }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { token, ente, ...invitation } = await invite(ctx(request), request.body);
      const ipaCode =
        ente === null
          ? null
          : (
              await services.database.db
                .selectFrom('ente')
                .select('ipaCode')
                .where('id', '=', ente)
                .executeTakeFirstOrThrow()
            ).ipaCode;
      return reply.code(201).send({
        invitation: {
          ...invitation,
          ente: ipaCode,
          link: `${services.config.publicUrl}/console/invito/${token}`,
        },
      });
    },
  );

  app.get(
    '/api-keys',
    {
      config: { access: { audience: 'staff', permission: 'api-keys:read' } },
      schema: {
        summary: 'API keys (an ente-admin sees their ente’s)',
        tags: ['people'],
        response: { 200: Type.Object({ apiKeys: Type.Array(ApiKeySchema) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({
      apiKeys: await listApiKeys(services.database.db, scopeOf(request, 'api-keys:read')),
    }),
  );

  app.post(
    '/api-keys',
    {
      config: { access: { audience: 'staff', permission: 'api-keys:write' } },
      schema: {
        summary: 'Create an API key; its secret is in this answer only',
        tags: ['people'],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Scope, { minItems: 1, maxItems: 3 }),
            ente: Type.Optional(IpaCode),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ apiKey: ApiKeySchema, secret: Type.String() }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiKey(ctx(request), request.body)),
  );

  app.post(
    '/api-keys/:id/revoke',
    {
      config: { access: { audience: 'staff', permission: 'api-keys:write' } },
      schema: {
        summary: 'Revoke an API key (for good)',
        tags: ['people'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ApiKeySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => revokeApiKey(ctx(request), request.params.id),
  );
};
