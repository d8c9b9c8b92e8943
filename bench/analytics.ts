/**
 * Analytics benchmark: loads synthetic responses over 300 services and 100 enti through the
 * write path's tables (COPY into `response_pending`, then the real release, which moves them into
 * `response` and adds them to the rollups), then times the console's service dashboard and the
 * national overview at 100,000 responses and at 10,000,000, through the real Fastify app. Also
 * the service dashboard on embedded PGlite at 1,000,000 responses. Prints figures and targets;
 * latencies and rates are never asserted (they depend on the machine), but it exits 1 when a
 * result is wrong (a request not answered 200, totals that disagree with a direct count, rollups
 * that disagree with the responses released).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres npm run bench:analytics
 *   BENCH_RESPONSES=300000 BENCH_PGLITE_RESPONSES=100000 npm run bench:analytics   # quick
 *
 * See bench/README.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { addUser } from '../src/commands/people.js';
import { loadConfig } from '../src/config.js';
import { withQuery } from '../src/console/api.js';
import type { PeriodParams } from '../src/console/queries.js';
import { trendPeriodOf } from '../src/console/results/ServiceDashboard.js';
import { PILOT, type DemoProfile } from '../src/demo/pilot.js';
import { pick, seededRandom, syntheticResponse } from '../src/demo/synthetic.js';
import { newCompletionKey } from '../src/domain/completion-token.js';
import { PROVINCE_REGIONS, REGIONS, type RegionCode } from '../src/domain/governance/istat-regions.js';
import { isClosed, parsePeriod } from '../src/domain/periods.js';
import type { QuestionnaireDefinition } from '../src/domain/questionnaire.js';
import { prepareResponse } from '../src/domain/response.js';
import type { PeriodsView, ResultsView } from '../src/domain/results-view.js';
import type { ServiceKind } from '../src/domain/service.js';
import { createValuta, type Valuta } from '../src/main.js';
import type { Db } from '../src/store/database.js';
import { upsertEnte } from '../src/store/enti.js';
import { importRegistry, type IpaRow } from '../src/store/ipa-registry.js';
import { addOpenings, type OpeningCount } from '../src/store/openings.js';
import { PGliteDialect } from '../src/store/pglite-dialect.js';
import { releaseResponses } from '../src/store/responses.js';
import { rollupSizes, type RollupSizes } from '../src/store/rollups.js';
import type { Schema } from '../src/store/schema.js';
import { listActiveServices, setCompletionKey, upsertService } from '../src/store/services.js';
import { copyEscape, positiveIntEnv, withAdmin } from './support.js';

// ---------------------------------------------------------------------------------------------
// Settings

const RESPONSES = positiveIntEnv('BENCH_RESPONSES', 10_000_000);
const PGLITE_RESPONSES = positiveIntEnv('BENCH_PGLITE_RESPONSES', 1_000_000);
const RUNS = positiveIntEnv('BENCH_RUNS', 100);
const CHUNK = positiveIntEnv('BENCH_CHUNK', 250_000);
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === '1';
const POSTGRES_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
const POSTGRES_URL_SOURCE = process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'TEST_DATABASE_URL';
const ONLY = process.env.BENCH_ONLY ?? '';
if (!['', 'postgres', 'pglite'].includes(ONLY)) {
  console.error(`BENCH_ONLY must be postgres or pglite (got "${ONLY}")`);
  process.exit(2);
}

/** The first measurement point: 100,000 responses (or all of them, in a smaller run). */
const SMALL = Math.min(100_000, RESPONSES);
const WARMUP_RUNS = 5;
const ENTI = 100;
const SERVICES = 300;
/** The months the responses fall in (Italian time): 2025-01 to 2026-11. */
const FIRST_YEAR = 2025;
const MONTHS = 23;
/** The closed month the dashboards are asked for. */
const MONTH = '2026-10';
/** Session settings of the loading connection only; the timed requests use the server's own. */
// jit=off as in the app's pool (ADR 21): the release is the app's statement
const LOADER_SETTINGS = { work_mem: '256MB', maintenance_work_mem: '1GB', jit: 'off' } as const;
/** The statement_timeout of the app's own PostgreSQL pool (src/store/database.ts), for comparison. */
const APP_STATEMENT_TIMEOUT_MS = 10_000;

const TARGET = { ratio: 1.5, serviceP95Ms: 50, nationalP95Ms: 200 };

// ---------------------------------------------------------------------------------------------
// Cleanup on every exit path (as bench/ingest.ts). Ctrl-C stops the current part at the next
// chunk or run, which then cleans up (database dropped, temp dir removed); a second Ctrl-C exits at once.

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

let interrupted: NodeJS.Signals | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = signal;
    console.error(`\n${signal}: stopping and cleaning up (again to exit at once)…`);
  });
}
function checkInterrupted(): void {
  if (interrupted) throw new Error(`interrupted by ${interrupted}`);
}

/** What failed (a wrong result, a refused request, a broken part), each with its part: exit 1. */
const failed: string[] = [];

// ---------------------------------------------------------------------------------------------
// Printing

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number) => `${fmt(n, 1)} ms`;
const seconds = (milliseconds: number) => `${fmt(milliseconds / 1000, 1)} s`;
const perSecond = (rows: number, milliseconds: number) =>
  milliseconds > 0 ? (rows * 1000) / milliseconds : 0;
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const ratioText = (r: number) => (Number.isFinite(r) ? fmt(r, 2) : '–');

