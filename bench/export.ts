/**
 * Export benchmark: a service's raw responses downloaded as CSV and as XLSX through the real
 * route (GET /api/v1/exports/responses.csv|xlsx, signed in as the central office, over real HTTP
 * from a server in a fresh child process, read as a stream into a byte-counting sink), against
 * PostgreSQL's own `COPY (SELECT …) TO STDOUT (FORMAT csv, HEADER)` of the same rows in the same
 * run, read through pg-copy-streams into the same kind of sink. At 100,000 and at 1,000,000
 * responses: rows/s, their ratio, and the server's peak RSS (sampled every 50 ms during the
 * download), with RSS(1M) ÷ RSS(100k). Responses are loaded as bench/analytics.ts loads them:
 * COPY into `response_pending`, then the real release.
 *
 *   npm run bench:export                                        # starts its own PostgreSQL server
 *   BENCH_ONLY=pglite BENCH_RESPONSES=10000 npm run bench:export # the CI smoke run
 *
 * Figures are never asserted (they depend on the machine); it exits 1 when a check fails: the
 * rows of the CSV, the rows of COPY and the responses loaded disagree, an XLSX is not a zip, a
 * download is answered otherwise than 200, or a part breaks. See bench/README.md.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { build } from 'esbuild';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { addUser } from '../src/commands/people.js';
import { PILOT } from '../src/demo/pilot.js';
import { seedDemo } from '../src/demo/seed.js';
import { seededRandom, syntheticResponse } from '../src/demo/synthetic.js';
import type { QuestionnaireDefinition } from '../src/domain/questionnaire.js';
import { prepareResponse } from '../src/domain/response.js';
import { responsesLayout } from '../src/exports/responses.js';
import { createValuta } from '../src/main.js';
import type { Db } from '../src/store/database.js';
import { PGliteDialect } from '../src/store/pglite-dialect.js';
import { keyAfter, linesAfter } from '../src/store/released-responses.js';
import { releaseResponses } from '../src/store/responses.js';
import type { Schema } from '../src/store/schema.js';
import { listActiveServices } from '../src/store/services.js';
import { appConfig, type ChildMessage, type ChildSettings } from './export-server.js';
import { copyEscape, positiveIntEnv, withAdmin } from './support.js';

// ---------------------------------------------------------------------------------------------
// Settings

const RESPONSES = positiveIntEnv('BENCH_RESPONSES', 1_000_000);
const PGLITE_RESPONSES = positiveIntEnv('BENCH_PGLITE_RESPONSES', Math.min(RESPONSES, 100_000));
const CHUNK = positiveIntEnv('BENCH_CHUNK', 50_000);
const POSTGRES_URL = process.env.BENCH_DATABASE_URL || undefined;
const OWN_PGPORT = process.env.BENCH_PGPORT || '54330';
const OWN_PGDATA = process.env.BENCH_PGDATA_DIR || '/tmp/valuta-bench-export-pg';
const ONLY = process.env.BENCH_ONLY ?? '';
/** Keep the PostgreSQL database at the end (to look at it); needs BENCH_DATABASE_URL. */
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === '1' && POSTGRES_URL !== undefined;
if (!['', 'postgres', 'pglite'].includes(ONLY)) {
  console.error(`BENCH_ONLY must be postgres or pglite (got "${ONLY}")`);
  process.exit(2);
}

/** The smaller size of a run: 100,000, or a tenth of the largest when that is 100,000 or less. */
const smallOf = (largest: number) => (largest > 100_000 ? 100_000 : Math.max(1, Math.floor(largest / 10)));

/** The exported service (a demo one, cx-dispositivo) and the period its responses fall in. */
const SLUG = 'inps-hub-prestazioni';
const YEAR = 2025;
const PERIOD = String(YEAR);
const FROM = `${YEAR}-01-01`;
const TO = `${YEAR}-12-31`;
/** The columns the export reads (src/store/released-responses.ts), for COPY. */
const EXPORT_COLUMNS =
  'id, questionnaire_version_id, submitted_hour, channel, device_class, lang, verified, answers, text_items';
/** The columns written to `response_pending`, in COPY order (as bench/analytics.ts). */
const PENDING_COLUMNS =
  'id, service_id, questionnaire_version_id, submission_key, submitted_hour, channel, device_class, lang, verified, answers, text_items';
// jit=off as in the app's pool (ADR 21)
const LOADER_SETTINGS = { work_mem: '256MB', maintenance_work_mem: '1GB', jit: 'off' } as const;

const TARGET = { ratio: 0.3, peakMb: 150, rssRatio: 1.2 };
const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Printing (as bench/analytics.ts)

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (milliseconds: number) => `${fmt(milliseconds / 1000, 1)} s`;
const perSecond = (rows: number, milliseconds: number) =>
  milliseconds > 0 ? (rows * 1000) / milliseconds : 0;
