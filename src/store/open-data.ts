/** The published releases of open data (`open_data_release`, frozen by a trigger) and the enti's PA types. */
import { sql, type Transaction } from 'kysely';
import type { OpenDataSnapshot } from '../domain/open-data.js';
import type { Db } from './database.js';
import type { Schema } from './schema.js';

/** Publications are serialised on this lock, so that two of one month never take the same number. */
const PUBLISH_LOCK = 4_207_311_004;

/** A release as listed: what, when, by whom, why. */
export interface OpenDataReleaseInfo {
  /** 'YYYY-MM'. */
  readonly month: string;
  readonly release: number;
  readonly publishedAt: Date;
  readonly publishedBy: string;
  /** Why a correction was published; null for a month's first release. */
  readonly note: string | null;
}

export interface OpenDataRelease extends OpenDataReleaseInfo {
  readonly body: OpenDataSnapshot;
}

const INFO = ['month', 'release', 'publishedAt', 'publishedBy', 'note'] as const;
const asInfo = (r: {
  month: string;
  release: number;
  publishedAt: Date;
  publishedBy: string;
  note: string | null;
}) => ({
  month: r.month.slice(0, 7),
  release: r.release,
  publishedAt: new Date(r.publishedAt),
  publishedBy: r.publishedBy,
  note: r.note,
});

/** Stores a month's next release in the caller's transaction (locked, so numbers never collide). */
export async function insertRelease(
  trx: Transaction<Schema>,
  input: {
    readonly body: OpenDataSnapshot;
    readonly publishedBy: string;
    readonly note: string | null;
    readonly at: Date;
  },
): Promise<OpenDataReleaseInfo> {
  await sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`.execute(trx);
  const month = `${input.body.month}-01`;
  const { last } = await trx
    .selectFrom('openDataRelease')
    .select((eb) => eb.fn.max('release').as('last'))
    .where('month', '=', month)
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('openDataRelease')
    .values({
      month,
      release: Number(last ?? 0) + 1,
      publishedAt: input.at,
      publishedBy: input.publishedBy,
      note: input.note,
      body: JSON.stringify(input.body),
    })
    .returning(INFO)
    .executeTakeFirstOrThrow();
  return asInfo(row);
}

/** The number of the latest release of a month, 0 when it was never published. */
export async function latestReleaseNumber(db: Db, month: string): Promise<number> {
  const { last } = await db
    .selectFrom('openDataRelease')
    .select((eb) => eb.fn.max('release').as('last'))
    .where('month', '=', `${month}-01`)
    .executeTakeFirstOrThrow();
  return Number(last ?? 0);
}

/** Every release, newest month first, then newest release first. */
export async function listReleases(db: Db): Promise<OpenDataReleaseInfo[]> {
  const rows = await db
    .selectFrom('openDataRelease')
    .select(INFO)
    .orderBy('month', 'desc')
    .orderBy('release', 'desc')
    .execute();
  return rows.map(asInfo);
}

/** The latest release of each month (of `month` only, when given), newest month first. */
export async function latestReleases(db: Db, month?: string): Promise<OpenDataRelease[]> {
  const rows = await db
    .selectFrom('openDataRelease as r')
    .select([...INFO.map((c) => `r.${c}` as const), 'r.body'])
    .where(({ eb, selectFrom }) =>
      eb(
        'r.release',
        '=',
        selectFrom('openDataRelease as o')
          .select((o) => o.fn.max('o.release').as('last'))
          .whereRef('o.month', '=', 'r.month'),
      ),
    )
    .$if(month !== undefined, (q) => q.where('r.month', '=', `${month}-01`))
    .orderBy('r.month', 'desc')
    .execute();
  return rows.map((r) => ({ ...asInfo(r), body: r.body as OpenDataSnapshot }));
}

/** The enti with a non-draft service: IPA code, name and PA type, by id. */
export async function entiWithServices(
  db: Db,
): Promise<Map<string, { readonly ipaCode: string; readonly name: string; readonly kind: string }>> {
  const rows = await db
    .selectFrom('ente as e')
    .select(['e.id', 'e.ipaCode', 'e.name', 'e.kind'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('service as s')
          .select('s.id')
          .whereRef('s.enteId', '=', 'e.id')
          .where('s.status', '<>', 'draft'),
      ),
    )
    .execute();
  return new Map(rows.map(({ id, ...ente }) => [id, ente]));
}
