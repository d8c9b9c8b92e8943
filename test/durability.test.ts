import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { createValuta } from '../src/main.js';
import { databaseKind, freshDatabaseUrl } from './support/database.js';
import { HUB, SATISFIED } from './support/pilot.js';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'index.ts');
const dir = mkdtempSync(join(tmpdir(), 'valuta-durability-'));

/** A durable database (PGlite on disk, or a fresh PostgreSQL database) with the pilot services. */
async function pilotDatabase(name: string) {
  const database = await freshDatabaseUrl(join(dir, name));
  // (one address sends every request: the per-address rate limit is not what is tested here)
  const env = { DATABASE_URL: database.url, INGEST_MAX_WAIT_MS: '20', RATE_LIMIT_PER_MINUTE: '0' };
  const open = () => createValuta(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
  const setup = await open();
  await seedDemo(setup.database.db, { responses: 0 });
  await setup.close();
  return { env, open, drop: database.drop };
}

/** `valuta serve` in a child process, as in production, on a port the system picks. */
async function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  // (a process killed by a signal has signalCode set and exitCode null)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let url: string | undefined;
  for (let i = 0; url === undefined; i++) {
    if (child.exitCode !== null || i > 300) throw new Error(`server did not start: ${output}`);
    url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  const submit = () =>
    fetch(`${url}/api/v1/services/${HUB}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: randomUUID(), answers: SATISFIED }),
    });
  return { child, exited, submit, output: () => output };
}

describe(`acknowledged means durable (${databaseKind})`, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a response answered 201 is present after the server is killed with SIGKILL and restarted', async () => {
    const database = await pilotDatabase('kill');
    const server = await startServer(database.env);
    const acknowledged: string[] = [];
    const inFlight: Promise<unknown>[] = [];
    // A steady stream of submissions; the kill lands while some are still in flight.
    for (let i = 0; i < 200; i++) {
      inFlight.push(
        server.submit().then(
          async (r) => r.status === 201 && acknowledged.push(((await r.json()) as { id: string }).id),
          () => undefined,
        ),
      );
      if (i === 150) {
        for (let wait = 0; acknowledged.length === 0; wait++) {
          if (wait > 2_000) throw new Error(`no submission acknowledged: ${server.output()}`);
          await new Promise((r) => setTimeout(r, 5));
        }
        server.child.kill('SIGKILL');
      }
    }
    await Promise.all(inFlight);
    await server.exited;
    expect(server.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThan(0);

    const restarted = await database.open();
    try {
      const stored = await restarted.database.db.selectFrom('response').select('id').execute();
      const storedIds = new Set(stored.map((r) => r.id));
      expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
      // and the rollups agree with what survived
      const total = await restarted.database.db
        .selectFrom('rollupResponse')
        .select((eb) => eb.fn.sum<number>('count').as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(total.n)).toBe(stored.length);
    } finally {
      await restarted.close();
      await database.drop();
    }
  }, 120_000);

  it('SIGTERM answers the requests in flight, flushes every accepted submission, and exits cleanly', async () => {
    const database = await pilotDatabase('term');
    const server = await startServer({ ...database.env, INGEST_MAX_WAIT_MS: '50' });
    const statuses: number[] = [];
    const acknowledged: string[] = [];
    const requests = Array.from({ length: 100 }, () =>
      server.submit().then(
        async (r) => {
          statuses.push(r.status);
          if (r.status === 201) acknowledged.push(((await r.json()) as { id: string }).id);
          if (r.status === 503) {
            expect(r.headers.get('retry-after')).toBe('5');
            expect(await r.json()).toMatchObject({ type: 'urn:valuta:problem:shutting-down', status: 503 });
          }
        },
        () => statuses.push(0),
      ),
    );
    await new Promise((r) => setTimeout(r, 20)); // requests are in flight, waiting for their group commit
    server.child.kill('SIGTERM');
    await Promise.all(requests);
    expect(await server.exited).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(0);
    // every request got an answer: 201, or 503 / a refused connection once closing (the widget retries those)
    expect(statuses.every((s) => s === 201 || s === 503 || s === 0)).toBe(true);

    const restarted = await database.open();
    try {
      const stored = await restarted.database.db.selectFrom('response').select('id').execute();
      expect(new Set(stored.map((r) => r.id))).toEqual(new Set(acknowledged));
    } finally {
      await restarted.close();
      await database.drop();
    }
  }, 120_000);
});
