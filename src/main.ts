import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { Release } from './ingest/release.js';
import { Ingest } from './ingest/ingest.js';
import { OpeningCounter } from './ingest/openings.js';
import { STANDARD_QUESTIONNAIRES } from './questionnaires/index.js';
import { openDatabase, type Database } from './store/database.js';
import { migrateToLatest } from './store/migrator.js';
import { publishQuestionnaire } from './store/questionnaires.js';
import { ResultsWarmer } from './results/warmer.js';
import { ResultsCache } from './store/results-cache.js';
import { ServiceDirectory } from './store/service-directory.js';
import { countUsers } from './store/staff.js';
import { addUser } from './commands/people.js';

/** A running Valuta: everything built from one configuration. */
export interface Valuta {
  readonly config: Config;
  readonly database: Database;
  readonly directory: ServiceDirectory;
  readonly ingest: Ingest;
  readonly openings: OpeningCounter;
  readonly resultsCache: ResultsCache;
  /** Computes ahead what the dashboards open on (every RESULTS_WARM_SECONDS; never when 0). */
  readonly resultsWarmer: ResultsWarmer;
  readonly app: FastifyInstance;
  /** Stops taking requests, flushes accepted submissions, closes the database. */
  close(): Promise<void>;
}

/**
 * The composition root: opens the database, brings its schema up to date, publishes the
 * standard questionnaires, creates the first administrator (ADMIN_EMAIL) on a database with
 * nobody, and wires ingest and the HTTP app. The only place that builds services.
 */
export interface ValutaOptions {
  /** Where "now" comes from (tests and demo data set it). */
  readonly clock?: () => Date;
  /** Where logs go; standard output by default. */
  readonly logStream?: NodeJS.WritableStream;
}

/** Opening counts are written this often (they are statistics, not acknowledged records). */
const OPENINGS_FLUSH_MS = 5_000;

export async function createValuta(config: Config, options: ValutaOptions = {}): Promise<Valuta> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    for (const definition of STANDARD_QUESTIONNAIRES) await publishQuestionnaire(database.db, definition);
    if (config.staff.firstAdmin && (await countUsers(database.db)) === 0)
      await addUser(
        { db: database.db, principal: { kind: 'cli', operator: 'ADMIN_EMAIL' }, now: () => new Date() },
        { ...config.staff.firstAdmin, role: 'platform-admin' },
      );
  } catch (error) {
    await database.close();
    throw error;
  }
  const directory = new ServiceDirectory(database.db);
  const ingest = new Ingest(database.db, directory, config.ingest, options.clock);
  const openings = new OpeningCounter(
    database.db,
    directory,
    OPENINGS_FLUSH_MS,
    (err) => app.log.warn({ err }, 'writing opening counts failed; retrying at the next flush'),
    options.clock,
  );
  const now = options.clock ?? (() => new Date());
  const resultsCache = new ResultsCache(database.db);
  const app = await buildApp(
    { config, database, directory, ingest, openings, now, resultsCache },
    options.logStream,
  );
  if (config.antiAbuse.secretIsEphemeral)
    app.log.info('SECRET is not set: hosted form tokens are signed with a secret made up for this process');
  const release = new Release(database.db, config.suppressionK, config.releaseMs, (err) =>
    app.log.warn({ err }, 'releasing pending responses or comments failed; retrying at the next tick'),
  );
  const resultsWarmer = new ResultsWarmer(
    { db: database.db, cache: resultsCache, k: config.suppressionK },
    now,
    (err) => app.log.warn({ err }, 'computing the dashboards ahead failed; trying again at the next pass'),
  );
  if (config.warmResultsMs > 0) resultsWarmer.start(config.warmResultsMs);
  let closing: Promise<void> | undefined;
  return {
    config,
    database,
    directory,
    ingest,
    openings,
    resultsCache,
    resultsWarmer,
    app,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await resultsWarmer.stop();
        await ingest.close();
        await openings.stop();
        await release.stop();
        await database.close();
      })()),
  };
}
