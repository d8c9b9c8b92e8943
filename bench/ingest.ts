/**
 * Ingest benchmark: how many submissions per second Valuta durably stores, against the floor of
 * the same Fastify app answering an empty route. Prints figures and targets; throughput and
 * latency are never asserted (they depend on the machine), but it exits 1 when the rows stored
 * disagree with the 2xx count or any submission was answered otherwise than 2xx.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres npm run bench
 *   BENCH_DURATION=5 BENCH_CONNECTIONS=64 npm run bench
 *
 * See bench/README.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { PUBLIC } from '../src/http/access/declaration.js';
import { createValuta, type Valuta } from '../src/main.js';
import type { Db } from '../src/store/database.js';
import { submissions, type LoadJob, type LoadResult } from './load-client.js';
import { withAdmin } from './support.js';

// ---------------------------------------------------------------------------------------------
// Settings

function positiveIntEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a positive integer (got "${raw}")`);
    process.exit(2);
  }
  return n;
}

const DURATION_S = positiveIntEnv('BENCH_DURATION', 20);
const CONNECTIONS = positiveIntEnv('BENCH_CONNECTIONS', 64);
const POSTGRES_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
const ONLY = process.env.BENCH_ONLY ?? '';
if (!['', 'postgres', 'pglite'].includes(ONLY)) {
  console.error(`BENCH_ONLY must be postgres or pglite (got "${ONLY}")`);
  process.exit(2);
}
const POSTGRES_URL_SOURCE = process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'TEST_DATABASE_URL';
/** Valuta tuning variables passed through to the server under test, so they can be tried here. */
const PASSTHROUGH = [
  'DATABASE_POOL_SIZE',
  'INGEST_BATCH_SIZE',
  'INGEST_MAX_WAIT_MS',
  'INGEST_MAX_QUEUE',
  'INGEST_CONCURRENCY',
] as const;
const PREFLIGHT_SUBMISSIONS = 50;

const TARGET = {
  postgresPerSecond: 10_000,
  ratio: 0.3,
  p99Ms: 25,
  pglitePerSecond: 3_000,
};

// ---------------------------------------------------------------------------------------------
// Cleanup on every exit path. Ctrl-C stops the load generator; the current part then fails and
// cleans up (bench database dropped, temp dir removed) and the next part is skipped. A second Ctrl-C exits at once.

const cleanups: (() => Promise<void>)[] = [];
async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    try {
      await step();
    } catch (error) {
      console.error('cleanup failed:', error);
    }
  }
}

const children = new Set<ChildProcess>();
let interrupted: NodeJS.Signals | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = signal;
    console.error(`\n${signal}: stopping and cleaning up (again to exit at once)…`);
    for (const child of children) child.kill();
  });
}

// ---------------------------------------------------------------------------------------------
// Server under test

interface Server {
  readonly valuta: Valuta;
  readonly url: string;
}

