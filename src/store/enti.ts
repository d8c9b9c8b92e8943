import type { Db } from './database.js';

export interface NewEnte {
  readonly ipaCode: string;
  readonly name: string;
  readonly kind: string;
}

/**
 * Creates the ente or updates its name and kind; returns its id. Enti are keyed by IPA code; the
 * region is the registry's (IndicePA), when the registry holds the code.
 */
export async function upsertEnte(db: Db, { ipaCode, name, kind }: NewEnte): Promise<string> {
  const region = db.selectFrom('ipaRegistry').select('region').where('ipaCode', '=', ipaCode);
  const row = await db
    .insertInto('ente')
    .values({ ipaCode, name, kind, region })
    .onConflict((oc) => oc.column('ipaCode').doUpdateSet({ name, kind, region }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