const mb = (bytes: number) => `${fmt(bytes / MB, 1)} MB`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const ratioText = (r: number) => (Number.isFinite(r) ? fmt(r, 2) : '–');
const sizeLabel = (n: number) =>
  n >= 1_000_000 && n % 1_000_000 === 0
    ? `${n / 1_000_000}M`
    : n >= 1000 && n % 1000 === 0
      ? `${n / 1000}k`
      : fmt(n);

/** A table: the first column left-aligned, the others right-aligned but the last. */
function printGrid(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')}`.trimEnd();
  console.log(line(header));
  console.log(`  ${'─'.repeat(widths.reduce((sum, w) => sum + w + 2, -2))}`);
  for (const row of rows) console.log(line(row));
}

const loadNote = (before: number) =>
  `load average (1 min) ${fmt(before, 2)} before, ${fmt(loadavg()[0]!, 2)} after, on ${cpus().length} CPUs`;

// ---------------------------------------------------------------------------------------------
// Cleanup on every exit path; Ctrl-C stops at the next step, which cleans up

const cleanups: (() => Promise<void> | void)[] = [];
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

let interrupted: NodeJS.Signals | undefined;
function checkInterrupted(): void {
  if (interrupted) throw new Error(`interrupted by ${interrupted}`);
}

/** What failed (a wrong result, a refused download, a broken part), each with its part: exit 1. */
const failed: string[] = [];

// ---------------------------------------------------------------------------------------------
// The sink: counts bytes and line feeds, keeps the first and last bytes

interface Sink {
  bytes: number;
  lines: number;
  head: Buffer;
  tail: Buffer;
}

async function drain(
  chunks: AsyncIterable<Uint8Array | Buffer | string> | Iterable<Uint8Array | Buffer | string>,
): Promise<Sink> {
  const sink: Sink = { bytes: 0, lines: 0, head: Buffer.alloc(0), tail: Buffer.alloc(0) };
  for await (const raw of chunks) {
    const chunk =
      typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    sink.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) sink.lines += 1;
    if (sink.head.length < 8) sink.head = Buffer.concat([sink.head, chunk.subarray(0, 8 - sink.head.length)]);
    sink.tail = Buffer.concat([sink.tail, chunk.subarray(Math.max(0, chunk.length - 64))]).subarray(-64);
  }
  return sink;
}

/** Rows of a CSV after its header line, when no record holds a line feed: lines − 1. */
const dataRows = (sink: Sink) => sink.lines + (sink.bytes > 0 && sink.tail.at(-1) !== 10 ? 1 : 0) - 1;

/** A zip: a local file header first, an end-of-central-directory record in its last 64 bytes. */
const isZip = (sink: Sink) =>
  sink.head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) &&
  sink.tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]));

// ---------------------------------------------------------------------------------------------
// The server under test: a child process (--serve), one per download, that reports its memory

/**
 * How the server processes run: `compiled` (the default) runs the app transpiled to JavaScript
 * (src/ and bench/export-server.ts by esbuild, file by file, no bundling: what tsc emits for
 * dist/) with plain node, as `npm start` does; `tsx` runs the TypeScript under tsx, whose
 * in-process compiler adds some 80 MB of RSS that production does not have.
 */
const SERVER_MODE = process.env.BENCH_SERVER || 'compiled';
if (!['compiled', 'tsx'].includes(SERVER_MODE)) {
  console.error(`BENCH_SERVER must be compiled or tsx (got "${SERVER_MODE}")`);
  process.exit(2);
}

/** Transpiles src/ and the server entry into a temporary tree beside links to dist/ and node_modules/. */
async function compiledServer(): Promise<string> {
  const root = join(import.meta.dirname, '..');
  const out = mkdtempSync(join(tmpdir(), 'valuta-bench-export-build-'));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith(`console${sep}`))
    .map((f) => join(root, 'src', f));
  await build({
    entryPoints: [...sources, join(root, 'bench', 'export-server.ts')],
    outbase: root,
    outdir: out,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  // the app finds its built assets at ../../dist from src/http (as from dist/http), and its packages
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(root, 'dist'), join(out, 'dist'));
  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
  return join(out, 'bench', 'export-server.js');
}

