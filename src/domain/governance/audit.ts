/**
 * The audit trail's chain: each entry's hash covers the entry and the hash before it, so that
 * changing, removing or inserting one entry breaks every link after it.
 */
import { createHash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Who acted: a person of the console, an API key, or the operator at the command line. */
/** `system`: the platform's own rules, such as the lock after repeated failed sign-ins. */
export type ActorKind = 'user' | 'api-key' | 'cli' | 'system';

/** One entry, as hashed: every field but the hashes themselves. */
export interface AuditRecord {
  readonly seq: number;
  /** ISO 8601, to the millisecond. */
  readonly at: string;
  readonly actorKind: ActorKind;
  readonly actorId: string | null;
  readonly actorLabel: string;
  /** What was done, `noun.verb`: `ente.approve`, `service.register`, `export.responses`. */
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string;
  readonly enteId: string | null;
  /** What changed: `{before, after}` of the fields touched, or what an export contained. */
  readonly summary: Readonly<Record<string, unknown>>;
}

export interface ChainedRecord extends AuditRecord {
  readonly prevHash: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every depth: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** sha256 (hex) of the previous hash and the record's canonical JSON. */
export function chainHash(prevHash: string, record: AuditRecord): string {
  const { seq, at, actorKind, actorId, actorLabel, action, targetKind, targetId, enteId, summary } = record;
  const fields = { seq, at, actorKind, actorId, actorLabel, action, targetKind, targetId, enteId, summary };
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(fields)}`)
    .digest('hex');
}

/** Where a chain breaks: the first entry whose link or content does not check. */
export interface BrokenLink {
  readonly seq: number;
  readonly reason: 'sequence-gap' | 'previous-hash-mismatch' | 'content-changed';
}

/**
 * Checks entries in `seq` order, continuing from `prevHash` and `prevSeq` (for batches); returns
 * the first broken link, or null.
 */
export function findBrokenLink(
  entries: readonly ChainedRecord[],
  prevHash: string = GENESIS_HASH,
  prevSeq = 0,
): BrokenLink | null {
  let [hash, seq] = [prevHash, prevSeq];
  for (const entry of entries) {
    if (entry.seq !== seq + 1) return { seq: entry.seq, reason: 'sequence-gap' };
    if (entry.prevHash !== hash) return { seq: entry.seq, reason: 'previous-hash-mismatch' };
    if (chainHash(entry.prevHash, entry) !== entry.hash) return { seq: entry.seq, reason: 'content-changed' };
    [hash, seq] = [entry.hash, entry.seq];
  }
  return null;
}
