import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { PreparedResponse } from '../domain/response.js';
import { rollupDelta } from '../domain/rollup.js';
import type { Db } from './database.js';

/** A prepared response bound for storage, with the random id it is offered under. */
export interface ResponseToStore {
  readonly id: string;
  readonly serviceId: string;
  readonly questionnaireVersionId: string;
  readonly response: PreparedResponse;
}

/**
 * The one write path for responses: stores a batch of responses, their comments and the
 * rollup counts they add, in one transaction. Idempotent on the submission key: for a key
 * already stored (now or in the same batch) nothing is written and the stored id is returned.
 *
 * @returns for each entry, in order, the id its submission is stored under
 */
export async function storeResponses(db: Db, batch: readonly ResponseToStore[]): Promise<string[]> {
  if (batch.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('response')
      .values(
        batch.map(({ id, serviceId, questionnaireVersionId, response }) => ({
          id,
          serviceId,
          questionnaireVersionId,
          submissionKey: response.submissionKey,
          submittedHour: response.submittedHour,
          channel: response.channel,
          deviceClass: response.deviceClass,
          lang: response.lang,
          answers: JSON.stringify(response.answers),
        })),
      )
      .onConflict((oc) => oc.column('submissionKey').doNothing())
      .returning(['id', 'submissionKey'])
      .execute();
    const storedId = new Map(inserted.map((r) => [r.submissionKey, r.id]));
    const fresh = batch.filter((entry) => storedId.get(entry.response.submissionKey) === entry.id);

    const missing = [...new Set(batch.map((e) => e.response.submissionKey).filter((k) => !storedId.has(k)))];
    if (missing.length > 0) {
      const existing = await trx
        .selectFrom('response')
        .select(['id', 'submissionKey'])
        .where('submissionKey', 'in', missing)
        .execute();
      for (const row of existing) storedId.set(row.submissionKey, row.id);
    }

    const comments = fresh.flatMap(({ serviceId, response }) =>
      response.comments.map((c) => ({
        id: randomUUID(),
        serviceId,
        day: response.day,
        itemCode: c.itemCode,
        lang: response.lang,
        text: c.text,
      })),
    );
    if (comments.length > 0) await trx.insertInto('comment').values(comments).execute();

    const delta = rollupDelta(fresh.map(({ serviceId, response }) => ({ serviceId, response })));
    if (delta.items.length > 0) {
      await trx
        .insertInto('rollup')
        .values(delta.items)
        .onConflict((oc) =>
          oc
            .columns(['serviceId', 'day', 'itemCode', 'value'])
            .doUpdateSet({ count: sql<number>`rollup.count + excluded.count` }),
        )
        .execute();
    }
    if (delta.responses.length > 0) {
      await trx
        .insertInto('rollupResponse')
        .values(delta.responses)
        .onConflict((oc) =>
          oc
            .columns(['serviceId', 'day', 'channel', 'deviceClass', 'lang'])
            .doUpdateSet({ count: sql<number>`rollup_response.count + excluded.count` }),
        )
        .execute();
    }
    return batch.map((entry) => {
      const id = storedId.get(entry.response.submissionKey);
      if (id === undefined) throw new Error('a submission key vanished inside its transaction');
      return id;
    });
  });
}
