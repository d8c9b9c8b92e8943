import { randomBytes } from 'node:crypto';
import { Type, type Static } from 'typebox';
import Value from 'typebox/value';

/** Environment variables Valuta reads; the only place that reads `process.env`. */
const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'HTTP port' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Interface to listen on' }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^(postgres(ql)?://|file:|memory://)',
      description:
        'postgres://… for a PostgreSQL server; file:DIR for embedded PGlite in DIR; memory:// for an in-memory PGlite. Absent: PGlite in ./data/pglite',
    }),
  ),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  PUBLIC_URL: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'Public base URL of this server' }),
  ),
  INGEST_BATCH_SIZE: Type.Integer({
    minimum: 1,
    maximum: 5000,
    default: 500,
    description: 'Flush after this many',
  }),
  INGEST_MAX_WAIT_MS: Type.Integer({
    minimum: 0,
    maximum: 1000,
    default: 4,
    description: 'Flush after this wait',
  }),
  INGEST_MAX_QUEUE: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 20_000,
    description: 'Then 503',
  }),
  INGEST_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 16, default: 2, description: 'Commits in flight' }),
  SUPPRESSION_K: Type.Integer({ minimum: 1, maximum: 1000, default: 10, description: 'Smallest cell shown' }),
  RELEASE_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 86_400,
    default: 60,
    description: 'How often pending responses and comments are released in shuffled batches of at least k',
  }),
  RESULTS_WARM_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 86_400,
    default: 60,
    description:
      "How often the results the console's dashboards open on are checked and computed ahead when their months changed; 0: never",
  }),
  SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description:
        'Signs the hosted form tokens. Absent: a random secret per process (set one shared secret when several nodes serve behind a load balancer)',
    }),
  ),
  FORM_MIN_FILL_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 600,
    default: 3,
    description: 'A hosted form sent back sooner than this is refused as automated',
  }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    default: 60,
    description:
      'Submissions per minute from one address to one service (kept in memory only); 0 turns it off',
  }),
  TRUST_PROXY: Type.Optional(
    Type.String({
      pattern: '^(true|false|\\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$',
      description:
        'Behind a reverse proxy: true, the number of proxy hops, or their addresses (comma-separated), so that the rate limit sees the citizen, not the proxy',
    }),
  ),
  DEMO_PAGES: Type.Boolean({
    default: false,
    description:
      "Serve /demo/{slug}, pages dressed as an ente's that embed the widget and mint completion tokens (on with `serve --demo-if-empty`); never in production",
  }),
  SESSION_IDLE_MINUTES: Type.Integer({
    minimum: 1,
    maximum: 1440,
    default: 30,
    description: 'A console session unused this long expires (it never lasts more than 12 hours)',
  }),
  LOGIN_MAX_FAILURES: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 5,
    description: 'Failed sign-ins in a row after which an account is locked for LOGIN_LOCK_MINUTES',
  }),
  LOGIN_LOCK_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  OIDC_ISSUER: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'Issuer URL of the OpenID Connect provider (a SPID/CIE proxy, Keycloak, a region IdP)',
    }),
  ),
  OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  ADMIN_EMAIL: Type.Optional(
    Type.String({
      pattern: '^[^@\\s]+@[^@\\s]+$',
      description: 'With ADMIN_PASSWORD: creates this platform administrator on a database that has none',
    }),
  ),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  VALUTA_PASSWORD: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'The password `valuta user add` gives the person (kept off the command line and shell history)',
    }),
  ),
  METRICS_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      description: 'Bearer token that /metrics asks for; absent, /metrics answers 404',
    }),
  ),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

type Env = Static<typeof ConfigSchema>;

