import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/**
 * The ingest benchmark is not run in CI for its figures, which depend on the machine; a one-second
 * run of it is, so that a change of the app cannot break it unnoticed (its own checks: every
 * submission 2xx, rows stored = acknowledgements, rollups = responses released).
 */
describe('bench/ingest, one second on embedded PGlite', () => {
  it('runs, and its own checks pass (exit 0)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/ingest.ts'], {
      cwd: root,
      env: { ...process.env, BENCH_ONLY: 'pglite', BENCH_DURATION: '1', BENCH_CONNECTIONS: '8' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/rows stored = 2xx count\s+yes/);
  }, 150_000);
});
