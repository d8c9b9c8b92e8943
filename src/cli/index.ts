#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { hasNoServices, seedDemo } from '../demo/seed.js';
import { createValuta, type Valuta } from '../main.js';
import { openDatabase, type Database } from '../store/database.js';
import { rebuildRollups } from '../store/rollups.js';
import { migrateToLatest } from '../store/migrator.js';
import type { ServiceDirectory } from '../store/service-directory.js';
import { userInfo } from 'node:os';
import { createApiKey } from '../commands/api-keys.js';
import type { CommandContext } from '../commands/command.js';
import { addUser } from '../commands/people.js';
import { getCatalogueService, rotateCompletionSecret, updateService } from '../commands/services.js';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../demo/accounts.js';
import { API_KEY_SCOPES, ROLES, type ApiKeyScope, type Role } from '../domain/governance/roles.js';
import { ValutaError } from '../domain/errors.js';
import { publishOpenData, publishUnpublishedMonths } from '../commands/open-data.js';
import { listReleases } from '../store/open-data.js';
import { ResultsCache } from '../store/results-cache.js';
import { verifyAudit } from '../store/audit.js';
import { registerEntiImport } from './enti-import.js';

const DEFAULT_DEMO_RESPONSES = 50_000;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

async function runDemo(valuta: Valuta, responses: number): Promise<void> {
  const bar = new SingleBar(
    { format: 'Demo responses [{bar}] {percentage}% | {value}/{total} | ETA {eta}s', hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(responses, 0);
  await seedDemo(valuta.database.db, { responses, onProgress: (done) => bar.update(done) });
  bar.stop();
  valuta.directory.invalidate();
  // so that /open-data shows something: every closed month with data, published once
  const published = await publishUnpublishedMonths(cli(valuta.database.db), {
    cache: valuta.resultsCache,
    k: valuta.config.suppressionK,
  });
  if (published.length > 0) console.log(`Open data: published ${published.map((r) => r.month).join(', ')}.`);
}

async function printWhereToLook(config: Config, directory: ServiceDirectory): Promise<void> {
  const services = await directory.all();
  const base = config.publicUrl;
  console.log(`  console:    ${base}/console/    API docs: ${base}/api/docs    health: ${base}/status`);
  for (const s of services) {
    console.log(`  ${s.ente.name} – ${s.name} (${s.family})`);
    const embedded = config.demoPages ? `    as embedded: ${base}/demo/${s.slug}` : '';
    console.log(`    questionnaire: ${base}/s/${s.slug}${embedded}`);
    console.log(`    QR poster:     ${base}/s/${s.slug}/poster`);
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
      const password = await createDemoAccounts(valuta.database.db);
      if (password !== null) {
        console.log('\nDemo accounts of the console (this password is shown once, note it):');
        for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(14)} ${a.email}`);
        console.log(`  password for all three: ${password}`);
      }
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

/** The operator at the command line, as the audit trail names them. */
const cli = (db: Database['db']): CommandContext => ({
  db,
  principal: { kind: 'cli', operator: userInfo().username },
  now: () => new Date(),
});

/** Runs a command on the configured database; a refusal is printed, not thrown. */
async function runCli(work: (ctx: CommandContext) => Promise<void>): Promise<void> {
  await withDatabase(async (db) => {
    try {
      await work(cli(db));
    } catch (error) {
      if (!(error instanceof ValutaError)) throw error;
      const fields = error.errors.map((e) => `\n  ${e.item}: ${e.detail}`).join('');
      fail(`${error.message}${fields}`);
    }
  });
}

program
  .command('completion-secret')
  .description("print the secret that signs a service's completion tokens (created on first use)")
  .argument('<slug>', 'the service')
  .option('--rotate', 'replace the secret: tokens signed with the old one stop being accepted')
  .action(async (slug: string, options: { rotate?: boolean }) => {
    await runCli(async (ctx) => {
      const service = await getCatalogueService(ctx, slug);
      if (service.hasCompletionSecret && !options.rotate) {
        const row = await ctx.db
          .selectFrom('service')
          .select('completionKey')
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow();
        return console.log(row.completionKey);
      }
      console.log(await rotateCompletionSecret(ctx, slug));
    });
  });

program
  .command('service-origins')
  .description('print, or replace, the origins of the pages that may embed the widget of a service')
  .argument('<slug>', 'the service')
  .argument('[origins...]', 'e.g. https://www.comune.bologna.it (replaces the list)')
  .option('--clear', 'remove every origin')
  .action(async (slug: string, origins: string[], options: { clear?: boolean }) => {
    await runCli(async (ctx) => {
      const service =
        origins.length > 0 || options.clear
          ? await updateService(ctx, slug, { allowedOrigins: options.clear ? [] : origins })
          : await getCatalogueService(ctx, slug);
      console.log(
        service.allowedOrigins.length > 0
          ? service.allowedOrigins.join('\n')
          : "(no origin: the widget works only on this server's pages)",
      );
    });
  });

const user = program.command('user').description('people of the console');
user
  .command('add')
  .description('add a person with a password (the first platform administrator, or anyone)')
  .requiredOption('--email <email>', 'their e-mail')
  .requiredOption('--role <role>', ROLES.join(' | '))
  .option('--ente <ipaCode>', 'their ente (ente-admin, ente-analyst)')
  .option('--password-stdin', 'read the password from standard input (else VALUTA_PASSWORD)')
  .action(async (options: { email: string; role: string; ente?: string; passwordStdin?: boolean }) => {
    if (!ROLES.includes(options.role as Role)) return fail(`The role is one of ${ROLES.join(', ')}`);
    const password = options.passwordStdin ? (await readStdin()).trimEnd() : loadConfig().cliPassword;
    if (!password)
      return fail('Give the password on standard input (--password-stdin) or in VALUTA_PASSWORD');
    await runCli(async (ctx) => {
      const added = await addUser(ctx, {
        email: options.email,
        role: options.role as Role,
        ente: options.ente,
        password,
      });
      console.log(`Added ${added.email} (${added.role}${added.ente ? ` of ${added.ente.ipaCode}` : ''}).`);
    });
  });

const apiKey = program.command('api-key').description("an ente's API keys");
apiKey
  .command('add')
  .description('create an API key for an ente; the secret is printed once')
  .requiredOption('--ente <ipaCode>', 'the ente')
  .requiredOption('--name <name>', 'what it is for, e.g. "back end of the portal"')
  .requiredOption('--scopes <scopes>', `comma-separated: ${API_KEY_SCOPES.join(', ')}`)
  .action(async (options: { ente: string; name: string; scopes: string }) => {
    await runCli(async (ctx) => {
      const scopes = options.scopes.split(',').map((s) => s.trim()) as ApiKeyScope[];
      const { apiKey: key, secret } = await createApiKey(ctx, {
        name: options.name,
        scopes,
        ente: options.ente,
      });
      console.log(`API key ${key.id} of ${key.ente.ipaCode} (${key.scopes.join(', ')}):\n${secret}`);
    });
  });

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('recompute the hash chain of the audit trail; exit 1 and name the first broken link')
  .action(async () => {
    await withDatabase(async (db) => {
      const verdict = await verifyAudit(db);
      if (verdict.ok) return console.log(`The audit trail checks: ${verdict.entries} entries.`);
      fail(
        `The audit trail is broken at entry ${verdict.seq} (${verdict.reason}); ${verdict.entries} entries before it check.`,
      );
    });
  });

const rollups = program.command('rollups').description('the counts dashboards and open data read');
rollups
  .command('rebuild')
  .description('recompute the rollups from the released responses (the ingest goes on; the release waits)')
  .action(async () => {
    await withDatabase(async (db) => {
      const sizes = await rebuildRollups(db);
      console.log(
        `Rebuilt from ${sizes.responses} released responses: ${sizes.itemDay} rows of items by day, ${sizes.itemMonth} of items by month and breakdown, ${sizes.month} of items and responses by month and channel, ${sizes.responseDay} of responses by day and breakdown.`,
      );
    });
  });

const openData = program.command('open-data').description('open data: frozen monthly releases');
openData
  .command('publish')
  .description(
    'publish a closed month as a new, frozen release (a correction of a published month needs --note)',
  )
  .requiredOption('--month <YYYY-MM>', 'the closed month')
  .option('--note <text>', 'why: required for a correction')
  .action(async (options: { month: string; note?: string }) => {
    const { suppressionK } = loadConfig();
    await runCli(async (ctx) => {
      const release = await publishOpenData(
        ctx,
        { cache: new ResultsCache(ctx.db), k: suppressionK },
        { month: options.month, note: options.note },
      );
      console.log(
        `Published ${release.month}, release ${release.release}, at ${release.publishedAt.toISOString()}.`,
      );
    });
  });
openData
  .command('list')
  .description('list the releases, newest first')
  .action(async () => {
    await withDatabase(async (db) => {
      const releases = await listReleases(db);
      if (releases.length === 0) return console.log('No month has been published yet.');
      for (const r of releases)
        console.log(
          `${r.month}  release ${r.release}  ${r.publishedAt.toISOString()}  ${r.publishedBy}${r.note ? `  note: ${r.note}` : ''}`,
        );
    });
  });

registerEntiImport(program, async () => {
  const database = await openDatabase(loadConfig().database);
  await migrateToLatest(database.db);
  return database;
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
