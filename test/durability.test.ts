import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { PILOT } from '../src/demo/pilot.js';
import { seedDemo } from '../src/demo/seed.js';
import { seededRandom, syntheticResponse } from '../src/demo/synthetic.js';
import { submissionKey, type PreparedResponse } from '../src/domain/response.js';
import { createValuta } from '../src/main.js';
import { STANDARD_QUESTIONNAIRES } from '../src/questionnaires/index.js';
import type { Db } from '../src/store/database.js';
import { releaseResponses } from '../src/store/responses.js';
import { databaseKind, freshDatabaseUrl } from './support/database.js';
import { recountRollups, storedRollups } from './support/rollups.js';

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
  const services = await setup.database.db.selectFrom('service').select(['id', 'slug']).execute();
  await setup.close();
  return { env, open, drop: database.drop, serviceIds: new Map(services.map((s) => [s.slug, s.id])) };
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
  return { child, exited, url, output: () => output };
}

// ---------------------------------------------------------------------------------------------
// Submissions, and what the client was told about each

/** One submission as a client sends it (and sends it again, unchanged, when it retries). */
interface Sent {
  readonly slug: string;
  readonly submissionId: string;
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Whether some attempt was answered 201. */
  acknowledged: boolean;
  /** Every id a 201 for this submission carried: one, if a retry is recognised. */
  readonly ids: Set<string>;
}

/**
 * Valid submissions from the demo's own generator, cycling over the pilot services: scales,
 * multiple choice, free text (stored apart as comments), several channels, languages and devices,
 * so that every kind of rollup row is recounted.
 */
function submissions(serviceIds: ReadonlyMap<string, string>): () => Sent {
  const targets = PILOT.flatMap((ente) =>
    ente.services.map((service) => {
      const definition = STANDARD_QUESTIONNAIRES.find((q) => q.family === service.family);
      if (!definition) throw new Error(`no standard questionnaire for family ${service.family}`);
      const serviceId = serviceIds.get(service.slug);
      if (!serviceId) throw new Error(`service ${service.slug} is not registered`);
      return { slug: service.slug, serviceId, definition, profile: service.profile };
    }),
  );
  const random = seededRandom(6);
  let next = 0;
  return () => {
    const target = targets[next++ % targets.length]!;
    const { submissionId, answers, channel, lang, userAgent } = syntheticResponse(
      target.definition,
      target.profile,
      new Date(),
      random,
    ).submission;
    return {
      slug: target.slug,
      submissionId,
      key: submissionKey(target.serviceId, submissionId),
      headers: { 'content-type': 'application/json', ...(userAgent ? { 'user-agent': userAgent } : {}) },
      body: JSON.stringify({ submissionId, answers, channel, lang }),
      acknowledged: false,
      ids: new Set(),
    };
  };
}

/**
 * Records a 201 for `s`: the submission is acknowledged, under the id its body carries (unknown
 * if the body was cut off by the kill after the status arrived).
 */
async function recordAcknowledgement(s: Sent, response: Response): Promise<void> {
  s.acknowledged = true;
  const id = await response.json().then(
    (body) => (body as { id: string }).id,
    () => undefined,
  );
  if (id !== undefined) s.ids.add(id);
}

interface Cycle {
  readonly acknowledged: number;
  readonly failed: number;
  readonly inFlightAtKill: number;
  readonly retried: number;
  /** Time to start the server, then to stream until it was killed and every request had ended. */
  readonly startMs: number;
  readonly streamMs: number;
}

const IN_FLIGHT = 16;

/**
 * Starts `valuta serve`, sends `retries` first and then fresh submissions, IN_FLIGHT at a time,
 * and SIGKILLs the server as soon as `killAfter` submissions have been answered 201, with the
 * other requests still in flight. Every request ends 201 or failed (the connection reset).
 */