/** Valuta on `databaseUrl`, pilot services registered, plus GET /bench/empty, listening on 127.0.0.1:0. */
async function startServer(databaseUrl: string): Promise<Server> {
  const passthrough = Object.fromEntries(
    PASSTHROUGH.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])),
  );
  const config = loadConfig({
    ...passthrough,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    // autocannon is one address sending to one service: the per-address limit would stop it at once
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const valuta = await createValuta(config);
  try {
    await seedDemo(valuta.database.db, { responses: 0 });
    valuta.directory.invalidate();
    // The floor: the same app (plugins, hooks, helmet headers) answering with nothing.
    valuta.app.get('/bench/empty', { config: PUBLIC, schema: { hide: true } }, (_request, reply) =>
      reply.code(204).send(),
    );
    await valuta.app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await valuta.close();
    throw error;
  }
  const { port } = valuta.app.server.address() as AddressInfo;
  return { valuta, url: `http://127.0.0.1:${port}` };
}

/** Sends a few generated submissions one by one: a benchmark of 422s would measure nothing. */
async function preflight(server: Server): Promise<void> {
  const floor = await fetch(`${server.url}/bench/empty`);
  if (floor.status !== 204) throw new Error(`GET /bench/empty answered ${floor.status}`);
  const failures: string[] = [];
  const nextSubmission = submissions();
  for (let i = 0; i < PREFLIGHT_SUBMISSIONS; i++) {
    const s = nextSubmission();
    const response = await fetch(`${server.url}${s.path}`, {
      method: 'POST',
      headers: s.headers,
      body: s.body,
    });
    if (response.status !== 201)
      failures.push(`${response.status} ${s.slug} ${s.body}\n    → ${await response.text()}`);
  }
  if (failures.length > 0) {
    throw new Error(
      `pre-flight: ${failures.length}/${PREFLIGHT_SUBMISSIONS} generated submissions refused:\n  ${failures.slice(0, 5).join('\n  ')}`,
    );
  }
}

/** Waits until ingest has nothing queued and its acknowledged count has not moved for a while. */
async function settle(valuta: Valuta): Promise<void> {
  const quietMs = 500;
  const deadline = performance.now() + 60_000;
  let last = -1;
  let stableSince = performance.now();
  while (performance.now() < deadline) {
    const { acknowledged, queueDepth } = valuta.ingest.stats;
    if (queueDepth !== 0 || acknowledged !== last) {
      last = acknowledged;
      stableSince = performance.now();
    } else if (performance.now() - stableSince >= quietMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  console.warn('  (ingest did not settle within 60 s; counting anyway)');
}

/**
 * Responses stored (released into `response` or waiting in `response_pending`), those released,
 * and Σ rollup_response_day.count (the rollups count released responses), read by one statement:
 * a release moving rows between the two tables meanwhile is either all seen or not at all.
 */
async function storedCounts(db: Db): Promise<{ rows: number; released: number; rollup: number }> {
  const { rows } = await sql<{ rows: string; released: string; rollup: string | null }>`
    select (select count(*) from response) + (select count(*) from response_pending) as rows,
      (select count(*) from response) as released,
      (select sum(count) from rollup_response_day) as rollup`.execute(db);
  return {
    rows: Number(rows[0]!.rows),
    released: Number(rows[0]!.released),
    rollup: Number(rows[0]!.rollup ?? 0),
  };
}

/** Where CPU goes: the server process (PGlite included) and, when local, our PostgreSQL backends. */
interface CpuSnapshot {
  readonly server: NodeJS.CpuUsage;
  /** Backend pid → CPU µs, or undefined when the backends' /proc entries cannot be read. */
  readonly backends: Map<number, number> | undefined;
}

const CLOCK_TICK_US = 10_000; // USER_HZ is 100 on Linux

/** CPU time of the PostgreSQL backends serving this database, read from /proc when the server is local. */
async function backendCpu(valuta: Valuta): Promise<Map<number, number> | undefined> {
  if (valuta.database.kind !== 'postgres' || process.platform !== 'linux') return undefined;
  const { rows } = await sql<{
    pid: number;
  }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(valuta.database.db);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields after the command name (which ends with ')'): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_US);
    } catch {
      return undefined; // not local, or not visible to us
    }
  }
  return cpu;
}

async function cpuSnapshot(valuta: Valuta): Promise<CpuSnapshot> {
  return { server: process.cpuUsage(), backends: await backendCpu(valuta) };
}

/** CPU µs spent: server process, PostgreSQL backends (undefined when unknown). */
interface CpuSpent {
  readonly serverUs: number;
  readonly postgresUs: number | undefined;
}

async function cpuSince(valuta: Valuta, before: CpuSnapshot): Promise<CpuSpent> {
  const server = process.cpuUsage(before.server);
  const after = await backendCpu(valuta);
  let postgresUs: number | undefined;
  if (after && before.backends) {
    postgresUs = 0;
    for (const [pid, us] of after) postgresUs += us - (before.backends.get(pid) ?? 0);
  }
  return { serverUs: server.user + server.system, postgresUs };
}

