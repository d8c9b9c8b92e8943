import { sql } from 'kysely';
import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { Db } from './database.js';
import type { ServiceKind } from '../domain/service.js';

export interface NewService {
  readonly enteId: string;
  readonly slug: string;
  readonly name: string;
  readonly url: string | null;
  readonly kind: ServiceKind;
  readonly family: string;
  /** Origins whose pages may submit through the widget; left unchanged when absent. */
  readonly allowedOrigins?: readonly string[];
}

/** An active service with its ente and the current (latest published) version of its family. */
export interface ActiveService {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly url: string | null;
  readonly kind: ServiceKind;
  readonly family: string;
  readonly allowedOrigins: readonly string[];
  /** Signs completion tokens; null when the ente has not asked for verified completions. */
  readonly completionKey: string | null;
  readonly ente: { readonly id: string; readonly ipaCode: string; readonly name: string };
  readonly questionnaire: {
    readonly id: string;
    readonly definition: QuestionnaireDefinition;
    readonly publishedAt: Date;
  };
}

/** Registers a service, or updates the one with the same slug; returns its id. */
export async function upsertService(
  db: Db,
  { enteId, slug, name, url, kind, family, allowedOrigins }: NewService,
): Promise<string> {
  const changes = {
    enteId,
    name,
    url,
    kind,
    family,
    ...(allowedOrigins ? { allowedOrigins: [...allowedOrigins] } : {}),
  };
  const row = await db
    .insertInto('service')
    .values({ slug, ...changes })
    .onConflict((oc) => oc.column('slug').doUpdateSet(changes))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The join condition of `service as s` with `questionnaire_version as q` on the version the
 * service answers now: the one an ente-admin pinned, or else the latest of its family.
 */
export const ANSWERED_VERSION = sql<boolean>`q.version = coalesce(s.pinned_version, (select max(l.version) from questionnaire_version l where l.family = s.family))`;

/** Every active service of an active ente that has a published questionnaire, by ente then name. */
export async function listActiveServices(db: Db): Promise<ActiveService[]> {
  const rows = await db
    .selectFrom('service as s')
    .innerJoin('ente as e', 'e.id', 's.enteId')
    .innerJoin('questionnaireVersion as q', (join) =>
      join.onRef('q.family', '=', 's.family').on(ANSWERED_VERSION),
    )
    .select([
      's.id',
      's.slug',
      's.name',
      's.url',
      's.kind',
      's.family',
      's.allowedOrigins',
      's.completionKey',
      'e.id as enteId',
      'e.ipaCode',
      'e.name as enteName',
      'q.id as questionnaireId',
      'q.definition',
      'q.publishedAt',
    ])
    .where('s.status', '=', 'active')
    // A suspended ente's services take no responses until it is reactivated.
    .where('e.status', '=', 'active')
    .orderBy('e.name')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    url: r.url,
    kind: r.kind,
    family: r.family,
    allowedOrigins: r.allowedOrigins,
    completionKey: r.completionKey,
    ente: { id: r.enteId, ipaCode: r.ipaCode, name: r.enteName },
    questionnaire: { id: r.questionnaireId, definition: r.definition, publishedAt: r.publishedAt },
  }));
}

/**
 * Sets the key that signs the completion tokens of the service `slug` (with `onlyIfUnset`, only
 * when it has none); false if no service was changed.
 */
export async function setCompletionKey(
  db: Db,
  slug: string,
  key: string,
  { onlyIfUnset = false } = {},
): Promise<boolean> {
  const result = await db
    .updateTable('service')
    .set({ completionKey: key })
    .where('slug', '=', slug)
    .$if(onlyIfUnset, (qb) => qb.where('completionKey', 'is', null))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The completion key of the service `slug`, creating one with `newKey` if it has none (or if `rotate`). */
export async function ensureCompletionKey(
  db: Db,
  slug: string,
  newKey: () => string,
  { rotate = false } = {},
): Promise<string | undefined> {
  await setCompletionKey(db, slug, newKey(), { onlyIfUnset: !rotate });
  const row = await db
    .selectFrom('service')
    .select('completionKey')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row?.completionKey ?? undefined;
}

/** Replaces the origins whose pages may submit to the service `slug`; false if there is none. */
export async function setAllowedOrigins(db: Db, slug: string, origins: readonly string[]): Promise<boolean> {
  const result = await db
    .updateTable('service')
    .set({ allowedOrigins: [...origins] })
    .where('slug', '=', slug)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
