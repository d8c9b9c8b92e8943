import { createHash } from 'node:crypto';
import type { VerifiedToken } from '../domain/completion-token.js';
import { ValutaError } from '../domain/errors.js';
import { coarsenToHour } from '../domain/time.js';
import type { Db } from './database.js';

const HOUR_MS = 3_600_000;

/**
 * Marks a completion token used by the submission `submissionKey`. A token is single use: the
 * same submission may come back (a retry) and passes; any other is refused with
 * VALUTA_ERR_COMPLETION_TOKEN_USED.
 */
export async function claimCompletionToken(
  db: Db,
  serviceId: string,
  token: VerifiedToken,
  submissionKey: string,
): Promise<void> {
  const tokenHash = createHash('sha256').update(`${serviceId}\u0000${token.tokenId}`).digest('hex');
  const claimed = await db
    .insertInto('completionToken')
    .values({
      tokenHash,
      serviceId,
      submissionKey,
      // rounded up to the hour: the exact expiry would date the response it is linked to
      expiresHour: coarsenToHour(new Date(token.expiresAt.getTime() + HOUR_MS - 1)),
    })
    .onConflict((oc) => oc.column('tokenHash').doNothing())
    .returning('submissionKey')
    .executeTakeFirst();
  if (claimed) return;
  const used = await db
    .selectFrom('completionToken')
    .select('submissionKey')
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (used?.submissionKey !== submissionKey) {
    throw new ValutaError(
      'VALUTA_ERR_COMPLETION_TOKEN_USED',
      'This completion token has already been used for another response',
      [{ item: 'completionToken', code: 'completion-token-used', detail: 'the token was already used' }],
    );
  }
}

/** Forgets tokens that have expired: an expired token is refused by its signature check anyway. */
export async function purgeExpiredTokens(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('completionToken').where('expiresHour', '<', now).execute();
}
