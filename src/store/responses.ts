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

/** `store_responses()` (migration 0002): one call, one transaction, one round trip, a cached plan. */
const STORE_BATCH = (batch: string) =>
  sql<{
    submissionKey: string;
    id: string | null;
  }>`select submission_key, id from store_responses(${batch}::jsonb)`;

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
    verified: response.verified,
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
