import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseLocation } from '../config.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Schema } from './schema.js';

export type Db = Kysely<Schema>;

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseLocation['kind'];
  /** A short description for logs, without credentials. */
  readonly description: string;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

// Days stay 'YYYY-MM-DD' strings (no time-zone shifts); counts are bigints that fit a JS number.
const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];

function openPostgres(url: string, poolSize: number): Database {
  const typeParsers = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === DATE_OID
        ? (v: string) => v
        : oid === INT8_OID
          ? Number
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: typeParsers,
    // A server that stops answering (a network black hole, stalled storage) must become a 503,
    // not a queue of requests that hang: give up on connecting, on a statement, on a dead peer.
    connectionTimeoutMillis: 3_000,
    query_timeout: 15_000,
    statement_timeout: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // JIT compiles a plan whose estimated cost passes a threshold; jsonb_each and unnest make
    // the release and rebuild statements look costly on any data, so each paid ~2 s of
    // compilation for ~15 ms of work (docs/adr/0021). The app's statements are short: no JIT.
    options: '-c jit=off',
  });
  // A client that loses its server emits 'error', idle in the pool or checked out between two
  // queries; unheard, that would crash the process. The next query reports the outage (503).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins });
  const where = new URL(url);
  return {
    db,
    kind: 'postgres',
    description: `PostgreSQL at ${where.host}${where.pathname}`,
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(dataDir === undefined ? {} : { dataDir }),
    parsers: { [pgliteTypes.DATE]: (v: string) => v, [pgliteTypes.INT8]: Number },
  });
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(client), plugins });
  return {
    db,
    kind: 'pglite',
    description: dataDir === undefined ? 'embedded PGlite in memory' : `embedded PGlite in ${dataDir}`,
    close: () => db.destroy(),
  };
}

/** Opens the database the configuration names: a PostgreSQL server or embedded PGlite. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  return location.kind === 'postgres'
    ? openPostgres(location.url, location.poolSize)
    : openPGlite(location.dataDir);
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * What a refusal of the database says of the data it was given: `invalid` for a value it cannot
 * take (SQLSTATE class 22: a NUL character in text, a number out of range), `duplicate` for a
 * unique key already there (23505: two requests racing for one name). Null for anything else.
 */
export function refusedData(error: unknown): 'invalid' | 'duplicate' | null {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return null;
  return code.startsWith('22') ? 'invalid' : code === '23505' ? 'duplicate' : null;
}

/**
 * Whether an error means "the database cannot be reached right now" (answer 503 and retry),
 * as opposed to a bug or a constraint violation.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (TRANSIENT_CODES.has(code)) return true;
    // SQLSTATE 08xxx connection exceptions; 57P01-57P03 shutdown, cannot connect now; 57014 statement
    // timeout; 53xxx out of resources; 40001/40P01 serialization failure, deadlock; 25006 read-only
    // (a failover in progress); 55P03 lock not available. A retry later may succeed.
    if (/^08|^57P0[123]$|^57014$|^53|^40001$|^40P01$|^25006$|^55P03$/.test(code)) return true;
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|PGlite is closed/i.test(
    error.message,
  );
}
