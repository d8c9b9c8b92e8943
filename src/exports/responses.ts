/**
 * The raw responses of a service as a table: one row per released response, one column per item
 * code. The central office gets the hour as stored and every column; ente users and their keys get
 * the month only, and rows and quasi-identifiers as `microdataPlan` allows (k-anonymity, ADR 28).
 * Free text never appears here: a text item's column says only whether it was answered.
 */
import type { Principal } from '../domain/governance/roles.js';
import { groupKey, microdataPlan, QUASI_IDENTIFIERS, type GroupPlan } from '../domain/microdata.js';
import type { Period } from '../domain/periods.js';
import { isPointItem, type QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { ServiceRef } from '../domain/results.js';
import { askedPeriod } from '../domain/results-plan.js';
import { isCentral, visibleService, type ResultsSource } from '../results/read.js';
import type { Db } from '../store/database.js';
import {
  releasedLines,
  responseClasses,
  versionDefinitions,
  type AnswerColumn,
  type LeadCell,
  type LineLayout,
  type ReleasedRange,
} from '../store/released-responses.js';
import { dictionaryOf } from './dictionary.js';
import { DatabaseLines, type Table } from './tables.js';

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

/**
 * The item columns of some definitions, in questionnaire order, the newest version's first; a code
 * whose type changed between versions is read as text.
 */
function itemColumns(definitions: readonly QuestionnaireDefinition[]): AnswerColumn[] {
  const kinds = new Map<string, AnswerColumn['kind']>();
  for (const d of [...definitions].reverse())
    for (const item of d.items) {
      const kind = item.type === 'text' ? 'text' : isPointItem(item) ? 'point' : 'choice';
      const known = kinds.get(item.code);
      kinds.set(item.code, known === undefined || known === kind ? kind : 'choice');
    }
  return [...kinds].map(([code, kind]) => ({ code, kind }));
}

/** How the raw responses of a range are written: the rows, the columns and the database's lines. */
export interface ResponsesLayout {
  /** Rows the table will have. */
  readonly rows: number;
  readonly columns: readonly string[];
  readonly lines: LineLayout;
  /** Per column, whether a workbook reads it as a number. */
  readonly numeric: readonly boolean[];
  readonly definitions: readonly QuestionnaireDefinition[];
}

/**
 * Lays out the export of a range: the central office gets every month and version with the hour
 * as stored and every quasi-identifier; ente users and their keys what `microdataPlan` allows.
 */
export async function responsesLayout(
  db: Db,
  range: ReleasedRange,
  central: boolean,
  k: number,
): Promise<ResponsesLayout> {
  const classes = await responseClasses(db, range);
  const plans: Map<string, GroupPlan> = central
    ? new Map(
        classes.map((c) => [groupKey(c.month, c.versionId), { exported: true, shown: QUASI_IDENTIFIERS }]),
      )
    : microdataPlan(classes, k);
  const rows = classes
    .filter((c) => plans.get(groupKey(c.month, c.versionId))!.exported)
    .reduce((sum, c) => sum + c.count, 0);
  const definitions = await versionDefinitions(db, [...new Set(classes.map((c) => c.versionId))]);
  const items = itemColumns([...definitions.values()]);
  // each month and version exported leads its lines with its time, questionnaire and version,
  // and the quasi-identifiers its plan shows (central: all, and the hour as stored)
  const leads = new Map<string, LeadCell[]>();
  for (const [key, plan] of plans) {
    if (!plan.exported) continue;
    const [month, versionId] = key.split('|') as [string, string];
    const definition = definitions.get(versionId)!;
    leads.set(key, [
      central ? { of: 'hour' } : { text: month },
      { text: definition.family },
      { text: String(definition.version) },
      ...QUASI_IDENTIFIERS.map((q): LeadCell => (plan.shown.includes(q) ? { of: q } : { text: WITHHELD })),
    ]);
  }
  return {
    rows,
    columns: [
      central ? 'hour' : 'month',
      'questionnaire',
      'version',
      ...QUASI_IDENTIFIERS,
      ...items.map((c) => c.code),
    ],
    lines: { leads, answers: items },
    // the version and the points and text items are numbers
    numeric: [
      false,
      false,
      true,
      ...QUASI_IDENTIFIERS.map(() => false),
      ...items.map((c) => c.kind !== 'choice'),
    ],
    definitions: [...definitions.values()],
  };
}

/** Plans the export of a service's raw responses; its rows are read as the table is written. */
export async function responsesExport(
  source: ResultsSource,
  principal: Principal,
  query: ResponsesQuery,
  now: Date,
): Promise<ResponsesExport> {
  const central = isCentral(principal);
  const period = askedPeriod(query, central, now);
  const service = await visibleService(source, principal, query.service);
  const range = { serviceId: service.id, from: period.from, to: period.to };
  const { rows, columns, lines, numeric, definitions } = await responsesLayout(
    source.db,
    range,
    central,
    source.k,
  );
  async function* batches() {
    for await (const batch of releasedLines(source.db, range, lines))
      yield DatabaseLines.check(batch, numeric);
  }
  return {
    service,
    period,
    rows,
    table: { name: 'Risposte', columns, rows: batches() },
    dictionary: dictionaryOf(definitions, { time: central ? 'hour' : 'month', central, k: source.k }),
  };
}
