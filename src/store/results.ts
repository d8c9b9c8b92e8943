import { sql } from 'kysely';
import type { CoverageService, FunnelCounts, StatusChange } from '../domain/coverage.js';
import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { OpeningRow, ServiceRef } from '../domain/results.js';
import { RESPONSES, type CountRow } from '../domain/results-cube.js';
import type { Db } from './database.js';
import { ANSWERED_VERSION } from './services.js';

/**
 * The rollup counts of some services over whole months, first to last (YYYY-MM): the answers
 * with their breakdowns (`rollup_item_month`) and the responses with theirs
 * (`rollup_response_day` added up by month), in one snapshot so that they agree while the release
 * runs; or, with `breakdowns: false` for the views that need none, both from `rollup_month`, whose
 * size does not grow with the breakdown combinations in use (the responses by channel, for the
 * response rate). `at` is the month, or 'period' with `{ total: true }`.
 */
export function monthCounts(
  db: Db,
  serviceIds: readonly string[],
  first: string,
  last: string,
  options: { readonly breakdowns: boolean; readonly total?: boolean } = { breakdowns: true },
): Promise<CountRow[]> {
  if (serviceIds.length === 0) return Promise.resolve([]);
  const from = `${first}-01`;
  const to = `${last}-01`;
  const at = options.total ? sql`'period'` : sql`to_char(month, 'YYYY-MM')`;
  if (!options.breakdowns)
    return sql<RawCount>`
      select service_id, ${at} as at, case when item_code = ${RESPONSES} then channel else '' end as channel,
        '' as device_class, '' as lang, null::boolean as verified, item_code, value, sum(count)::float8 as count
      from rollup_month
      where service_id = any(${serviceIds}::uuid[]) and month between ${from}::date and ${to}::date
      group by 1, 2, 3, 7, 8`
      .execute(db)
      .then(({ rows }) => rows.map(asCountRow));
  const atDay = options.total ? sql`'period'` : sql`to_char(day, 'YYYY-MM')`;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { rows } = await sql<RawCount>`
        select service_id, ${at} as at, channel, device_class, lang, verified, item_code, value,
          sum(count)::float8 as count
        from rollup_item_month
        where service_id = any(${serviceIds}::uuid[]) and month between ${from}::date and ${to}::date
        group by 1, 2, 3, 4, 5, 6, 7, 8
        union all
        select service_id, ${atDay}, channel, device_class, lang, verified, ${RESPONSES}, '*', sum(count)::float8
        from rollup_response_day
        where service_id = any(${serviceIds}::uuid[]) and day >= ${from}::date
          and day < (${to}::date + interval '1 month')
        group by 1, 2, 3, 4, 5, 6`.execute(trx);
      return rows.map(asCountRow);
    });
}

/**
 * The rollup counts of some services by Italian day, `from` to `to` included (the central
 * office's day ranges): answers without breakdowns (`rollup_item_day`), responses with them.
 */
export function dayCounts(
  db: Db,
  serviceIds: readonly string[],
  from: string,
  to: string,
): Promise<CountRow[]> {
  if (serviceIds.length === 0) return Promise.resolve([]);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { rows } = await sql<RawCount>`
        select service_id, to_char(day, 'YYYY-MM-DD') as at, '' as channel, '' as device_class, '' as lang,
          null::boolean as verified, item_code, value, sum(count)::float8 as count
        from rollup_item_day
        where service_id = any(${serviceIds}::uuid[]) and day between ${from}::date and ${to}::date
        group by 1, 2, 7, 8
        union all
        select service_id, to_char(day, 'YYYY-MM-DD'), channel, device_class, lang, verified, ${RESPONSES}, '*',
          sum(count)::float8
        from rollup_response_day
        where service_id = any(${serviceIds}::uuid[]) and day between ${from}::date and ${to}::date
        group by 1, 2, 3, 4, 5, 6`.execute(trx);
      return rows.map(asCountRow);
    });
}