/**
 * The node flags `npm start` runs the server with (package.json, ADR 32: its heap), then those of
 * BENCH_SERVER_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
function serverArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const start = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/cli\/index\.js serve\b/.exec(scripts.start ?? '');
  if (!start) throw new Error('package.json: the start script does not run `node … dist/cli/index.js serve`');
  return [...start[1]!.split(' '), ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ')].filter(
    (a) => a !== '',
  );
}
const SERVER_ARGS = serverArgs();

let serverEntry: { path: string; execArgv: string[] } | undefined;
async function server(): Promise<{ path: string; execArgv: string[] }> {
  serverEntry ??=
    SERVER_MODE === 'tsx'
      ? {
          path: join(import.meta.dirname, 'export-server.ts'),
          execArgv: ['--import', 'tsx', '--expose-gc', ...SERVER_ARGS],
        }
      : { path: await compiledServer(), execArgv: ['--expose-gc', ...SERVER_ARGS] };
  return serverEntry;
}

/** The next message of `kind` from a child, or an error if it exits first. */
function nextMessage<K extends ChildMessage['kind']>(
  child: ChildProcess,
  kind: K,
): Promise<Extract<ChildMessage, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.kind !== kind) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(message as Extract<ChildMessage, { kind: K }>);
    };
    const onExit = (code: number | null, signal: string | null) => {
      child.off('message', onMessage);
      reject(new Error(`the server process exited (${signal ?? code}) before "${kind}"`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

interface ExportRun {
  readonly format: 'csv' | 'xlsx';
  readonly status: number;
  readonly ms: number;
  readonly firstByteMs: number;
  readonly sink: Sink;
  readonly baselineRss: number;
  readonly peakRss: number;
  readonly peakHeap: number;
  readonly hwm: number;
  readonly samples: number;
}

let children = 0;

/** One download in a fresh server process: timed from the request to the last byte. */
async function download(
  databaseUrl: string,
  format: 'csv' | 'xlsx',
  user: { email: string; password: string },
): Promise<ExportRun> {
  checkInterrupted();
  children += 1;
  const settings: ChildSettings = { databaseUrl, ...user, n: children };
  const entry = await server();
  const child = fork(entry.path, ['--serve'], {
    execArgv: entry.execArgv,
    env: { ...process.env, BENCH_EXPORT_CHILD: JSON.stringify(settings) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await stop();
  });
  const ready = await nextMessage(child, 'ready');
  const url = `http://127.0.0.1:${ready.port}/api/v1/exports/responses.${format}?service=${SLUG}&period=${PERIOD}`;
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie: ready.cookie } });
  const firstByteMs = performance.now() - started;
  const sink = await drain(
    response.body ? Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>) : [],
  );
  const ms = performance.now() - started;
  if (response.status !== 200)
    failed.push(`${format} export answered ${response.status}: ${sink.head.toString('utf8')}…`);
  const memory = nextMessage(child, 'memory');
  child.send({ kind: 'stop' });
  const m = await memory;
  await stop();
  cleanups.pop();
  return {
    format,
    status: response.status,
    ms,
    firstByteMs,
    sink,
    baselineRss: ready.baselineRss,
    peakRss: m.peakRss,
    peakHeap: m.peakHeap,
    hwm: m.hwm,
    samples: m.samples,
  };
}

// ---------------------------------------------------------------------------------------------
// Responses: the demo's synthetic answers for one service, prepared as the write path prepares them

const HOURS = [
  [7, 1],
  [9, 4],
  [11, 5],
  [13, 3],
  [15, 4],
  [17, 3],
  [19, 2],
] as const;

interface BenchService {
  readonly id: string;
  readonly questionnaireVersionId: string;
  readonly definition: QuestionnaireDefinition;
}

/** Hours of YEAR (UTC 7–20, so the Italian day is the UTC day) and the share of responses each gets. */
function hourSlots(): { start: number; weight: number }[] {
  const slots: { start: number; weight: number }[] = [];
  for (let d = 0; d < 365; d++) {
    const day = Date.UTC(YEAR, 0, 1 + d);
    const weekday = new Date(day).getUTCDay();
    const dayWeight = weekday === 0 || weekday === 6 ? 0.45 : 1;
    for (const [hour, weight] of HOURS)
      slots.push({ start: day + hour * 3_600_000, weight: dayWeight * weight });
  }
  return slots;
}

/**
 * `total` responses of the service over YEAR (weekends fewer), in the order they arrive, as
 * production stores them: the release moves them into `response` as they come, so a month's
 * responses lie together on disk. The demo's `syntheticResponse` answers through
 * `prepareResponse`, a quarter verified.
 */
class Generator {
  private readonly random = seededRandom(2026);
  private readonly profile = PILOT.flatMap((e) => e.services).find((s) => s.slug === SLUG)!.profile;
  private readonly slots = hourSlots();
  private readonly perWeight: number;
  private generated = 0;
  private slot = 0;
  private slotEnd: number;

  constructor(
    private readonly service: BenchService,
    private readonly total: number,
  ) {
    this.perWeight = total / this.slots.reduce((sum, s) => sum + s.weight, 0);
    this.slotEnd = this.slots[0]!.weight * this.perWeight;
  }

