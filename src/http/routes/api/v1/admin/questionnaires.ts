import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppServices } from '../../../../services.js';
import { problemResponses } from '../staff-context.js';

/** Questionnaire families and their published versions. */
export const questionnaireRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, { database }) => {
  app.get(
    '/questionnaires',
    {
      config: { access: { audience: 'staff', permission: 'questionnaires:read' } },
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
                    publishedAt: Type.Unsafe<Date>({ type: 'string', format: 'date-time' }),
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
};
