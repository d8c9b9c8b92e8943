/**
 * The copy of IndicePA's "Enti" register (docs/indicepa.md): imported whole by `valuta enti
 * import`, read when an ente asks to join.
 */
import { sql, type Selectable, type Transaction } from 'kysely';
import { regionOfComune } from '../domain/governance/istat-regions.js';
import type { Db } from './database.js';
import type { IpaRegistryTable, Schema } from './schema.js';

/** One ente as read from the export; the region is derived from `istatComune` on import. */
export type IpaRow = Omit<IpaRegistryTable, 'region'>;

/** One ente of the register as stored. */
export type IpaRegistryEntry = Selectable<IpaRegistryTable>;

/** What an import did: rows added, rows whose content changed, rows already as imported. */
export interface ImportCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** Rows per statement: 9 parameters each, far below PostgreSQL's 65,535. */
const BATCH = 500;

/** Serialises imports: two at once would count each other's rows. */
const IMPORT_LOCK = 4207311003;

/** The columns an import writes, in the order the change check compares them. */
const CONTENT = ['name', 'fiscal_code', 'kind', 'category', 'istat_comune', 'region', 'website', 'email'];
const changed = sql.raw<boolean>(
  `(${CONTENT.map((c) => `ipa_registry.${c}`).join(', ')}) is distinct from (${CONTENT.map((c) => `excluded.${c}`).join(', ')})`,
);

async function upsertBatch(trx: Transaction<Schema>, batch: IpaRegistryTable[]): Promise<ImportCounts> {
  const written = await trx
    .insertInto('ipaRegistry')
    .values(batch)
    .onConflict((oc) =>
      oc
        .column('ipaCode')
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          fiscalCode: eb.ref('excluded.fiscalCode'),
          kind: eb.ref('excluded.kind'),
          category: eb.ref('excluded.category'),
          istatComune: eb.ref('excluded.istatComune'),
          region: eb.ref('excluded.region'),
          website: eb.ref('excluded.website'),
          email: eb.ref('excluded.email'),
        }))
        .where(changed),
    )
    // A row the statement inserted has no xmax; one it updated has the updating transaction's.
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .execute();
  const inserted = written.filter((w) => w.inserted).length;
  return { inserted, updated: written.length - inserted, unchanged: batch.length - written.length };
}

async function importInto(
  trx: Transaction<Schema>,
  rows: AsyncIterable<IpaRow> | Iterable<IpaRow>,
  onProgress: ((done: number) => void) | undefined,
): Promise<ImportCounts> {
  await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
  const seen = new Set<string>();
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  let batch: IpaRegistryTable[] = [];
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const c = await upsertBatch(trx, batch);
    counts.inserted += c.inserted;
    counts.updated += c.updated;
    counts.unchanged += c.unchanged;
    done += batch.length;
    batch = [];
    onProgress?.(done);
  };
  for await (const row of rows) {
    const ipaCode = row.ipaCode.trim().toLowerCase();
    if (ipaCode === '') throw new Error('An ente without an IPA code');
    // One statement cannot update a row twice, and a register has one entry per code.
    if (seen.has(ipaCode)) throw new Error(`The IPA code ${ipaCode} appears twice`);
    seen.add(ipaCode);
    batch.push({
      ...row,
      ipaCode,
      region: row.istatComune === null ? null : regionOfComune(row.istatComune),
    });
    if (batch.length === BATCH) await flush();
  }
  await flush();
  return counts;
}

/**
 * Upserts the rows by IPA code, in batches, rewriting only the rows whose content changed, in one
 * transaction (the caller's, if `db` is one): a failure half-way changes nothing. Entries absent
 * from `rows` are kept. The region is derived from the ISTAT code of the comune.
 */
export async function importRegistry(
  db: Db,
  rows: AsyncIterable<IpaRow> | Iterable<IpaRow>,
  onProgress?: (done: number) => void,
): Promise<ImportCounts> {
  return db.isTransaction
    ? importInto(db as Transaction<Schema>, rows, onProgress)
    : db.transaction().execute((trx) => importInto(trx, rows, onProgress));
}

/** `text` for a LIKE pattern that matches it literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Entries whose IPA code starts with `query` or whose name contains it, case-insensitively: exact
 * code first, then codes by prefix, then names, alphabetically.
 */
export async function searchRegistry(db: Db, query: string, limit: number): Promise<IpaRegistryEntry[]> {
  const text = query.trim();
  if (text === '' || limit <= 0) return [];
  const code = text.toLowerCase();
  const prefix = `${likeLiteral(code)}%`;
  return db
    .selectFrom('ipaRegistry')
    .selectAll()
    .where((eb) => eb.or([eb('ipaCode', 'like', prefix), eb('name', 'ilike', `%${likeLiteral(text)}%`)]))
    .orderBy(sql`case when ipa_code = ${code} then 0 when ipa_code like ${prefix} then 1 else 2 end`)
    .orderBy('name')
    .orderBy('ipaCode')
    .limit(Math.floor(limit))
    .execute();
}

/** The entry of one IPA code (any case), or undefined. */
export async function registryEntry(db: Db, ipaCode: string): Promise<IpaRegistryEntry | undefined> {
  return db
    .selectFrom('ipaRegistry')
    .selectAll()
    .where('ipaCode', '=', ipaCode.trim().toLowerCase())
    .executeTakeFirst();
}