  /** The next response's time: the hour whose share of `total` it falls in, at a random minute. */
  private time(): Date {
    const at = this.generated++ + 0.5;
    while (at > this.slotEnd && this.slot < this.slots.length - 1)
      this.slotEnd += this.slots[++this.slot]!.weight * this.perWeight;
    return new Date(this.slots[this.slot]!.start + Math.floor(this.random() * 60) * 60_000);
  }

  chunk(n: number): string {
    const { id, questionnaireVersionId, definition } = this.service;
    const lines = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const receivedAt = this.time();
      const { submission } = syntheticResponse(definition, this.profile, receivedAt, this.random);
      const p = prepareResponse(definition, id, submission, receivedAt, this.random() < 0.25);
      lines[i] = [
        randomUUID(),
        id,
        questionnaireVersionId,
        p.submissionKey,
        p.submittedHour.toISOString(),
        p.channel,
        p.deviceClass,
        p.lang,
        p.verified ? 't' : 'f',
        copyEscape(JSON.stringify(p.answers)),
        `{${p.comments.map((c) => c.itemCode).join(',')}}`,
      ].join('\t');
    }
    return `${lines.join('\n')}\n`;
  }
}

// ---------------------------------------------------------------------------------------------
// The loading connection: COPY in, COPY out, the release

interface Loader {
  readonly db: Db;
  copyIn(text: string): Promise<number>;
  /** `COPY (SELECT the export's columns of the service's responses in the period) TO …`, timed. */
  copyOut(): Promise<{ ms: number; sink: Sink; rows: number }>;
  close(): Promise<void>;
}

/**
 * EXPLAIN ANALYZE of the export's batch query (`linesAfter` of src/store/released-responses.ts, as
 * the central office's export lays it out) after the middle response's month and id.
 */
async function explainBatch(db: Db, service: BenchService, responses: number): Promise<string> {
  const range = { serviceId: service.id, from: FROM, to: TO };
  // the key of the middle response, as the export reads its keys ahead
  const { rows: middle } = await keyAfter(range, null, Math.floor(responses / 2) + 1).execute(db);
  const { lines } = await responsesLayout(db, range, true, 10);
  const query = linesAfter(range, lines, middle[0] ?? null, 2_000);
  const { rows } = await sql<{
    'QUERY PLAN': unknown;
  }>`explain (analyze, buffers, format json) ${query}`.execute(db);
  interface PlanNode {
    'Node Type': string;
    'Index Name'?: string;
    'Actual Rows'?: number;
    'Rows Removed by Filter'?: number;
    'Shared Hit Blocks'?: number;
    'Shared Read Blocks'?: number;
    Plans?: PlanNode[];
  }
  const [explained] = Object.values(rows[0]!)[0] as [{ Plan: PlanNode; 'Execution Time': number }];
  const nodes: string[] = [];
  for (let node: PlanNode | undefined = explained.Plan; node; node = node.Plans?.[0])
    nodes.push(
      `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''} (${fmt(node['Actual Rows'] ?? 0)} rows${node['Rows Removed by Filter'] ? `, ${fmt(node['Rows Removed by Filter'])} removed by filter` : ''})`,
    );
  const top = explained.Plan;
  return `${nodes.join(' ← ')}; ${fmt(explained['Execution Time'], 1)} ms, ${fmt((top['Shared Hit Blocks'] ?? 0) + (top['Shared Read Blocks'] ?? 0))} buffers`;
}

const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];
const copyOutSelect = (serviceId: string) =>
  `select ${EXPORT_COLUMNS} from response where service_id = '${serviceId}' and (submitted_hour at time zone 'Europe/Rome')::date between '${FROM}'::date and '${TO}'::date`;

function* messages(data: Buffer): IterableIterator<Buffer> {
  for (let at = 0; at < data.length; at += 1 << 20) yield data.subarray(at, at + (1 << 20));
}

function postgresLoader(url: string, serviceId: () => string): Loader {
  const options = Object.entries(LOADER_SETTINGS)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  // one connection, no statement timeout (a release of 250,000 takes longer than the app pool's 10 s)
  const pool = new pg.Pool({ connectionString: url, max: 1, options });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins });
  return {
    db,
    copyIn: async (text) => {
      const client = await pool.connect();
      try {
        const stream = client.query(copyFrom(`copy response_pending (${PENDING_COLUMNS}) from stdin`));
        await pipeline(Readable.from(messages(Buffer.from(text))), stream);
        return stream.rowCount;
      } finally {
        client.release();
      }
    },
    copyOut: async () => {
      // a connection of its own, at the server's settings, as the app's pool has
      const client = new pg.Client({ connectionString: url, options: '-c jit=off' });
      await client.connect();
      try {
        const started = performance.now();
        const stream = client.query(
          copyTo(`copy (${copyOutSelect(serviceId())}) to stdout (format csv, header)`),
        );
        const sink = await drain(stream);
        return { ms: performance.now() - started, sink, rows: stream.rowCount };
      } finally {
        await client.end();
      }
    },
    close: () => db.destroy(),
  };
}

