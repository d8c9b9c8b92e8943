import { sql } from 'kysely';
import type { PreparedResponse } from '../domain/response.js';
import { rollupContributions } from '../domain/rollup.js';
import type { Db } from './database.js';

/** A prepared response bound for storage, with the random id it is offered under. */
export interface ResponseToStore {
  readonly id: string;
  readonly serviceId: string;
  readonly questionnaireVersionId: string;
  readonly response: PreparedResponse;
}

/**
 * One statement, hence one transaction and one round trip: insert the responses (skipping
 * submission keys already stored), then — for the rows actually inserted — their comments,
 * the item rollups and the response rollups. Rollup rows are written in key order, so
 * concurrent writers never deadlock. Returns the stored id of every submission key.
 */
const STORE_BATCH = (batch: string) => sql<{ submissionKey: string; id: string | null }>`
  with input as (
    select * from jsonb_to_recordset(${batch}::jsonb) as t(
      id uuid, service_id uuid, questionnaire_version_id uuid, submission_key text, submitted_hour timestamptz,
      day date, channel text, device_class text, lang text, answers jsonb, contributions jsonb, comments jsonb)
  ),
  inserted as (
    insert into response (id, service_id, questionnaire_version_id, submission_key, submitted_hour, channel, device_class, lang, answers)
    select id, service_id, questionnaire_version_id, submission_key, submitted_hour, channel, device_class, lang, answers
    from input
    on conflict (submission_key) do nothing
    returning id
  ),
  fresh as (select input.* from input join inserted using (id)),
  comments as (
    insert into comment (id, service_id, day, item_code, lang, text)
    select gen_random_uuid(), f.service_id, f.day, c->>0, f.lang, c->>1
    from fresh f, jsonb_array_elements(f.comments) c
  ),
  item_counts as (
    insert into rollup (service_id, day, item_code, value, count)
    select f.service_id, f.day, c->>0, c->>1, count(*)
    from fresh f, jsonb_array_elements(f.contributions) c
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (service_id, day, item_code, value) do update set count = rollup.count + excluded.count
  ),
  response_counts as (
    insert into rollup_response (service_id, day, channel, device_class, lang, count)
    select service_id, day, channel, device_class, lang, count(*)
    from fresh
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5
    on conflict (service_id, day, channel, device_class, lang) do update set count = rollup_response.count + excluded.count
  )
  -- (the stored id is looked up only for a key that was not inserted: an index probe, never a scan)
  select input.submission_key,
    coalesce(inserted.id, (select stored.id from response stored where stored.submission_key = input.submission_key)) as id
  from input
  left join inserted using (id)`;

function asRecord({ id, serviceId, questionnaireVersionId, response }: ResponseToStore) {
  return {
    id,
    service_id: serviceId,
    questionnaire_version_id: questionnaireVersionId,
    submission_key: response.submissionKey,
    submitted_hour: response.submittedHour.toISOString(),
    day: response.day,
    channel: response.channel,
    device_class: response.deviceClass,
    lang: response.lang,
    answers: response.answers,
    contributions: rollupContributions(response).map((c) => [c.itemCode, c.value]),
    comments: response.comments.map((c) => [c.itemCode, c.text]),
  };
}

/**
 * The one write path for responses: stores a batch of responses, their comments and the
 * rollup counts they add, atomically. Idempotent on the submission key: for a key already
 * stored (before, or earlier in the same batch) nothing is written and the stored id is returned.
 *
 * @returns for each entry, in order, the id its submission is stored under
 */
export async function storeResponses(db: Db, batch: readonly ResponseToStore[]): Promise<string[]> {
  if (batch.length === 0) return [];
  // A key repeated inside the batch (a retry racing its original) is offered once.
  const firstByKey = new Map<string, ResponseToStore>();
  for (const entry of batch)
    if (!firstByKey.has(entry.response.submissionKey)) firstByKey.set(entry.response.submissionKey, entry);
  const { rows } = await STORE_BATCH(JSON.stringify([...firstByKey.values()].map(asRecord))).execute(db);
  const storedId = new Map(rows.flatMap((r) => (r.id === null ? [] : [[r.submissionKey, r.id] as const])));
  // A key committed by a concurrent writer after this statement's snapshot: read it afresh.
  const unseen = rows.filter((r) => r.id === null).map((r) => r.submissionKey);
  if (unseen.length > 0) {
    const found = await db
      .selectFrom('response')
      .select(['id', 'submissionKey'])
      .where('submissionKey', 'in', unseen)
      .execute();
    for (const row of found) storedId.set(row.submissionKey, row.id);
  }
  return batch.map((entry) => {
    const id = storedId.get(entry.response.submissionKey);
    if (id === undefined) throw new Error('a submission key is neither new nor stored');
    return id;
  });
}
