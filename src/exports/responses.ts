/**
 * The raw responses of a service as a table: one row per released response, one column per item
 * code. The central office gets the hour as stored and every column; ente users and their keys get
 * the month only, and rows and quasi-identifiers as `microdataPlan` allows (k-anonymity, ADR 28).
 * Free text never appears here: a text item's column says only whether it was answered.
 */
import { ValutaError } from '../domain/errors.js';
import type { Principal } from '../domain/governance/roles.js';
import { groupKey, microdataPlan, QUASI_IDENTIFIERS, type GroupPlan } from '../domain/microdata.js';
import { dayRange, isClosed, italianMonth, parsePeriod, type Period } from '../domain/periods.js';
import type { AnswerValue, QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { ServiceRef } from '../domain/results.js';
import { lastClosedMonth } from '../domain/results-plan.js';
import { isCentral, visibleServices, type ResultsSource } from '../results/read.js';
import {
  releasedResponses,
  responseClasses,
  versionDefinitions,
  type ReleasedResponse,
} from '../store/released-responses.js';
import { dictionaryOf } from './dictionary.js';
import type { Row, Table } from './tables.js';

/** What a file marks a withheld value with (docs/statistics.md). */
export const WITHHELD = ':c';

export interface ResponsesQuery {
  readonly service: string;
  readonly period?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface ResponsesExport {
  readonly service: ServiceRef;
  readonly period: Period;
  /** Rows the table will have. */
  readonly rows: number;
  readonly table: Table;
  readonly dictionary: Table;
}

function notPublished(detail: string, item: string): never {
  throw new ValutaError('VALUTA_ERR_NOT_PUBLISHED', detail, [{ item, code: 'not-published', detail }]);
}

/** The period of an export: a closed month, quarter or year; a day range or the running month for the central office. */
export function exportPeriod(
  query: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
  central: boolean,
  now: Date,
): Period {
  if (query.from !== undefined || query.to !== undefined) {
    if (!central)
      notPublished('Day ranges are for the central office: ask for a closed month, quarter or year', 'from');
    if (query.from === undefined || query.to === undefined || query.period !== undefined)
      throw new ValutaError(
        'VALUTA_ERR_VALIDATION',
        'A day range needs both `from` and `to`, and no `period`',
        [
          {
            item: query.from === undefined ? 'from' : 'to',
            code: 'required',
            detail: 'from and to go together',
          },
        ],
      );
    return dayRange(query.from, query.to);
  }
  const period = query.period !== undefined ? parsePeriod(query.period) : lastClosedMonth(now);
  if (!central && !isClosed(period, now))
    notPublished(`${period.key} is not closed yet: ask for a closed month, quarter or year`, 'period');
  return period;
}

/** The service of a query, among those the principal may see (VALUTA_ERR_SERVICE_NOT_FOUND otherwise). */
export async function exportedService(
  source: ResultsSource,
  principal: Principal,
  slug: string,
): Promise<ServiceRef> {
  const service = (await visibleServices(source, principal)).find((s) => s.slug === slug);
  if (service === undefined)
    throw new ValutaError('VALUTA_ERR_SERVICE_NOT_FOUND', `No service has the slug "${slug}"`);
  return service;
}

/** The item columns of some definitions, in questionnaire order, the newest version's first. */
function itemColumns(definitions: readonly QuestionnaireDefinition[]): string[] {
  const codes: string[] = [];
  for (const d of [...definitions].reverse())
    for (const item of d.items) if (!codes.includes(item.code)) codes.push(item.code);
  return codes;
}

const cellOf = (value: AnswerValue | undefined): string | number | null =>
  value === undefined ? null : Array.isArray(value) ? value.join('|') : (value as string | number);

/** Plans the export of a service's raw responses; its rows are read as the table is written. */
export async function responsesExport(
  source: ResultsSource,
  principal: Principal,
  query: ResponsesQuery,
  now: Date,
): Promise<ResponsesExport> {
  const central = isCentral(principal);
  const period = exportPeriod(query, central, now);
  const service = await exportedService(source, principal, query.service);
  const range = { serviceId: service.id, from: period.from, to: period.to };
  const classes = await responseClasses(source.db, range);
  const plans: Map<string, GroupPlan> = central
    ? new Map(
        classes.map((c) => [groupKey(c.month, c.versionId), { exported: true, shown: QUASI_IDENTIFIERS }]),
      )
    : microdataPlan(classes, source.k);
  const rows = classes
    .filter((c) => plans.get(groupKey(c.month, c.versionId))!.exported)
    .reduce((sum, c) => sum + c.count, 0);
  const definitions = await versionDefinitions(source.db, [...new Set(classes.map((c) => c.versionId))]);
  const items = itemColumns([...definitions.values()]);
  const textItems = new Set(
    [...definitions.values()].flatMap((d) => d.items.filter((i) => i.type === 'text').map((i) => i.code)),
  );
  const time = central ? 'hour' : 'month';
  const columns = [time, 'questionnaire', 'version', ...QUASI_IDENTIFIERS, ...items];

  const record = (r: ReleasedResponse): Row | null => {
    const month = italianMonth(r.submittedHour);
    const plan = plans.get(groupKey(month, r.versionId));
    if (plan === undefined || !plan.exported) return null;
    const definition = definitions.get(r.versionId)!;
    const values = { channel: r.channel, device: r.deviceClass, lang: r.lang, verified: String(r.verified) };
    const row: Record<string, string | number | null> = {
      [time]: central ? r.submittedHour.toISOString() : month,
      questionnaire: definition.family,
      version: definition.version,
    };
    for (const q of QUASI_IDENTIFIERS) row[q] = plan.shown.includes(q) ? values[q] : WITHHELD;
    for (const code of items)
      row[code] = textItems.has(code) ? (r.textItems.includes(code) ? 1 : 0) : cellOf(r.answers[code]);
    return row;
  };
  async function* batches() {
    for await (const batch of releasedResponses(source.db, range))
      yield batch.map(record).filter((row): row is Row => row !== null);
  }
  return {
    service,
    period,
    rows,
    table: { name: 'Risposte', columns, rows: batches() },
    dictionary: dictionaryOf([...definitions.values()], { time, central, k: source.k }),
  };
}