async function pgliteLoader(dataDir: string, serviceId: () => string): Promise<Loader> {
  // as src/store/database.ts opens it, keeping the client for COPY FROM/TO '/dev/blob'
  const client = await PGlite.create({
    dataDir,
    parsers: { [pgliteTypes.DATE]: (v: string) => v, [pgliteTypes.INT8]: Number },
  });
  await client.exec(`set work_mem = '${LOADER_SETTINGS.work_mem}'`);
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(client), plugins });
  return {
    db,
    copyIn: async (text) => {
      const result = await client.query(`copy response_pending (${PENDING_COLUMNS}) from '/dev/blob'`, [], {
        blob: new Blob([text]),
      });
      return result.affectedRows ?? 0;
    },
    copyOut: async () => {
      const started = performance.now();
      const result = await client.query(
        `copy (${copyOutSelect(serviceId())}) to '/dev/blob' with (format csv, header)`,
      );
      const bytes = result.blob ? Buffer.from(await result.blob.arrayBuffer()) : Buffer.alloc(0);
      const sink = await drain([bytes]);
      return { ms: performance.now() - started, sink, rows: result.affectedRows ?? 0 };
    },
    close: () => db.destroy(),
  };
}

/** The service, and a platform administrator (the central office) to sign in as. */
async function prepare(
  db: Db,
): Promise<{ service: BenchService; user: { email: string; password: string } }> {
  const active = (await listActiveServices(db)).find((s) => s.slug === SLUG);
  if (active === undefined) throw new Error(`${SLUG} is not an active service`);
  const user = {
    email: `central-office-${randomBytes(4).toString('hex')}@bench.example`,
    password: randomBytes(18).toString('base64url'),
  };
  await addUser(
    { db, principal: { kind: 'cli', operator: 'bench' }, now: () => new Date() },
    { email: user.email, role: 'platform-admin', password: user.password },
  );
  return {
    service: {
      id: active.id,
      questionnaireVersionId: active.questionnaire.id,
      definition: active.questionnaire.definition,
    },
    user,
  };
}

interface LoadStats {
  rows: number;
  generateMs: number;
  copyMs: number;
  releaseMs: number;
  analyzeMs: number;
}

/** COPY into response_pending and the real release, chunk by chunk, until `to` are released; then ANALYZE. */
async function loadTo(loader: Loader, generator: Generator, to: number, stats: LoadStats, part: string) {
  const started = performance.now();
  while (stats.rows < to) {
    checkInterrupted();
    const n = Math.min(CHUNK, to - stats.rows);
    let t = performance.now();
    const text = generator.chunk(n);
    stats.generateMs += performance.now() - t;
    t = performance.now();
    const copied = await loader.copyIn(text);
    stats.copyMs += performance.now() - t;
    // as autovacuum's analyze would after a bulk insert: without it the release plans for the
    // empty table the last ANALYZE saw, and slows down many times over
    t = performance.now();
    await sql`analyze response_pending`.execute(loader.db);
    stats.analyzeMs += performance.now() - t;
    t = performance.now();
    const released = await releaseResponses(loader.db, 1);
    stats.releaseMs += performance.now() - t;
    if (copied !== n || released !== n)
      failed.push(`${part}: a chunk of ${fmt(n)} rows: ${fmt(copied)} copied, ${fmt(released)} released`);
    stats.rows += n;
    console.log(
      `  ${fmt(stats.rows).padStart(11)} released  ${seconds(performance.now() - started).padStart(8)}  ` +
        `(generate ${seconds(stats.generateMs)}, COPY ${seconds(stats.copyMs)}, ANALYZE ${seconds(stats.analyzeMs)}, release ${seconds(stats.releaseMs)} so far)`,
    );
  }
  // as autovacuum would on a table that grows by inserts: the export's keys are read from the
  // index alone, which needs the pages marked all-visible
  await sql`vacuum analyze`.execute(loader.db);
}

// ---------------------------------------------------------------------------------------------
// Measuring and reporting

interface Measurement {
  readonly responses: number;
  readonly copy: { ms: number; sink: Sink; rows: number };
  readonly csv: ExportRun;
  readonly xlsx: ExportRun;
  readonly load: number;
}

