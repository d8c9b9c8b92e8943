import type { Db } from './database.js';
import { newSecret, secretHash, userById, type StaffUser } from './staff.js';

/** A session never lasts longer than this, however busy. */
export const SESSION_MAX_AGE_MS = 12 * 3_600_000;
/** `last_seen_at` is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  /** The cookie's value; only its hash is stored. */
  readonly token: string;
  readonly csrfToken: string;
}

/**
 * Opens a session for the user. Every earlier session of the same browser is gone with its cookie
 * (the caller deletes the one presented): a sign-in always starts a new session id.
 */
export async function openSession(db: Db, userId: string, now: Date): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  await db
    .insertInto('staffSession')
    .values({ idHash: secretHash(token), userId, csrfToken, createdAt: now, lastSeenAt: now })
    .execute();
  return { token, csrfToken };
}

export interface LiveSession {
  readonly user: StaffUser;
  readonly csrfToken: string;
}

/**
 * The session of a cookie's token, if it exists, has been used within `idleMs` and is younger
 * than the maximum age; an expired one is deleted.
 */
export async function liveSession(
  db: Db,
  token: string,
  { now, idleMs }: { now: Date; idleMs: number },
): Promise<LiveSession | undefined> {
  const idHash = secretHash(token);
  const row = await db.selectFrom('staffSession').selectAll().where('idHash', '=', idHash).executeTakeFirst();
  if (!row) return undefined;
  const t = now.getTime();
  if (t - row.lastSeenAt.getTime() > idleMs || t - row.createdAt.getTime() > SESSION_MAX_AGE_MS) {
    await db.deleteFrom('staffSession').where('idHash', '=', idHash).execute();
    return undefined;
  }
  const user = await userById(db, row.userId);
  if (!user || user.disabled) return undefined;
  if (t - row.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await db.updateTable('staffSession').set({ lastSeenAt: now }).where('idHash', '=', idHash).execute();
  return { user, csrfToken: row.csrfToken };
}

export async function closeSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('staffSession').where('idHash', '=', secretHash(token)).execute();
}