/** A table: the first column left-aligned, the others right-aligned, '' cells left empty. */
function printGrid(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((c, i) =>
        i < leftColumns || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!),
      )
      .join('  ')}`.trimEnd();
  console.log(line(header));
  console.log(`  ${'─'.repeat(widths.reduce((sum, w) => sum + w + 2, -2))}`);
  for (const row of rows) console.log(line(row));
}

type TargetRow = readonly [figure: string, value: string, target?: string, ok?: boolean];

/** Figures against targets, as bench/ingest.ts prints them: figure, value, target, ✓/✗. */
function printTargets(rows: readonly TargetRow[]): void {
  printGrid(
    ['figure', 'value', 'target', ''],
    rows.map(([figure, value, target, ok]) => [
      figure,
      value,
      target ?? '',
      ok === undefined ? '' : mark(ok),
    ]),
    1,
  );
}

function loadNote(before: number): string {
  return `load average (1 min) ${fmt(before, 2)} before, ${fmt(loadavg()[0]!, 2)} after, on ${cpus().length} CPUs`;
}

// ---------------------------------------------------------------------------------------------
// The synthetic country: 100 enti of varied PA types and regions, 300 services

/** PA types (IndicePA categories) and how many enti of each, with how many services each has. */
const ENTE_KINDS: readonly { kind: string; count: number; services: number; local: boolean }[] = [
  { kind: 'Comuni e loro Consorzi e Associazioni', count: 55, services: 2, local: true },
  { kind: 'Regioni, Province Autonome e loro Consorzi e Associazioni', count: 12, services: 5, local: false },
  { kind: 'Aziende Sanitarie Locali', count: 10, services: 3, local: false },
  { kind: "Citta' Metropolitane", count: 6, services: 4, local: true },
  {
    kind: "Universita' e Istituti di Istruzione Universitaria Pubblici",
    count: 6,
    services: 3,
    local: false,
  },
  { kind: 'Province e loro Consorzi e Associazioni', count: 4, services: 2, local: true },
  { kind: 'Enti Nazionali di Previdenza ed Assistenza Sociale', count: 4, services: 9, local: false },
  { kind: 'Agenzie Fiscali', count: 3, services: 5, local: false },
];

/** Residents by region (millions, rounded): where enti are, for the local ones. */
const REGION_WEIGHTS: Readonly<Record<RegionCode, number>> = {
  '01': 4.2,
  '02': 0.12,
  '03': 10,
  '04': 1.1,
  '05': 4.8,
  '06': 1.2,
  '07': 1.5,
  '08': 4.4,
  '09': 3.6,
  '10': 0.85,
  '11': 1.5,
  '12': 5.7,
  '13': 1.3,
  '14': 0.29,
  '15': 5.6,
  '16': 3.9,
  '17': 0.54,
  '18': 1.8,
  '19': 4.8,
  '20': 1.6,
};

/** A questionnaire family and the kind of service it is for. */
interface FamilyKind {
  readonly family: string;
  readonly kind: ServiceKind;
}

/** Questionnaire families (and the kind of service each goes with), by weight, for local and other enti. */
const FAMILIES: Readonly<Record<'local' | 'other', readonly (readonly [FamilyKind, number])[]>> = {
  local: [
    [{ family: 'di-valutazione-servizio', kind: 'dispositivo' }, 4],
    [{ family: 'di-chiarezza-pagina', kind: 'consultazione' }, 2],
    [{ family: 'cx-dispositivo', kind: 'dispositivo' }, 3],
    [{ family: 'cx-consultazione', kind: 'consultazione' }, 1],
  ],
  other: [
    [{ family: 'cx-dispositivo', kind: 'dispositivo' }, 7],
    [{ family: 'cx-consultazione', kind: 'consultazione' }, 3],
  ],
};

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A service as the generator and the timed runs need it. */
interface BenchService {
  readonly id: string;
  readonly slug: string;
  readonly enteCode: string;
  readonly family: string;
  readonly questionnaireVersionId: string;
  readonly definition: QuestionnaireDefinition;
  readonly profile: DemoProfile;
  /** Share of responses that come with a valid completion token (services with a completion key). */
  readonly verifiedShare: number;
  /** Responses ÷ openings on the channels that count openings. */
  readonly openingRate: number;
}

interface Country {
  readonly services: readonly BenchService[];
  readonly enti: number;
  readonly regions: number;
  readonly families: Readonly<Record<string, number>>;
  readonly ms: number;
}

/** The province code whose comuni are in each region (the first one listed). */
function provinceOf(region: RegionCode): string {
  const province = Object.entries(PROVINCE_REGIONS).find(([, r]) => r === region)?.[0];
  if (province === undefined) throw new Error(`no province for region ${region}`);
  return province;
}

/**
 * Registers the enti (IndicePA rows first, so that each gets its region, as seedDemo does) and
 * their services with the store functions the demo seed uses; every service is active on its
 * family's published standard questionnaire.
 */
async function seedCountry(db: Db): Promise<Country> {
  const started = performance.now();
  const random = seededRandom(2027);
  const regionCodes = Object.keys(REGIONS) as RegionCode[];
  const regionWeights = regionCodes.map((r) => [r, REGION_WEIGHTS[r]] as const);
  const regioni = shuffled(regionCodes, random);
  const enti: { row: IpaRow; kind: string; services: number; local: boolean }[] = [];
  for (const { kind, count, services, local } of ENTE_KINDS) {
    for (let i = 0; i < count; i++) {
      const n = String(enti.length + 1).padStart(3, '0');
      // national bodies sit in Rome; each Regione in its own region; the others where people live
      const region: RegionCode = kind.startsWith('Regioni')
        ? regioni[i % regioni.length]!
        : kind.startsWith('Enti Nazionali') || kind.startsWith('Agenzie')
          ? '12'
          : pick(random, regionWeights);
      enti.push({
        row: {
          ipaCode: `bench_e${n}`,
          name: `${kind.split(' ')[0]} sintetico ${n}`,
          fiscalCode: null,
          kind: 'Pubbliche Amministrazioni',
          category: null,
          istatComune: `${provinceOf(region)}${String(1 + (enti.length % 9)).padStart(3, '0')}`,
          website: null,
          email: null,
        },
        kind,
        services,
        local,
      });
    }
  }
  // 55 comuni × 2 services is 110: one comune has a single service, so that the total is 300
  const planned = enti.reduce((sum, e) => sum + e.services, 0);
  if (planned !== SERVICES + 1 || enti.length !== ENTI)
    throw new Error(`planned ${planned} services over ${enti.length} enti`);
  enti[0]!.services -= 1;

  await importRegistry(
    db,
    enti.map((e) => e.row),
  );
  const profiles = PILOT.flatMap((e) => e.services.map((s) => s.profile));
  const planOf = new Map<string, { profile: DemoProfile; verifiedShare: number; openingRate: number }>();
  const families: Record<string, number> = {};
  for (const ente of enti) {
    const enteId = await upsertEnte(db, { ipaCode: ente.row.ipaCode, name: ente.row.name, kind: ente.kind });
    for (let j = 1; j <= ente.services; j++) {
      const { family, kind } = pick(random, ente.local ? FAMILIES.local : FAMILIES.other);
      const slug = `${ente.row.ipaCode.replace('_', '-')}-servizio-${j}`;
      await upsertService(db, {
        enteId,
        slug,
        name: `Servizio ${j} – ${ente.row.name}`,
        url: null,
        kind,
        family,
      });
      // a third of the services verify completions: some of their responses come with a token
      const verifies = random() < 1 / 3;
      if (verifies) await setCompletionKey(db, slug, newCompletionKey());
      planOf.set(slug, {
        profile: profiles[Math.floor(random() * profiles.length)]!,
        verifiedShare: verifies ? 0.2 + random() * 0.4 : 0,
        openingRate: 0.12 + random() * 0.35,
      });
      families[family] = (families[family] ?? 0) + 1;
    }
  }
  const active = (await listActiveServices(db)).filter((s) => planOf.has(s.slug));
  if (active.length !== SERVICES)
    throw new Error(`${active.length} active services with a published questionnaire, not ${SERVICES}`);
  const services = active
    .map((s): BenchService => {
      const plan = planOf.get(s.slug)!;
      return {
        id: s.id,
        slug: s.slug,
        enteCode: s.ente.ipaCode,
        family: s.family,
        questionnaireVersionId: s.questionnaire.id,
        definition: s.questionnaire.definition,
        ...plan,
      };
    })
    .sort((a, b) => a.slug.localeCompare(b.slug));
  const regions = new Set(enti.map((e) => e.row.istatComune!.slice(0, 3))).size;
  return { services, enti: enti.length, regions, families, ms: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------
// Responses: the demo's synthetic answers, prepared as the write path prepares a submission

/** The columns written to `response_pending` (and to the plain table), in COPY order. */
const COLUMNS =
  'id, service_id, questionnaire_version_id, submission_key, submitted_hour, channel, device_class, lang, verified, answers, text_items';
/** Channels whose questionnaire is opened on the hosted page or the widget, which count openings. */
const OPENING_CHANNELS = new Set(['web', 'qr', 'email']);
const HOURS = [
  [7, 1],
  [9, 4],
  [11, 5],
  [13, 3],
  [15, 4],
  [17, 3],
  [19, 2],
  [21, 1],
] as const;

/**
 * Generates responses: a service by Zipf weight (rank r gets 1/r of the top one's responses), a
 * month of 2025-01…2026-11 (the later, the more: volumes triple over the span), a day (weekends
 * fewer) and a working hour, then the demo's `syntheticResponse` answers for that service's
 * questionnaire and profile, through `prepareResponse` (validation, coarsening to the hour,
 * device class from the User-Agent), as the ingest prepares a submission.
 */
class Generator {
  private readonly random = seededRandom(2026);
  private readonly cumulative: number[] = [];
  private readonly monthCumulative: number[] = [];
  /** Openings of the questionnaire, per service, Italian day and channel, not yet written. */
  openings = new Map<string, number>();

  constructor(private readonly services: readonly BenchService[]) {
    const ranks = shuffled(
      services.map((_, i) => i),
      seededRandom(7),
    );
    const weights = new Array<number>(services.length);
    ranks.forEach((serviceIndex, rank) => (weights[serviceIndex] = 1 / (rank + 1)));
    let sum = 0;
    for (const w of weights) this.cumulative.push((sum += w));
    let monthSum = 0;
    for (let m = 0; m < MONTHS; m++) this.monthCumulative.push((monthSum += 1 + (2 * m) / (MONTHS - 1)));
  }

  private pickIndex(cumulative: readonly number[]): number {
    const r = this.random() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** A time in the month: weekends fewer, hours 7–21 UTC (so the Italian day is the UTC day). */
  private time(monthIndex: number): Date {
    const year = FIRST_YEAR + Math.floor(monthIndex / 12);
    const month = monthIndex % 12;
    const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    for (;;) {
      const day = 1 + Math.floor(this.random() * days);
      const weekday = new Date(Date.UTC(year, month, day)).getUTCDay();
      if ((weekday === 0 || weekday === 6) && this.random() < 0.55) continue;
      const hour = pick(this.random, HOURS);
      return new Date(Date.UTC(year, month, day, hour, Math.floor(this.random() * 60)));
    }
  }

  /** `n` responses as COPY text (one line each). */
  chunk(n: number): string {
    const lines = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const service = this.services[this.pickIndex(this.cumulative)]!;
      const receivedAt = this.time(this.pickIndex(this.monthCumulative));
      const { submission } = syntheticResponse(service.definition, service.profile, receivedAt, this.random);
      const verified = this.random() < service.verifiedShare;
      const p = prepareResponse(service.definition, service.id, submission, receivedAt, verified);
      lines[i] = [
        randomUUID(),
        service.id,
        service.questionnaireVersionId,
        p.submissionKey,
        p.submittedHour.toISOString(),
        p.channel,
        p.deviceClass,
        p.lang,
        p.verified ? 't' : 'f',
        copyEscape(JSON.stringify(p.answers)),
        `{${p.comments.map((c) => c.itemCode).join(',')}}`,
      ].join('\t');
      if (OPENING_CHANNELS.has(p.channel)) {
        // each response was preceded by 1/rate openings on average
        const opened = 1 / service.openingRate;
        const count = Math.floor(opened) + (this.random() < opened % 1 ? 1 : 0);
        const key = `${service.id}|${p.day}|${p.channel}`;
        this.openings.set(key, (this.openings.get(key) ?? 0) + count);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  /** The openings generated since the last call, as `addOpenings` takes them. */
  takeOpenings(): OpeningCount[] {
    const out = [...this.openings].map(([key, count]) => {
      const [serviceId, day, channel] = key.split('|') as [string, string, OpeningCount['channel']];
      return { serviceId, day, channel, count };
    });
    this.openings = new Map();
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Loading: COPY into response_pending, then the release, chunk by chunk

/** The loading connection: a Kysely over it (seeding, the release, counts) and COPY FROM STDIN. */
interface Loader {
  readonly db: Db;
  copy(table: string, text: string): Promise<number>;
  close(): Promise<void>;
}

const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];
const COPY_MESSAGE_BYTES = 1 << 20;

/** The parts of pg's Connection a COPY FROM STDIN uses (what pg-copy-streams uses, not typed by @types/pg). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * `COPY … FROM STDIN` on a pg client without pg-copy-streams (not a dependency): a Submittable
 * that sends the statement, answers the server's CopyInResponse with the data in CopyData
 * messages of 1 MiB and CopyDone, and settles on CommandComplete + ReadyForQuery (or the error).
 */
class CopyFromStdin implements pg.Submittable {
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (error: Error) => void;
  private rows = 0;
  private settled = false;

  constructor(
    private readonly statement: string,
    private readonly data: Buffer,
  ) {
    this.done = new Promise<number>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: pg.Connection): void {
    (connection as unknown as CopyConnection).query(this.statement);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (let at = 0; at < this.data.length; at += COPY_MESSAGE_BYTES)
      connection.sendCopyFromChunk(this.data.subarray(at, at + COPY_MESSAGE_BYTES));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rows = Number(/^COPY (\d+)/.exec(message.text ?? '')?.[1] ?? 0);
  }

  handleReadyForQuery(): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(this.rows);
  }

  handleError(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

function postgresLoader(url: string): Loader {
  const options = Object.entries(LOADER_SETTINGS)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  // One connection, no statement timeout (the app's pool has 10 s: see the release figures).
  const pool = new pg.Pool({ connectionString: url, max: 1, options });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins });
  return {
    db,
    copy: async (table, text) => {
      const client = await pool.connect();
      try {
        const copy = new CopyFromStdin(`copy ${table} (${COLUMNS}) from stdin`, Buffer.from(text));
        client.query(copy);
        return await copy.done;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

async function pgliteLoader(dataDir: string): Promise<Loader> {
  // as src/store/database.ts opens it, keeping the client for COPY FROM '/dev/blob'
  const client = await PGlite.create({
    dataDir,
    parsers: { [pgliteTypes.DATE]: (v: string) => v, [pgliteTypes.INT8]: Number },
  });
  await client.exec(`set work_mem = '${LOADER_SETTINGS.work_mem}'`);
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(client), plugins });
  return {
    db,
    copy: async (table, text) => {
      const result = await client.query(`copy ${table} (${COLUMNS}) from '/dev/blob'`, [], {
        blob: new Blob([text]),
      });
      return result.affectedRows ?? 0;
    },
    close: () => db.destroy(),
  };
}

interface LoadStats {
  rows: number;
  chunks: number;
  generateMs: number;
  pendingMs: number;
  releaseMs: number;
  plainMs: number;
  slowestRelease: { ms: number; rows: number };
  openingRows: number;
  openingsMs: number;
  analyzeMs: number;
}

const emptyStats = (): LoadStats => ({
  rows: 0,
  chunks: 0,
  generateMs: 0,
  pendingMs: 0,
  releaseMs: 0,
  plainMs: 0,
  slowestRelease: { ms: 0, rows: 0 },
  openingRows: 0,
  openingsMs: 0,
  analyzeMs: 0,
});

/**
 * Loads responses until `to` are released: per chunk, generates the rows once (not timed), COPYs
 * them into `response_pending` and releases them with `releaseResponses(db, 1)` (timed: the
 * write path), and, with `plain`, COPYs the same text into the plain table (timed apart), which
 * is then emptied. Then writes the openings generated and ANALYZEs, as autovacuum would.
 */
async function loadTo(
  loader: Loader,
  generator: Generator,
  to: number,
  stats: LoadStats,
  plain: string | undefined,
  part: string,
): Promise<void> {
  const from = stats.rows;
  let nextReport = from + Math.max(CHUNK, Math.ceil((to - from) / 10));
  const started = performance.now();
  while (stats.rows < to) {
    checkInterrupted();
    const n = Math.min(CHUNK - (stats.rows % CHUNK), to - stats.rows);
    let t = performance.now();
    const text = generator.chunk(n);
    stats.generateMs += performance.now() - t;

    t = performance.now();
    const copied = await loader.copy('response_pending', text);
    stats.pendingMs += performance.now() - t;
    t = performance.now();
    const released = await releaseResponses(loader.db, 1);
    const releaseMs = performance.now() - t;
    stats.releaseMs += releaseMs;
    if (releaseMs > stats.slowestRelease.ms) stats.slowestRelease = { ms: releaseMs, rows: released };
    if (copied !== n || released !== n)
      failed.push(`${part}: a chunk of ${fmt(n)} rows: ${fmt(copied)} copied, ${fmt(released)} released`);

    if (plain) {
      t = performance.now();
      await loader.copy(plain, text);
      stats.plainMs += performance.now() - t;
      await sql`truncate ${sql.table(plain)}`.execute(loader.db);
    }
    stats.rows += n;
    stats.chunks += 1;
    if (stats.rows >= nextReport || stats.rows === to) {
      nextReport += Math.max(CHUNK, Math.ceil((to - from) / 10));
      const dbMs = stats.pendingMs + stats.releaseMs;
      console.log(
        `  ${fmt(stats.rows).padStart(12)} released  ${seconds(performance.now() - started).padStart(8)}  ` +
          `write path ${fmt(perSecond(stats.rows, dbMs))} rows/s so far (COPY ${seconds(stats.pendingMs)}, release ${seconds(stats.releaseMs)})` +
          (plain ? `, plain COPY ${fmt(perSecond(stats.rows, stats.plainMs))} rows/s` : ''),
      );
    }
  }
  let t = performance.now();
  const openings = generator.takeOpenings();
  for (let i = 0; i < openings.length; i += 5_000) await addOpenings(loader.db, openings.slice(i, i + 5_000));
  stats.openingsMs += performance.now() - t;
  stats.openingRows += openings.length;
  t = performance.now();
  await sql`analyze`.execute(loader.db);
  stats.analyzeMs += performance.now() - t;
}

function printLoad(stats: LoadStats, withPlain: boolean): void {
  const dbMs = stats.pendingMs + stats.releaseMs;
  const rate = perSecond(stats.rows, dbMs);
  const plainRate = perSecond(stats.rows, stats.plainMs);
  const rows: TargetRow[] = [
    [
      'responses loaded (COPY into response_pending, then releaseResponses)',
      `${fmt(stats.rows)} in ${fmt(stats.chunks)} chunks`,
    ],
    ['write path rows/s (COPY + release, database time)', fmt(rate)],
    [
      '  COPY into response_pending',
      `${seconds(stats.pendingMs)}, ${fmt(perSecond(stats.rows, stats.pendingMs))} rows/s`,
    ],
    [
      '  releaseResponses (into response and the rollups)',
      `${seconds(stats.releaseMs)}, ${fmt(perSecond(stats.rows, stats.releaseMs))} rows/s`,
    ],
    [
      '  slowest release of one chunk',
      `${seconds(stats.slowestRelease.ms)} for ${fmt(stats.slowestRelease.rows)} rows`,
      `app pool statement_timeout ${seconds(APP_STATEMENT_TIMEOUT_MS)}`,
      stats.slowestRelease.ms <= APP_STATEMENT_TIMEOUT_MS,
    ],
    ...(withPlain
      ? ([
          [
            'plain COPY rows/s (bench_plain: same columns, no index)',
            `${fmt(plainRate)} (${seconds(stats.plainMs)})`,
          ],
          ['ratio write path ÷ plain COPY', fmt(plainRate > 0 ? rate / plainRate : 0, 3)],
        ] satisfies TargetRow[])
      : []),
    [
      'row generation (synthetic + prepareResponse; not in the rates)',
      `${seconds(stats.generateMs)}, ${fmt((stats.generateMs * 1000) / Math.max(1, stats.rows), 1)} µs/row`,
    ],
    [
      'openings written (addOpenings; not in the rates)',
      `${fmt(stats.openingRows)} rows, ${seconds(stats.openingsMs)}`,
    ],
    ['ANALYZE after each load (not in the rates)', seconds(stats.analyzeMs)],
  ];
  printTargets(rows);
}

// ---------------------------------------------------------------------------------------------
// The dashboards, through the real app (app.inject), signed in as the console is

interface TimedRequest {
  readonly name: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

interface DashboardRun {
  readonly totalMs: number;
  readonly eachMs: readonly number[];
  /** The body of each request answered 200, else undefined. */
  readonly bodies: readonly (string | undefined)[];
}

/** One dashboard: all its requests at once, as the browser's react-query sends them on opening it. */
async function runDashboard(
  app: Valuta['app'],
  requests: readonly TimedRequest[],
  part: string,
): Promise<DashboardRun> {
  const started = performance.now();
  const replies = await Promise.all(
    requests.map(async (r) => {
      const reply = await app.inject({ method: 'GET', url: r.url, headers: r.headers });
      return { reply, ms: performance.now() - started };
    }),
  );
  const totalMs = performance.now() - started;
  replies.forEach(({ reply }, i) => {
    if (reply.statusCode !== 200)
      failed.push(`${part}: ${requests[i]!.url} answered ${reply.statusCode} ${reply.body.slice(0, 300)}`);
  });
  return {
    totalMs,
    eachMs: replies.map((r) => r.ms),
    bodies: replies.map((r) => (r.reply.statusCode === 200 ? r.reply.body : undefined)),
  };
}

const api = (path: string) => `/api/v1${path}`;

/** The requests of src/console/results/ServiceDashboard.tsx for a service and period. */
function serviceDashboard(
  slug: string,
  period: PeriodParams,
  periods: PeriodsView,
  headers: Record<string, string>,
): TimedRequest[] {
  const trend = trendPeriodOf(period, periods);
  return [
    { name: 'results', url: api(withQuery('/results', { ...period, service: slug })), headers },
    ...(trend === null
      ? []
      : [
          {
            name: `results groupBy=month (${'period' in trend ? trend.period : 'days'})`,
            url: api(withQuery('/results', { ...trend, service: slug, groupBy: 'month' })),
            headers,
          },
        ]),
    {
      name: 'results groupBy=channel',
      url: api(withQuery('/results', { ...period, service: slug, groupBy: 'channel' })),
      headers,
    },
    {
      name: 'results groupBy=device',
      url: api(withQuery('/results', { ...period, service: slug, groupBy: 'device' })),
      headers,
    },
    {
      name: 'results/benchmark',
      url: api(withQuery('/results/benchmark', { service: slug, ...period })),
      headers,
    },
  ];
}

/** The requests of src/console/results/NationalDashboard.tsx (the central office) for a period. */
function nationalOverview(
  period: PeriodParams,
  periods: PeriodsView,
  headers: Record<string, string>,
): TimedRequest[] {
  const trend = trendPeriodOf(period, periods);
  return [
    {
      name: 'results groupBy=service',
      url: api(withQuery('/results', { ...period, groupBy: 'service' })),
      headers,
    },
    {
      name: 'results groupBy=region',
      url: api(withQuery('/results', { ...period, groupBy: 'region' })),
      headers,
    },
    ...(trend === null
      ? []
      : [
          {
            name: `results groupBy=month (${'period' in trend ? trend.period : 'days'})`,
            url: api(withQuery('/results', { ...trend, groupBy: 'month' })),
            headers,
          },
        ]),
    { name: 'results/coverage', url: api(withQuery('/results/coverage', period)), headers },
  ];
}

/** People of the console, one ente analyst per ente and a platform administrator, made once per database. */
class People {
  private readonly password = randomBytes(18).toString('base64url');
  private readonly made = new Map<string, string>();
  private signIns = 0;

  constructor(private readonly valuta: Valuta) {}

  private async email(role: 'ente-analyst' | 'platform-admin', ente?: string): Promise<string> {
    const key = ente ?? role;
    let email = this.made.get(key);
    if (email === undefined) {
      email = `${role}.${ente ?? 'ufficio'}@bench.example`.replaceAll('_', '-');
      await addUser(
        { db: this.valuta.database.db, principal: { kind: 'cli', operator: 'bench' }, now: () => new Date() },
        { email, role, ...(ente ? { ente } : {}), password: this.password },
      );
      this.made.set(key, email);
    }
    return email;
  }

  /**
   * A fresh session's cookie (sessions are signed in per measurement: a long load outlasts them).
   * Each person signs in from an address of their own, as each would from their own office: the
   * sign-in limit is per address.
   */
  async session(role: 'ente-analyst' | 'platform-admin', ente?: string): Promise<Record<string, string>> {
    const email = await this.email(role, ente);
    const n = (this.signIns += 1);
    const reply = await this.valuta.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password: this.password }),
    });
    if (reply.statusCode !== 200) throw new Error(`sign-in of ${email}: ${reply.statusCode} ${reply.body}`);
    return { cookie: String(reply.headers['set-cookie']).split(';')[0]! };
  }
}

async function periodsOf(
  valuta: Valuta,
  headers: Record<string, string>,
  slug?: string,
): Promise<PeriodsView> {
  const reply = await valuta.app.inject({
    method: 'GET',
    url: api(withQuery('/results/periods', slug ? { service: slug } : {})),
    headers,
  });
  if (reply.statusCode !== 200) throw new Error(`GET /results/periods: ${reply.statusCode} ${reply.body}`);
  return reply.json<PeriodsView>();
}

interface Timings {
  readonly requestNames: readonly string[];
  readonly totals: readonly number[];
  /** Per request (by position), the time from the dashboard's start to its answer. */
  readonly each: readonly (readonly number[])[];
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

interface Measurement {
  readonly responses: number;
  readonly monthResponses: number;
  /** One pass of the warmer (ADR 23) before the runs: dashboards computed, time, heap after. */
  readonly warm: { readonly dashboards: number; readonly ms: number; readonly heapMb: number };
  /** The first request with nothing kept (after a start or a rebuild), and the same again (kept, ADR 20). */
  readonly service: Timings;
  readonly serviceKept: Timings;
  readonly national: Timings | undefined;
  readonly nationalKept: Timings | undefined;
  readonly rollups: RollupSizes;
  readonly openingRows: number;
  /** Published service totals of the month that equal a direct count, of those compared. */
  readonly serviceChecks: { readonly equal: number; readonly compared: number; readonly withheld: number };
  readonly nationalN: number | undefined;
  readonly rollupTotal: number;
  readonly pending: number;
  readonly load: readonly [before: number, after: number];
}

/** A full garbage collection, so that the heap used is what is kept (Node's own gc, exposed for the bench). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Direct counts of released responses in the month (Italian time), per service. */
async function directCounts(db: Db, month: string): Promise<Map<string, number>> {
  const period = parsePeriod(month);
  const { rows } = await sql<{ serviceId: string; n: string }>`
    select service_id, count(*) as n from response
    where submitted_hour >= (${period.from}::date::timestamp at time zone 'Europe/Rome')
      and submitted_hour < ((${period.to}::date + 1)::timestamp at time zone 'Europe/Rome')
    group by 1`.execute(db);
  return new Map(rows.map((r) => [r.serviceId, Number(r.n)]));
}

/**
 * Times the service dashboard (`RUNS` runs after warm-ups, rotating over the services in a fixed
 * shuffled order, each signed in as an analyst of the service's ente) and, with `national`, the
 * national overview as the central office; then checks the figures against direct counts.
 */
async function measure(
  valuta: Valuta,
  people: People,
  country: Country,
  responses: number,
  national: boolean,
  part: string,
): Promise<Measurement> {
  const loadBefore = loadavg()[0]!;
  const db = valuta.database.db;
  // what a start does in the background (the app's own timer is off: RESULTS_WARM_SECONDS=0)
  const warmStarted = performance.now();
  const dashboards = await valuta.resultsWarmer.warm();
  const warmMs = performance.now() - warmStarted;
  collectGarbage();
  const warm = { dashboards, ms: warmMs, heapMb: process.memoryUsage().heapUsed / 1e6 };
  console.log(
    `  warm pass: ${fmt(dashboards)} dashboards computed ahead in ${seconds(warm.ms)} (the newest closed quarter and month), heap used after it (after a full collection) ${fmt(warm.heapMb)} MB`,
  );
  const period: PeriodParams = { period: MONTH };
  const rotation = shuffled(country.services, seededRandom(11));
  const timedServices = Array.from({ length: RUNS }, (_, i) => rotation[i % rotation.length]!);
  const warmupServices = Array.from(
    { length: WARMUP_RUNS },
    (_, i) => rotation[rotation.length > RUNS + WARMUP_RUNS ? rotation.length - 1 - i : i]!,
  );
  // sessions and periods first, untimed: one analyst per ente, the trend period per service
  const signInStarted = performance.now();
  const sessions = new Map<string, Record<string, string>>();
  const requestsOf = new Map<string, TimedRequest[]>();
  for (const s of [...warmupServices, ...timedServices]) {
    if (requestsOf.has(s.slug)) continue;
    let headers = sessions.get(s.enteCode);
    if (!headers) sessions.set(s.enteCode, (headers = await people.session('ente-analyst', s.enteCode)));
    requestsOf.set(
      s.slug,
      serviceDashboard(s.slug, period, await periodsOf(valuta, headers, s.slug), headers),
    );
  }
  const central = await people.session('platform-admin');
  const nationalRequests = nationalOverview(period, await periodsOf(valuta, central), central);
  console.log(
    `  ${fmt(sessions.size + 1)} sign-ins (ente analysts, central office) and periods in ${seconds(performance.now() - signInStarted)}, untimed`,
  );

  // Each run twice: first with nothing kept, as after a start or a rebuild (every month's
  // generation raised, untimed: ADR 20), then again at once, as every later request sees it: a
  // release raises only the months it moves responses into, the running one, not 2026-10's.
  const newGeneration = () => sql`update rollup_generation set generation = generation + 1`.execute(db);
  const first = new Series();
  const kept = new Series();
  const published = new Map<string, { n: number | null; withheld: boolean }>();
  for (const s of warmupServices) await runDashboard(valuta.app, requestsOf.get(s.slug)!, part);
  for (const s of timedServices) {
    checkInterrupted();
    await newGeneration();
    const run = await runDashboard(valuta.app, requestsOf.get(s.slug)!, part);
    first.add(run);
    kept.add(await runDashboard(valuta.app, requestsOf.get(s.slug)!, part));
    if (run.bodies[0] !== undefined) {
      const n = (JSON.parse(run.bodies[0]) as ResultsView).total.n;
      published.set(s.id, { n: n.count, withheld: n.withheld });
    }
  }
  const serviceNames = requestsOf.get(timedServices[0]!.slug)!.map((r) => r.name);
  const service = first.timings(serviceNames);
  const serviceKept = kept.timings(serviceNames);

  let nationalTimings: Timings | undefined;
  let nationalKept: Timings | undefined;
  let nationalN: number | undefined;
  if (national) {
    for (let i = 0; i < WARMUP_RUNS; i++) await runDashboard(valuta.app, nationalRequests, part);
    const nationalFirst = new Series();
    const nationalAgain = new Series();
    let last: DashboardRun | undefined;
    for (let i = 0; i < RUNS; i++) {
      checkInterrupted();
      await newGeneration();
      last = await runDashboard(valuta.app, nationalRequests, part);
      nationalFirst.add(last);
      nationalAgain.add(await runDashboard(valuta.app, nationalRequests, part));
    }
    const names = nationalRequests.map((r) => r.name);
    nationalTimings = nationalFirst.timings(names);
    nationalKept = nationalAgain.timings(names);
    if (last?.bodies[0] !== undefined)
      nationalN = (JSON.parse(last.bodies[0]) as ResultsView).total.n.count ?? undefined;
  }

  // the checks: direct counts of `response`, the rollup total, nothing left pending
  const direct = await directCounts(db, MONTH);
  const monthResponses = [...direct.values()].reduce((sum, n) => sum + n, 0);
  let equal = 0;
  let withheld = 0;
  for (const [id, n] of published) {
    if (n.withheld) withheld += 1;
    else if (n.n === (direct.get(id) ?? 0)) equal += 1;
    else
      failed.push(
        `${part}: service ${id} shows n = ${n.n} for ${MONTH}, ${direct.get(id) ?? 0} responses stored`,
      );
  }
  if (national && nationalN !== monthResponses)
    failed.push(
      `${part}: national n of ${MONTH} is ${nationalN}, ${monthResponses} responses stored in that month`,
    );
  const { rows } = await sql<{ rollup: string | null; pending: string }>`
    select (select sum(count) from rollup_response_day) as rollup,
      (select count(*) from response_pending) as pending`.execute(db);
  const rollupTotal = Number(rows[0]!.rollup ?? 0);
  const pending = Number(rows[0]!.pending);
  const rollups = await rollupSizes(db);
  if (rollupTotal !== rollups.responses || rollups.responses !== responses)
    failed.push(
      `${part}: rollup total ${fmt(rollupTotal)}, ${fmt(rollups.responses)} responses released, ${fmt(responses)} loaded`,
    );
  if (pending !== 0) failed.push(`${part}: ${fmt(pending)} responses still pending`);
  const { rows: openingRows } = await sql<{ n: string }>`select count(*) as n from opening`.execute(db);
  return {
    responses,
    monthResponses,
    warm,
    service,
    serviceKept,
    national: nationalTimings,
    nationalKept,
    rollups,
    openingRows: Number(openingRows[0]!.n),
    serviceChecks: { equal, compared: published.size - withheld, withheld },
    nationalN,
    rollupTotal,
    pending,
    load: [loadBefore, loadavg()[0]!],
  };
}

/** The times of a series of dashboard runs. */
class Series {
  private readonly totals: number[] = [];
  private readonly each: number[][] = [];

  add(run: DashboardRun): void {
    this.totals.push(run.totalMs);
    this.each.push([...run.eachMs]);
  }

  timings(requestNames: readonly string[]): Timings {
    const each = Array.from({ length: requestNames.length }, (_, i) => this.each.map((run) => run[i]!));
    return { requestNames, totals: this.totals, each };
  }
}

function printMeasurement(m: Measurement, label: string): void {
  console.log(
    `  ${label}: ${fmt(m.monthResponses)} responses in ${MONTH}; service dashboard p95 ${ms(percentile(m.service.totals, 0.95))} computed, ${ms(percentile(m.serviceKept.totals, 0.95))} kept` +
      (m.national
        ? `, national overview p95 ${ms(percentile(m.national.totals, 0.95))} computed, ${ms(percentile(m.nationalKept!.totals, 0.95))} kept`
        : '') +
      `; ${loadNote(m.load[0])}`,
  );
}

const sizeLabel = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${fmt(n / 1_000_000)}M` : fmt(n));

