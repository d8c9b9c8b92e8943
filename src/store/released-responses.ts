import { sql, type RawBuilder } from 'kysely';
import type { ResponseClass } from '../domain/microdata.js';
import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { Db } from './database.js';

/** A service's released responses of some Italian days, first and last included. */
export interface ReleasedRange {
  readonly serviceId: string;
  readonly from: string;
  readonly to: string;
}

/** The range as instants: from the Italian midnight of `from` to that of the day after `to`. */
const inRange = ({ serviceId, from, to }: ReleasedRange) =>
  sql`service_id = ${serviceId}
    and submitted_hour >= (${from}::date::timestamp at time zone 'Europe/Rome')
    and submitted_hour < ((${to}::date + 1)::timestamp at time zone 'Europe/Rome')`;

/** A response's Italian month, `YYYY-MM`. */
const italianMonth = sql<string>`to_char(submitted_hour at time zone 'Europe/Rome', 'YYYY-MM')`;

/** The released responses of a range that look alike: per Italian month, version and quasi-identifier. */
export async function responseClasses(db: Db, range: ReleasedRange): Promise<ResponseClass[]> {
  const { rows } = await sql<ResponseClass & { count: string }>`
    select ${italianMonth} as month,
      questionnaire_version_id as version_id, channel, device_class as device, lang, verified::text as verified,
      count(*) as count
    from response where ${inRange(range)}
    group by 1, 2, 3, 4, 5, 6`.execute(db);
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/**
 * An item's column, as the database writes it: a point as its number; any other answer as it is,
 * a multiple choice's options joined by `|` (option codes are lower-case words and hyphens, so
 * stripping the JSON's brackets, quotes and spaces leaves them as they are); a text item as 1 when
 * it was answered, 0 when not (its text never leaves the database here).
 */
export interface AnswerColumn {
  readonly code: string;
  readonly kind: 'point' | 'choice' | 'text';
}

/** A cell before the answers of a line: text as given, or what the database reads of the response. */
export type LeadCell =
  { readonly text: string } | { readonly of: 'hour' | 'channel' | 'device' | 'lang' | 'verified' };

/** How the database writes the lines of an export. */
export interface LineLayout {
  /**
   * Per Italian month and questionnaire version (`YYYY-MM|versionId`), the cells that lead its
   * lines; the responses of a month and version not here get no line.
   */
  readonly leads: ReadonlyMap<string, readonly LeadCell[]>;
  readonly answers: readonly AnswerColumn[];
}

export interface ReleasedLine {
  readonly id: string;
  /** The response as a CSV line; null when its month and version get none. */
  readonly line: string | null;
}

const leadOf = (cell: LeadCell) => {
  if ('text' in cell) return sql`${cell.text}::text`;
  switch (cell.of) {
    case 'hour':
      return sql`to_char(submitted_hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'channel':
      return sql`channel`;
    case 'device':
      return sql`device_class`;
    case 'lang':
      return sql`lang`;
    case 'verified':
      return sql`verified::text`;
  }
};

const answerOf = ({ code, kind }: AnswerColumn) => {
  switch (kind) {
    case 'point':
      return sql`coalesce(answers->>${code}, '')`;
    case 'choice':
      return sql`coalesce(replace(translate((answers->${code})::text, '[]" ', ''), ',', '|'), '')`;
    case 'text':
      return sql`(${code} = any(text_items))::int::text`;
  }
};

/** Cells joined by commas with ||, not concat_ws: a function takes 100 arguments at most. */
const joined = (cells: readonly RawBuilder<unknown>[]) => sql.join(cells, sql` || ',' || `);

/** A response as a CSV line, as the layout says. */
function lineOf({ leads, answers }: LineLayout) {
  if (leads.size === 0) return sql`null::text`;
  // the key of `groupKey` (src/domain/microdata.ts)
  const month = sql`${italianMonth} || '|' || questionnaire_version_id::text`;
  const lead = sql`case ${month} ${sql.join(
    [...leads].map(([key, cells]) => sql`when ${key} then ${joined(cells.map(leadOf))}`),
    sql` `,
  )} end`;
  return answers.length === 0 ? lead : sql`${lead} || ',' || ${joined(answers.map(answerOf))}`;
}

/**
 * The released responses of a range as CSV lines written by the database (it runs beside the
 * server, which took most of an export's time parsing a million JSON documents and formatting
 * their cells, ADR 31), in batches of `batch` in the order of their random ids. Keyset
 * pagination, one code path for PostgreSQL and PGlite (whose driver cannot stream): the period is
 * compared as instants, so that each batch walks the index `response (service_id, id) include
 * (submitted_hour)` from the last id instead of scanning the table (ADR 29).
 */
export async function* releasedLines(
  db: Db,
  range: ReleasedRange,
  layout: LineLayout,
  batch = 2_000,
): AsyncGenerator<ReleasedLine[]> {
  const batchAfter = async (after: string | null) =>
    (await linesAfter(range, layout, after, batch).execute(db.withoutPlugins())).rows;
  let next = batchAfter(null);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) return;
    next = rows.length < batch ? Promise.resolve([]) : batchAfter(rows.at(-1)!.id);
    // a download abandoned half-way leaves this read behind: its failure is nobody's to report
    next.catch(() => undefined);
    yield rows;
  }
}

/** The query of one batch: the lines of the range after an id (from the first when null). */
export function linesAfter(range: ReleasedRange, layout: LineLayout, after: string | null, batch: number) {
  return sql<ReleasedLine>`
    select id, ${lineOf(layout)} as line from response
    where ${inRange(range)} ${after === null ? sql`` : sql`and id > ${after}`}
    order by id limit ${batch}`;
}

/** The definitions of some questionnaire versions, by id, oldest version first. */
export async function versionDefinitions(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, QuestionnaireDefinition>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('questionnaireVersion')
    .select(['id', 'definition'])
    .where('id', 'in', ids)
    .orderBy('version')
    .execute();
  return new Map(rows.map((r) => [r.id, r.definition]));
}
