/**
 * The demo's people, created on an empty embedded database by `npm start`: the central office, an
 * INPS ente-admin and an INPS analyst, with one password made up for that database.
 */
import { randomBytes } from 'node:crypto';
import { addUser } from '../commands/people.js';
import type { Db } from '../store/database.js';
import { countUsers } from '../store/staff.js';

export const DEMO_ACCOUNTS = [
  { email: 'ufficio.statistica@valuta.example', role: 'platform-admin' },
  { email: 'admin@inps.example', role: 'ente-admin', ente: 'inps' },
  { email: 'analista@inps.example', role: 'ente-analyst', ente: 'inps' },
] as const;

/** Creates the demo accounts if the database has nobody yet; returns their password, or null. */
export async function createDemoAccounts(db: Db): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = randomBytes(12).toString('base64url');
  const ctx = { db, principal: { kind: 'cli', operator: 'demo' } as const, now: () => new Date() };
  for (const account of DEMO_ACCOUNTS) await addUser(ctx, { ...account, password });
  return password;
}
