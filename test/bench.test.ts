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

/**
 * The export benchmark (bench/export.ts) is not run in CI for its figures either; a 10,000-row run
 * of it is, on embedded PGlite (there COPY runs inside PGlite into '/dev/blob', not TO STDOUT):
 * its checks (rows in the CSV = rows of COPY = responses at both sizes, the XLSX a zip, every
 * download answered 200) must pass.
 */
describe('bench/export, 10,000 responses on embedded PGlite', () => {
  it('runs, and its own checks pass (exit 0)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/export.ts'], {
      cwd: root,
      env: { ...process.env, BENCH_ONLY: 'pglite', BENCH_RESPONSES: '10000' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/rows in the CSV = rows of COPY = responses .*10,000 = 10,000 = 10,000\s+✓/);
    expect(run.stdout).toMatch(/^checks: all passed/m);
  }, 150_000);
});