/** p50/p95/max of both dashboards and of each request, at both sizes, with the ratio. */
function printDashboards(small: Measurement, big: Measurement | undefined): void {
  const sizes = big ? [small, big] : [small];
  const header = [
    'figure',
    ...sizes.map((m) => `at ${fmt(m.responses)}`),
    ...(big ? [`${sizeLabel(big.responses)} ÷ ${sizeLabel(small.responses)}`] : []),
  ];
  const rows: string[][] = [];
  const add = (figure: string, pick: (m: Measurement) => readonly number[] | undefined, p: number) => {
    const values = sizes.map((m) => pick(m));
    if (values.some((v) => v === undefined)) return;
    const figures = values.map((v) => percentile(v!, p));
    rows.push([figure, ...figures.map(ms), ...(big ? [ratioText(figures[1]! / figures[0]!)] : [])]);
  };
  rows.push([
    'warm pass (every dashboard, in the background)',
    ...sizes.map((m) => seconds(m.warm.ms)),
    ...(big ? [ratioText(big.warm.ms / small.warm.ms)] : []),
  ]);
  for (const [name, timings] of [
    ['service dashboard, computed (nothing kept)', (m: Measurement) => m.service],
    ['service dashboard, kept', (m: Measurement) => m.serviceKept],
    ['national overview, computed (nothing kept)', (m: Measurement) => m.national],
    ['national overview, kept', (m: Measurement) => m.nationalKept],
  ] as const) {
    if (!timings(small)) continue;
    add(`${name} p50`, (m) => timings(m)?.totals, 0.5);
    add(`${name} p95`, (m) => timings(m)?.totals, 0.95);
    add(`${name} max`, (m) => timings(m)?.totals, 1);
    timings(small)!.requestNames.forEach((request, i) =>
      add(`  p95 ${request}`, (m) => timings(m)?.each[i], 0.95),
    );
  }
  printGrid(header, rows);
}

