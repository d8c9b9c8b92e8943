import { spawn, type ChildProcess } from 'node:child_process';
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

function startServer(env: Record<string, string>): {
  child: ChildProcess;
  url: string;
  ready: Promise<void>;
  output: () => string;
} {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      try {
        if ((await fetch(`${url}/status`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start: ${output}`);
  })();
  return { child, url, ready, output: () => output };
}

describe(`acknowledged means durable (${databaseKind})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'valuta-durability-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a response answered 201 is present after the server is killed with SIGKILL and restarted', async () => {
    const database = await freshDatabaseUrl(join(dir, 'pglite'));
    const env = { DATABASE_URL: database.url, INGEST_MAX_WAIT_MS: '20' };
    const setup = await createValuta(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
    await seedDemo(setup.database.db, { responses: 0 });
    await setup.close();

    const first = startServer(env);
    await first.ready;
    const acknowledged: string[] = [];
    const inFlight: Promise<unknown>[] = [];
    // A steady stream of submissions; the kill lands while some are still in flight.
    for (let i = 0; i < 200; i++) {
      inFlight.push(
        fetch(`${first.url}/api/v1/services/${HUB}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ submissionId: randomUUID(), answers: SATISFIED }),
        })
          .then(async (r) => {
            if (r.status === 201) acknowledged.push(((await r.json()) as { id: string }).id);
          })
          .catch(() => undefined),
      );
      if (i === 150) {
        for (let wait = 0; acknowledged.length === 0; wait++) {
          if (wait > 2_000) throw new Error(`no submission acknowledged: ${first.output()}`);
          await new Promise((r) => setTimeout(r, 5));
        }
        first.child.kill('SIGKILL');
      }
    }
    await Promise.all(inFlight);
    // (a process killed by a signal has signalCode set and exitCode null)
    await new Promise((resolve) =>
      first.child.signalCode !== null ? resolve(null) : first.child.once('exit', resolve),
    );
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThan(0);

    const second = createValuta(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
    const restarted = await second;
    try {
      const stored = await restarted.database.db.selectFrom('response').select('id').execute();
      const storedIds = new Set(stored.map((r) => r.id));
      const lost = acknowledged.filter((id) => !storedIds.has(id));
      expect(lost).toEqual([]);
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
    const database = await freshDatabaseUrl(join(dir, 'pglite-term'));
    const env = { DATABASE_URL: database.url, INGEST_MAX_WAIT_MS: '50' };
    const setup = await createValuta(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
    await seedDemo(setup.database.db, { responses: 0 });
    await setup.close();

    const server = startServer(env);
    await server.ready;
    const statuses: number[] = [];
    const acknowledged: string[] = [];
    const requests = Array.from({ length: 100 }, () =>
      fetch(`${server.url}/api/v1/services/${HUB}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: randomUUID(), answers: SATISFIED }),
      }).then(
        async (r) => {
          statuses.push(r.status);
          if (r.status === 201) acknowledged.push(((await r.json()) as { id: string }).id);
        },
        () => statuses.push(0),
      ),
    );
    await new Promise((r) => setTimeout(r, 20)); // requests are in flight, waiting for their group commit
    server.child.kill('SIGTERM');
    await Promise.all(requests);
    const exitCode = await new Promise((resolve) =>
      server.child.exitCode !== null ? resolve(server.child.exitCode) : server.child.once('exit', resolve),
    );
    expect(exitCode).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(0);
    // every request got an answer: 201, or 503 / a refused connection once closing (the widget retries those)
    expect(statuses.every((s) => s === 201 || s === 503 || s === 0)).toBe(true);

    const restarted = await createValuta(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
    try {
      const stored = await restarted.database.db.selectFrom('response').select('id').execute();
      expect(new Set(stored.map((r) => r.id))).toEqual(new Set(acknowledged));
    } finally {
      await restarted.close();
      await database.drop();
    }
  }, 120_000);
});
