import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { mintCompletionToken } from '../../src/domain/completion-token.js';
import { submissionKey } from '../../src/domain/response.js';
import { releaseComments } from '../../src/store/comments.js';
import { moveReadyResponses, releaseResponses } from '../../src/store/responses.js';
import { dumpEveryTable, everyTable } from '../support/catalogue.js';
import { databaseKind, type TestValuta } from '../support/database.js';
import { countResponses, countRows, HUB, SATISFIED, startPilot, submit } from '../support/pilot.js';

/**
 * Spearman's rank correlation, ties given their mean rank. A variable that is constant carries no
 * order at all: its correlation with anything is 0 (not NaN).
 */
function spearman(xs: readonly number[], ys: readonly number[]): number {
  const ranks = (values: readonly number[]) => {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    const rank = new Array<number>(values.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let t = i; t <= j; t++) rank[order[t]![1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return rank;
  };
  const [rx, ry] = [ranks(xs), ranks(ys)];
  const mean = (xs.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (rx[i]! - mean) * (ry[i]! - mean);
    sxx += (rx[i]! - mean) ** 2;
    syy += (ry[i]! - mean) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** A tuple id `(page,item)` as one number that sorts like the physical order. */
const physicalPosition = (ctid: string) => {
  const [page, item] = ctid.slice(1, -1).split(',').map(Number);
  return page! * 65_536 + item!;
};

describe(`responses at rest (${databaseKind})`, () => {
  let valuta: TestValuta | undefined;
  afterEach(async () => {
    await valuta?.dispose();
    valuta = undefined;
  });

  it('cannot be put in submission order from the released table: neither its physical order (ctid) nor its transaction ids (xmin) follow it', async () => {
    valuta = await startPilot();
    const service = (await valuta.directory.bySlug(HUB))!;
    const submitted: string[] = [];
    // one by one: at low traffic each response commits alone, the case that used to leak the order
    for (let i = 0; i < 200; i++) {
      const submissionId = randomUUID();
      expect((await submit(valuta, { submissionId, answers: SATISFIED })).statusCode).toBe(201);
      submitted.push(submissionKey(service.id, submissionId));
    }
    expect(await releaseResponses(valuta.database.db, 10)).toBe(200);
    const { rows } = await sql<{ ctid: string; xmin: string; submissionKey: string }>`
      select ctid::text as ctid, xmin::text as xmin, submission_key from response`.execute(
      valuta.database.db,
    );
    expect(rows).toHaveLength(200);
    const order = new Map(submitted.map((key, i) => [key, i]));
    const submissionOrder = rows.map((r) => order.get(r.submissionKey)!);
    const byCtid = spearman(
      submissionOrder,
      rows.map((r) => physicalPosition(r.ctid)),
    );
    const byXmin = spearman(
      submissionOrder,
      rows.map((r) => Number(r.xmin)),
    );
    console.log(
      `rank correlation with submission order, 200 responses: ctid ${byCtid.toFixed(3)}, xmin ${byXmin.toFixed(3)}`,
    );
    expect(Math.abs(byCtid)).toBeLessThan(0.2);
    expect(Math.abs(byXmin)).toBeLessThan(0.2);
  }, 120_000); // 200 requests one after another: slow on a busy 2-core machine

  it('holds acknowledged responses until k of a service wait or they are from an earlier day, and counts them in the rollups only when released', async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    let now = new Date();
    valuta = await startPilot({}, { clock: () => now });
    const db = valuta.database.db;
    for (let i = 0; i < 9; i++) expect((await submit(valuta, { answers: SATISFIED })).statusCode).toBe(201);
    expect(await releaseResponses(db, 10)).toBe(0);
    expect([await countRows(valuta, 'response'), await countRows(valuta, 'responsePending')]).toEqual([0, 9]);
    // the dashboards read rollups, which count responses by released batches, never one by one
    const counted = () =>
      db
        .selectFrom('rollupResponseDay')
        .select((eb) => eb.fn.sum<number>('count').as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n ?? 0));
    expect(await counted()).toBe(0);

    expect((await submit(valuta, { answers: SATISFIED })).statusCode).toBe(201);
    expect(await releaseResponses(db, 10)).toBe(10);
    expect([await countRows(valuta, 'response'), await countRows(valuta, 'responsePending')]).toEqual([
      10, 0,
    ]);
    expect(await counted()).toBe(10);

    // one response of another service, from an earlier day: released although alone
    now = yesterday;
    expect((await submit(valuta, { answers: SATISFIED }, { slug: 'inps-cruscotto-cig' })).statusCode).toBe(
      201,
    );
    expect((await submit(valuta, { answers: SATISFIED })).statusCode).toBe(201);
    now = new Date();
    expect((await submit(valuta, { answers: SATISFIED })).statusCode).toBe(201);
    // the hub's early one brings its whole service along; the cruscotto's goes too
    expect(await releaseResponses(db, 10)).toBe(3);
    expect(await countResponses(valuta)).toBe(13);
  });

  it('counts a retry once across both tables: before the release, after it, and racing it', async () => {
    valuta = await startPilot();
    const db = valuta.database.db;
    const submissionId = randomUUID();
    const first = await submit(valuta, { submissionId, answers: SATISFIED });
    expect(first.statusCode).toBe(201);
    expect((await submit(valuta, { submissionId, answers: SATISFIED })).json()).toEqual(first.json());
    expect(await releaseResponses(db, 1)).toBe(1);
    const afterRelease = await submit(valuta, { submissionId, answers: SATISFIED });
    expect(afterRelease.statusCode).toBe(201);
    expect(afterRelease.json()).toEqual(first.json());
    expect(await countResponses(valuta)).toBe(1);

    // retries of fresh submissions while releases run
    const ids = Array.from({ length: 40 }, () => randomUUID());
    for (const id of ids) await submit(valuta, { submissionId: id, answers: SATISFIED });
    const replies = await Promise.all([
      ...ids.map((id) => submit(valuta!, { submissionId: id, answers: SATISFIED })),
      releaseResponses(db, 1),
      ...ids.map((id) => submit(valuta!, { submissionId: id, answers: SATISFIED })),
      releaseResponses(db, 1),
    ]);
    expect(replies.filter((r) => typeof r !== 'number').every((r) => r.statusCode === 201)).toBe(true);
    await releaseResponses(db, 1);
    expect(await countResponses(valuta)).toBe(41);
    const { rows } = await sql<{ n: number }>`select sum(count)::int as n from rollup_response_day`.execute(
      db,
    );
    expect(rows[0]!.n).toBe(41);
  });

  it('keeps no address, user agent, cookie, submission id, token or exact time in any table, after every release', async () => {
    const received = new Date('2026-06-10T08:47:13.512Z');
    valuta = await startPilot({ TRUST_PROXY: 'true' }, { clock: () => received });
    const db = valuta.database.db;
    const submissionId = randomUUID();
    const secrets = {
      address: '203.0.113.77',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Version/17.4 Mobile/15E148 Safari/604.1',
      cookie: 'sessione=segreta-abc123',
    };
    const headers = {
      'user-agent': secrets.userAgent,
      'x-forwarded-for': secrets.address,
      cookie: secrets.cookie,
    };
    // the hosted page, opened (an opening is counted) and sent as a form
    const page = await valuta.app.inject({ url: `/s/${HUB}?channel=email`, headers });
    expect(page.statusCode).toBe(200);
    // the API with a suggestion full of personal data and a completion token
    const ztl = 'bologna-permesso-ztl';
    const { token } = await mintCompletionToken((await valuta.directory.bySlug(ztl))!.completionKey!, ztl, {
      now: received,
    });
    const answers = [
      submit(
        valuta,
        {
          submissionId,
          answers: {
            ...SATISFIED,
            SUGGESTIONS: 'Sono Mario Rossi, RSSMRA80A01H501U, scrivete a mario.rossi@example.it',
          },
        },
        { headers },
      ),
      submit(
        valuta,
        {
          answers: { EASE_5: 2, DIFFICULTIES: 'technical-problems', DETAILS: 'chiamate il 333 1234567' },
          completionToken: token,
        },
        { slug: ztl, headers },
      ),
    ];
    for (const reply of await Promise.all(answers)) expect(reply.statusCode, reply.body).toBe(201);
    await valuta.openings.flush();
    expect(await releaseResponses(db, 1)).toBe(2);
    expect(await releaseComments(db, 1)).toBe(2);

    const dump = await dumpEveryTable(db);
    // the tables that hold what citizens sent, each scanned (a new table is scanned by being there)
    for (const table of [
      'response',
      'comment',
      'rollup_item_day',
      'rollup_item_month',
      'rollup_response_day',
      'rollup_month',
      'opening',
      'completion_token',
    ])
      expect(dump.get(table), table).toMatch(/\S/);
    for (const [table, rows] of dump) {
      for (const secret of [
        secrets.address,
        'iPhone',
        'Safari',
        'segreta-abc123',
        submissionId,
        token,
        token.split('.')[2]!,
        'RSSMRA80A01H501U',
        'mario.rossi',
        '1234567',
        '08:47',
        '47:13',
        '10:47', // the same instant in Italian time
      ])
        expect(rows, `${table} holds ${secret}`).not.toContain(secret);
    }
  });

  it('every timestamp column of the schema is known: none can hold when a citizen answered, to the minute', async () => {
    valuta = await startPilot();
    const { rows } = await sql<{ tableName: string; columnName: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and (data_type like 'timestamp%' or data_type = 'date')
      order by 1, 2`.execute(valuta.database.db);
    expect(rows.map((r) => `${r.tableName}.${r.columnName}`)).toEqual([
      // staff's records (the console's people, sessions, keys and audit), not citizens'
      'api_key.created_at',
      'api_key.last_used_hour',
      'api_key.revoked_at',
      'audit_entry.at',
      'comment.day',
      'comment_pending.day',
      'completion_token.expires_hour', // rounded up to the hour by a check constraint
      'ente.created_at', // platform records, not citizens'
      'invitation.expires_at',
      'invitation.used_at',
      'open_data_release.month', // publications of the central office, not citizens'
      'open_data_release.published_at',
      'opening.day',
      'questionnaire_draft.updated_at',
      'questionnaire_version.published_at',
      'response.submitted_hour', // truncated to the hour by a check constraint
      'response_pending.submitted_hour',
      'rollup_generation.month',
      'rollup_item_day.day',
      'rollup_item_month.month',
      'rollup_month.month',
      'rollup_response_day.day',
      'service.created_at',
      'service_status_change.at', // staff's records: when a service changed status
      'staff_session.created_at',
      'staff_session.last_seen_at',
      'staff_user.created_at',
      'staff_user.locked_until',
      'widget_version.published_at',
    ]);
    expect((await everyTable(valuta.database.db)).length).toBeGreaterThanOrEqual(12);
  });
});

describe.skipIf(databaseKind !== 'postgres')(
  'a retry racing a release (PostgreSQL only: embedded PGlite has one connection, so nothing runs concurrently)',
  () => {
    it('waits for the release to commit and counts once, although the key was between the two tables', async () => {
      const valuta = await startPilot();
      try {
        const db = valuta.database.db;
        const submissionId = randomUUID();
        const first = await submit(valuta, { submissionId, answers: SATISFIED });
        let retry: ReturnType<typeof submit> | undefined;
        await db.transaction().execute(async (trx) => {
          expect(await moveReadyResponses(trx, 1)).toBe(1);
          // the response has left response_pending and is not yet visible in response
          retry = submit(valuta, { submissionId, answers: SATISFIED });
          await new Promise((resolve) => setTimeout(resolve, 500));
        });
        const reply = await retry!;
        expect(reply.statusCode).toBe(201);
        expect(reply.json()).toEqual(first.json());
        expect(await countResponses(valuta)).toBe(1);
      } finally {
        await valuta.dispose();
      }
    });
  },
);
