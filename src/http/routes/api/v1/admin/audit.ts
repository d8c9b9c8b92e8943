import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { enteScopeOf } from '../../../../../domain/governance/roles.js';
import { listAudit, verifyAudit } from '../../../../../store/audit.js';
import type { AppServices } from '../../../../services.js';
import { commandContext, problemResponses } from '../staff-context.js';
import { AuditEntrySchema } from './schemas.js';

/** The audit trail: the whole of it for the central office, their ente's for an ente-admin. */
export const auditRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  app.get(
    '/audit',
    {
      config: { access: { audience: 'staff', permission: 'audit:read' } },
      schema: {
        summary: 'Browse the audit trail, newest first',
        tags: ['audit'],
        querystring: Type.Object(
          {
            action: Type.Optional(Type.String({ maxLength: 100 })),
            actor: Type.Optional(Type.String({ maxLength: 320 })),
            target: Type.Optional(Type.String({ maxLength: 200 })),
            before: Type.Optional(
              Type.Integer({ minimum: 1, description: 'Entries before this sequence number' }),
            ),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            entries: Type.Array(AuditEntrySchema),
            next: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const enteId = enteScopeOf(commandContext(request, services).principal, 'audit:read');
      const { action, actor, target, before, limit } = request.query;
      const entries = await listAudit(services.database.db, {
        ...(enteId !== undefined ? { enteId } : {}),
        ...(action ? { action } : {}),
        ...(actor ? { actorLabel: actor } : {}),
        ...(target ? { targetId: target } : {}),
        ...(before ? { beforeSeq: before } : {}),
        limit,
      });
      return { entries, next: entries.length === limit ? entries.at(-1)!.seq : null };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { access: { audience: 'staff', permission: 'audit:verify' } },
      schema: {
        summary: 'Recompute the hash chain and name the first broken link',
        tags: ['audit'],
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            entries: Type.Integer({ description: 'Entries checked before the verdict' }),
            seq: Type.Optional(Type.Integer({ description: 'The first entry that does not check' })),
            reason: Type.Optional(Type.String()),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => verifyAudit(services.database.db),
  );
};
