import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { enteScopeOf } from '../../../../../domain/governance/roles.js';
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { recordExport } from '../../../../../commands/exports.js';
import { canonicalJson } from '../../../../../domain/governance/audit.js';
import {
  auditBoundary,
  auditEntries,
  countAudit,
  listAudit,
  verifyAudit,
  type AuditFilter,
} from '../../../../../store/audit.js';
import type { AppServices } from '../../../../services.js';
import { problemResponses } from '../../../../schemas.js';
import { commandContext } from '../staff-context.js';
import { AuditEntrySchema } from './schemas.js';

const filters = {
  action: Type.Optional(Type.String({ maxLength: 100 })),
  actor: Type.Optional(Type.String({ maxLength: 320 })),
  target: Type.Optional(Type.String({ maxLength: 200 })),
};
type Filters = { action?: string; actor?: string; target?: string };

/** The columns of the CSV: every field of an entry, the hashes included, so the chain can be checked. */
const CSV_COLUMNS = (
  [
    'seq',
    'at',
    'actorKind',
    'actorId',
    'actorLabel',
    'action',
    'targetKind',
    'targetId',
    'enteId',
    'summary',
    'prevHash',
    'hash',
  ] as const
).map((key) => ({ key, header: key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) }));

/** The audit trail: the whole of it for the central office, their ente's for an ente-admin. */
export const auditRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  const scoped = (request: Parameters<typeof commandContext>[0], { action, actor, target }: Filters) => {
    const enteId = enteScopeOf(commandContext(request, services).principal, 'audit:read');
    return {
      ...(enteId !== undefined ? { enteId } : {}),
      ...(action ? { action } : {}),
      ...(actor ? { actorLabel: actor } : {}),
      ...(target ? { targetId: target } : {}),
    } satisfies Omit<AuditFilter, 'limit'>;
  };

  app.get(
    '/audit',
    {
      config: { access: { audience: 'staff', permission: 'audit:read' } },
      schema: {
        summary: 'Browse the audit trail, newest first',
        tags: ['audit'],
        querystring: Type.Object(
          {
            ...filters,
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
      const { before, limit } = request.query;
      const entries = await listAudit(services.database.db, {
        ...scoped(request, request.query),
        ...(before ? { beforeSeq: before } : {}),
        limit,
      });
      return { entries, next: entries.length === limit ? entries.at(-1)!.seq : null };
    },
  );

  app.get(
    '/audit/export.csv',
    {
      config: { access: { audience: 'staff', permission: 'audit:read' } },
      schema: {
        summary: 'The audit trail as CSV (newest first, hashes included), itself written to the trail',
        tags: ['audit'],
        querystring: Type.Object(filters, { additionalProperties: false }),
        produces: ['text/csv'],
        response: {
          200: Type.Unsafe<Readable>({ type: 'string', description: 'CSV (RFC 4180) with a header row' }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const filter = scoped(request, request.query);
      const ctx = commandContext(request, services);
      const { db } = services.database;
      // The trail as it stands when the export is recorded: the entries before its own.
      let upTo = 0;
      const asked = Object.fromEntries(Object.entries(request.query).filter(([, v]) => v !== undefined));
      await recordExport(
        ctx,
        { what: 'audit-trail', format: 'csv', filters: asked, enteId: filter.enteId ?? null },
        async (trx) => {
          upTo = await auditBoundary(trx);
          return countAudit(trx, { ...filter, beforeSeq: upTo + 1 });
        },
      );
      async function* rows() {
        // the summary as it was hashed (canonical JSON), so the chain can be recomputed from the file
        for await (const e of auditEntries(db, { ...filter, beforeSeq: upTo + 1 }))
          yield { ...e, summary: canonicalJson(e.summary) };
      }
      const csv = stringify({ header: true, columns: CSV_COLUMNS, escape_formulas: true });
      // a failure half-way ends the download short (a broken file, never a silent truncation)
      pipeline(Readable.from(rows()), csv, (error) => {
        if (error) request.log.error({ err: error }, 'audit export failed');
      });
      const day = ctx.now().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="valuta-audit-${day}.csv"`)
        .send(csv);
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
