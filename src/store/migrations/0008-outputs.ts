import { sql, type Kysely } from 'kysely';
import * as storeResponsesFunction from './0002-store-responses-function.js';

/**
 * What leaves the platform (ADR 25, ADR 26):
 *
 * - a comment carries its response's channel and its answer to the overall item (`score`), so
 *   that suggestions can be filtered by them; nothing else of the response, no hour;
 * - `response (service_id, id) include (submitted_hour)` lets exports find a service's responses of
 *   a period in keyset batches, in the order of their random ids (never of their time), from the
 *   index alone;
 * - `open_data_release` holds each published month of open data as it was published, frozen: a
 *   correction is a new release of the same month.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['comment', 'comment_pending'])
    await db.schema.alterTable(table).addColumn('channel', 'text').addColumn('score', 'smallint').execute();
  await sql`create index response_service_id_idx on response (service_id, id) include (submitted_hour)`.execute(
    db,
  );
  await db.schema
    .createTable('open_data_release')
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day from month) = 1`))
    .addColumn('release', 'integer', (c) => c.notNull().check(sql`release > 0`))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('open_data_release_pkey', ['month', 'release'])
    .execute();
  // frozen: a release is never updated nor deleted (a correction is a new release)
  await sql`
    create function open_data_release_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'an open-data release is frozen: publish a correction as a new release';
    end
    $$`.execute(db);
  await sql`
    create trigger open_data_release_frozen before update or delete on open_data_release
    for each row execute function open_data_release_frozen()`.execute(db);
  await sql`
    create or replace function store_responses(batch jsonb) returns table (submission_key text, id uuid)
    language plpgsql as $$
    begin
      -- The release's lock (RELEASE_LOCK in responses.ts), shared: keys stay unique across both
      -- tables. Taken before the statement below, so that its snapshot sees any release that held it.
      perform pg_advisory_xact_lock_shared(4207311001);
      return query
      with input as (
        select * from jsonb_to_recordset(batch) as t(
          id uuid, service_id uuid, questionnaire_version_id uuid, submission_key text, submitted_hour timestamptz,
          day date, channel text, device_class text, lang text, verified boolean, answers jsonb, text_items text[],
          score smallint, comments jsonb)
      ),
      inserted as (
        insert into response_pending as r (id, service_id, questionnaire_version_id, submission_key, submitted_hour, channel, device_class, lang, verified, answers, text_items)
        select i.id, i.service_id, i.questionnaire_version_id, i.submission_key, i.submitted_hour, i.channel, i.device_class, i.lang, i.verified, i.answers, i.text_items
        from input i
        where not exists (select 1 from response s where s.submission_key = i.submission_key)
        order by i.submission_key -- batches that share keys (retries) lock them in the same order
        on conflict on constraint response_pending_submission_key_key do nothing
        returning r.id
      ),
      fresh as (select i.* from input i join inserted n on n.id = i.id),
      new_comments as (
        insert into comment_pending (service_id, day, item_code, lang, text, channel, score)
        select f.service_id, f.day, c->>0, f.lang, c->>1, f.channel, f.score
        from fresh f, jsonb_array_elements(f.comments) c
      )
      -- the stored id is looked up only for a key that was not inserted: index probes, never a scan
      select i.submission_key,
        coalesce(
          n.id,
          (select p.id from response_pending p where p.submission_key = i.submission_key),
          (select s.id from response s where s.submission_key = i.submission_key))
      from input i
      left join inserted n on n.id = i.id;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('open_data_release').execute();
  await sql`drop function open_data_release_frozen()`.execute(db);
  await sql`drop index response_service_id_idx`.execute(db);
  await sql`drop function store_responses(jsonb)`.execute(db);
  await storeResponsesFunction.up(db);
  for (const table of ['comment', 'comment_pending'])
    await db.schema.alterTable(table).dropColumn('channel').dropColumn('score').execute();
}
