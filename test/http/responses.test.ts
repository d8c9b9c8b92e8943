import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { issueFormToken } from '../../src/domain/form-token.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createValuta } from '../../src/main.js';
import { freshDatabaseUrl, TEST_DATABASE_URL, type TestValuta } from '../support/database.js';
import { dumpEveryTable } from '../support/catalogue.js';
import { startProxy } from '../support/proxy.js';
import {
  allComments,
  countResponses,
  releaseAll,
  HUB,
  SATISFIED,
  startPilot,
  submit,
} from '../support/pilot.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

describe('POST /api/v1/services/{slug}/responses', () => {
  let valuta: TestValuta;
  const now = new Date('2026-06-10T08:47:13.512Z');
  beforeAll(async () => {
    valuta = await startPilot({}, { clock: () => now });
  });
  afterAll(() => valuta.dispose());

  it('answers 201 with the id of the durably stored response', async () => {
    const before = await countResponses(valuta);
    const reply = await submit(valuta, { answers: SATISFIED });
    expect(reply.statusCode).toBe(201);
    const { id } = reply.json();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); // random (v4), not time-ordered
    expect(await countResponses(valuta)).toBe(before + 1);
  });

  it('counts a retry once: same submission id, same 201 and id, nothing new stored', async () => {
    const submissionId = randomUUID();
    const first = await submit(valuta, { submissionId, answers: SATISFIED });
    const before = await countResponses(valuta);
    const retries = await Promise.all(
      [1, 2, 3].map(() => submit(valuta, { submissionId, answers: SATISFIED })),
    );
    for (const retry of retries) {
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(first.json());
    }
    expect(await countResponses(valuta)).toBe(before);
  });

  it('counts concurrent duplicates in the same batch once', async () => {
    const submissionId = randomUUID();
    const before = await countResponses(valuta);
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => submit(valuta, { submissionId, answers: SATISFIED })),
    );
    expect(new Set(replies.map((r) => r.json().id)).size).toBe(1);
    expect(replies.every((r) => r.statusCode === 201)).toBe(true);
    expect(await countResponses(valuta)).toBe(before + 1);
  });

  it('stores no IP, user agent, cookie or exact time: only the hour, a device class and the answers', async () => {
    const reply = await submit(
      valuta,
      { answers: { ...SATISFIED, SUGGESTIONS: 'Scrivetemi a mario.rossi@example.it' } },
      { headers: { 'user-agent': IPHONE, 'x-forwarded-for': '203.0.113.7', cookie: 'session=abc123' } },
    );
    const { id } = reply.json();
    await releaseAll(valuta);
    const row = await valuta.database.db
      .selectFrom('response')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(
      [
        'answers',
        'channel',
        'deviceClass',
        'id',
        'lang',
        'questionnaireVersionId',
        'serviceId',
        'submissionKey',
        'submittedHour',
        'textItems',
        'verified',
      ].sort(),
    );
    expect(row.submittedHour.toISOString()).toBe('2026-06-10T08:00:00.000Z');
    expect(row.deviceClass).toBe('mobile');
    // every table of the schema, read from the catalogue
    const everything = [...(await dumpEveryTable(valuta.database.db)).values()].join('\n');
    for (const secret of [
      '203.0.113.7',
      '127.0.0.1',
      'iPhone',
      'Safari',
      'abc123',
      'session',
      '47:13',
      'mario.rossi',
    ]) {
      expect(everything).not.toContain(secret);
    }
    const comments = await allComments(valuta);
    expect(comments).toContainEqual(
      expect.objectContaining({ text: 'Scrivetemi a [email]', day: '2026-06-10' }),
    );
    // the answers are kept apart from the comment
    expect(row.answers).toEqual(SATISFIED);
  });

  it('no column of any table could hold an identity, and only the hour of a response is stored', async () => {
    // (every table of the schema, from the catalogue; the timestamp columns are listed in test/store/at-rest.test.ts)
    const columns = await sql<{ tableName: string; columnName: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema()`.execute(valuta.database.db);
    const names = columns.rows.map((c) => c.columnName);
    for (const forbidden of ['ip', 'ip_address', 'user_agent', 'cookie', 'submitted_at', 'submission_id'])
      expect(names).not.toContain(forbidden);
    const responseColumns = columns.rows
      .filter((c) => /^response/.test(c.tableName))
      .map((c) => c.columnName);
    expect(responseColumns).not.toContain('created_at');
    // and the database itself refuses an exact time there
    await expect(
      sql`insert into response (id, service_id, questionnaire_version_id, submission_key, submitted_hour, channel, device_class, lang, answers)
          select gen_random_uuid(), service_id, questionnaire_version_id, 'x', '2026-01-01T10:15:00Z', 'web', 'mobile', 'it', '{}'
          from response limit 1`.execute(valuta.database.db),
    ).rejects.toThrow(/check constraint/);
  });

  it('answers 422 naming each bad item, and stores nothing', async () => {
    const before = await countResponses(valuta);
    const reply = await submit(valuta, {
      answers: { SAT_OVERALL: 7, EASE: 3, EFFECTIVENESS: 'perhaps', PAIN_POINTS: ['too-slow'], X: 1 },
    });
    expect(reply.statusCode).toBe(422);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = reply.json();
    expect(problem).toMatchObject({
      type: 'urn:valuta:problem:invalid-answers',
      status: 422,
      code: 'VALUTA_ERR_INVALID_ANSWERS',
    });
    expect(problem.errors.map((e: { item: string; code: string }) => `${e.item}:${e.code}`)).toEqual([
      'X:unknown-item',
      'SAT_OVERALL:invalid-value',
      'EFFECTIVENESS:invalid-option',
      'INFO_CLARITY:required',
      'PAIN_POINTS:not-shown',
    ]);
    expect(await countResponses(valuta)).toBe(before);
  });

  it.each([
    ['a body that is not JSON', '{"submissionId":', 400, 'validation'],
    ['no submission id', JSON.stringify({ answers: SATISFIED }), 400, 'validation'],
    [
      'a malformed submission id',
      JSON.stringify({ submissionId: 'a b', answers: SATISFIED }),
      400,
      'validation',
    ],
    [
      'an unknown field',
      JSON.stringify({ submissionId: randomUUID(), answers: SATISFIED, ip: '1.2.3.4' }),
      400,
      'validation',
    ],
    [
      'an unknown channel',
      JSON.stringify({ submissionId: randomUUID(), answers: SATISFIED, channel: 'fax' }),
      400,
      'validation',
    ],
    ['answers as a list', JSON.stringify({ submissionId: randomUUID(), answers: [4] }), 400, 'validation'],
  ])('answers 400 problem+json to %s', async (_name, payload, status, slug) => {
    const reply = await valuta.app.inject({
      method: 'POST',
      url: `/api/v1/services/${HUB}/responses`,
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(reply.statusCode).toBe(status);
    expect(reply.json()).toMatchObject({ type: `urn:valuta:problem:${slug}`, status });
  });

  it('answers 415 to a body that is not JSON, 413 to a huge one, 404 to an unknown service', async () => {
    const text = await valuta.app.inject({
      method: 'POST',
      url: `/api/v1/services/${HUB}/responses`,
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().type).toBe('urn:valuta:problem:unsupported-media-type');
    const huge = await submit(valuta, { answers: { ...SATISFIED, SUGGESTIONS: 'x'.repeat(100_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().type).toBe('urn:valuta:problem:payload-too-large');
    const unknown = await submit(valuta, { answers: SATISFIED }, { slug: 'no-such-service' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().type).toBe('urn:valuta:problem:service-not-found');
  });

  it('refuses text that is not well-formed Unicode with 422, and it does not fail the others in its batch', async () => {
    const [bad, good] = await Promise.all([
      submit(valuta, { answers: { ...SATISFIED, SUGGESTIONS: 'x \ud800 y' } }),
      submit(valuta, { answers: { ...SATISFIED, SUGGESTIONS: 'Tutto bene 😀' } }),
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ item: 'SUGGESTIONS', code: 'invalid-value' }),
    ]);
    expect(good.statusCode).toBe(201);
  });

  it('records the channel and the language', async () => {
    const reply = await submit(valuta, { answers: SATISFIED, channel: 'qr', lang: 'de' });
    await releaseAll(valuta);
    const row = await valuta.database.db
      .selectFrom('response')
      .select(['channel', 'lang'])
      .where('id', '=', reply.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'qr', lang: 'de' });
  });
});

const onPostgres = TEST_DATABASE_URL !== undefined;
describe.skipIf(!onPostgres)(
  onPostgres
    ? 'when the database server is unreachable'
    : 'when the database server is unreachable (skipped: PGlite is in-process and cannot become unreachable)',
  () => {
    it('answers 503 with Retry-After as problem+json, stores nothing, and recovers', async () => {
      const { url, drop } = await freshDatabaseUrl();
      const target = new URL(url);
      const proxy = await startProxy({ host: target.hostname, port: Number(target.port || 5432) });
      target.host = `127.0.0.1:${proxy.port}`;
      const valuta = await createValuta(loadConfig({ DATABASE_URL: target.toString(), LOG_LEVEL: 'silent' }));
      try {
        await seedDemo(valuta.database.db, { responses: 0 });
        valuta.directory.invalidate();
        await valuta.directory.all();
        proxy.cut();
        const reply = await submit(valuta as TestValuta, { answers: SATISFIED });
        expect(reply.statusCode).toBe(503);
        expect(reply.headers['retry-after']).toBe('5');
        expect(reply.json()).toMatchObject({ type: 'urn:valuta:problem:database-unavailable', status: 503 });
        // the hosted page says so in a page, keeps nothing, and asks to retry
        const form = await valuta.app.inject({
          method: 'POST',
          url: `/s/${HUB}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({
            SAT_OVERALL: '4',
            EASE: '3',
            EFFECTIVENESS: 'yes-fully',
            INFO_CLARITY: '4',
            presented: 'SAT_OVERALL,EASE,EFFECTIVENESS,INFO_CLARITY,TIME,FIRST_TIME,SUGGESTIONS',
            // a form served a minute ago, as a citizen would send it
            formToken: issueFormToken(valuta.config.antiAbuse.secret, HUB, new Date(Date.now() - 60_000)),
          }).toString(),
        });
        expect(form.statusCode).toBe(503);
        expect(form.headers['retry-after']).toBe('5');
        expect(form.body).toContain('Servizio momentaneamente non disponibile');
        const status = await valuta.app.inject('/status');
        expect(status.statusCode).toBe(503);
        expect(status.headers['content-type']).toMatch(/^application\/problem\+json/);

        proxy.restore();
        const again = await submit(valuta as TestValuta, { answers: SATISFIED });
        expect(again.statusCode).toBe(201);
        expect(await countResponses(valuta as TestValuta)).toBe(1);
      } finally {
        await valuta.close();
        await proxy.close();
        await drop();
      }
    });
  },
);
