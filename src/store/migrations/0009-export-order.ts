import { sql, type Kysely } from 'kysely';

/**
 * Exports walk a service's responses month by Italian month and, within a month, in the order of
 * their random ids (ADR 32): `response (service_id, <Italian month>, id) include (submitted_hour)`
 * replaces `response (service_id, id) include (submitted_hour)` of 0008, whose walk over a whole
 * period fetched its rows from anywhere on disk, one page per row once the table outgrew memory.
 * A month's responses were released in that month, so they lie together.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index response_service_month_idx on response
    (service_id, (date_trunc('month', submitted_hour at time zone 'Europe/Rome')), id) include (submitted_hour)`.execute(
    db,
  );
  await sql`drop index response_service_id_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index response_service_id_idx on response (service_id, id) include (submitted_hour)`.execute(
    db,
  );
  await sql`drop index response_service_month_idx`.execute(db);
}
