/** API keys: an ente's credentials for the API, scoped, shown once, stored hashed, revocable. */
import { ValutaError } from '../domain/errors.js';
import { API_KEY_SCOPES, type ApiKeyScope } from '../domain/governance/roles.js';
import { API_KEY_PREFIX, apiKeyById, type ApiKey } from '../store/api-keys.js';
import { newSecret, secretHash } from '../store/staff.js';
import { authorize, runCommand, type CommandContext } from './command.js';
import { targetEnteId } from './enti.js';

export interface NewApiKey {
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  /** The ente's IPA code; an ente's people may leave it out (their own ente). */
  readonly ente?: string;
}

/** Creates a key; its secret is returned here once and never again. */
export async function createApiKey(
  ctx: CommandContext,
  input: NewApiKey,
): Promise<{ apiKey: ApiKey; secret: string }> {
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0 || scopes.some((s) => !API_KEY_SCOPES.includes(s)))
    throw new ValutaError('VALUTA_ERR_VALIDATION', `Scopes are one or more of ${API_KEY_SCOPES.join(', ')}`, [
      { item: 'scopes', code: 'enum', detail: API_KEY_SCOPES.join(', ') },
    ]);
  const enteId = await targetEnteId(ctx, input.ente, 'api-keys:write', 'key');
  authorize(ctx.principal, 'api-keys:write', enteId);
  const secret = `${API_KEY_PREFIX}${newSecret()}`;
  const id = await runCommand(ctx, async (trx) => {
    const { id } = await trx
      .insertInto('apiKey')
      .values({ enteId, name: input.name, scopes, secretHash: secretHash(secret) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: id,
      audit: {
        action: 'api-key.create',
        targetKind: 'api-key',
        targetId: id,
        enteId,
        summary: { after: { name: input.name, scopes } },
      },
    };
  });
  return { apiKey: (await apiKeyById(ctx.db, id))!, secret };
}

/** Revokes a key (404 for a key of another ente, as for an unknown one). */
export async function revokeApiKey(ctx: CommandContext, id: string): Promise<ApiKey> {
  const notFound = () => new ValutaError('VALUTA_ERR_NOT_FOUND', 'No API key has this id');
  const key = await apiKeyById(ctx.db, id);
  if (!key) throw notFound();
  authorize(ctx.principal, 'api-keys:write', key.ente.id, notFound);
  if (key.revokedAt !== null) return key;
  await runCommand(ctx, async (trx) => {
    await trx.updateTable('apiKey').set({ revokedAt: ctx.now() }).where('id', '=', id).execute();
    return {
      result: undefined,
      audit: {
        action: 'api-key.revoke',
        targetKind: 'api-key',
        targetId: id,
        enteId: key.ente.id,
        summary: { before: { name: key.name } },
      },
    };
  });
  return (await apiKeyById(ctx.db, id))!;
}
