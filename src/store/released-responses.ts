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

/** Where a walk of the released responses stands: the last Italian month and id read. */
export interface LinesKey {
  /** The month as the database wrote it (`2026-10-01 00:00:00`). */
  readonly month: string;
  readonly id: string;
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
 * A response's Italian month as a timestamp: the second key of the index
 * `response (service_id, <this>, id) include (submitted_hour)` (migration 0009).
 */
const monthKey = sql`date_trunc('month', submitted_hour at time zone 'Europe/Rome')`;

/** The responses of a range after a month and id (all of them when null), in walking order. */
const walk = (range: ReleasedRange, after: LinesKey | null) => sql`
  from response
  where ${inRange(range)}
    and ${monthKey} >= date_trunc('month', ${range.from}::date::timestamp)
    and ${monthKey} <= date_trunc('month', ${range.to}::date::timestamp)
    ${after === null ? sql`` : sql`and (${monthKey}, id) > (${after.month}::timestamp, ${after.id}::uuid)`}
  order by ${monthKey}, id`;

/** Batches read at once: on PostgreSQL each on a connection, so on a core, of its own. */
const IN_FLIGHT = 2;

/**
 * The released responses of a range as CSV lines written by the database (it runs beside the
 * server, which took most of an export's time parsing a million JSON documents and formatting
 * their cells, ADR 31), in batches of `batch`. Keyset pagination, one code path for PostgreSQL
 * and PGlite (whose driver cannot stream), month by Italian month and, within a month, in the
 * order of their random ids: never of their hour or place on disk, which the month shown would
 * not tell (ADR 32). The key each batch starts after is read ahead from the index alone, so that
 * the next batch is read while one is (on PGlite, whose one connection takes them in turn, after).
 */
export async function* releasedLines(
  db: Db,
  range: ReleasedRange,
  layout: LineLayout,
  batch = 2_000,
): AsyncGenerator<string[]> {
  const reading: Promise<{ line: string | null }[]>[] = [];
  let after: LinesKey | null = null;
  let more = true;
  while (more || reading.length > 0) {
    while (more && reading.length < IN_FLIGHT) {
      const lines = linesAfter(range, layout, after, batch)
        .execute(db.withoutPlugins())
        .then((r) => r.rows);
      // a download abandoned half-way leaves these reads behind: their failure is nobody's to report
      lines.catch(() => undefined);
      reading.push(lines);
      const { rows } = await keyAfter(range, after, batch).execute(db.withoutPlugins());
      more = rows.length > 0;
      if (more) after = rows[0]!;
    }
    const rows = await reading.shift()!;
    yield rows.flatMap((r) => (r.line === null ? [] : [r.line]));
  }
}

/** The query of one batch: the lines of the range after a month and id (from the first when null). */
export function linesAfter(range: ReleasedRange, layout: LineLayout, after: LinesKey | null, batch: number) {
  return sql<{ line: string | null }>`select ${lineOf(layout)} as line ${walk(range, after)} limit ${batch}`;
}

/** The last month and id of the batch after a key, when it is a whole batch: where the next one starts. */
export function keyAfter(range: ReleasedRange, after: LinesKey | null, batch: number) {
  return sql<LinesKey>`select ${monthKey}::text as month, id ${walk(range, after)} offset ${batch - 1} limit 1`;
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