async function measureAt(
  responses: number,
  part: string,
  copyOut: () => Promise<{ ms: number; sink: Sink; rows: number }>,
  betweenCopyAndExports: () => Promise<void>,
  databaseUrl: string,
  user: { email: string; password: string },
): Promise<Measurement> {
  const load = loadavg()[0]!;
  await copyOut(); // warm-up: the first read of the rows after the load is not timed
  const copy = await copyOut();
  console.log(`  COPY: ${fmt(copy.rows)} rows, ${mb(copy.sink.bytes)} in ${seconds(copy.ms)}`);
  await betweenCopyAndExports();
  const csv = await download(databaseUrl, 'csv', user);
  console.log(`  CSV export: ${fmt(dataRows(csv.sink))} rows, ${mb(csv.sink.bytes)} in ${seconds(csv.ms)}`);
  const xlsx = await download(databaseUrl, 'xlsx', user);
  console.log(`  XLSX export: ${mb(xlsx.sink.bytes)} in ${seconds(xlsx.ms)}`);

  const at = `${part} at ${fmt(responses)}`;
  const copyRows = dataRows(copy.sink);
  const exportRows = dataRows(csv.sink);
  if (copyRows !== responses || copy.rows !== responses)
    failed.push(`${at}: COPY gave ${fmt(copyRows)} rows (${fmt(copy.rows)} reported), not ${fmt(responses)}`);
  if (exportRows !== responses)
    failed.push(`${at}: the CSV export has ${fmt(exportRows)} rows, not ${fmt(responses)}`);
  if (xlsx.sink.bytes === 0 || !isZip(xlsx.sink))
    failed.push(`${at}: the XLSX export (${fmt(xlsx.sink.bytes)} bytes) is not a zip`);
  return { responses, copy, csv, xlsx, load };
}

function printResults(
  title: string,
  sizes: readonly Measurement[],
  targets: boolean,
  copyName: string,
): void {
  const small = sizes[0]!;
  const big = sizes.length > 1 ? sizes[sizes.length - 1]! : undefined;
  const last = big ?? small;
  const rate = (m: Measurement, run: 'copy' | 'csv' | 'xlsx') =>
    perSecond(m.responses, run === 'copy' ? m.copy.ms : m[run].ms);
  const header = ['figure', ...sizes.map((m) => `at ${sizeLabel(m.responses)}`), 'target', ''];
  const row = (
    figure: string,
    value: (m: Measurement) => string,
    target = '',
    ok?: (m: Measurement) => boolean,
  ): string[] => [figure, ...sizes.map(value), targets ? target : '', targets && ok ? mark(ok(last)) : ''];
  console.log(`\nResults — ${title}`);
  printGrid(header, [
    row(`${copyName} rows/s`, (m) => fmt(rate(m, 'copy'))),
    row('  time, bytes', (m) => `${seconds(m.copy.ms)}, ${mb(m.copy.sink.bytes)}`),
    row('CSV export rows/s (HTTP, central office)', (m) => fmt(rate(m, 'csv'))),
    row(
      '  time, first byte, bytes',
      (m) => `${seconds(m.csv.ms)}, ${seconds(m.csv.firstByteMs)}, ${mb(m.csv.sink.bytes)}`,
    ),
    row(
      'CSV ratio export ÷ COPY',
      (m) => fmt(rate(m, 'csv') / rate(m, 'copy'), 2),
      `≥ ${TARGET.ratio}`,
      (m) => rate(m, 'csv') / rate(m, 'copy') >= TARGET.ratio,
    ),
    row(
      'CSV server peak RSS (sampled every 50 ms)',
      (m) => mb(m.csv.peakRss),
      `≤ ${TARGET.peakMb} MB`,
      (m) => m.csv.peakRss <= TARGET.peakMb * MB,
    ),
    row(
      '  RSS before, peak heap used, VmHWM',
      (m) => `${mb(m.csv.baselineRss)}, ${mb(m.csv.peakHeap)}, ${mb(m.csv.hwm)}`,
    ),
    row('XLSX export rows/s (HTTP, central office)', (m) => fmt(rate(m, 'xlsx'))),
    row(
      '  time, first byte, bytes',
      (m) => `${seconds(m.xlsx.ms)}, ${seconds(m.xlsx.firstByteMs)}, ${mb(m.xlsx.sink.bytes)}`,
    ),
    row('XLSX ratio export ÷ COPY', (m) => fmt(rate(m, 'xlsx') / rate(m, 'copy'), 2)),
    row(
      'XLSX server peak RSS (sampled every 50 ms)',
      (m) => mb(m.xlsx.peakRss),
      `≤ ${TARGET.peakMb} MB`,
      (m) => m.xlsx.peakRss <= TARGET.peakMb * MB,
    ),
    row(
      '  RSS before, peak heap used, VmHWM',
      (m) => `${mb(m.xlsx.baselineRss)}, ${mb(m.xlsx.peakHeap)}, ${mb(m.xlsx.hwm)}`,
    ),
  ]);
  if (big) {
    const versus = `${sizeLabel(big.responses)} ÷ ${sizeLabel(small.responses)}`;
    console.log('');
    printGrid(
      ['figure', 'value', 'target', ''],
      (['csv', 'xlsx'] as const).map((f) => {
        const r = big[f].peakRss / small[f].peakRss;
        return [
          `${f.toUpperCase()} peak RSS ${versus}`,
          ratioText(r),
          targets ? `≤ ${TARGET.rssRatio}` : '',
          targets ? mark(r <= TARGET.rssRatio) : '',
        ];
      }),
    );
  }
  console.log('');
  printGrid(
    ['check', ...sizes.map((m) => `at ${sizeLabel(m.responses)}`), ''],
    [
      [
        'rows in the CSV = rows of COPY = responses',
        ...sizes.map(
          (m) => `${fmt(dataRows(m.csv.sink))} = ${fmt(dataRows(m.copy.sink))} = ${fmt(m.responses)}`,
        ),
        mark(
          sizes.every((m) => dataRows(m.csv.sink) === m.responses && dataRows(m.copy.sink) === m.responses),
        ),
      ],
      [
        'XLSX non-empty, a zip (PK…, end record)',
        ...sizes.map((m) => `${fmt(m.xlsx.sink.bytes)} bytes, ${isZip(m.xlsx.sink) ? 'zip' : 'not a zip'}`),
        mark(sizes.every((m) => m.xlsx.sink.bytes > 0 && isZip(m.xlsx.sink))),
      ],
      [
        'downloads answered 200',
        ...sizes.map((m) => `${m.csv.status}, ${m.xlsx.status}`),
        mark(sizes.every((m) => m.csv.status === 200 && m.xlsx.status === 200)),
      ],
    ],
  );
  console.log(`  note: ${loadNote(small.load)}`);
}

