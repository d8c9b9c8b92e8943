import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../domain/governance/roles.js';
import type { Db } from './database.js';

/** A person of the console, with their ente. */
export interface StaffUser {
  readonly id: string;
  readonly email: string;
  readonly role: Role | null;
  readonly ente: { readonly id: string; readonly ipaCode: string; readonly name: string } | null;
  readonly passwordHash: string | null;
  readonly totpSecret: string | null;
  readonly failedLogins: number;
  readonly lockedUntil: Date | null;
  readonly disabled: boolean;
}

/** sha256 (base64url) of a high-entropy secret: how sessions, invitations and API keys are keyed. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** A new random secret, 256 bits, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function usersQuery(db: Db) {
  return db
    .selectFrom('staffUser as u')
    .leftJoin('ente as e', 'e.id', 'u.enteId')
    .select([
      'u.id',
      'u.email',
      'u.role',
      'u.passwordHash',
      'u.totpSecret',
      'u.failedLogins',
      'u.lockedUntil',
      'u.disabled',
      'e.id as enteId',
      'e.ipaCode',
      'e.name as enteName',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof usersQuery>['executeTakeFirstOrThrow']>>;

function toUser(row: UserRow): StaffUser {
  const { enteId, ipaCode, enteName, ...user } = row;
  return {
    ...user,
    ente:
      enteId !== null && ipaCode !== null && enteName !== null
        ? { id: enteId, ipaCode, name: enteName }
        : null,
  };
}

export async function userByEmail(db: Db, email: string): Promise<StaffUser | undefined> {
  const row = await usersQuery(db).where('u.email', '=', email.toLowerCase()).executeTakeFirst();
  return row && toUser(row);
}

export async function userById(db: Db, id: string): Promise<StaffUser | undefined> {
  const row = await usersQuery(db).where('u.id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

/** Everyone, or an ente's people. */
export async function listUsers(db: Db, enteId: string | undefined): Promise<StaffUser[]> {
  let query = usersQuery(db).orderBy('u.email');
  if (enteId !== undefined) query = query.where('u.enteId', '=', enteId);
  return (await query.execute()).map(toUser);
}

export async function countUsers(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('staffUser')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Counts a failed sign-in; at `maxFailures` in a row the account is locked until `now + lockMs`
 * (and the count starts again). Returns whether this failure locked it.
 */
export async function recordFailedSignIn(
  db: Db,
  id: string,
  { maxFailures, lockMs, now }: { maxFailures: number; lockMs: number; now: Date },
): Promise<boolean> {
  const row = await db
    .updateTable('staffUser')
    .set((eb) => ({ failedLogins: eb('failedLogins', '+', 1) }))
    .where('id', '=', id)
    .returning('failedLogins')
    .executeTakeFirstOrThrow();
  if (row.failedLogins < maxFailures) return false;
  await db
    .updateTable('staffUser')
    .set({ failedLogins: 0, lockedUntil: new Date(now.getTime() + lockMs) })
    .where('id', '=', id)
    .execute();
  return true;
}

export async function clearFailedSignIns(db: Db, id: string): Promise<void> {
  await db
    .updateTable('staffUser')
    .set({ failedLogins: 0, lockedUntil: null })
    .where('id', '=', id)
    .execute();
}
