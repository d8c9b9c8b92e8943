import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { recordExport, type ExportFormat } from '../../../../commands/exports.js';
import { indicatorsDictionary, indicatorsTable, sdmxTable } from '../../../../exports/indicators.js';
import { responsesExport } from '../../../../exports/responses.js';
import { suggestionsTable } from '../../../../exports/suggestions.js';
import { csvOf, xlsxOf, type Table } from '../../../../exports/tables.js';
import { resultsFor, visibleService, visibleServices } from '../../../../results/read.js';
import { suggestionsFor } from '../../../../suggestions/read.js';
import type { ResultsQuery } from '../../../../domain/results-plan.js';
import { principalOf } from '../../../access/declaration.js';
import {
  Day,
  PeriodKey,
  problemResponses,
  ResultsQueryFields,
  Slug,
  SuggestionsQueryFields,
} from '../../../schemas.js';
import type { AppServices } from '../../../services.js';
import { commandContext } from './staff-context.js';

const EXPORT_ACCESS = { access: { audience: 'staff', permission: 'results:export' } } as const;
const FILE = (description: string) =>
  Type.Unsafe<Readable>({ type: 'string', format: 'binary', description });
const Format = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]);
const MEDIA = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'sdmx-csv': 'application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8',
} as const;

/**
 * Downloads at /api/v1/exports, for the ente's staff and keys (results:export) and the central
 * office: raw responses, indicators (also as SDMX-CSV 2.0) and suggestions, as CSV or XLSX with a
 * data dictionary, under the same scopes and disclosure rules as the results API. Each download is
 * written to the audit trail (what, format, filters, rows) before its first byte leaves.
 */
