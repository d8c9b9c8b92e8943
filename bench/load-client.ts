/**
 * The load generator of `bench/ingest.ts`, run in its own process (child_process.fork) so that
 * autocannon never shares the server's event loop. It also exports the submission generator, which
 * the parent uses for a pre-flight check of the bodies.
 *
 *   child:  node --import tsx bench/load-client.ts '<LoadJob as JSON>'  →  process.send(LoadResult)
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { PILOT } from '../src/demo/pilot.js';
import { seededRandom, syntheticResponse } from '../src/demo/synthetic.js';
import { STANDARD_QUESTIONNAIRES } from '../src/questionnaires/index.js';

export interface LoadJob {
  /** Base URL of the server, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** `floor`: GET /bench/empty. `submit`: POST a fresh valid response per request. */
  readonly mode: 'floor' | 'submit';
  readonly connections: number;
  readonly durationS: number;
}

export interface LoadResult {
  readonly durationS: number;
  readonly ok2xx: number;
  readonly non2xx: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Connection errors, timeouts included. */
  readonly errors: number;
  readonly timeouts: number;
  /** Requests written to a socket; those without an answer were in flight when the run stopped. */
  readonly sent: number;
  readonly answered: number;
  readonly latencyMs: {
    readonly mean: number;
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
  /** CPU time (user + system) the load generator spent during the run, in microseconds. */
  readonly cpuUs: number;
}

// ---------------------------------------------------------------------------------------------
// Realistic submissions: the demo's own generator

/** The seven pilot services, each with its standard questionnaire and demo answer profile. */
const TARGETS = PILOT.flatMap((ente) =>
  ente.services.map((service) => {
    const definition = STANDARD_QUESTIONNAIRES.find((q) => q.family === service.family);
    if (!definition) throw new Error(`no standard questionnaire for family ${service.family}`);
    return { slug: service.slug, definition, profile: service.profile };
  }),
);

/** Seed of the answers. Every generator starts from it, so the parent's pre-flight checks the very
 * answers a run starts with. The submissionIds are random (randomUUID): every request is new. */
const SEED = 2026;

export interface GeneratedSubmission {
  readonly slug: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * A generator of valid submissions built by the demo's `syntheticResponse`, so with the demo's
 * distributions (suggestions with personal data included), cycling over the pilot services.
 */
export function submissions(): () => GeneratedSubmission {
  const random = seededRandom(SEED);
  const now = new Date();
  let next = 0;
  return () => {
    const target = TARGETS[next++ % TARGETS.length]!;
    const { submissionId, answers, channel, lang, userAgent } = syntheticResponse(
      target.definition,
      target.profile,
      now,
      random,
    ).submission;
    return {
      slug: target.slug,
      path: `/api/v1/services/${target.slug}/responses`,
      headers: { 'content-type': 'application/json', ...(userAgent ? { 'user-agent': userAgent } : {}) },
      body: JSON.stringify({ submissionId, answers, channel, lang }),
    };
  };
}

// ---------------------------------------------------------------------------------------------
// The child process

/** Submissions a run can send per second at most; generated before it starts. */
const PREPARED_PER_SECOND = 15_000;

async function runLoad(job: LoadJob): Promise<LoadResult> {
  const generate = submissions();
  // Bodies are made before the clock starts, so that the load generator spends its share of the
  // two cores on sending, not on making answers up; past the prepared ones it makes them live.
  const prepared =
    job.mode === 'submit' ? Array.from({ length: job.durationS * PREPARED_PER_SECOND }, generate) : [];
  let sent = 0;
  const nextSubmission = () => prepared[sent++] ?? generate();
  const common = { connections: job.connections, duration: job.durationS, timeout: 10 };
  const options: autocannon.Options =
    job.mode === 'floor'
      ? { ...common, url: `${job.url}/bench/empty`, method: 'GET' }
      : {
          ...common,
          url: job.url,
          requests: [
            {
              method: 'POST',
              setupRequest: (request) => {
                const s = nextSubmission();
                return {
                  ...request,
                  method: 'POST',
                  path: s.path,
                  headers: { ...request.headers, ...s.headers },
                  body: s.body,
                };
              },
            },
          ],
        };
  const cpuBefore = process.cpuUsage();
  const r = await autocannon(options);
  const cpu = process.cpuUsage(cpuBefore);
  const statusCodes = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([code, { count }]) => [code, count ?? 0]),
  );
  const answered = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
  return {
    durationS: r.duration,
    ok2xx: r['2xx'],
    non2xx: r.non2xx,
    statusCodes,
    errors: r.errors,
    timeouts: r.timeouts,
    sent: r.requests.sent,
    answered,
    latencyMs: {
      mean: r.latency.mean,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    cpuUs: cpu.user + cpu.system,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
  runLoad(job).then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send!({ ok: false, error: String(error) }, () => process.exit(1)),
  );
}