function printRollups(small: Measurement, big: Measurement | undefined): void {
  const sizes = big ? [small, big] : [small];
  const header = [
    'table',
    ...sizes.flatMap((m) => [`rows at ${fmt(m.responses)}`, 'per response']),
    ...(big ? [`${sizeLabel(big.responses)} ÷ ${sizeLabel(small.responses)}`] : []),
  ];
  const tables = [
    ['rollup_item_day', (m: Measurement) => m.rollups.itemDay],
    ['rollup_item_month', (m: Measurement) => m.rollups.itemMonth],
    ['rollup_month', (m: Measurement) => m.rollups.month],
    ['rollup_response_day', (m: Measurement) => m.rollups.responseDay],
    ['opening', (m: Measurement) => m.openingRows],
  ] as const;
  printGrid(
    header,
    tables.map(([table, rows]) => [
      table,
      ...sizes.flatMap((m) => [fmt(rows(m)), fmt(rows(m) / m.responses, 4)]),
      ...(big ? [ratioText(rows(big) / rows(small))] : []),
    ]),
  );
}

function checkRows(m: Measurement, national: boolean): TargetRow[] {
  const { equal, compared, withheld } = m.serviceChecks;
  return [
    ...(national
      ? ([
          [
            `national n of ${MONTH} = direct count of response`,
            `${m.nationalN === undefined ? '–' : fmt(m.nationalN)} / ${fmt(m.monthResponses)}`,
            'equal',
            m.nationalN === m.monthResponses,
          ],
        ] satisfies TargetRow[])
      : []),
    [
      `services' n of ${MONTH} (ente view) = direct count`,
      `${fmt(equal)} of ${fmt(compared)} published${withheld > 0 ? ` (${fmt(withheld)} withheld, n < k)` : ''}`,
      'all',
      equal === compared,
    ],
    [
      'rollup total (Σ rollup_response_day.count) = released',
      `${fmt(m.rollupTotal)} / ${fmt(m.rollups.responses)}`,
      'equal',
      m.rollupTotal === m.rollups.responses && m.rollups.responses === m.responses && m.pending === 0,
    ],
  ];
}

