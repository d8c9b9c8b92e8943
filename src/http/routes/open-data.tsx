import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { publishOpenData } from '../../commands/open-data.js';
import { ValutaError } from '../../domain/errors.js';
import { openDataCatalog } from '../../domain/open-data-catalog.js';
import {
  OPEN_DATA_COLUMNS,
  OPEN_DATA_LICENCE,
  OPEN_DATA_MONTH,
  openDataLines,
} from '../../domain/open-data.js';
import type { Lang } from '../../domain/questionnaire.js';
import { withQuery } from '../../pages/layout.js';
import { MessagePage } from '../../pages/message-page.js';
import { messagesFor } from '../../pages/messages.js';
import { OpenDataPage } from '../../pages/open-data-page.js';
import { latestReleases, listReleases, type OpenDataRelease } from '../../store/open-data.js';
import { PUBLIC } from '../access/declaration.js';
import { html, pageLang } from '../form-fields.js';
import { problemResponses } from '../schemas.js';
import { DateTime } from './api/v1/admin/schemas.js';
import type { AppServices } from '../services.js';
import { commandContext } from './api/v1/staff-context.js';

const LICENCE_LINK = `<${OPEN_DATA_LICENCE}>; rel="license"`;
const MonthQuery = Type.Object(
  {
    month: Type.Optional(Type.String({ maxLength: 64 })),
    lang: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

const ReleaseSchema = Type.Object({
  month: Type.String({ description: 'YYYY-MM' }),
  release: Type.Integer({
    minimum: 1,
    description: "1 for the month's first publication; corrections follow",
  }),
  publishedAt: DateTime,
  publishedBy: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
});

/** The latest releases asked for: of `month` when given (refused when malformed or never published), else of every month. */
async function releasesAsked(
  db: AppServices['database']['db'],
  month: string | undefined,
): Promise<OpenDataRelease[]> {
  if (month === undefined) return latestReleases(db);
  if (!OPEN_DATA_MONTH.test(month))
    throw new ValutaError('VALUTA_ERR_VALIDATION', 'The month is YYYY-MM, e.g. 2026-10', [
      { item: 'month', code: 'format', detail: `"${month}" is not a month (YYYY-MM)` },
    ]);
  const found = await latestReleases(db, month);
  if (found.length === 0)
    throw new ValutaError('VALUTA_ERR_NOT_FOUND', `${month} has not been published as open data`, [
      { item: 'month', code: 'not-published', detail: `${month} has no release` },
    ]);
  return found;
}

const publicFile = (reply: FastifyReply, type: string) =>
  reply.type(type).header('link', LICENCE_LINK).header('cache-control', 'public, max-age=300');

/**
 * Open data (docs/open-data.md): the page at /open-data, the indicators as CSV and JSON (long
 * format, the latest release of each month), the DCAT-AP_IT catalogue record, all public; and
 * publishing a month, for the central office.
 */
export const openDataRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  const { database, config, resultsCache } = services;
  const { db } = database;

  app.get(
    '/open-data',
    { config: PUBLIC, schema: { hide: true, querystring: MonthQuery } },
    async (request, reply) => {
      const lang: Lang = pageLang(request);
      const { month } = request.query;
      const releases = await listReleases(db);
      const months = [...new Set(releases.map((r) => r.month))];
      const chosen = month ?? months[0];
      const shown = chosen === undefined ? undefined : (await latestReleases(db, chosen))[0];
      if (month !== undefined && shown === undefined) {
        const m = messagesFor(lang);
        const [status, title, body] = OPEN_DATA_MONTH.test(month)
          ? [404, m.notFoundTitle, m.openData.none]
          : [400, m.badRequestTitle, m.badRequestBody];
        return html(
          reply,
          status,
          <MessagePage
            lang={lang}
            title={title}
            body={body}
            link={{ href: withQuery('/open-data', { lang }), text: m.openData.title }}
          />,
        );
      }
      return html(
        reply,
        200,
        <OpenDataPage lang={lang} months={months} shown={shown ?? null} releases={releases} />,
      ).header('link', LICENCE_LINK);
    },
  );

  app.get(
    '/open-data/indicators.csv',
    { config: PUBLIC, schema: { hide: true, querystring: MonthQuery } },
    async (request, reply) => {
      const lines = (await releasesAsked(db, request.query.month)).flatMap(openDataLines);
      const csv = stringify(lines, { header: true, columns: [...OPEN_DATA_COLUMNS], escape_formulas: true });
      return publicFile(reply, 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="valuta-open-data.csv"')
        .send(csv);
    },
  );

  app.get(
    '/open-data/indicators.json',
    { config: PUBLIC, schema: { hide: true, querystring: MonthQuery } },
    async (request, reply) => {
      const lines = (await releasesAsked(db, request.query.month)).flatMap(openDataLines);
      return publicFile(reply, 'application/json; charset=utf-8').send({
        license: OPEN_DATA_LICENCE,
        rows: lines,
      });
    },
  );

  app.get('/open-data/catalog.json', { config: PUBLIC, schema: { hide: true } }, async (_request, reply) =>
    publicFile(reply, 'application/ld+json; charset=utf-8').send(
      openDataCatalog(config.publicUrl, await listReleases(db)),
    ),
  );

  app.post(
    '/api/v1/admin/open-data/releases',
    {
      config: { access: { audience: 'staff', permission: 'open-data:publish' } },
      schema: {
        summary: 'Publish a closed month as open data: a new, frozen release (a correction needs a note)',
        tags: ['results'],
        body: Type.Object(
          {
            month: Type.String({ pattern: OPEN_DATA_MONTH.source, description: 'A closed month, YYYY-MM' }),
            note: Type.Optional(
              Type.String({ minLength: 1, maxLength: 2000, description: 'Why: required for a correction' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: ReleaseSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await publishOpenData(
            commandContext(request, services),
            { cache: resultsCache, k: config.suppressionK },
            request.body,
          ),
        ),
  );
};