// ---------------------------------------------------------------------------------------------
// Load generator, in its own process

const LOAD_CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url));

function runLoad(job: LoadJob): Promise<LoadResult> {
  if (interrupted) return Promise.reject(new Error(`interrupted by ${interrupted}`));
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_CLIENT, [JSON.stringify(job)], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    children.add(child);
    child.once('message', (message: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      settled = true;
      if (message.ok) resolve(message.result);
      else reject(new Error(`load client: ${message.error}`));
    });
    child.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (!settled) reject(new Error(`load client exited (${signal ?? code}) without a result`));
      settled = true;
    });
  });
}

// ---------------------------------------------------------------------------------------------
// One measurement

interface Measurement {
  /** 1-minute load average of the machine before and after the runs: other work skews the figures. */
  readonly load: readonly [before: number, after: number];
  readonly floor: LoadResult | undefined;
  readonly submit: LoadResult;
  readonly rows: number;
  readonly released: number;
  readonly rollup: number;
  readonly batches: number;
  readonly floorCpu: CpuSpent | undefined;
  readonly submitCpu: CpuSpent;
}

/** The floor of this bench run, from the first part that measured it (same app, same machine). */
let runFloor: LoadResult | undefined;

async function measure(server: Server, withFloor: boolean): Promise<Measurement> {
  const load = (mode: LoadJob['mode']) =>
    runLoad({ url: server.url, mode, connections: CONNECTIONS, durationS: DURATION_S });
  await preflight(server);
  const loadBefore = loadavg()[0]!;
  let floor: LoadResult | undefined;
  let floorCpu: Measurement['floorCpu'];
  if (withFloor) {
    process.stdout.write(`  floor: GET /bench/empty for ${DURATION_S} s … `);
    const cpuBefore = await cpuSnapshot(server.valuta);
    floor = await load('floor');
    floorCpu = await cpuSince(server.valuta, cpuBefore);
    runFloor = floor;
    console.log(`${fmt(perSecond(floor))} req/s`);
  }
  await settle(server.valuta);
  const before = await storedCounts(server.valuta.database.db);
  const batchesBefore = server.valuta.ingest.stats.batches;
  process.stdout.write(`  submit: POST …/responses for ${DURATION_S} s … `);
  const cpuBefore = await cpuSnapshot(server.valuta);
  const submit = await load('submit');
  console.log(`${fmt(perSecond(submit))} submissions/s`);
  await settle(server.valuta);
  const submitCpu = await cpuSince(server.valuta, cpuBefore);
  const after = await storedCounts(server.valuta.database.db);
  return {
    load: [loadBefore, loadavg()[0]!],
    floor,
    submit,
    rows: after.rows - before.rows,
    released: after.released - before.released,
    rollup: after.rollup - before.rollup,
    batches: server.valuta.ingest.stats.batches - batchesBefore,
    floorCpu,
    submitCpu,
  };
}

// ---------------------------------------------------------------------------------------------
// Printing

const perSecond = (r: LoadResult) => (r.durationS > 0 ? r.ok2xx / r.durationS : 0);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mark = (ok: boolean) => (ok ? '✓' : '✗');

/** CPU µs per answered request: server, PostgreSQL backends (when known), load generator. */
function cpuPerRequest(cpu: CpuSpent, load: LoadResult, withPostgres: boolean): string {
  const n = Math.max(1, load.answered);
  const parts = [`server ${fmt(cpu.serverUs / n)}`];
  if (withPostgres) parts.push(`postgres ${cpu.postgresUs === undefined ? '?' : fmt(cpu.postgresUs / n)}`);
  parts.push(`client ${fmt(load.cpuUs / n)}`);
  return `${parts.join(' / ')} µs`;
}

type Row = readonly [figure: string, value: string, target?: string, ok?: boolean];