// ---------------------------------------------------------------------------------------------
// The two parts

/** A PostgreSQL server of the bench's own (scripts/test-postgres.sh), stopped at the end; its URL. */
function startOwnServer(): string {
  const created = !existsSync(join(OWN_PGDATA, 'PG_VERSION'));
  const env = { ...process.env, PGPORT: OWN_PGPORT, PGDATA_DIR: OWN_PGDATA };
  const script = join(import.meta.dirname, '..', 'scripts', 'test-postgres.sh');
  const start = spawnSync(script, ['start'], { env, encoding: 'utf8' });
  if (start.status !== 0) throw new Error(`scripts/test-postgres.sh start: ${start.stderr || start.stdout}`);
  cleanups.push(() => {
    spawnSync(script, ['stop'], { env, stdio: 'inherit' });
    if (created) rmSync(OWN_PGDATA, { recursive: true, force: true });
  });
  return start.stdout.trim().split('\n').at(-1)!;
}

async function postgresPart(): Promise<void> {
  const adminUrl = POSTGRES_URL ?? startOwnServer();
  const name = `valuta_bench_export_${randomBytes(6).toString('hex')}`;
  const version = await withAdmin(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ v: string; sb: string }>(
      "select current_setting('server_version') as v, current_setting('shared_buffers') as sb",
    );
    await admin.query(`create database ${name}`);
    return `PostgreSQL ${rows[0]!.v} (shared_buffers=${rows[0]!.sb})`;
  });
  cleanups.push(() =>
    KEEP_DATABASE
      ? console.log(`  database ${name} kept (BENCH_KEEP_DATABASE=1): drop it yourself`)
      : withAdmin(adminUrl, async (admin) => {
          await admin.query(`drop database if exists ${name} with (force)`);
        }),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  console.log(
    `\n▶ ${version} at ${url.host} (${POSTGRES_URL ? 'BENCH_DATABASE_URL' : `started by the bench, ${OWN_PGDATA}`}), database ${name}`,
  );
  // the app migrates the database and publishes the standard questionnaires; the demo's services
  const app = await createValuta(appConfig(databaseUrl));
  await seedDemo(app.database.db, { responses: 0 });
  await app.close();
  let serviceId = '';
  const loader = postgresLoader(databaseUrl, () => serviceId);
  cleanups.push(() => loader.close());
  const { service, user } = await prepare(loader.db);
  serviceId = service.id;
  const generator = new Generator(service, RESPONSES);
  const stats: LoadStats = { rows: 0, generateMs: 0, copyMs: 0, releaseMs: 0, analyzeMs: 0 };
  const sizes: Measurement[] = [];
  for (const size of [...new Set([smallOf(RESPONSES), RESPONSES])]) {
    console.log(
      `\n  load ${SLUG} to ${fmt(size)} responses in ${YEAR} (COPY into response_pending, then releaseResponses)`,
    );
    await loadTo(loader, generator, size, stats, 'PostgreSQL');
    console.log(`  measure at ${fmt(size)}`);
    console.log(
      `  the export's batch query, from the middle id: ${await explainBatch(loader.db, service, size)}`,
    );
    sizes.push(await measureAt(size, 'PostgreSQL', loader.copyOut, async () => {}, databaseUrl, user));
  }
  printResults(
    `${version}, ${SLUG}, period ${PERIOD}`,
    sizes,
    true,
    'COPY (SELECT …) TO STDOUT (csv, header)',
  );
  console.log(
    `  note: COPY = copy (select ${EXPORT_COLUMNS} from response where service_id = … and the period's Italian days) to stdout, read through pg-copy-streams; timed after one untimed warm-up COPY. Each download is a fresh server process (createValuta, listening on 127.0.0.1:0) read with fetch; the sink counts bytes and line feeds.`,
  );
}

