/**
 * The load generator of `bench/ingest.ts`, run in its own process (child_process.fork) so that
 * autocannon never shares the server's event loop. It also exports the submission generator, which
 * the parent uses for a pre-flight check of the bodies.
 *
 *   child:  node --import tsx bench/load-client.ts '<LoadJob as JSON>'  →  process.send(LoadResult)
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { PILOT } from '../src/demo/pilot.js';
import type { Item, QuestionnaireDefinition } from '../src/domain/questionnaire.js';
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
// Realistic submissions

type Weighted<T> = readonly (readonly [T, number])[];

function pick<T>(choices: Weighted<T>): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let r = Math.random() * total;
  for (const [value, w] of choices) {
    if ((r -= w) < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

const chance = (p: number) => Math.random() < p;
const clamp4 = (n: number) => Math.min(4, Math.max(1, n));

/** Real browser strings, roughly the mobile/desktop split of Italian PA sites (about 55% mobile). */
const USER_AGENTS: Weighted<string> = [
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    22,
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36',
    20,
  ],
  [
    'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-G991B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    8,
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    5,
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    25,
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
    8,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    7,
  ],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', 5],
];

const PLAIN_SUGGESTIONS = [
  'Il servizio funziona, ma la pagina iniziale è troppo lunga.',
  'Rendere più chiari i documenti da allegare prima di iniziare.',
  "L'accesso con SPID a volte non va al primo tentativo.",
  'Sarebbe utile poter salvare la domanda e riprenderla dopo.',
  'Tutto bene, grazie.',
  'I tempi di caricamento sono lenti nelle ore di punta.',
  'Manca una guida passo passo per chi lo usa la prima volta.',
  'Please provide the instructions in English as well.',
  'Non si capisce a che punto è la pratica dopo l’invio.',
  'Il modulo si è bloccato al terzo passaggio, ho dovuto ricominciare.',
] as const;

/** Free text with personal data, so that redaction does real work on a share of requests. */
const PERSONAL_SUGGESTIONS: readonly (() => string)[] = [
  () =>
    `Ricontattatemi a mario.rossi${Math.floor(Math.random() * 1000)}@gmail.com per spiegarvi il problema.`,
  () =>
    `Ho provato più volte, il mio numero è 333 ${1_000_000 + Math.floor(Math.random() * 8_999_999)}, chiamatemi.`,
  () =>
    `Scrivete a giulia.bianchi@libero.it oppure al +39 06 ${10_000_000 + Math.floor(Math.random() * 89_999_999)}.`,
  () =>
    `Non riesco ad allegare il documento, telefono 347-${1_000_000 + Math.floor(Math.random() * 8_999_999)}.`,
];

interface Target {
  readonly slug: string;
  readonly volume: number;
  readonly satisfaction: readonly [number, number, number, number];
  readonly channels: Weighted<string>;
  /** TIME (dispositivo) or INFO_FRESHNESS (consultazione). */
  readonly secondScale: string;
  readonly painPoints: readonly string[];
}

function itemOf(definition: QuestionnaireDefinition, code: string): Item | undefined {
  return definition.items.find((i) => i.code === code);
}

/** The seven pilot services with their answer profiles, read from the demo pilot and the definitions. */
export const TARGETS: readonly Target[] = PILOT.flatMap((ente) =>
  ente.services.map((service) => {
    const definition = STANDARD_QUESTIONNAIRES.find((q) => q.family === service.family);
    if (!definition) throw new Error(`no standard questionnaire for family ${service.family}`);
    const secondScale = itemOf(definition, 'TIME') ? 'TIME' : 'INFO_FRESHNESS';
    const pain = itemOf(definition, 'PAIN_POINTS');
    return {
      slug: service.slug,
      volume: service.profile.volume,
      satisfaction: service.profile.satisfaction,
      channels: Object.entries(service.profile.channels),
      secondScale,
      painPoints: pain && pain.type === 'multiple' ? pain.options.map((o) => o.value) : [],
    };
  }),
);

const TARGET_WEIGHTS: Weighted<Target> = TARGETS.map((t) => [t, t.volume]);
const LANGS: Weighted<string> = [
  ['it', 92],
  ['en', 6],
  ['de', 2],
];

export interface GeneratedSubmission {
  readonly slug: string;
  readonly body: string;
  readonly userAgent: string;
}

/** One valid, realistic submission with a fresh submissionId, for a pilot service picked by volume. */
export function nextSubmission(): GeneratedSubmission {
  const target = pick(TARGET_WEIGHTS);
  const sat = pick<number>(target.satisfaction.map((w, i) => [i + 1, w] as const));
  const ease = clamp4(
    sat +
      pick([
        [-1, 1],
        [0, 3],
        [1, 1],
      ] as const),
  );
  const answers: Record<string, unknown> = {
    SAT_OVERALL: sat,
    EASE: ease,
    EFFECTIVENESS:
      sat >= 3
        ? pick([
            ['yes-fully', 8],
            ['yes-partly', 2],
          ] as const)
        : pick([
            ['yes-fully', 1],
            ['yes-partly', 4],
            ['no', 4],
          ] as const),
    INFO_CLARITY: clamp4(
      sat +
        pick([
          [-1, 1],
          [0, 2],
          [1, 1],
        ] as const),
    ),
  };
  if (chance(0.7))
    answers[target.secondScale] = clamp4(
      sat +
        pick([
          [-1, 1],
          [0, 2],
          [1, 1],
        ] as const),
    );
  if ((sat <= 2 || ease <= 2) && target.painPoints.length > 0 && chance(0.8)) {
    const codes = [...target.painPoints].sort(() => Math.random() - 0.5);
    answers.PAIN_POINTS = codes.slice(0, 1 + Math.floor(Math.random() * 3));
  }
  if (chance(0.85)) answers.FIRST_TIME = chance(0.3) ? 'yes' : 'no';
  if (chance(0.2)) {
    answers.SUGGESTIONS = chance(0.3)
      ? PERSONAL_SUGGESTIONS[Math.floor(Math.random() * PERSONAL_SUGGESTIONS.length)]!()
      : PLAIN_SUGGESTIONS[Math.floor(Math.random() * PLAIN_SUGGESTIONS.length)]!;
  }
  const body = JSON.stringify({
    submissionId: randomUUID(),
    answers,
    channel: pick(target.channels),
    lang: pick(LANGS),
  });
  return { slug: target.slug, body, userAgent: pick(USER_AGENTS) };
}

export const submissionPath = (slug: string) => `/api/v1/services/${slug}/responses`;

// ---------------------------------------------------------------------------------------------
// The child process

async function runLoad(job: LoadJob): Promise<LoadResult> {
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
                  path: submissionPath(s.slug),
                  headers: {
                    ...request.headers,
                    'content-type': 'application/json',
                    'user-agent': s.userAgent,
                  },
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
