/** Schemas of the admin API's resources (validation, serialisation and the OpenAPI document). */
import { Type } from 'typebox';
import { Nullable } from '../../../../schemas.js';
import { EnteRef } from '../staff-context.js';

/** A date-time; the serialiser writes a Date as its ISO string. */
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

export const IpaCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });

export const EnteStatusSchema = Type.Union([
  Type.Literal('requested'),
  Type.Literal('active'),
  Type.Literal('suspended'),
  Type.Literal('rejected'),
]);

export const EnteSchema = Type.Object({
  id: Type.String(),
  ipaCode: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  region: Nullable(Type.String()),
  status: EnteStatusSchema,
  rtdName: Nullable(Type.String()),
  rtdEmail: Nullable(Type.String()),
  rejectionReason: Nullable(Type.String()),
  createdAt: DateTime,
});

export const ServiceSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  url: Nullable(Type.String()),
  kind: Type.String(),
  family: Type.String(),
  status: Type.String(),
  channels: Type.Array(Type.String()),
  allowedOrigins: Type.Array(Type.String()),
  journeyPoint: Type.String(),
  pinnedVersion: Nullable(Type.Integer()),
  hasCompletionSecret: Type.Boolean(),
  ente: EnteRef,
});

export const ApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  ente: EnteRef,
  createdAt: DateTime,
  revokedAt: Nullable(DateTime),
  lastUsedHour: Nullable(DateTime),
});

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  at: DateTime,
  actorKind: Type.String(),
  actorLabel: Type.String(),
  action: Type.String(),
  targetKind: Type.String(),
  targetId: Type.String(),
  summary: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});
