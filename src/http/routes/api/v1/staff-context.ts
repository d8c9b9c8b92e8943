import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { CommandContext } from '../../../../commands/command.js';
import { principalOf } from '../../../access/declaration.js';
import type { AppServices } from '../../../services.js';

/** The command context of a staff or machine request: its principal, the database, the clock. */
export function commandContext(request: FastifyRequest, services: AppServices): CommandContext {
  return { db: services.database.db, principal: principalOf(request), now: services.now };
}

export const EnteRef = Type.Object({ id: Type.String(), ipaCode: Type.String(), name: Type.String() });

/** A role, or null for a person signed in who has none yet. */
export const RoleOrNone = Type.Union([
  Type.Literal('platform-admin'),
  Type.Literal('ente-admin'),
  Type.Literal('ente-analyst'),
  Type.Null(),
]);
