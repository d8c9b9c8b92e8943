import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, type TestValuta } from '../support/database.js';
import { countResponses, HUB, startPilot } from '../support/pilot.js';
import { sessionAs, type Session } from '../support/staff.js';

describe(`questionnaire versions: draft, edit, preview, diff, publish (${databaseKind})`, () => {
  let valuta: TestValuta;
  let office: Session;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, session = office) =>
    valuta.app.inject({
      method,
      url: `/api/v1/admin${url}`,
      headers: { ...session.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  beforeAll(async () => {
    valuta = await startPilot();
    office = await sessionAs(valuta, 'platform-admin');
  });
  afterAll(() => valuta.dispose());

  it('makes a draft of the next version from the latest, validates every save, and publishes it immutable', async () => {
    const admin = await sessionAs(valuta, 'ente-admin', 'inps');
    expect((await call('POST', '/questionnaires/cx-dispositivo/drafts', undefined, admin)).statusCode).toBe(
      403,
    );
    const created = await call('POST', '/questionnaires/cx-dispositivo/drafts');
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft.definition).toMatchObject({ family: 'cx-dispositivo', version: 2 });
    expect((await call('POST', '/questionnaires/cx-dispositivo/drafts')).statusCode).toBe(409); // one at a time

    const duplicate = { ...draft.definition, items: [...draft.definition.items, draft.definition.items[0]] };
    const refused = await call('PUT', `/questionnaire-drafts/${draft.id}`, { definition: duplicate });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.length).toBeGreaterThan(0);
    expect((await call('GET', `/questionnaire-drafts/${draft.id}`)).json().definition).toEqual(
      draft.definition,
    );

    const [first, ...rest] = draft.definition.items;
    const edited = {
      ...draft.definition,
      items: [
        {
          ...first,
          question: { ...first.question, it: 'Nel complesso, quanto è soddisfatto del servizio?' },
        },
        ...rest,
        {
          code: 'TRUST',
          type: 'single',
          required: false,
          question: { it: 'Userebbe di nuovo il servizio?' },
          options: [
            { value: 'yes', label: { it: 'Sì' } },
            { value: 'no', label: { it: 'No' } },
          ],
        },
      ],
    };
    expect((await call('PUT', `/questionnaire-drafts/${draft.id}`, { definition: edited })).statusCode).toBe(
      200,
    );
    expect((await call('GET', '/questionnaires/cx-dispositivo/diff?from=1')).json()).toMatchObject({
      from: 1,
      to: 2,
      added: ['TRUST'],
      removed: [],
      changed: [{ code: first.code, fields: ['question'] }],
      reordered: false,
    });

    const preview = (answers: unknown) =>
      call('POST', `/questionnaire-drafts/${draft.id}/preview-answers`, { answers });
    expect((await preview({ TRUST: 'maybe' })).json()).toMatchObject({ ok: false });
    const before = await valuta.database.db.selectFrom('responsePending').select('id').execute();
    expect(
      (
        await preview({ SAT_OVERALL: 4, EASE: 3, EFFECTIVENESS: 'yes-fully', INFO_CLARITY: 4, TRUST: 'yes' })
      ).json(),
    ).toEqual({ ok: true });
    expect(await valuta.database.db.selectFrom('responsePending').select('id').execute()).toEqual(before); // never stored

    // The page citizens will see, answered in the console: checked, never stored.
    const page = (query: string, session = office) =>
      call('GET', `/questionnaire-drafts/${draft.id}/preview?${query}`, undefined, session);
    const shown = await page('lang=it');
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toMatch(/^text\/html/);
    expect(shown.body).toContain('Nel complesso, quanto è soddisfatto del servizio?');
    expect(shown.body).toContain('Userebbe di nuovo il servizio?');
    expect(shown.body).toMatch(
      /<form[^>]* action="\/api\/v1\/admin\/questionnaire-drafts\/[^"]+\/preview" method="get"/,
    );
    expect(shown.body).not.toContain('name="formToken"');
    expect((await page('lang=it', admin)).statusCode).toBe(403);
    const rowsBefore = await countResponses(valuta);
    const wrong = await page('lang=it&sent=1&inline=1&SAT_OVERALL=4&TRUST=maybe');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('class="error-summary"');
    const right = await page(
      'lang=en&sent=1&inline=1&SAT_OVERALL=4&EASE=3&EFFECTIVENESS=yes-fully&INFO_CLARITY=4&TRUST=yes',
    );
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('The answers are valid');
    expect(right.body).not.toContain('class="error-summary"');
    expect(await countResponses(valuta)).toBe(rowsBefore);

    expect((await call('POST', `/questionnaire-drafts/${draft.id}/publish`)).json()).toEqual({
      family: 'cx-dispositivo',
      version: 2,
    });
    expect((await call('GET', `/questionnaire-drafts/${draft.id}`)).statusCode).toBe(404);
    expect((await call('GET', '/questionnaires/cx-dispositivo/versions/2')).json().items.at(-1).code).toBe(
      'TRUST',
    );
    // A service of the family follows the latest version.
    const current = await valuta.app.inject('/api/v1/services/inps-hub-prestazioni/questionnaire');
    expect(current.json().version).toBe(2);
    expect((await call('GET', '/questionnaires/cx-dispositivo/diff?from=1&to=2')).json().added).toEqual([
      'TRUST',
    ]);
  });

  it('serves a pinned version to the service that pinned it, the latest to the others, until the family changes', async () => {
    // the first test published version 2 of cx-dispositivo
    const admin = await sessionAs(valuta, 'ente-admin', 'inps');
    const patch = (slug: string, body: unknown) =>
      valuta.app.inject({
        method: 'PATCH',
        url: `/api/v1/admin/services/${slug}`,
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    const versionOf = async (slug: string) =>
      (await valuta.app.inject(`/api/v1/services/${slug}/questionnaire`)).json().version;
    expect((await patch(HUB, { pinnedVersion: 1 })).statusCode).toBe(200);
    expect(await versionOf(HUB)).toBe(1);
    expect(await versionOf('inail-civa')).toBe(2); // same family, not pinned
    expect((await patch(HUB, { pinnedVersion: 9 })).statusCode).toBe(400); // no such version
    expect((await patch(HUB, {})).statusCode).toBe(400); // changes nothing
    // a pin belongs to its family: another family unpins
    const moved = await patch(HUB, { family: 'cx-consultazione' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().pinnedVersion).toBeNull();
  });

  it('answers any body sent as a definition with a 4xx, and changes nothing', async () => {
    const { id, definition } = (await call('POST', '/questionnaires/cx-consultazione/drafts')).json();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ definition: fc.jsonValue() }),
          fc.record({
            definition: fc.record({
              ...Object.fromEntries(Object.keys(definition).map((k) => [k, fc.jsonValue()])),
            }),
          }),
          fc.constant({ definition: { ...definition, items: [{ ...definition.items[1], showWhen: 5 }] } }),
        ),
        async (body) => {
          const reply = await call('PUT', `/questionnaire-drafts/${id}`, body);
          expect(reply.statusCode).toBeGreaterThanOrEqual(400);
          expect(reply.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    expect((await call('GET', `/questionnaire-drafts/${id}`)).json().definition).toEqual(definition);
    expect((await call('DELETE', `/questionnaire-drafts/${id}`)).statusCode).toBe(204);
  });
});