function printTable(rows: readonly Row[]): void {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => (r[2] ?? '').length));
  const line = (a: string, b: string, c: string, d: string) =>
    `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c.padEnd(w2)}  ${d}`.trimEnd();
  console.log(line('figure', 'value', 'target', ''));
  console.log(`  ${'─'.repeat(w0 + w1 + w2 + 8)}`);
  for (const [figure, value, target, ok] of rows) {
    console.log(line(figure, value, target ?? '', ok === undefined ? '' : mark(ok)));
  }
}

/** Requests written but never answered: in flight when autocannon stopped and closed its sockets. */
const inFlightAtCutoff = (r: LoadResult) => Math.max(0, r.sent - r.answered - r.errors);

function statusBreakdown(r: LoadResult): string {
  const codes = Object.entries(r.statusCodes).filter(([code]) => !code.startsWith('2'));
  return codes.length === 0 ? '' : ` (${codes.map(([code, n]) => `${code}×${fmt(n)}`).join(', ')})`;
}

/**
 * Whether every acknowledged submission is stored exactly once. Requests still in flight when
 * autocannon stops are committed by the server but never counted as 2xx by the client, so up to
 * that many extra rows are expected; they are reported in a note.
 */
function integrity(m: Measurement): { row: Row; note: string | undefined } {
  const extra = m.rows - m.submit.ok2xx;
  const inFlight = inFlightAtCutoff(m.submit);
  const figure = 'rows stored = 2xx count';
  if (extra === 0) return { row: [figure, 'yes', 'equal', true], note: undefined };
  if (extra > 0 && extra <= inFlight) {
    return {
      row: [figure, `yes (+${fmt(extra)})`, 'equal', true],
      note: `rows = 2xx + ${fmt(extra)}: ${fmt(inFlight)} requests were in flight when autocannon stopped and closed its sockets; the server committed ${fmt(extra)} of them.`,
    };
  }
  return {
    row: [figure, `no (${extra > 0 ? '+' : ''}${fmt(extra)})`, 'equal', false],
    note: `${fmt(m.rows)} rows for ${fmt(m.submit.ok2xx)} 2xx, ${fmt(inFlight)} requests in flight at cutoff.`,
  };
}

/**
 * What makes the run fail (exit 1), whatever the machine: a submission answered otherwise than
 * 2xx, rows stored that disagree with the 2xx count (beyond the requests in flight at cutoff), or
 * rollups that disagree with the responses released. Throughput and latency are figures, never failures.
 */
function failures(m: Measurement): string[] {
  const problems: string[] = [];
  if (m.submit.non2xx > 0)
    problems.push(`${fmt(m.submit.non2xx)} non-2xx responses${statusBreakdown(m.submit)}`);
  if (!integrity(m).row[3])
    problems.push(
      `${fmt(m.rows)} rows stored for ${fmt(m.submit.ok2xx)} 2xx (${fmt(inFlightAtCutoff(m.submit))} in flight at cutoff)`,
    );
  if (m.rollup !== m.released)
    problems.push(`rollup total ${fmt(m.rollup)} ≠ ${fmt(m.released)} responses released`);
  return problems;
}

function loadNote(m: Measurement, withPostgres: boolean): string {
  const [before, after] = m.load;
  const sharing = withPostgres
    ? 'server, PostgreSQL and load generator'
    : 'server, PGlite and load generator';
  return `load average (1 min) ${fmt(before, 2)} before, ${fmt(after, 2)} after, on ${cpus().length} CPUs shared by ${sharing}`;
}

function printNotes(...notes: (string | undefined)[]): void {
  for (const note of notes) if (note) console.log(`  note: ${note}`);
}

/**
 * The rows both parts print, for a run whose submissions/s target is `perSecondTarget`. The
 * PostgreSQL part (`withPostgres`) also has a p99 target, latency max, the 2xx count and backend CPU.
 */