async function pglitePart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'valuta-bench-export-pglite-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = `file:${dir}`;
  console.log(`\n▶ embedded PGlite on disk (${databaseUrl}), ${fmt(PGLITE_RESPONSES)} responses`);
  const app = await createValuta(appConfig(databaseUrl));
  await seedDemo(app.database.db, { responses: 0 });
  await app.close();
  // PGlite is one process's database: the loader and each server process open it in turn
  let serviceId = '';
  let loader: Loader | undefined = await pgliteLoader(dir, () => serviceId);
  cleanups.push(async () => {
    await loader?.close();
  });
  const { service, user } = await prepare(loader.db);
  serviceId = service.id;
  const generator = new Generator(service, PGLITE_RESPONSES);
  const stats: LoadStats = { rows: 0, generateMs: 0, copyMs: 0, releaseMs: 0, analyzeMs: 0 };
  const sizes: Measurement[] = [];
  for (const size of [...new Set([smallOf(PGLITE_RESPONSES), PGLITE_RESPONSES])]) {
    loader ??= await pgliteLoader(dir, () => serviceId);
    console.log(`\n  load ${SLUG} to ${fmt(size)} responses in ${YEAR}`);
    await loadTo(loader, generator, size, stats, 'PGlite');
    console.log(`  measure at ${fmt(size)}`);
    const open = loader;
    sizes.push(
      await measureAt(
        size,
        'PGlite',
        open.copyOut,
        async () => {
          await open.close();
          loader = undefined;
        },
        databaseUrl,
        user,
      ),
    );
  }
  printResults(
    `embedded PGlite on disk, ${SLUG}, period ${PERIOD}`,
    sizes,
    false,
    "COPY (SELECT …) TO '/dev/blob' (csv, header)",
  );
  console.log(
    "  note: PGlite has no COPY TO STDOUT: the same COPY (SELECT …) runs inside PGlite into its '/dev/blob', read whole. The database runs in the server process, so its RSS counts PGlite's memory; the targets are for PostgreSQL.",
  );
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = signal;
      console.error(`\n${signal}: stopping and cleaning up (again to exit at once)…`);
    });
  const cpu = cpus();
  console.log('Valuta export benchmark (marks compare with the targets; it exits 1 when a check fails)');
  console.log(
    `node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}; PostgreSQL at ${fmt(smallOf(RESPONSES))} and ${fmt(RESPONSES)} responses, PGlite at ${fmt(smallOf(PGLITE_RESPONSES))} and ${fmt(PGLITE_RESPONSES)}`,
  );
  console.log(
    `server processes: ${SERVER_MODE === 'tsx' ? 'TypeScript under tsx (BENCH_SERVER=tsx)' : 'src/ transpiled by esbuild, run by plain node (as npm start runs dist/)'}, one per download, node ${SERVER_ARGS.join(' ')}`,
  );
  const runPart = async (name: string, part: () => Promise<void>) => {
    try {
      await part();
    } catch (error) {
      failed.push(`${name}: the run broke`);
      console.error(
        `\n${name} part failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    } finally {
      await runCleanups();
    }
  };
  if (ONLY === 'pglite') console.log('\nPostgreSQL part skipped: BENCH_ONLY=pglite.');
  else await runPart('PostgreSQL', postgresPart);
  if (interrupted) console.log(`\nPGlite part skipped: interrupted by ${interrupted}.`);
  else if (ONLY === 'postgres') console.log('\nPGlite part skipped: BENCH_ONLY=postgres.');
  else await runPart('PGlite', pglitePart);
  if (failed.length > 0) console.error(`\nFAILED (exit 1):\n  ${failed.slice(0, 20).join('\n  ')}`);
  else if (!interrupted)
    console.log('\nchecks: all passed (rows in the CSV = rows of COPY = responses; XLSX a zip)');
  process.exitCode = interrupted ? 130 : failed.length > 0 ? 1 : 0;
}

await main();