export type DatabaseLocation =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number }
  | { readonly kind: 'pglite'; readonly dataDir: string | undefined };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly database: DatabaseLocation;
  readonly ingest: {
    readonly batchSize: number;
    readonly maxWaitMs: number;
    readonly maxQueue: number;
    readonly concurrency: number;
  };
  readonly suppressionK: number;
  readonly releaseMs: number;
  /** How often the warmer checks the dashboards' results (0: never). */
  readonly warmResultsMs: number;
  readonly logLevel: string;
  /** Whether /demo/{slug} is served: those pages mint completion tokens for anyone. */
  readonly demoPages: boolean;
  /** Fastify's `trustProxy`: which X-Forwarded-For hops to believe. */
  readonly trustProxy: boolean | number | string[];
  readonly antiAbuse: {
    readonly secret: string;
    /** Whether the secret was made up at start (it does not survive a restart, nor span nodes). */
    readonly secretIsEphemeral: boolean;
    readonly minFillMs: number;
    readonly rateLimitPerMinute: number;
  };
  readonly staff: StaffAccessConfig;
  /** VALUTA_PASSWORD, for `valuta user add`. */
  readonly cliPassword: string | null;
}

/** The console's people: how they sign in and how long they stay signed in. */
export interface StaffAccessConfig {
  readonly sessionIdleMs: number;
  readonly maxFailures: number;
  readonly lockMs: number;
  /** Cookies get `Secure` when the public URL is https. */
  readonly secureCookies: boolean;
  readonly oidc: { readonly issuer: string; readonly clientId: string; readonly clientSecret: string } | null;
  readonly firstAdmin: { readonly email: string; readonly password: string } | null;
  readonly metricsToken: string | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function databaseLocation(env: Env): DatabaseLocation {
  const url = env.DATABASE_URL;
  if (url === undefined) return { kind: 'pglite', dataDir: './data/pglite' };
  if (url === 'memory://') return { kind: 'pglite', dataDir: undefined };
  if (url.startsWith('file:'))
    return { kind: 'pglite', dataDir: url.slice('file:'.length).replace(/^\/\/(?=\/)/, '') };
  return { kind: 'postgres', url, poolSize: env.DATABASE_POOL_SIZE };
}

function trustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value.split(',');
}

/** Reads and validates the configuration; throws ConfigError listing every bad variable. */
export function loadConfig(source: Readonly<Record<string, string | undefined>> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.properties).flatMap((key) =>
      source[key] === undefined ? [] : [[key, source[key]]],
    ),
  );
  const value = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, known));
  if (!Value.Check(ConfigSchema, value)) {
    const problems = [...Value.Errors(ConfigSchema, value)].map(
      (e) => `${e.instancePath.slice(1) || 'config'} ${e.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = value;
  const oidcParts = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
  if (oidcParts.some((v) => v !== undefined) && oidcParts.some((v) => v === undefined))
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together',
    );
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined))
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD go together');
  const publicUrl = (
    env.PUBLIC_URL ?? `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`
  ).replace(/\/$/, '');
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    database: databaseLocation(env),
    ingest: {
      batchSize: env.INGEST_BATCH_SIZE,
      maxWaitMs: env.INGEST_MAX_WAIT_MS,
      maxQueue: env.INGEST_MAX_QUEUE,
      concurrency: env.INGEST_CONCURRENCY,
    },
    suppressionK: env.SUPPRESSION_K,
    releaseMs: env.RELEASE_SECONDS * 1000,
    warmResultsMs: env.RESULTS_WARM_SECONDS * 1000,
    logLevel: env.LOG_LEVEL,
    demoPages: env.DEMO_PAGES,
    trustProxy: trustProxy(env.TRUST_PROXY),
    antiAbuse: {
      secret: env.SECRET ?? randomBytes(32).toString('base64url'),
      secretIsEphemeral: env.SECRET === undefined,
      minFillMs: env.FORM_MIN_FILL_SECONDS * 1000,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    },
    staff: {
      sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
      maxFailures: env.LOGIN_MAX_FAILURES,
      lockMs: env.LOGIN_LOCK_MINUTES * 60_000,
      secureCookies: publicUrl.startsWith('https://'),
      oidc:
        env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
          ? { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET }
          : null,
      firstAdmin:
        env.ADMIN_EMAIL && env.ADMIN_PASSWORD
          ? { email: env.ADMIN_EMAIL.toLowerCase(), password: env.ADMIN_PASSWORD }
          : null,
      metricsToken: env.METRICS_TOKEN ?? null,
    },
    cliPassword: env.VALUTA_PASSWORD ?? null,
  };
}