function submitRows(m: Measurement, perSecondTarget: number, withPostgres: boolean): Row[] {
  const s = m.submit;
  const rate = perSecond(s);
  const p99 = `${fmt(s.latencyMs.p99)} ms`;
  return [
    ['submissions/s (2xx per second)', fmt(rate), `≥ ${fmt(perSecondTarget)}`, rate >= perSecondTarget],
    ['latency p50', `${fmt(s.latencyMs.p50)} ms`],
    ...(withPostgres
      ? ([
          ['latency p99', p99, `≤ ${TARGET.p99Ms} ms`, s.latencyMs.p99 <= TARGET.p99Ms],
          ['latency max', `${fmt(s.latencyMs.max)} ms`],
          ['2xx responses', fmt(s.ok2xx)],
        ] satisfies Row[])
      : ([['latency p99', p99]] satisfies Row[])),
    ['non-2xx responses', `${fmt(s.non2xx)}${statusBreakdown(s)}`, '0', s.non2xx === 0],
    ['errors / timeouts', `${fmt(s.errors)} / ${fmt(s.timeouts)}`],
    ['rows stored (response + response_pending)', fmt(m.rows)],
    integrity(m).row,
    ['rollup total (Σ rollup_response_day.count)', fmt(m.rollup), '= released', m.rollup === m.released],
    [
      'commits (ingest batches), mean batch',
      `${fmt(m.batches)}, ${fmt(m.batches > 0 ? m.rows / m.batches : 0, 1)}`,
    ],
    [
      withPostgres ? 'CPU per submission' : 'CPU per submission (server incl. PGlite)',
      cpuPerRequest(m.submitCpu, s, withPostgres),
    ],
  ];
}

function printResults(m: Measurement, heading: string, rows: readonly Row[], withPostgres: boolean): void {
  console.log(`\nResults — ${heading}`);
  printTable(rows);
  printNotes(integrity(m).note, loadNote(m, withPostgres));
}

/**
 * The ratio to the floor comes first: absolute figures vary several-fold between machines of the
 * same kind, the ratio much less. The floor is this part's own, or the one the PostgreSQL part
 * measured earlier in this run (same app, same machine).
 */
function ratioRow(m: Measurement, target: number | undefined): Row {
  const floor = m.floor ?? runFloor;
  const floorRate = floor ? perSecond(floor) : 0;
  const ratio = floorRate > 0 ? perSecond(m.submit) / floorRate : 0;
  const figure = `ratio submissions/s ÷ floor req/s${m.floor ? '' : ' (floor of the PostgreSQL part)'}`;
  if (floorRate === 0) return [figure, '–'];
  return target === undefined
    ? [figure, fmt(ratio, 3)]
    : [figure, fmt(ratio, 3), `≥ ${target}`, ratio >= target];
}

function floorRows(m: Measurement): Row[] {
  if (!m.floor) return [];
  return [
    ['floor req/s (GET /bench/empty)', fmt(perSecond(m.floor))],
    ['floor latency p99', `${fmt(m.floor.latencyMs.p99)} ms`],
    ['CPU per floor request', m.floorCpu ? cpuPerRequest(m.floorCpu, m.floor, false) : '–'],
  ];
}

function printPostgres(m: Measurement, description: string): void {
  printResults(
    m,
    `${description}, ${CONNECTIONS} connections, ${DURATION_S} s per run`,
    [ratioRow(m, TARGET.ratio), ...submitRows(m, TARGET.postgresPerSecond, true), ...floorRows(m)],
    true,
  );
}

function printPGlite(m: Measurement, description: string): void {
  printResults(
    m,
    `${description}, ${CONNECTIONS} connections, ${DURATION_S} s`,
    [ratioRow(m, undefined), ...submitRows(m, TARGET.pglitePerSecond, false), ...floorRows(m)],
    false,
  );
}

// ---------------------------------------------------------------------------------------------
// The two parts

