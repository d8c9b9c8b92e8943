import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startValuta, type TestValuta } from '../support/database.js';

describe.skipIf(databaseKind !== 'postgres')("the app's PostgreSQL sessions", () => {
  let valuta: TestValuta;
  beforeAll(async () => {
    valuta = await startValuta();
  });
  afterAll(() => valuta.dispose());

  it('run without JIT, which cost ~2 s of compilation on every release (ADR 21), and with the 10 s statement timeout', async () => {
    // Several at once, so that more than one connection of the pool answers.
    const settings = await Promise.all(
      Array.from({ length: 4 }, () =>
        sql<{ jit: string; timeout: string }>`select current_setting('jit') as jit,
          current_setting('statement_timeout') as timeout, pg_sleep(0.05)`.execute(valuta.database.db),
      ),
    );
    for (const { rows } of settings) expect(rows[0]).toMatchObject({ jit: 'off', timeout: '10s' });
  });
});
