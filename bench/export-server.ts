/**
 * The server under test of bench/export.ts, one process per download: Valuta on 127.0.0.1:0,
 * a central-office session signed in, and its RSS sampled every 50 ms until the bench says stop.
 * The bench runs it transpiled with plain node (or under tsx with BENCH_SERVER=tsx).
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { createValuta } from '../src/main.js';

const SAMPLE_MS = 50;

export interface ChildSettings {
  readonly databaseUrl: string;
  readonly email: string;
  readonly password: string;
  readonly n: number;
}

export type ChildMessage =
  | { kind: 'ready'; port: number; cookie: string; baselineRss: number; baselineHeap: number }
  | { kind: 'memory'; peakRss: number; peakHeap: number; hwm: number; samples: number };

export function appConfig(databaseUrl: string) {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    // the bench releases what it loads; the app's timer would only race it
    RELEASE_SECONDS: '86400',
    RESULTS_WARM_SECONDS: '0',
  });
}

/** VmHWM of /proc/self/status (the peak RSS of the process's life), in bytes; 0 off Linux. */
function highWaterMark(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
}

/** The child: Valuta on 127.0.0.1:0, a central-office session, RSS sampled until told to stop. */
export async function serve(): Promise<void> {
  const settings = JSON.parse(process.env.BENCH_EXPORT_CHILD ?? '{}') as ChildSettings;
  const send = (message: ChildMessage) => process.send!(message);
  const valuta = await createValuta(appConfig(settings.databaseUrl));
  await valuta.app.listen({ host: '127.0.0.1', port: 0 });
  const reply = await valuta.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    // each sign-in from an address of its own: the sign-in limit is per address
    remoteAddress: `10.77.${(settings.n >> 8) & 255}.${settings.n & 255}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email: settings.email, password: settings.password }),
  });
  if (reply.statusCode !== 200) throw new Error(`sign-in: ${reply.statusCode} ${reply.body}`);
  const cookie = String(reply.headers['set-cookie']).split(';')[0]!;
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  let samples = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    samples += 1;
  };
  const timer = setInterval(sample, SAMPLE_MS);
  process.on('message', (message: { kind: string }) => {
    if (message.kind !== 'stop') return;
    clearInterval(timer);
    sample();
    send({ kind: 'memory', peakRss, peakHeap, hwm: highWaterMark(), samples });
    void valuta.close().finally(() => process.disconnect());
  });
  const { port } = valuta.app.server.address() as { port: number };
  send({ kind: 'ready', port, cookie, baselineRss: baseline.rss, baselineHeap: baseline.heapUsed });
}

if (process.argv[2] === '--serve') {
  await serve().catch((error: unknown) => {
    console.error('bench/export-server:', error);
    process.exit(1);
  });
}
