#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { hasNoServices, seedDemo } from '../demo/seed.js';
import { createValuta } from '../main.js';
import { openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrator.js';
import type { ServiceDirectory } from '../store/service-directory.js';

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
    console.log(`  ${s.ente.name} – ${s.name}`);
    console.log(`    questionnaire: ${base}/s/${s.slug}`);
    console.log(`    summary:       ${base}/api/v1/services/${s.slug}/summary`);
  }
}

const program = new Command()
  .name('valuta')
  .description('Valuta: customer-experience measurement of Italian public digital services');

program
  .command('serve')
  .description('serve the platform (migrates the database first)')
  .option('--demo-if-empty', 'load the pilot demo data when the embedded database has no service yet')
  .action(async (options: { demoIfEmpty?: boolean }) => {
    const config = loadConfig();
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

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