/** Starts the server on `databaseUrl`, measures it and closes it again. */
async function measureOn(databaseUrl: string, withFloor: boolean): Promise<Measurement> {
  const server = await startServer(databaseUrl);
  cleanups.push(() => server.valuta.close());
  printIngestConfig(server.valuta);
  const m = await measure(server, withFloor);
  await server.valuta.close();
  return m;
}

async function postgresPart(adminUrl: string): Promise<void> {
  const name = `valuta_bench_${randomBytes(6).toString('hex')}`;
  const description = await withAdmin(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ v: string; sc: string; fsync: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('synchronous_commit') AS sc, current_setting('fsync') AS fsync",
    );
    const info = rows[0]!;
    await admin.query(`CREATE DATABASE ${name}`);
    return `PostgreSQL ${info.v} (fsync=${info.fsync}, synchronous_commit=${info.sc})`;
  });
  cleanups.push(() =>
    withAdmin(adminUrl, async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  console.log(`\n▶ ${description}, database ${name} (from ${POSTGRES_URL_SOURCE})`);
  const m = await measureOn(url.toString(), true);
  printPostgres(m, description);
  check('PostgreSQL', m);
}

/** What failed in the parts run so far (see `failures`), each with its part. */
const failed: string[] = [];

function check(part: string, m: Measurement): void {
  for (const problem of failures(m)) failed.push(`${part}: ${problem}`);
}

async function pglitePart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'valuta-bench-pglite-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  console.log(`\n▶ embedded PGlite on disk (file:${dir})`);
  // (the floor is measured here only when the PostgreSQL part has not measured it)
  const m = await measureOn(`file:${dir}`, runFloor === undefined);
  printPGlite(m, 'embedded PGlite on disk');
  check('PGlite', m);
}

function printIngestConfig(valuta: Valuta): void {
  const { batchSize, maxWaitMs, maxQueue, concurrency } = valuta.config.ingest;
  const pool = valuta.config.database.kind === 'postgres' ? `, pool ${valuta.config.database.poolSize}` : '';
  console.log(
    `  ingest: batch ≤${batchSize}, wait ${maxWaitMs} ms, queue ≤${maxQueue}, ${concurrency} commits in flight${pool}`,
  );
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    'Valuta ingest benchmark (marks compare with the targets; it exits 1 on a non-2xx, or when rows stored ≠ 2xx)',
  );
  console.log(
    `node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}; load generator: autocannon in a separate process`,
  );
  /** Runs one part, then its cleanups; a failure is reported and skips nothing else. */
  const runPart = async (name: string, part: () => Promise<void>) => {
    try {
      await part();
    } catch (error) {
      failed.push(`${name}: the run broke`);
      console.error(`\n${name} part failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await runCleanups();
    }
  };
  if (ONLY === 'pglite') {
    console.log('\nPostgreSQL part skipped: BENCH_ONLY=pglite.');
  } else if (POSTGRES_URL) {
    await runPart('PostgreSQL', () => postgresPart(POSTGRES_URL));
  } else {
    console.log(
      '\nPostgreSQL part skipped: neither BENCH_DATABASE_URL nor TEST_DATABASE_URL is set ' +
        '(scripts/test-postgres.sh start prints a URL to use).',
    );
  }
  if (interrupted) {
    console.log(`\nPGlite part skipped: interrupted by ${interrupted}.`);
  } else if (ONLY === 'postgres') {
    console.log('\nPGlite part skipped: BENCH_ONLY=postgres.');
  } else {
    await runPart('PGlite', pglitePart);
  }
  // Missed throughput and latency targets are figures, not failures: they depend on the machine.
  // A refused submission, or acknowledgements and rows that disagree, fail on any machine.
  if (failed.length > 0) console.error(`\nFAILED (exit 1):\n  ${failed.join('\n  ')}`);
  process.exitCode = interrupted ? 130 : failed.length > 0 ? 1 : 0;
}

await main();