async function killCycle(
  env: Record<string, string>,
  retries: Sent[],
  fresh: () => Sent,
  sent: Sent[],
  killAfter: number,
): Promise<Cycle> {
  const started = performance.now();
  const server = await startServer(env);
  const listening = performance.now();
  const retried = retries.length;
  let acknowledged = 0;
  let failed = 0;
  let inFlight = 0;
  let inFlightAtKill = 0;
  let killed = false;
  const unexpected: string[] = [];
  const worker = async () => {
    while (!killed && unexpected.length === 0) {
      const s =
        retries.shift() ??
        (() => {
          const f = fresh();
          sent.push(f);
          return f;
        })();
      inFlight++;
      try {
        const response = await fetch(`${server.url}/api/v1/services/${s.slug}/responses`, {
          method: 'POST',
          headers: s.headers,
          body: s.body,
        });
        if (response.status !== 201) {
          unexpected.push(`${response.status} ${await response.text()}`);
          continue;
        }
        acknowledged++;
        await recordAcknowledgement(s, response);
        if (!killed && acknowledged >= killAfter) {
          killed = true;
          inFlightAtKill = inFlight - 1;
          server.child.kill('SIGKILL');
        }
      } catch (error) {
        failed++;
        if (!killed) unexpected.push(`failed before the kill: ${String(error)}`);
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  if (!killed) server.child.kill('SIGKILL');
  await server.exited;
  if (unexpected.length > 0) throw new Error(`${unexpected.slice(0, 5).join('\n')}\n${server.output()}`);
  expect(server.child.signalCode).toBe('SIGKILL');
  return {
    acknowledged,
    failed,
    inFlightAtKill,
    retried,
    startMs: Math.round(listening - started),
    streamMs: Math.round(performance.now() - listening),
  };
}

// ---------------------------------------------------------------------------------------------
// What the database holds

/** Every row of `tables`, as one query: released rows and those still pending. */
function unionOf(tables: readonly string[], columns: string) {
  return sql.join(
    tables.map((t) => sql`select ${sql.raw(columns)} from ${sql.table(t)}`),
    sql` union all `,
  );
}

/** A stored row: what ingest prepared (free text apart, in the comment tables), with its ids. */
type StoredResponse = Omit<PreparedResponse, 'comments'> & {
  readonly id: string;
  readonly serviceId: string;
};

async function storedState(db: Db) {
  const responseTables = ['response', 'response_pending'];
  const responses = unionOf(
    responseTables,
    'id, service_id, submission_key, submitted_hour, channel, device_class, lang, verified, answers',
  );
  // The Italian calendar day of the stored hour (Italy's offset is whole hours: it is the day of the instant).
  const day = sql`to_char((submitted_hour at time zone 'Europe/Rome')::date, 'YYYY-MM-DD')`;
  const { rows } = await sql<StoredResponse>`select r.*, ${day} as day from (${responses}) r`.execute(db);

  // the rollups count what was released, by the release's own transaction
  return { responseTables, rows, rollups: await storedRollups(db), recount: await recountRollups(db) };
}

/**
 * Every acknowledged submission is stored exactly once, under the id it was acknowledged with;
 * nothing else is stored (each unacknowledged one at most once); the rollups equal a recount.
 */
function expectConsistent(sent: readonly Sent[], state: Awaited<ReturnType<typeof storedState>>) {
  const byKey = new Map<string, StoredResponse[]>();
  for (const r of state.rows) byKey.set(r.submissionKey, [...(byKey.get(r.submissionKey) ?? []), r]);
  expect(new Set(state.rows.map((r) => r.id)).size).toBe(state.rows.length);
  expect([...byKey].filter(([, copies]) => copies.length > 1).map(([key]) => key)).toEqual([]);
  const sentKeys = new Set(sent.map((s) => s.key));
  expect(state.rows.filter((r) => !sentKeys.has(r.submissionKey)).map((r) => r.id)).toEqual([]);

  const problems: string[] = [];
  for (const s of sent.filter((x) => x.acknowledged)) {
    const stored = byKey.get(s.key) ?? [];
    if (stored.length !== 1) problems.push(`${s.submissionId}: acknowledged, stored ${stored.length} times`);
    else if (s.ids.size > 1) problems.push(`${s.submissionId}: acknowledged under ${[...s.ids].join(', ')}`);
    else if (s.ids.size === 1 && !s.ids.has(stored[0]!.id))
      problems.push(`${s.submissionId}: acknowledged as ${[...s.ids][0]}, stored as ${stored[0]!.id}`);
  }
  expect(problems).toEqual([]);
  expect(state.rollups).toEqual(state.recount);
}

// ---------------------------------------------------------------------------------------------

describe(`acknowledged means durable (${databaseKind})`, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every submission answered 201 is stored once, under its id, through repeated SIGKILLs mid-stream; retries count once', async () => {
    const database = await pilotDatabase('kill');
    const sent: Sent[] = [];
    const fresh = submissions(database.serviceIds);
    const cycles: Cycle[] = [];
    // Kill points vary, so that the kill meets the group commits at different moments.
    for (const killAfter of [50, 90, 130]) {
      // A submission that got no answer is sent again after the restart (as the widget does): it
      // may have been committed before the kill, and must still count once. Acknowledged ones are
      // not retried before the check, since a retry would hide a lost one.
      const retries = sent.filter((s) => !s.acknowledged);
      const cycle = await killCycle(database.env, retries, fresh, sent, killAfter);
      cycles.push(cycle);
      console.log(
        `[durability ${databaseKind}] SIGKILL after ${cycle.acknowledged} acknowledged, ${cycle.inFlightAtKill} in flight, ${cycle.failed} failed; ${cycle.retried} retried; server started in ${cycle.startMs} ms, streamed ${cycle.streamMs} ms`,
      );
      expect(cycle.acknowledged).toBeGreaterThanOrEqual(killAfter);
      expect(cycle.inFlightAtKill).toBeGreaterThan(0);
    }

    const restarted = await database.open();
    try {
      const db = restarted.database.db;
      await releaseResponses(db, 1);
      const state = await storedState(db);
      expectConsistent(sent, state);
      const acknowledged = sent.filter((s) => s.acknowledged);
      expect(acknowledged.length).toBe(cycles.reduce((n, c) => n + c.acknowledged, 0));
      // and no response arrived in a rollup without its row
      expect(state.rows.length).toBeGreaterThanOrEqual(acknowledged.length);
      // The kill landed on requests in flight, waiting for their commit (checked after the store:
      // a server that answers before committing fails here too, if it lost nothing). Not in every
      // cycle: the kill may come just after a group commit, with all its answers on the wire.
      expect(cycles.filter((c) => c.failed > 0).length).toBeGreaterThanOrEqual(2);

      // After the restart, clients retry: those never answered, and some answered 201 (their
      // answer lost on the way back). Each is answered 201, with the stored id; none counts twice.
      const retry = [...sent.filter((s) => !s.acknowledged), ...acknowledged.filter((_, i) => i % 10 === 0)];
      for (const s of retry) {
        const response = await restarted.app.inject({
          method: 'POST',
          url: `/api/v1/services/${s.slug}/responses`,
          headers: s.headers,
          payload: s.body,
        });
        expect(response.statusCode, response.body).toBe(201);
        const { id } = response.json<{ id: string }>();
        s.ids.add(id);
        s.acknowledged = true;
      }
      await releaseResponses(db, 1);
      const after = await storedState(db);
      expectConsistent(sent, after);
      // now every submission sent has been acknowledged: each is stored, once
      expect(new Set(after.rows.map((r) => r.submissionKey))).toEqual(new Set(sent.map((s) => s.key)));
    } finally {
      await restarted.close();
      await database.drop();
    }
    // (three server starts take most of the time, and several times longer on a machine shared
    // with other test runs: hence the generous timeout)
  }, 300_000);

  it('SIGTERM answers the requests in flight, flushes every accepted submission, and exits cleanly', async () => {
    const database = await pilotDatabase('term');
    const server = await startServer({ ...database.env, INGEST_MAX_WAIT_MS: '50' });
    const fresh = submissions(database.serviceIds);
    const statuses: number[] = [];
    const sent = Array.from({ length: 100 }, fresh);
    const requests = sent.map((s) =>
      fetch(`${server.url}/api/v1/services/${s.slug}/responses`, {
        method: 'POST',
        headers: s.headers,
        body: s.body,
      }).then(
        async (r) => {
          statuses.push(r.status);
          if (r.status === 201) await recordAcknowledgement(s, r);
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
    expect(sent.some((s) => s.acknowledged)).toBe(true);
    // every request got an answer: 201, or 503 / a refused connection once closing (the widget retries those)
    expect(statuses.every((s) => s === 201 || s === 503 || s === 0)).toBe(true);

    const restarted = await database.open();
    try {
      const state = await storedState(restarted.database.db);
      expectConsistent(sent, state);
      // a clean shutdown stores exactly what it acknowledged
      expect(new Set(state.rows.map((r) => r.id))).toEqual(
        new Set(sent.filter((s) => s.acknowledged).flatMap((s) => [...s.ids])),
      );
    } finally {
      await restarted.close();
      await database.drop();
    }
  }, 120_000);
});
