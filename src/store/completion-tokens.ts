import { createHash } from 'node:crypto';
import type { VerifiedToken } from '../domain/completion-token.js';
import { ValutaError } from '../domain/errors.js';
import { coarsenToHour } from '../domain/time.js';
import type { Db } from './database.js';

const HOUR_MS = 3_600_000;

const sha256 = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/**
 * Marks a completion token used by the submission `submissionId`. A token is single use: the
 * same submission may come back (a retry) and passes; any other is refused with
 * VALUTA_ERR_COMPLETION_TOKEN_USED.
 *
 * The row holds hashes that the response cannot be joined to: the response keeps
 * sha256(service, submission id), this row sha256(token id, submission id). An ente knows the
 * token id it minted for a citizen, but never the submission id the citizen's browser made up.
 */
export async function claimCompletionToken(
  db: Db,
  serviceId: string,
  token: VerifiedToken,
  submissionId: string,
): Promise<void> {
  const tokenHash = sha256(serviceId, token.tokenId);
  const claimer = sha256(token.tokenId, submissionId);
  const claimed = await db
    .insertInto('completionToken')
    .values({
      tokenHash,
      serviceId,
      claimer,
      // rounded up to the hour: the exact expiry would date the response it is linked to
      expiresHour: coarsenToHour(new Date(token.expiresAt.getTime() + HOUR_MS - 1)),
    })
    .onConflict((oc) => oc.column('tokenHash').doNothing())
    .returning('claimer')
    .executeTakeFirst();
  if (claimed) return;
  const used = await db
    .selectFrom('completionToken')
    .select('claimer')
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (used?.claimer !== claimer) {
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