export const exportRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  const { database, config, now, resultsCache: cache } = services;
  const source = { db: database.db, cache, k: config.suppressionK };

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    file: {
      readonly what: string;
      readonly format: ExportFormat & keyof typeof MEDIA;
      readonly name: string;
      readonly enteId: string | null;
      readonly rows: number;
      readonly tables: readonly Table[];
    },
  ) {
    const filters = Object.fromEntries(
      Object.entries(request.query as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    await recordExport(
      commandContext(request, services),
      { what: file.what, format: file.format, filters, enteId: file.enteId },
      async () => file.rows,
    );
    // a failure half-way ends the download short (a broken file, never a silent truncation)
    const failed = (error: Error) => request.log.error({ err: error }, `export ${file.what} failed`);
    const body = file.format === 'xlsx' ? xlsxOf(file.tables, failed) : csvOf(file.tables[0]!, failed);
    return reply
      .type(MEDIA[file.format])
      .header('cache-control', 'no-store')
      .header(
        'content-disposition',
        `attachment; filename="${file.name}.${file.format === 'xlsx' ? 'xlsx' : 'csv'}"`,
      )
      .send(body);
  }

  const ResponsesQuery = Type.Object(
    {
      service: Slug,
      period: Type.Optional(PeriodKey),
      from: Type.Optional(Day),
      to: Type.Optional(Day),
    },
    { additionalProperties: false },
  );
  app.get(
    '/exports/responses.:format',
    {
      config: EXPORT_ACCESS,
      schema: {
        summary: "A service's raw responses, one column per item code",
        description:
          'Released responses of a period, in no order of time. The central office: the hour as stored, every column, day ranges (`from`, `to`). Ente users and their keys: closed periods, the month only; months and questionnaire versions with fewer than k responses left out; channel, device, language and verified shown only where every group of alike rows keeps k or more (else `:c`). Free text is not here (see the suggestions). XLSX carries the data dictionary as a second sheet. See docs/exports.md.',
        tags: ['exports'],
        params: Type.Object({ format: Format }),
        querystring: ResponsesQuery,
        produces: [MEDIA.csv, MEDIA.xlsx],
        response: {
          200: FILE('CSV with a header row, or XLSX'),
          ...problemResponses(400, 401, 403, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const planned = await responsesExport(source, principalOf(request), request.query, now());
      return send(request, reply, {
        what: 'responses',
        format: request.params.format,
        name: `valuta-risposte-${planned.service.slug}-${planned.period.key.replace('/', '_')}`,
        enteId: planned.service.enteId,
        rows: planned.rows,
        tables: [planned.table, planned.dictionary],
      });
    },
  );

  app.get(
    '/exports/responses/dictionary.csv',
    {
      config: EXPORT_ACCESS,
      schema: {
        summary: 'The data dictionary of a raw-responses export',
        description:
          'Per column, then per coded value: the question and value labels and the questionnaire versions that ask it.',
        tags: ['exports'],
        querystring: ResponsesQuery,
        produces: [MEDIA.csv],
        response: { 200: FILE('CSV with a header row'), ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const planned = await responsesExport(source, principalOf(request), request.query, now());
      return send(request, reply, {
        what: 'responses-dictionary',
        format: 'csv',
        name: `valuta-dizionario-${planned.service.slug}`,
        enteId: planned.service.enteId,
        rows: 0,
        tables: [planned.dictionary],
      });
    },
  );

  const IndicatorsQuery = Type.Object(ResultsQueryFields, { additionalProperties: false });
  /** The results of an indicators query, and the ente whose data they are (null: several). */
  const indicators = async (request: FastifyRequest, query: ResultsQuery) => {
    const principal = principalOf(request);
    const view = await resultsFor(source, principal, query, now());
    const services = await visibleServices(source, principal);
    const enti = new Set(
      services
        .filter((s) => (query.service ?? s.slug) === s.slug && (query.ente ?? s.enteCode) === s.enteCode)
        .map((s) => s.enteId),
    );
    return { view, services, enteId: enti.size === 1 ? [...enti][0]! : null };
  };
  app.get(
    '/exports/indicators.:format',
    {
      config: EXPORT_ACCESS,
      schema: {
        summary: 'Indicators as the results API returns them, one row per group and indicator',
        description:
          'The same query, scopes and disclosure control as GET /api/v1/results; withheld values are empty with status `:c`. XLSX carries the data dictionary as a second sheet.',
        tags: ['exports'],
        params: Type.Object({ format: Format }),
        querystring: IndicatorsQuery,
        produces: [MEDIA.csv, MEDIA.xlsx],
        response: {
          200: FILE('CSV with a header row, or XLSX'),
          ...problemResponses(400, 401, 403, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { view, enteId } = await indicators(request, request.query);
      const table = indicatorsTable(view);
      return send(request, reply, {
        what: 'indicators',
        format: request.params.format,
        name: `valuta-indicatori-${view.period.key.replace('/', '_')}`,
        enteId,
        rows: table.size,
        tables: [table, indicatorsDictionary(view)],
      });
    },
  );

  app.get(
    '/exports/indicators/dictionary.csv',
    {
      config: EXPORT_ACCESS,
      schema: {
        summary: 'The data dictionary of an indicators export',
        tags: ['exports'],
        querystring: IndicatorsQuery,
        produces: [MEDIA.csv],
        response: { 200: FILE('CSV with a header row'), ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const { view, enteId } = await indicators(request, request.query);
      return send(request, reply, {
        what: 'indicators-dictionary',
        format: 'csv',
        name: 'valuta-dizionario-indicatori',
        enteId,
        rows: 0,
        tables: [indicatorsDictionary(view)],
      });
    },
  );

  app.get(
    '/exports/indicators.sdmx.csv',
    {
      config: EXPORT_ACCESS,
      schema: {
        summary: 'Indicators as SDMX-CSV 2.0 (for the statistical office)',
        description:
          'The results query, grouped by service unless `groupBy=ente` (or the total with no grouping asked for… use groupBy=service or ente): one observation per dimension key SERVICE, ENTE, TIME_PERIOD, INDICATOR, MEASURE (N, POSITIVE, SHARE), with LOWER_BOUND and UPPER_BOUND (Wilson 95%), OBS_STATUS (A, M) and CONF_STATUS (F free, C confidential). The data structure is described in docs/exports.md.',
        tags: ['exports'],
        querystring: IndicatorsQuery,
        produces: [MEDIA['sdmx-csv']],
        response: { 200: FILE('SDMX-CSV 2.0'), ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const { view, services, enteId } = await indicators(request, request.query);
      const enteOf = new Map(services.map((s) => [s.slug, s.enteCode]));
      const scopeEnte = enteId === null ? null : services.find((s) => s.enteId === enteId)!.enteCode;
      const table = sdmxTable(view, (slug) => enteOf.get(slug)!, scopeEnte);
      return send(request, reply, {
        what: 'indicators-sdmx',
        format: 'sdmx-csv',
        name: `valuta-sdmx-${view.period.key.replace('/', '_')}`,
        enteId,
        rows: table.size,
        tables: [table],
      });
    },
  );

  app.get(
    '/exports/suggestions.:format',
    {
      config: EXPORT_ACCESS,
      schema: {
        summary: "A service's suggestions of a month",
        description:
          'Every suggestion GET /api/v1/results/suggestions lists for the same query (all pages), redacted again, with its item, language, score and channel; a withheld list gives a file with no rows.',
        tags: ['exports'],
        params: Type.Object({ format: Format }),
        querystring: Type.Object(SuggestionsQueryFields, { additionalProperties: false }),
        produces: [MEDIA.csv, MEDIA.xlsx],
        response: {
          200: FILE('CSV with a header row, or XLSX'),
          ...problemResponses(400, 401, 403, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const view = await suggestionsFor(source, principal, request.query, now(), { everyPage: true });
      const service = await visibleService(source, principal, view.service.slug);
      return send(request, reply, {
        what: 'suggestions',
        format: request.params.format,
        name: `valuta-suggerimenti-${service.slug}-${view.period.key}`,
        enteId: service.enteId,
        rows: view.suggestions.length,
        tables: [suggestionsTable(view)],
      });
    },
  );
};
