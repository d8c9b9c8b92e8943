import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { createValuta } from '../src/main.js';
import { databaseKind, freshDatabaseUrl } from './support/database.js';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'index.ts');
const dir = mkdtempSync(join(tmpdir(), 'valuta-cli-'));

describe(`valuta service-key and service-origins (${databaseKind})`, () => {
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  const valuta = async (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
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

  it('prints the same key until it is rotated', async () => {
    const first = await valuta('service-key', 'bologna-permesso-ztl');
    expect(first.stdout).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await valuta('service-key', 'bologna-permesso-ztl')).stdout).toBe(first.stdout);
    const rotated = await valuta('service-key', 'bologna-permesso-ztl', '--rotate');
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
    expect(bad.stderr).toMatch(/Not an origin/);
  }, 120_000);

  it('says so, with exit code 1, for an unknown service', async () => {
    const reply = await valuta('service-key', 'no-such-service');
    expect(reply.code).toBe(1);
    expect(reply.stderr).toMatch(/No service has the slug "no-such-service"/);
  }, 120_000);
});
