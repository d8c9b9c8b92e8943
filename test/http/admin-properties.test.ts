import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, type TestValuta } from '../support/database.js';
import { HUB, startPilot } from '../support/pilot.js';
import { sessionAs, type Session } from '../support/staff.js';

/** Text of any code points, NUL and lone surrogates included: what a database may refuse. */
const anyText = fc.string({ unit: 'binary', maxLength: 30 });
const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e300, -1, 0, 2 ** 31, 2 ** 63));

describe(`property: bad input to the staff routes (${databaseKind})`, () => {
  let valuta: TestValuta;
  let office: Session;
  beforeAll(async () => {
    valuta = await startPilot({ RATE_LIMIT_PER_MINUTE: '0' });
    office = await sessionAs(valuta, 'platform-admin');
  });
  afterAll(() => valuta.dispose());

  const expectProblem = (reply: Awaited<ReturnType<TestValuta['app']['inject']>>) => {
    expect(reply.statusCode, reply.body).toBeLessThan(500);
    if (reply.statusCode >= 400) expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  it('sign-in and invitation bodies of any text never give 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (email, password) => {
        for (const url of [
          '/api/v1/auth/login',
          `/api/v1/auth/invitations/${encodeURIComponent(email) || 'x'}`,
        ])
          expectProblem(
            await valuta.app.inject({
              method: 'POST',
              url,
              headers: { 'content-type': 'application/json' },
              payload: JSON.stringify({ email, password }),
            }),
          );
      }),
      { numRuns: 60, examples: [['a\u0000b@example.it', 'x']] },
    );
  });

  it('query strings and bodies of the admin API never give 5xx', async () => {
    const queries = [
      '/audit?actor=',
      '/audit?action=',
      '/audit?before=',
      '/registry?q=',
      '/enti?q=',
      '/services?q=',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...queries),
        fc.oneof(anyText, anyNumber.map(String)),
        async (path, value) => {
          expectProblem(
            await valuta.app.inject({
              url: `/api/v1/admin${path}${encodeURIComponent(value)}`,
              headers: office.headers,
            }),
          );
        },
      ),
      {
        numRuns: 120,
        examples: [
          ['/audit?actor=', '\u0000'],
          ['/audit?before=', '1e300'],
        ],
      },
    );
    const fields = [
      'name',
      'url',
      'kind',
      'family',
      'channels',
      'allowedOrigins',
      'journeyPoint',
      'pinnedVersion',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(...fields),
          fc.oneof(anyText, anyNumber, fc.array(anyText, { maxLength: 2 }), fc.constant(null)),
        ),
        async (body) => {
          expectProblem(
            await valuta.app.inject({
              method: 'PATCH',
              url: `/api/v1/admin/services/${HUB}`,
              headers: { ...office.headers, 'content-type': 'application/json' },
              payload: JSON.stringify(body),
            }),
          );
        },
      ),
      { numRuns: 120, examples: [[{}], [{ pinnedVersion: 99_999_999_999 }], [{ name: 'a\u0000b' }]] },
    );
  });
});
