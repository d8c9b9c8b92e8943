import { sql, type Kysely } from 'kysely';

/**
 * Citizen touchpoints: origins a service accepts submissions from, the key that signs its
 * completion tokens, verified responses, used completion tokens (single use) and openings
 * of the questionnaire (for response rates).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('service')
    .addColumn('allowed_origins', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('completion_key', 'text')
    .execute();

  await db.schema
    .alterTable('response')
    .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('rollup_response')
    .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable('rollup_response').dropConstraint('rollup_response_pkey').execute();
  await db.schema
    .alterTable('rollup_response')
    .addPrimaryKeyConstraint('rollup_response_pkey', [
      'service_id',
      'day',
      'channel',
      'device_class',
      'lang',
      'verified',
    ])
    .execute();

  // A used token: its id hashed, a hash of its id with the submission id that used it (so that
  // a retry of that same submission passes, while nothing joins it to the response), and its
  // expiry rounded up to the hour (so it cannot date the response).
  await db.schema
    .createTable('completion_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('claimer', 'text', (c) => c.notNull())
    .addColumn('expires_hour', 'timestamptz', (c) =>
      c.notNull().check(sql`expires_hour = date_trunc('hour', expires_hour)`),
    )
    .execute();
  await db.schema
    .createIndex('completion_token_expires_idx')
    .on('completion_token')
    .column('expires_hour')
    .execute();

  await db.schema
    .createTable('opening')
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint('opening_pkey', ['service_id', 'day', 'channel'])
    .execute();

  await sql`
    create or replace function store_responses(batch jsonb) returns table (submission_key text, id uuid)
    language plpgsql as $$
    begin
      return query
      with input as (
        select * from jsonb_to_recordset(batch) as t(
          id uuid, service_id uuid, questionnaire_version_id uuid, submission_key text, submitted_hour timestamptz,
          day date, channel text, device_class text, lang text, verified boolean, answers jsonb, contributions jsonb,
          comments jsonb)
      ),
      inserted as (
        insert into response as r (id, service_id, questionnaire_version_id, submission_key, submitted_hour, channel, device_class, lang, verified, answers)
        select i.id, i.service_id, i.questionnaire_version_id, i.submission_key, i.submitted_hour, i.channel, i.device_class, i.lang, i.verified, i.answers
        from input i
        order by i.submission_key -- batches that share keys (retries) lock them in the same order
        on conflict on constraint response_submission_key_key do nothing
        returning r.id
      ),
      fresh as (select i.* from input i join inserted n on n.id = i.id),
      new_comments as (
        insert into comment_pending (service_id, day, item_code, lang, text)
        select f.service_id, f.day, c->>0, f.lang, c->>1
        from fresh f, jsonb_array_elements(f.comments) c
      ),
      item_counts as (
        insert into rollup as ro (service_id, day, item_code, value, count)
        select f.service_id, f.day, c->>0, c->>1, count(*)
        from fresh f, jsonb_array_elements(f.contributions) c
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict on constraint rollup_pkey do update set count = ro.count + excluded.count
      ),
      response_counts as (
        insert into rollup_response as rr (service_id, day, channel, device_class, lang, verified, count)
        select f.service_id, f.day, f.channel, f.device_class, f.lang, f.verified, count(*)
        from fresh f
        group by 1, 2, 3, 4, 5, 6
        order by 1, 2, 3, 4, 5, 6
        on conflict on constraint rollup_response_pkey do update set count = rr.count + excluded.count
      )
      -- the stored id is looked up only for a key that was not inserted: an index probe, never a scan
      select i.submission_key,
        coalesce(n.id, (select s.id from response s where s.submission_key = i.submission_key))
      from input i
      left join inserted n on n.id = i.id;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('opening').execute();
  await db.schema.dropTable('completion_token').execute();
  await db.schema.alterTable('rollup_response').dropConstraint('rollup_response_pkey').execute();
  await db.schema.alterTable('rollup_response').dropColumn('verified').execute();
  await db.schema
    .alterTable('rollup_response')
    .addPrimaryKeyConstraint('rollup_response_pkey', ['service_id', 'day', 'channel', 'device_class', 'lang'])
    .execute();
  await db.schema.alterTable('response').dropColumn('verified').execute();
  await db.schema.alterTable('service').dropColumn('allowed_origins').dropColumn('completion_key').execute();
}
