import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { createValuta } from '../src/main.js';
import { openDatabase } from '../src/store/database.js';
import { sql } from 'kysely';
import { databaseKind, freshDatabaseUrl } from './support/database.js';
import { storedRollups } from './support/rollups.js';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'index.ts');
const dir = mkdtempSync(join(tmpdir(), 'valuta-cli-'));

describe(`valuta completion-secret, service-origins, user, api-key and audit (${databaseKind})`, () => {
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  const valuta = async (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'silent',
        VALUTA_PASSWORD: 'a long enough password',
      },
    }).then(
      ({ stdout }) => ({ code: 0, stdout: stdout.trim(), stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout.trim(),
        stderr: error.stderr.trim(),
      }),
    );

  beforeAll(async () => {
    database = await freshDatabaseUrl(join(dir, 'db'));
    const setup = await createValuta(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
    await seedDemo(setup.database.db, { responses: 0 });
    await setup.close();
  }, 60_000);
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the same secret until it is rotated', async () => {
    const first = await valuta('completion-secret', 'bologna-permesso-ztl');
    expect(first.stdout).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await valuta('completion-secret', 'bologna-permesso-ztl')).stdout).toBe(first.stdout);
    const rotated = await valuta('completion-secret', 'bologna-permesso-ztl', '--rotate');
    expect(rotated.stdout).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.stdout).not.toBe(first.stdout);
  }, 120_000);

  it('replaces and prints the origins, refusing what is not an origin', async () => {
    expect((await valuta('service-origins', 'bologna-carta-identita')).stdout).toBe(
      'https://www.comune.bologna.it',
    );
    const set = await valuta(
      'service-origins',
      'bologna-carta-identita',
      'https://a.example',
      'http://b.example:8080',
    );
    expect(set.stdout.split('\n')).toEqual(['https://a.example', 'http://b.example:8080']);
    const bad = await valuta('service-origins', 'bologna-carta-identita', 'https://a.example/page');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/allowedOrigins: origins as browsers send them/);
  }, 120_000);

  it('rebuilds the rollups from the released responses, to the same counts', async () => {
    const db = await openDatabase(loadConfig({ DATABASE_URL: database.url }).database);
    try {
      const before = await storedRollups(db.db);
      const rebuilt = await valuta('rollups', 'rebuild');
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stdout).toMatch(
        /^Rebuilt from \d+ released responses: \d+ rows of items by day, \d+ of items by month and breakdown, \d+ of items and responses by month and channel, \d+ of responses by day and breakdown\.$/,
      );
      expect(await storedRollups(db.db)).toEqual(before);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('says so, with exit code 1, for an unknown service', async () => {
    const reply = await valuta('completion-secret', 'no-such-service');
    expect(reply.code).toBe(1);
    expect(reply.stderr).toMatch(/No service has the slug "no-such-service"/);
  }, 120_000);

  it('adds people and API keys, and every change it made is in a trail that checks', async () => {
    const added = await valuta('user', 'add', '--email', 'Capo@Ufficio.example', '--role', 'platform-admin');
    expect(added).toMatchObject({ code: 0, stdout: 'Added capo@ufficio.example (platform-admin).' });
    expect(
      (await valuta('user', 'add', '--email', 'capo@ufficio.example', '--role', 'platform-admin')).stderr,
    ).toMatch(/has an account already/);
    const key = await valuta(
      'api-key',
      'add',
      '--ente',
      'inps',
      '--name',
      'portale',
      '--scopes',
      'results:read',
    );
    expect(key.stdout).toMatch(/^API key [0-9a-f-]{36} of inps \(results:read\):\nvk_[A-Za-z0-9_-]{43}$/);
    expect(
      (await valuta('api-key', 'add', '--ente', 'nobody', '--name', 'x', '--scopes', 'results:read')).stderr,
    ).toMatch(/No ente has the IPA code "nobody"/);
    expect((await valuta('audit', 'verify')).stdout).toMatch(/^The audit trail checks: \d+ entries\.$/);
    const db = await openDatabase(loadConfig({ DATABASE_URL: database.url }).database);
    try {
      const actions = await db.db
        .selectFrom('auditEntry')
        .select(['action', 'actorKind'])
        .orderBy('seq')
        .execute();
      expect(actions).toEqual(
        expect.arrayContaining([
          { action: 'service.rotate-completion-secret', actorKind: 'cli' },
          { action: 'service.update', actorKind: 'cli' },
          { action: 'user.add', actorKind: 'cli' },
          { action: 'api-key.create', actorKind: 'cli' },
        ]),
      );
      // The database refuses to change the trail; with its trigger dropped, the chain still tells.
      await expect(
        sql`update audit_entry set actor_label = 'someone else' where seq = 2`.execute(db.db),
      ).rejects.toThrow(/append-only/);
      await sql`drop trigger audit_entry_no_change on audit_entry`.execute(db.db);
      await sql`update audit_entry set actor_label = 'someone else' where seq = 2`.execute(db.db);
    } finally {
      await db.close();
    }
    const broken = await valuta('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe(
      'The audit trail is broken at entry 2 (content-changed); 1 entries before it check.',
    );
  }, 180_000);
});
