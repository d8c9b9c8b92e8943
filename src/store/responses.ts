import { sql, type Transaction } from 'kysely';
import type { PreparedResponse } from '../domain/response.js';
import type { Db } from './database.js';
import { releaseIntoRollups, ROLLUP_LOCK } from './rollups.js';
import type { Schema } from './schema.js';

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
    text_items: response.comments.map((c) => c.itemCode),
    score: response.score,
    comments: response.comments.map((c) => [c.itemCode, c.text]),
  };
}

/**
 * The one write path for responses: stores a batch of responses (in `response_pending`, until
 * `releaseResponses` moves them and counts them in the rollups) and their comments, atomically.
 * Idempotent on the submission key: for a key already stored (before, or earlier in the same
 * batch) nothing is written and the stored id is returned.
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
    for (const table of ['responsePending', 'response'] as const) {
      const found = await db
        .selectFrom(table)
        .select(['id', 'submissionKey'])
        .where('submissionKey', 'in', unseen)
        .execute();
      for (const row of found) storedId.set(row.submissionKey, row.id);
    }
  }
  return batch.map((entry) => {
    const id = storedId.get(entry.response.submissionKey);
    if (id === undefined) throw new Error('a submission key is neither new nor stored');
    return id;
  });
}

/**
 * Held exclusive by the release, shared by store_responses() (migration 0002, which repeats the
 * number): while rows move from `response_pending` to `response`, no batch can look for a
 * submission key in between the two tables and store it twice.
 */
const RELEASE_LOCK = 4_207_311_001;

/**
 * Releases pending responses into `response` and counts them in the rollups: for each service,
 * once at least `minimum` are waiting, or once the oldest is from an earlier Italian day. They are
 * moved in random order by a transaction of their own, so that neither their order on disk (ctid)
 * nor their transaction id (xmin) follows the order in which they were submitted (ADR 13), and the
 * rollups change by batches, never by one response (ADR 19).
 *
 * @example await releaseResponses(db, config.suppressionK) // → how many were released
 */
export function releaseResponses(db: Db, minimum: number): Promise<number> {
  return db.transaction().execute((trx) => moveReadyResponses(trx, minimum));
}

/** The release's work inside the caller's transaction `trx` (tests hold it open to race it). */
export async function moveReadyResponses(trx: Transaction<Schema>, minimum: number): Promise<number> {
  // The rollups' lock first: while a rebuild holds it, the release waits without holding up the ingest.
  await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
  await sql`select pg_advisory_xact_lock(${RELEASE_LOCK})`.execute(trx);
  return releaseIntoRollups(
    trx,
    sql`
      delete from response_pending p
      using (
        select service_id from response_pending
        group by service_id
        having count(*) >= ${minimum}
          or min(submitted_hour) < (date_trunc('day', now() at time zone 'Europe/Rome') at time zone 'Europe/Rome')
      ) ready
      where p.service_id = ready.service_id
      returning p.*`,
  );
}
