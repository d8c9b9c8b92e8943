#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { hasNoServices, seedDemo } from '../demo/seed.js';
import { createValuta } from '../main.js';
import { newCompletionKey } from '../domain/completion-token.js';
import { isWebOrigin } from '../domain/service.js';
import { openDatabase, type Database } from '../store/database.js';
import { migrateToLatest } from '../store/migrator.js';
import type { ServiceDirectory } from '../store/service-directory.js';
import { ensureCompletionKey, setAllowedOrigins } from '../store/services.js';

const DEFAULT_DEMO_RESPONSES = 50_000;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

async function runDemo(
  valuta: { database: { db: Parameters<typeof seedDemo>[0] }; directory: ServiceDirectory },
  responses: number,
): Promise<void> {
  const bar = new SingleBar(
    { format: 'Demo responses [{bar}] {percentage}% | {value}/{total} | ETA {eta}s', hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(responses, 0);
  await seedDemo(valuta.database.db, { responses, onProgress: (done) => bar.update(done) });
  bar.stop();
  valuta.directory.invalidate();
}

async function printWhereToLook(config: Config, directory: ServiceDirectory): Promise<void> {
  const services = await directory.all();
  const base = config.publicUrl;
  console.log(`  API docs:   ${base}/api/docs    health: ${base}/status    metrics: ${base}/metrics`);
  for (const s of services) {
    console.log(`  ${s.ente.name} – ${s.name} (${s.family})`);
    const embedded = config.demoPages ? `    as embedded: ${base}/demo/${s.slug}` : '';
    console.log(`    questionnaire: ${base}/s/${s.slug}${embedded}`);
    console.log(
      `    QR poster:     ${base}/s/${s.slug}/poster    summary: ${base}/api/v1/services/${s.slug}/summary`,
    );
  }
}

const program = new Command()
  .name('valuta')
  .description('Valuta: customer-experience measurement of Italian public digital services');

program
  .command('serve')
  .description('serve the platform (migrates the database first)')
  .option(
    '--demo-if-empty',
    'demo mode: load the demo data when the embedded database has no service yet, and serve the demo pages',
  )
  .action(async (options: { demoIfEmpty?: boolean }) => {
    const loaded = loadConfig();
    const config = options.demoIfEmpty ? { ...loaded, demoPages: true } : loaded;
    const valuta = await createValuta(config);
    if (
      options.demoIfEmpty &&
      config.database.kind === 'pglite' &&
      (await hasNoServices(valuta.database.db))
    ) {
      console.log(`Empty embedded database (${valuta.database.description}): loading the pilot demo data.`);
      await runDemo(valuta, DEFAULT_DEMO_RESPONSES);
    }
    let address: string;
    try {
      address = await valuta.app.listen({ port: config.port, host: config.host });
    } catch (error) {
      await valuta.close();
      throw error;
    }
    closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
      if (err) valuta.app.log.error({ err }, 'fatal error, shutting down');
      else valuta.app.log.info({ signal }, 'shutting down: flushing accepted submissions');
      await valuta.close();
    });
    console.log(
      `\nValuta is listening on ${address} (public URL ${config.publicUrl}/) on ${valuta.database.description}`,
    );
    await printWhereToLook(config, valuta.directory);
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const database = await openDatabase(loadConfig().database);
    try {
      const applied = await migrateToLatest(database.db);
      console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
    } finally {
      await database.close();
    }
  });

program
  .command('demo')
  .description('register the pilot enti and services and add synthetic responses (on any database)')
  .option('-n, --responses <count>', 'synthetic responses to add', positiveInteger, DEFAULT_DEMO_RESPONSES)
  .action(async (options: { responses: number }) => {
    const config = loadConfig();
    const valuta = await createValuta(config);
    try {
      await runDemo(valuta, options.responses);
      console.log(
        `\nDemo data loaded (${valuta.database.description}). Once served (valuta serve), look at:`,
      );
      await printWhereToLook(config, valuta.directory);
    } finally {
      await valuta.close();
    }
  });

/** Runs `work` on the configured database, migrated, and closes it. */
async function withDatabase(work: (db: Database['db']) => Promise<void>): Promise<void> {
  const database = await openDatabase(loadConfig().database);
  try {
    await migrateToLatest(database.db);
    await work(database.db);
  } finally {
    await database.close();
  }
}

function fail(message: string): void {
  console.error(message);
  process.exitCode = 1;
}

program
  .command('service-key')
  .description("print the key that signs a service's completion tokens (created on first use)")
  .argument('<slug>', 'the service')
  .option('--rotate', 'replace the key: tokens signed with the old one stop being accepted')
  .action(async (slug: string, options: { rotate?: boolean }) => {
    await withDatabase(async (db) => {
      const key = await ensureCompletionKey(db, slug, newCompletionKey, { rotate: options.rotate ?? false });
      if (key === undefined) return fail(`No service has the slug "${slug}".`);
      console.log(key);
    });
  });

program
  .command('service-origins')
  .description('print, or replace, the origins of the pages that may embed the widget of a service')
  .argument('<slug>', 'the service')
  .argument('[origins...]', 'e.g. https://www.comune.bologna.it (replaces the list)')
  .option('--clear', 'remove every origin')
  .action(async (slug: string, origins: string[], options: { clear?: boolean }) => {
    const invalid = origins.filter((o) => !isWebOrigin(o));
    if (invalid.length > 0)
      return fail(`Not an origin (scheme://host[:port], no path): ${invalid.join(', ')}`);
    await withDatabase(async (db) => {
      if (origins.length > 0 || options.clear) {
        if (!(await setAllowedOrigins(db, slug, options.clear ? [] : origins)))
          return fail(`No service has the slug "${slug}".`);
      }
      const row = await db
        .selectFrom('service')
        .select('allowedOrigins')
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (row === undefined) return fail(`No service has the slug "${slug}".`);
      console.log(
        row.allowedOrigins.length > 0
          ? row.allowedOrigins.join('\n')
          : "(no origin: the widget works only on this server's pages)",
      );
    });
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
