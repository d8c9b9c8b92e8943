import type { ApiKeyScope } from '../domain/governance/roles.js';
import type { Db } from './database.js';
import { secretHash } from './staff.js';

/** How an API key's secret starts: recognisable in logs and by secret scanners. */
export const API_KEY_PREFIX = 'vk_';

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly scopes: ApiKeyScope[];
  readonly ente: { readonly id: string; readonly ipaCode: string; readonly name: string };
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedHour: Date | null;
}

function keysQuery(db: Db) {
  return db
    .selectFrom('apiKey as k')
    .innerJoin('ente as e', 'e.id', 'k.enteId')
    .select([
      'k.id',
      'k.name',
      'k.scopes',
      'k.createdAt',
      'k.revokedAt',
      'k.lastUsedHour',
      'e.id as enteId',
      'e.ipaCode',
      'e.name as enteName',
    ]);
}

function toKey(row: Awaited<ReturnType<ReturnType<typeof keysQuery>['executeTakeFirstOrThrow']>>): ApiKey {
  const { enteId, ipaCode, enteName, ...key } = row;
  return { ...key, ente: { id: enteId, ipaCode, name: enteName } };
}

export async function listApiKeys(db: Db, enteId: string | undefined): Promise<ApiKey[]> {
  let query = keysQuery(db).orderBy('k.createdAt', 'desc');
  if (enteId !== undefined) query = query.where('k.enteId', '=', enteId);
  return (await query.execute()).map(toKey);
}

export async function apiKeyById(db: Db, id: string): Promise<ApiKey | undefined> {
  const row = await keysQuery(db).where('k.id', '=', id).executeTakeFirst();
  return row && toKey(row);
}

/**
 * The live (unrevoked) key whose secret this is, its last use noted to the hour (no finer: the
 * use of a key by an ente's back end could otherwise be lined up with responses).
 */
export async function apiKeyBySecret(db: Db, secret: string, now: Date): Promise<ApiKey | undefined> {
  if (!secret.startsWith(API_KEY_PREFIX)) return undefined;
  const row = await keysQuery(db)
    .where('k.secretHash', '=', secretHash(secret))
    .where('k.revokedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  if (row.lastUsedHour?.getTime() !== hour.getTime())
    await db.updateTable('apiKey').set({ lastUsedHour: hour }).where('id', '=', row.id).execute();
  return toKey(row);
}
