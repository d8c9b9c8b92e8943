import { sql, type Transaction } from 'kysely';
import {
  chainHash,
  findBrokenLink,
  GENESIS_HASH,
  type AuditRecord,
  type BrokenLink,
  type ChainedRecord,
} from '../domain/governance/audit.js';
import type { Db } from './database.js';
import type { Schema } from './schema.js';

/** Appends are serialised on this lock, so that each entry links to the one committed before it. */
const AUDIT_LOCK = 4207311002;
/** Entries read at a time when the whole trail is walked (verify, export). */
const VERIFY_BATCH = 1_000;

export type AuditInput = Omit<AuditRecord, 'seq' | 'at'>;

/**
 * Appends an entry in the caller's transaction, chained to the last one: the entry commits, or
 * is rolled back, with the change it records.
 */
export async function appendAudit(
  trx: Transaction<Schema>,
  input: AuditInput,
  now: Date,
): Promise<ChainedRecord> {
  const last = await lockedLastEntry(trx);
  const record: AuditRecord = {
    ...input,
    seq: (last?.seq ?? 0) + 1,
    at: new Date(Math.floor(now.getTime())).toISOString(),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const chained: ChainedRecord = { ...record, prevHash, hash: chainHash(prevHash, record) };
  await trx
    .insertInto('auditEntry')
    .values({ ...chained, at: new Date(chained.at), summary: JSON.stringify(chained.summary) })
    .execute();
  return chained;
}

function toRecord(row: {
  seq: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetKind: string;
  targetId: string;
  enteId: string | null;
  summary: Record<string, unknown>;
  prevHash: string;
  hash: string;
}): ChainedRecord {
  return { ...row, actorKind: row.actorKind as ChainedRecord['actorKind'], at: row.at.toISOString() };
}

export interface AuditFilter {
  /** Only this ente's entries (an ente-admin's view). */
  readonly enteId?: string;
  readonly action?: string;
  readonly actorLabel?: string;
  readonly targetId?: string;
  /** Entries before this sequence number (the next page). */
  readonly beforeSeq?: number;
  readonly limit: number;
}

function filtered(db: Db, filter: Omit<AuditFilter, 'limit'>) {
  let query = db.selectFrom('auditEntry');
  if (filter.enteId !== undefined) query = query.where('enteId', '=', filter.enteId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.actorLabel !== undefined) query = query.where('actorLabel', '=', filter.actorLabel);
  if (filter.targetId !== undefined) query = query.where('targetId', '=', filter.targetId);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  return query;
}

/** The newest entries first, filtered. */
export async function listAudit(db: Db, filter: AuditFilter): Promise<ChainedRecord[]> {
  const rows = await filtered(db, filter).selectAll().orderBy('seq', 'desc').limit(filter.limit).execute();
  return rows.map(toRecord);
}

/**
 * The last entry, taking the lock that appends wait on: until the caller's transaction ends, no
 * entry can come after it.
 */
async function lockedLastEntry(trx: Transaction<Schema>) {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  return trx
    .selectFrom('auditEntry')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The last entry's sequence number, held as the last until the transaction ends (an export covers up to it). */
export async function auditBoundary(trx: Transaction<Schema>): Promise<number> {
  return (await lockedLastEntry(trx))?.seq ?? 0;
}

/** How many entries the filter selects. */
export async function countAudit(db: Db, filter: Omit<AuditFilter, 'limit'>): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every entry the filter selects, newest first, read in batches (constant memory). */
export async function* auditEntries(
  db: Db,
  filter: Omit<AuditFilter, 'limit'>,
): AsyncGenerator<ChainedRecord> {
  let beforeSeq = filter.beforeSeq;
  for (;;) {
    const batch = await listAudit(db, {
      ...filter,
      ...(beforeSeq ? { beforeSeq } : {}),
      limit: VERIFY_BATCH,
    });
    yield* batch;
    if (batch.length < VERIFY_BATCH) return;
    beforeSeq = batch.at(-1)!.seq;
  }
}

export type AuditVerdict =
  | { readonly ok: true; readonly entries: number }
  | ({ readonly ok: false; readonly entries: number } & BrokenLink);

/** Recomputes the whole chain, in batches; names the first broken link. */
export async function verifyAudit(db: Db): Promise<AuditVerdict> {
  let [hash, seq, entries] = [GENESIS_HASH, 0, 0];
  for (;;) {
    const rows = (
      await db
        .selectFrom('auditEntry')
        .selectAll()
        .where('seq', '>', seq)
        .orderBy('seq')
        .limit(VERIFY_BATCH)
        .execute()
    ).map(toRecord);
    const broken = findBrokenLink(rows, hash, seq);
    if (broken)
      return { ok: false, entries: entries + rows.findIndex((r) => r.seq === broken.seq), ...broken };
    if (rows.length === 0) return { ok: true, entries };
    entries += rows.length;
    [hash, seq] = [rows.at(-1)!.hash, rows.at(-1)!.seq];
  }
}