// ---------------------------------------------------------------------------------------------
// The two parts

function appConfig(databaseUrl: string) {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    // the bench releases the responses it loads itself; the app's timer would only race it
    RELEASE_SECONDS: '86400',
    // the bench runs the warmer's pass itself, timed, before each measurement
    RESULTS_WARM_SECONDS: '0',
  });
}

async function startValuta(databaseUrl: string): Promise<Valuta> {
  const valuta = await createValuta(appConfig(databaseUrl));
  cleanups.push(() => valuta.close());
  return valuta;
}

function describeCountry(country: Country): string {
  const families = Object.entries(country.families)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([family, n]) => `${family} ${n}`)
    .join(', ');
  return `${country.enti} enti (${ENTE_KINDS.length} PA types, ${country.regions} regions), ${country.services.length} active services (${families}), in ${seconds(country.ms)}`;
}

async function postgresPart(adminUrl: string): Promise<void> {
  const name = `valuta_bench_analytics_${randomBytes(6).toString('hex')}`;
  const description = await withAdmin(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ v: string; sc: string; fsync: string; sb: string; wm: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('synchronous_commit') AS sc, current_setting('fsync') AS fsync, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm",
    );
    const info = rows[0]!;
    await admin.query(`CREATE DATABASE ${name}`);
    return `PostgreSQL ${info.v} (fsync=${info.fsync}, synchronous_commit=${info.sc}, shared_buffers=${info.sb}, work_mem=${info.wm})`;
  });
  cleanups.push(() =>
    KEEP_DATABASE
      ? Promise.resolve(console.log(`  database ${name} kept (BENCH_KEEP_DATABASE=1): drop it yourself`))
      : withAdmin(adminUrl, async (admin) => {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  console.log(`\n▶ ${description}, database ${name} (from ${POSTGRES_URL_SOURCE})`);

  // the app migrates the database and publishes the standard questionnaires, as on any start
  const valuta = await startValuta(url.toString());
  const loader = postgresLoader(url.toString());
  cleanups.push(() => loader.close());
  const country = await seedCountry(loader.db);
  console.log(`  setup: ${describeCountry(country)}`);
  console.log(
    `  loading session: ${Object.entries(LOADER_SETTINGS)
      .map(([k, v]) => `${k}=${v}`)
      .join(
        ', ',
      )} (the timed requests go through the app's own pool, at the server's settings but jit=off, ADR 21)`,
  );
  const plain = 'bench_plain';
  await sql`create table ${sql.table(plain)} (like response including defaults)`.execute(loader.db);
  const generator = new Generator(country.services);
  const stats = emptyStats();
  const people = new People(valuta);

  console.log(`\n  load to ${fmt(SMALL)} responses (chunks of ${fmt(CHUNK)})`);
  await loadTo(loader, generator, SMALL, stats, plain, 'PostgreSQL');
  console.log(`  measure at ${fmt(SMALL)} (${RUNS} runs each after ${WARMUP_RUNS} warm-ups)`);
  const small = await measure(valuta, people, country, SMALL, true, `PostgreSQL at ${fmt(SMALL)}`);
  printMeasurement(small, `at ${fmt(SMALL)}`);
  let big: Measurement | undefined;
  if (RESPONSES > SMALL) {
    console.log(`\n  load to ${fmt(RESPONSES)} responses`);
    await loadTo(loader, generator, RESPONSES, stats, plain, 'PostgreSQL');
    console.log(`  measure at ${fmt(RESPONSES)}`);
    big = await measure(valuta, people, country, RESPONSES, true, `PostgreSQL at ${fmt(RESPONSES)}`);
    printMeasurement(big, `at ${fmt(RESPONSES)}`);
  }

  console.log(`\nResults — load, ${description}`);
  printLoad(stats, true);
  console.log(
    '  note: write path = COPY FROM STDIN into response_pending (its primary key, unique submission_key and service index) + releaseResponses(db, 1) per chunk; plain = the same COPY text into a table without any index or constraint. Row generation is timed apart.',
  );
  console.log(`\nResults — rollup tables (rollupSizes)`);
  printRollups(small, big);
  console.log(
    `\nResults — dashboards, ${MONTH}, through app.inject signed in (service: an analyst of its ente; national: the central office); all of a dashboard's requests at once`,
  );
  printDashboards(small, big);
  const last = big ?? small;
  const p95 = (t: Timings | undefined) => percentile(t?.totals ?? [], 0.95);
  const ratio = (f: (m: Measurement) => number) => (big ? f(big) / f(small) : NaN);
  const at = `at ${sizeLabel(last.responses)}`;
  const versus = big ? `${sizeLabel(big.responses)} ÷ ${sizeLabel(small.responses)}` : '';
  const targets = (
    name: string,
    which: string,
    timings: (m: Measurement) => Timings | undefined,
    limitMs: number,
  ): TargetRow[] => {
    const rows: TargetRow[] = [];
    if (big) {
      const r = ratio((m) => p95(timings(m)));
      rows.push([`${name} p95 ${versus} (${which})`, ratioText(r), `≤ ${TARGET.ratio}`, r <= TARGET.ratio]);
    }
    const p = p95(timings(last));
    rows.push([`${name} p95 ${at} (${which})`, ms(p), `≤ ${limitMs} ms`, p <= limitMs]);
    return rows;
  };
  console.log('');
  printTargets([
    ...targets('service dashboard', 'computed', (m) => m.service, TARGET.serviceP95Ms),
    ...targets('service dashboard', 'kept', (m) => m.serviceKept, TARGET.serviceP95Ms),
    ...targets('national overview', 'computed', (m) => m.national, TARGET.nationalP95Ms),
    ...targets('national overview', 'kept', (m) => m.nationalKept, TARGET.nationalP95Ms),
    ...checkRows(small, true).map(([f, v, t, ok]): TargetRow => [
      `${f} at ${sizeLabel(small.responses)}`,
      v,
      t,
      ok,
    ]),
    ...(big ? checkRows(big, true).map(([f, v, t, ok]): TargetRow => [`${f} ${at}`, v, t, ok]) : []),
  ]);
  await runCleanups();
}

async function pglitePart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'valuta-bench-analytics-pglite-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  console.log(`\n▶ embedded PGlite on disk (file:${dir}), ${fmt(PGLITE_RESPONSES)} responses`);
  // The app migrates and publishes; then it is closed, since PGlite is one process's database:
  // the loader opens the directory itself (for COPY FROM '/dev/blob'), then the app again to measure.
  await (await createValuta(appConfig(`file:${dir}`))).close();
  const loader = await pgliteLoader(dir);
  let loaderOpen = true;
  cleanups.push(async () => {
    if (loaderOpen) await loader.close();
  });
  const country = await seedCountry(loader.db);
  console.log(`  setup: ${describeCountry(country)}`);
  console.log(
    `  loading session: work_mem=${LOADER_SETTINGS.work_mem}; PGlite has no autovacuum: the bench runs ANALYZE`,
  );
  const generator = new Generator(country.services);
  const stats = emptyStats();
  await loadTo(loader, generator, PGLITE_RESPONSES, stats, undefined, 'PGlite');
  await loader.close();
  loaderOpen = false;
  const valuta = await startValuta(`file:${dir}`);
  console.log(`  measure (${RUNS} runs after ${WARMUP_RUNS} warm-ups)`);
  const m = await measure(valuta, new People(valuta), country, PGLITE_RESPONSES, false, 'PGlite');

  console.log(`\nResults — load, embedded PGlite on disk`);
  printLoad(stats, false);
  console.log(`\nResults — rollup tables (rollupSizes)`);
  printRollups(m, undefined);
  console.log(
    `\nResults — service dashboard, ${MONTH}, through app.inject signed in as an analyst of its ente`,
  );
  printDashboards(m, undefined);
  console.log('');
  printTargets([
    [
      `service dashboard p95 at ${sizeLabel(PGLITE_RESPONSES)} (PGlite)`,
      ms(percentile(m.service.totals, 0.95)),
    ],
    ...checkRows(m, false),
  ]);
  console.log(
    "  note: PGlite is one connection: the dashboard's requests wait for each other's statements, so each request's time runs to about the end of the dashboard.",
  );
  console.log(`  note: ${loadNote(m.load[0])}`);
  await runCleanups();
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    'Valuta analytics benchmark (marks compare with the targets; it exits 1 when a result is wrong or a request fails)',
  );
  console.log(
    `node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}; ${fmt(RESPONSES)} responses on PostgreSQL (measured at ${RESPONSES > SMALL ? `${fmt(SMALL)} and ${fmt(RESPONSES)}` : fmt(SMALL)}), ${fmt(PGLITE_RESPONSES)} on PGlite; ${RUNS} runs per figure`,
  );
  if (!isClosed(parsePeriod(MONTH), new Date())) {
    console.error(
      `${MONTH} is not a closed month yet on this machine's clock: the dashboards would refuse it`,
    );
    process.exitCode = 2;
    return;
  }
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
  // Missed latency and rate targets are figures, not failures: they depend on the machine.
  if (failed.length > 0) console.error(`\nFAILED (exit 1):\n  ${failed.slice(0, 20).join('\n  ')}`);
  process.exitCode = interrupted ? 130 : failed.length > 0 ? 1 : 0;
}

await main();
