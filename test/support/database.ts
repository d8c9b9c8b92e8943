import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { createValuta, type Valuta } from '../../src/main.js';

/** PostgreSQL server for the suite, when set; otherwise every test runs on in-memory PGlite. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const databaseKind = TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, empty database for one test: a new database on the PostgreSQL server when
 * TEST_DATABASE_URL is set, else in-memory PGlite (or a PGlite directory if `pgliteDir` is given).
 */
export async function freshDatabaseUrl(
  pgliteDir?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) return { url: pgliteDir ? `file:${pgliteDir}` : 'memory://', drop: async () => {} };
  const name = `valuta_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestValuta extends Valuta {
  /** Closes Valuta and drops its database. */
  dispose(): Promise<void>;
}

/** A Valuta on a fresh database, configured by `env` on top of quiet test defaults. */
export async function startValuta(
  env: Record<string, string> = {},
  options: Parameters<typeof createValuta>[1] = {},
): Promise<TestValuta> {
  const database = await freshDatabaseUrl();
  const config: Config = loadConfig({
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    // tests submit forms at machine speed and from one address; the tests of these limits set them
    FORM_MIN_FILL_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    // a test computes what it reads; the warmer's own tests start it
    RESULTS_WARM_SECONDS: '0',
    ...env,
  });
  const valuta = await createValuta(config, options);
  return {
    ...valuta,
    dispose: async () => {
      await valuta.close();
      await database.drop();
    },
  };
}
