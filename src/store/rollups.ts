import { sql, type Transaction } from 'kysely';
import type { Db } from './database.js';
import type { Schema } from './schema.js';

/**
 * Held by whatever writes the rollups: the release (responses.ts) and `rebuildRollups`. Apart
 * from the release's own lock, so that a rebuild never holds up the ingest.
 */
export const ROLLUP_LOCK = 4_207_311_002;

/**
 * The statements (CTEs, for a `with` that has defined `source`, released responses) that add the
 * rows of `source` to the rollups: items by day, items by month crossed with the breakdowns,
 * responses by day crossed with the breakdowns (migration 0001, ADR 19), items and responses by
 * month and channel only (migration 0007); and the generation of each month they fall in is
 * raised (migration 0006). The contributions are
 * read from the stored answers: `*` (answered) for every item answered, free text included
 * (`text_items`), and each chosen point or option. The day is the Italian day of the stored hour
 * (Italy's offset is whole hours, so the hour never straddles two days). Rows in key order, so
 * that two writers never deadlock.
 */
const ADD_TO_ROLLUPS = sql`
  dated as (
    select s.*, (s.submitted_hour at time zone 'Europe/Rome')::date as day from source s
  ),
  contribution as (
    select d.service_id, d.questionnaire_version_id, d.day, d.channel, d.device_class, d.lang, d.verified,
      a.key as item_code, '*' as value
    from dated d, jsonb_each(d.answers) a
    union all
    select d.service_id, d.questionnaire_version_id, d.day, d.channel, d.device_class, d.lang, d.verified,
      a.key, e.value
    from dated d, jsonb_each(d.answers) a,
      jsonb_array_elements_text(case jsonb_typeof(a.value) when 'array' then a.value else jsonb_build_array(a.value) end) e(value)
    union all
    select d.service_id, d.questionnaire_version_id, d.day, d.channel, d.device_class, d.lang, d.verified,
      t.item_code, '*'
    from dated d, unnest(d.text_items) t(item_code)
  ),
  item_day as (
    insert into rollup_item_day as ro (service_id, day, questionnaire_version_id, item_code, value, count)
    select service_id, day, questionnaire_version_id, item_code, value, count(*)
    from contribution group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
    on conflict on constraint rollup_item_day_pkey do update set count = ro.count + excluded.count
  ),
  item_month as (
    insert into rollup_item_month as ro
      (service_id, month, questionnaire_version_id, channel, device_class, lang, verified, item_code, value, count)
    select service_id, date_trunc('month', day)::date, questionnaire_version_id, channel, device_class, lang, verified,
      item_code, value, count(*)
    from contribution group by 1, 2, 3, 4, 5, 6, 7, 8, 9 order by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict on constraint rollup_item_month_pkey do update set count = ro.count + excluded.count
  ),
  month as (
    insert into rollup_month as ro (service_id, month, questionnaire_version_id, channel, item_code, value, count)
    select service_id, date_trunc('month', day)::date, questionnaire_version_id, channel, item_code, value, count(*)
    from contribution group by 1, 2, 3, 4, 5, 6
    union all
    -- the responses, under RESPONSES (domain/results-cube.ts)
    select service_id, date_trunc('month', day)::date, questionnaire_version_id, channel, '#', '*', count(*)
    from dated group by 1, 2, 3, 4
    order by 1, 2, 3, 4, 5, 6
    on conflict on constraint rollup_month_pkey do update set count = ro.count + excluded.count
  ),
  response_day as (
    insert into rollup_response_day as ro
      (service_id, day, questionnaire_version_id, channel, device_class, lang, verified, count)
    select service_id, day, questionnaire_version_id, channel, device_class, lang, verified, count(*)
    from dated group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
    on conflict on constraint rollup_response_day_pkey do update set count = ro.count + excluded.count
  ),
  generation as (
    insert into rollup_generation as g (month, generation)
    select distinct date_trunc('month', day)::date, 1 from dated order by 1
    on conflict (month) do update set generation = g.generation + 1
  )`;

/**
 * Moves the rows that `releasing` (a data-modifying CTE body returning `response_pending` rows)
 * deletes into `response` in random order, and adds them to the rollups, in one statement of the
 * caller's transaction, which holds `ROLLUP_LOCK`. Returns how many moved.
 */
export async function releaseIntoRollups(
  trx: Transaction<Schema>,
  releasing: ReturnType<typeof sql>,
): Promise<number> {
  const { rows } = await sql<{ moved: number }>`
    with source as (${releasing}),
    moved as (
      insert into response (id, service_id, questionnaire_version_id, submission_key, submitted_hour, channel, device_class, lang, verified, answers, text_items)
      select id, service_id, questionnaire_version_id, submission_key, submitted_hour, channel, device_class, lang, verified, answers, text_items
      from source order by random()
    ),
    ${ADD_TO_ROLLUPS}
    select count(*)::int as moved from source`.execute(trx);
  return rows[0]?.moved ?? 0;
}

/** Row counts of the rollup tables, as `valuta rollups rebuild` prints them. */
export interface RollupSizes {
  readonly responses: number;
  readonly itemDay: number;
  readonly itemMonth: number;
  readonly month: number;
  readonly responseDay: number;
}

/**
 * Recomputes the rollups from the released responses, in one transaction: what the release
 * added incrementally must equal this, exactly (tests check it). The ingest goes on meanwhile;
 * the release waits.
 *
 * @example await rebuildRollups(db) // → { responses: 1200, itemDay: 4100, … }
 */
export function rebuildRollups(db: Db): Promise<RollupSizes> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
    await sql`delete from rollup_item_day`.execute(trx);
    await sql`delete from rollup_item_month`.execute(trx);
    await sql`delete from rollup_response_day`.execute(trx);
    await sql`delete from rollup_month`.execute(trx);
    // month by month, the order in which the release and the opening counter lock them
    await sql`select month from rollup_generation order by month for update`.execute(trx);
    await sql`update rollup_generation set generation = generation + 1`.execute(trx);
    await sql`with source as (select * from response), ${ADD_TO_ROLLUPS} select 1`.execute(trx);
    return rollupSizes(trx);
  });
}

export async function rollupSizes(db: Db | Transaction<Schema>): Promise<RollupSizes> {
  const { rows } = await sql<{ [K in keyof RollupSizes]: string }>`
    select (select count(*) from response) as responses,
      (select count(*) from rollup_item_day) as "itemDay",
      (select count(*) from rollup_item_month) as "itemMonth",
      (select count(*) from rollup_month) as "month",
      (select count(*) from rollup_response_day) as "responseDay"`.execute(db);
  const row = rows[0]!;
  return {
    responses: Number(row.responses),
    itemDay: Number(row.itemDay),
    itemMonth: Number(row.itemMonth),
    month: Number(row.month),
    responseDay: Number(row.responseDay),
  };
}