/** Openings per service, channel and month (YYYY-MM) or day, from `from` to `to` included. */
export async function openingCounts(
  db: Db,
  serviceIds: readonly string[],
  from: string,
  to: string,
  by: 'month' | 'day',
): Promise<OpeningRow[]> {
  if (serviceIds.length === 0) return [];
  const format = by === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD';
  const { rows } = await sql<{ serviceId: string; at: string; channel: string; count: number }>`
    select service_id, to_char(day, ${format}) as at, channel, sum(count)::float8 as count
    from opening
    where service_id = any(${serviceIds}::uuid[]) and day between ${from}::date and ${to}::date
    group by 1, 2, 3`.execute(db);
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Released responses of some services in a month so far (the running month's count). */
export async function responsesInMonth(
  db: Db,
  serviceIds: readonly string[],
  month: string,
): Promise<number> {
  if (serviceIds.length === 0) return 0;
  const { rows } = await sql<{ n: number | null }>`
    select sum(count)::float8 as n from rollup_response_day
    where service_id = any(${serviceIds}::uuid[]) and day >= ${`${month}-01`}::date
      and day < (${`${month}-01`}::date + interval '1 month')`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The first month with released responses among some services (YYYY-MM), or undefined. */
export async function firstMonth(db: Db, serviceIds: readonly string[]): Promise<string | undefined> {
  if (serviceIds.length === 0) return undefined;
  const { rows } = await sql<{ first: string | null }>`
    select to_char(min(day), 'YYYY-MM') as first from rollup_response_day
    where service_id = any(${serviceIds}::uuid[])`.execute(db);
  return rows[0]?.first ?? undefined;
}

/**
 * The services results may be about (any status but draft: a paused or retired service keeps its
 * results), with their ente and the questionnaire version they answer now; `enteId` limits them
 * to one ente. Definitions are read once per version into `definitions` (a published version
 * never changes).
 */
export async function resultServices(
  db: Db,
  definitions: Map<string, QuestionnaireDefinition>,
  enteId?: string,
): Promise<ServiceRef[]> {
  const rows = await db
    .selectFrom('service as s')
    .innerJoin('ente as e', 'e.id', 's.enteId')
    .innerJoin('questionnaireVersion as q', (join) =>
      join.onRef('q.family', '=', 's.family').on(ANSWERED_VERSION),
    )
    .select([
      's.id',
      's.slug',
      's.name',
      's.family',
      's.kind',
      's.status',
      'e.id as enteId',
      'e.ipaCode as enteCode',
      'e.name as enteName',
      'e.region',
      'q.id as versionId',
    ])
    .where('s.status', '<>', 'draft')
    .$if(enteId !== undefined, (q) => q.where('s.enteId', '=', enteId!))
    .orderBy('s.slug')
    .execute();
  const unknown = [...new Set(rows.map((r) => r.versionId))].filter((id) => !definitions.has(id));
  if (unknown.length > 0)
    for (const v of await db
      .selectFrom('questionnaireVersion')
      .select(['id', 'definition'])
      .where('id', 'in', unknown)
      .execute())
      definitions.set(v.id, v.definition);
  return rows.map(({ versionId, ...r }) => ({ ...r, definition: definitions.get(versionId)! }));
}

interface RawCount {
  serviceId: string;
  at: string;
  channel: string;
  deviceClass: string;
  lang: string;
  verified: boolean | null;
  itemCode: string;
  value: string;
  count: number;
}

function asCountRow(r: RawCount): CountRow {
  return { ...r, count: Number(r.count) };
}

/** Every service but drafts, with what coverage needs of its ente; and every status they took. */
export async function coverageData(
  db: Db,
): Promise<{ services: CoverageService[]; changes: StatusChange[] }> {
  const services = await db
    .selectFrom('service as s')
    .innerJoin('ente as e', 'e.id', 's.enteId')
    .select([
      's.id',
      's.slug',
      's.name',
      'e.id as enteId',
      'e.name as enteName',
      'e.kind as enteKind',
      'e.region',
      'e.status',
    ])
    .where('s.status', '<>', 'draft')
    .orderBy('s.slug')
    .execute();
  const changes = await db.selectFrom('serviceStatusChange').select(['serviceId', 'status', 'at']).execute();
  return {
    services: services.map(({ status, ...s }) => ({ ...s, enteActive: status === 'active' })),
    changes,
  };
}

/**
 * Openings and the responses on the channels that count openings, per service, over the closed
 * months from `from` to `to` (first and last days): responses from `rollup_month`, whose size
 * follows services × months.
 */
export async function funnelCounts(db: Db, from: string, to: string): Promise<Map<string, FunnelCounts>> {
  const { rows } = await sql<{ serviceId: string; openings: number; responses: number }>`
    with o as (
      select service_id, channel, sum(count) as openings from opening
      where day between ${from}::date and ${to}::date group by 1, 2
    ),
    r as (
      select service_id, channel, sum(count) as responses from rollup_month
      where item_code = '#' and month between date_trunc('month', ${from}::date)::date and ${to}::date
      group by 1, 2
    )
    select o.service_id, sum(o.openings)::float8 as openings, coalesce(sum(r.responses), 0)::float8 as responses
    from o left join r using (service_id, channel)
    group by 1`.execute(db);
  return new Map(
    rows.map((r) => [r.serviceId, { openings: Number(r.openings), responses: Number(r.responses) }]),
  );
}
