import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordExport } from '../../commands/exports.js';
import { ValutaError } from '../../domain/errors.js';
import type { Principal } from '../../domain/governance/roles.js';
import { isClosed, parsePeriod, previousPeriod } from '../../domain/periods.js';
import type { ServiceRef } from '../../domain/results.js';
import { ReportPage, type MonthlyReport } from '../../pages/report/ReportPage.js';
import { renderDocument } from '../../pages/render.js';
import {
  benchmarkFor,
  periodsFor,
  resultsFor,
  visibleService,
  type ResultsSource,
} from '../../results/read.js';
import { suggestionsFor } from '../../suggestions/read.js';
import { principalOf } from '../access/declaration.js';
import { Slug } from '../schemas.js';
import type { AppServices } from '../services.js';
import { commandContext } from './api/v1/staff-context.js';

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: "A closed month, '2026-10'" });
const TREND_MONTHS = 12;

/**
 * Everything the report shows, read as `principal` through the results reading (so with its
 * disclosure control and scope): the month, the closed months up to it that have responses
 * (at most 12), the benchmark, the themes of the month's suggestions.
 */
async function readReport(
  source: ResultsSource,
  principal: Principal,
  service: ServiceRef,
  month: string,
  now: Date,
): Promise<MonthlyReport> {
  const query = { service: service.slug, period: month };
  const [view, benchmark, periods, suggestions] = await Promise.all([
    resultsFor(source, principal, query, now),
    benchmarkFor(source, principal, query, now),
    periodsFor(source, principal, [service], now),
    suggestionsFor(source, principal, query, now),
  ]);
  const months = [month];
  while (months.length < TREND_MONTHS) {
    const before = previousPeriod(parsePeriod(months[0]!))!.key;
    if (!periods.months.includes(before)) break;
    months.unshift(before);
  }
  const trend = await Promise.all(
    months.map(async (m) => ({
      month: m,
      row:
        m === month ? view.total : (await resultsFor(source, principal, { ...query, period: m }, now)).total,
    })),
  );
  return {
    enteName: service.enteName,
    serviceName: service.name,
    month,
    generatedAt: now,
    view,
    trend,
    benchmark,
    suggestions,
  };
}

/**
 * The monthly report of a service, a printable HTML page for the ente's staff (and the central
 * office): the results API's figures for a closed month, drawn on the server. Viewing one is an
 * export of the ente's data, written to the audit trail before the page is sent.
 */
export const reportRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  const { database, config, now, resultsCache: cache } = services;
  const source: ResultsSource = { db: database.db, cache, k: config.suppressionK };

  app.get(
    '/reports/services/:slug/:month',
    {
      config: { access: { audience: 'staff', permission: 'results:read' } },
      schema: { hide: true, params: Type.Object({ slug: Slug, month: Month }) },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { slug, month } = request.params;
      const at = now();
      // another ente's service is answered as an unknown one, as the results API does
      const service = await visibleService(source, principal, slug);
      if (!isClosed(parsePeriod(month), at))
        throw new ValutaError(
          'VALUTA_ERR_NOT_PUBLISHED',
          `${month} is not closed yet: a month's report is made from the second day of the next month`,
          [{ item: 'month', code: 'not-published', detail: 'a closed month' }],
        );
      const html = renderDocument(
        <ReportPage report={await readReport(source, principal, service, month, at)} />,
      );
      await recordExport(
        commandContext(request, services),
        {
          what: 'monthly-report',
          format: 'html',
          filters: { service: slug, month },
          enteId: service.enteId,
        },
        async () => 1,
      );
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );
};
