import { sql } from 'kysely';
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

/** The released responses of a range that look alike: per Italian month, version and quasi-identifier. */
export async function responseClasses(db: Db, range: ReleasedRange): Promise<ResponseClass[]> {
  const { rows } = await sql<ResponseClass & { count: string }>`
    select to_char(submitted_hour at time zone 'Europe/Rome', 'YYYY-MM') as month,
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

export interface ReleasedResponse {
  readonly id: string;
  readonly versionId: string;
  /** The hour as stored, in milliseconds since the epoch. */
  readonly hour: number;
  readonly channel: string;
  readonly deviceClass: string;
  readonly lang: string;
  readonly verified: boolean;
  /** The answers of the columns asked for, comma-separated, empty where the item was not answered. */
  readonly answers: string;
}

const columnOf = ({ code, kind }: AnswerColumn) => {
  switch (kind) {
    case 'point':
      return sql`coalesce(answers->>${code}, '')`;
    case 'choice':
      return sql`coalesce(replace(translate((answers->${code})::text, '[]" ', ''), ',', '|'), '')`;
    case 'text':
      return sql`(${code} = any(text_items))::int::text`;
  }
};

/**
 * The released responses of a range, in batches of `batch` in the order of their random ids, with
 * their answers written by the database as CSV (it runs beside the server, and a million JSON
 * documents parsed and taken apart in the server were most of an export's time, ADR 31). Keyset
 * pagination, one code path for PostgreSQL and PGlite (whose driver cannot stream): the period is
 * compared as instants, so that each batch walks the index `response (service_id, id) include
 * (submitted_hour)` from the last id instead of scanning the table (ADR 29).
 */
export async function* releasedResponses(
  db: Db,
  range: ReleasedRange,
  columns: readonly AnswerColumn[],
  batch = 2_000,
): AsyncGenerator<ReleasedResponse[]> {
  // joined by ||, not concat_ws: a function takes 100 arguments at most, a questionnaire more items
  const answers = columns.length > 0 ? sql.join(columns.map(columnOf), sql` || ',' || `) : sql`''`;
  const batchAfter = async (after: string | null) =>
    // without the camel-case plugin (the names are given as they are read), the hour as a
    // number: at a million rows, a million objects and Dates fewer to make and collect
    (
      await sql<ReleasedResponse>`
      select id, questionnaire_version_id as "versionId", (extract(epoch from submitted_hour) * 1000)::float8 as hour,
        channel, device_class as "deviceClass", lang, verified, ${answers} as answers
      from response
      where ${inRange(range)} ${after === null ? sql`` : sql`and id > ${after}`}
      order by id limit ${batch}`.execute(db.withoutPlugins())
    ).rows;
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
