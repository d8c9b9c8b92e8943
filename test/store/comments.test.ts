import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseComments } from '../../src/store/comments.js';
import type { TestValuta } from '../support/database.js';
import { countRows, HUB, SATISFIED, startPilot, submit } from '../support/pilot.js';

describe('comment release', () => {
  let valuta: TestValuta | undefined;
  afterEach(async () => {
    await valuta?.dispose();
    valuta = undefined;
  });

  const comment = (v: TestValuta, text: string) =>
    submit(v, { answers: { ...SATISFIED, SUGGESTIONS: text } });

  it('keeps comments pending until k of a service are waiting, then moves them all in a transaction of their own', async () => {
    valuta = await startPilot();
    for (let i = 0; i < 9; i++) expect((await comment(valuta, `suggerimento ${i}`)).statusCode).toBe(201);
    expect(await releaseComments(valuta.database.db, 10)).toBe(0);
    expect(await countRows(valuta, 'comment')).toBe(0);
    expect(await countRows(valuta, 'commentPending')).toBe(9);

    await comment(valuta, 'suggerimento 9');
    expect(await releaseComments(valuta.database.db, 10)).toBe(10);
    expect(await countRows(valuta, 'commentPending')).toBe(0);
    const texts = (await valuta.database.db.selectFrom('comment').select('text').execute()).map(
      (c) => c.text,
    );
    expect(texts.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `suggerimento ${i}`));

    // no released comment shares its writing transaction with a response
    const shared = await sql<{ n: number }>`
      select count(*)::int as n from comment c join response r on r.xmin = c.xmin`.execute(
      valuta.database.db,
    );
    expect(shared.rows[0]?.n).toBe(0);
  });

  it('releases the comments of an earlier day even when fewer than k are waiting', async () => {
    valuta = await startPilot({}, { clock: () => new Date(Date.now() - 2 * 86_400_000) });
    await comment(valuta, 'di due giorni fa');
    expect(await releaseComments(valuta.database.db, 10)).toBe(1);
    expect(await countRows(valuta, 'comment')).toBe(1);
  });

  it('counts each service on its own', async () => {
    valuta = await startPilot();
    for (let i = 0; i < 3; i++) await comment(valuta, `hub ${i}`);
    for (let i = 0; i < 2; i++)
      await submit(valuta, { answers: { ...SATISFIED, SUGGESTIONS: `civa ${i}` } }, { slug: 'inail-civa' });
    expect(await releaseComments(valuta.database.db, 3)).toBe(3);
    expect(await countRows(valuta, 'commentPending')).toBe(2);
    void HUB;
  });
});
