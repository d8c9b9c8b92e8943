import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  createDraft,
  discardDraft,
  getDraft,
  latestVersion,
  listDrafts,
  previewAnswers,
  publishDraft,
  saveDraft,
} from '../../../../../commands/questionnaires.js';
import { ValutaError } from '../../../../../domain/errors.js';
import type { QuestionnaireDefinition } from '../../../../../domain/questionnaire.js';
import { diffQuestionnaires } from '../../../../../domain/questionnaire-diff.js';
import { DefinitionBody, problemResponses } from '../../../../schemas.js';
import type { AppServices } from '../../../../services.js';
import { commandContext } from '../staff-context.js';
import { DateTime } from './schemas.js';

const Family = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 });
const DraftParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const DraftSchema = Type.Object({
  id: Type.String(),
  family: Type.String(),
  definition: Type.Unsafe<QuestionnaireDefinition>({ type: 'object', additionalProperties: true }),
  updatedAt: DateTime,
});
const write = { access: { audience: 'staff', permission: 'questionnaires:write' } } as const;
const read = { access: { audience: 'staff', permission: 'questionnaires:read' } } as const;

/** Questionnaire families and their published versions. */
export const questionnaireRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  const { database } = services;
  const ctx = (request: Parameters<typeof commandContext>[0]) => commandContext(request, services);
  const version = async (family: string, number: number): Promise<QuestionnaireDefinition> => {
    const row = await database.db
      .selectFrom('questionnaireVersion')
      .select('definition')
      .where('family', '=', family)
      .where('version', '=', number)
      .executeTakeFirst();
    if (!row) throw new ValutaError('VALUTA_ERR_NOT_FOUND', `No published version ${number} of "${family}"`);
    return row.definition;
  };

  app.get(
    '/questionnaires',
    {
      config: read,
      schema: {
        summary: 'Families and their published versions',
        tags: ['questionnaires'],
        response: {
          200: Type.Object({
            families: Type.Array(
              Type.Object({
                family: Type.String(),
                versions: Type.Array(
                  Type.Object({
                    id: Type.String(),
                    version: Type.Integer(),
                    title: Type.String(),
                    publishedAt: DateTime,
                  }),
                ),
              }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => {
      const rows = await database.db
        .selectFrom('questionnaireVersion')
        .select(['id', 'family', 'version', 'definition', 'publishedAt'])
        .orderBy('family')
        .orderBy('version', 'desc')
        .execute();
      const families = new Map<string, { id: string; version: number; title: string; publishedAt: Date }[]>();
      for (const { family, definition, ...version } of rows) {
        const title = definition.title.it;
        families.set(family, [...(families.get(family) ?? []), { ...version, title }]);
      }
      return { families: [...families].map(([family, versions]) => ({ family, versions })) };
    },
  );

  app.get(
    '/questionnaires/:family/versions/:version',
    {
      config: read,
      schema: {
        summary: 'One published version, as the hosted page and the widget read it',
        tags: ['questionnaires'],
        params: Type.Object({ family: Family, version: Type.Integer({ minimum: 1 }) }),
        response: { 200: DraftSchema.properties.definition, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => version(request.params.family, request.params.version),
  );

  app.get(
    '/questionnaires/:family/diff',
    {
      config: read,
      schema: {
        summary: 'What changed between two versions of a family, item by item',
        tags: ['questionnaires'],
        params: Type.Object({ family: Family }),
        querystring: Type.Object(
          {
            from: Type.Integer({ minimum: 1 }),
            to: Type.Optional(Type.Integer({ minimum: 1, description: 'Absent: the open draft' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            from: Type.Integer(),
            to: Type.Integer(),
            questionnaire: Type.Array(Type.String()),
            added: Type.Array(Type.String()),
            removed: Type.Array(Type.String()),
            changed: Type.Array(Type.Object({ code: Type.String(), fields: Type.Array(Type.String()) })),
            reordered: Type.Boolean(),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { family } = request.params;
      const { from, to } = request.query;
      const target =
        to !== undefined
          ? await version(family, to)
          : (await listDrafts(ctx(request))).find((d) => d.family === family)?.definition;
      if (!target) throw new ValutaError('VALUTA_ERR_NOT_FOUND', `The family "${family}" has no open draft`);
      const diff = diffQuestionnaires(await version(family, from), target);
      return {
        ...diff,
        questionnaire: [...diff.questionnaire],
        added: [...diff.added],
        removed: [...diff.removed],
        changed: diff.changed.map((c) => ({ code: c.code, fields: [...c.fields] })),
      };
    },
  );

  app.get(
    '/questionnaire-drafts',
    {
      config: write,
      schema: {
        summary: 'Open drafts',
        tags: ['questionnaires'],
        response: { 200: Type.Object({ drafts: Type.Array(DraftSchema) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ drafts: await listDrafts(ctx(request)) }),
  );

  app.post(
    '/questionnaires/:family/drafts',
    {
      config: write,
      schema: {
        summary: 'Open a draft of the next version, a copy of the latest',
        tags: ['questionnaires'],
        params: Type.Object({ family: Family }),
        response: { 201: DraftSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await latestVersion(ctx(request), request.params.family);
      return reply.code(201).send(await createDraft(ctx(request), request.params.family));
    },
  );

  app.get(
    '/questionnaire-drafts/:id',
    {
      config: write,
      schema: {
        summary: 'One draft',
        tags: ['questionnaires'],
        params: DraftParams,
        response: { 200: DraftSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getDraft(ctx(request), request.params.id),
  );

  app.put(
    '/questionnaire-drafts/:id',
    {
      config: write,
      schema: {
        summary: 'Save the draft’s definition (validated: nothing is saved if it has faults)',
        tags: ['questionnaires'],
        params: DraftParams,
        body: Type.Object({ definition: DefinitionBody }, { additionalProperties: false }),
        response: { 200: DraftSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) =>
      saveDraft(ctx(request), request.params.id, request.body.definition as QuestionnaireDefinition),
  );

  app.post(
    '/questionnaire-drafts/:id/preview-answers',
    {
      config: write,
      schema: {
        summary: 'Validate answers against the draft, as the hosted page would; never stored nor counted',
        tags: ['questionnaires'],
        params: DraftParams,
        body: Type.Object(
          { answers: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            errors: Type.Optional(
              Type.Array(Type.Object({ item: Type.String(), code: Type.String(), detail: Type.String() })),
            ),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const result = await previewAnswers(ctx(request), request.params.id, request.body.answers);
      return result.ok ? { ok: true } : { ok: false, errors: [...result.errors] };
    },
  );

  app.post(
    '/questionnaire-drafts/:id/publish',
    {
      config: write,
      schema: {
        summary: 'Publish the draft: an immutable version that services of the family follow',
        tags: ['questionnaires'],
        params: DraftParams,
        response: {
          200: Type.Object({ family: Type.String(), version: Type.Integer() }),
          ...problemResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      const published = await publishDraft(ctx(request), request.params.id);
      services.directory.invalidate();
      return published;
    },
  );

  app.delete(
    '/questionnaire-drafts/:id',
    {
      config: write,
      schema: {
        summary: 'Discard a draft',
        tags: ['questionnaires'],
        params: DraftParams,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await discardDraft(ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
