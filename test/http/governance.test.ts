import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/commands/passwords.js';
import { databaseKind, type TestValuta } from '../support/database.js';
import { SATISFIED, startPilot, submit } from '../support/pilot.js';
import { sessionAs, signIn, TEST_PASSWORD, type Session } from '../support/staff.js';

describe(`adhesion and the service catalogue, through the admin API (${databaseKind})`, () => {
  let valuta: TestValuta;
  let office: Session;
  const call = (session: Session, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
    valuta.app.inject({
      method,
      url: `/api/v1/admin${url}`,
      headers: { ...session.headers, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      ...(method === 'GET' ? {} : { payload: JSON.stringify(body ?? {}) }),
    });
  beforeAll(async () => {
    valuta = await startPilot();
    office = await sessionAs(valuta, 'platform-admin');
  });
  afterAll(() => valuta.dispose());

  const personWithoutRole = async (email: string) => {
    await valuta.database.db
      .insertInto('staffUser')
      .values({ email, passwordHash: await hashPassword(TEST_PASSWORD) })
      .execute();
    return signIn(valuta, email);
  };

  it('lets a person without a role ask for an ente of the registry; approval makes them its ente-admin', async () => {
    const rtd = await personWithoutRole('rtd@comune.milano.example');
    expect(
      (await call(rtd, 'POST', '/enti/requests', { ipaCode: 'nope', rtdName: 'A', rtdEmail: 'a@b.it' }))
        .statusCode,
    ).toBe(404);
    const asked = await call(rtd, 'POST', '/enti/requests', {
      ipaCode: 'C_F205',
      rtdName: 'Rita Rossi',
      rtdEmail: 'rtd@comune.milano.example',
    });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({
      ipaCode: 'c_f205',
      name: 'Comune di Milano',
      status: 'requested',
      region: 'Lombardia',
    });
    expect((await call(rtd, 'GET', '/enti/c_f205')).statusCode).toBe(200); // their own request
    expect(
      (await call(rtd, 'POST', '/enti/requests', { ipaCode: 'c_f205', rtdName: 'X', rtdEmail: 'x@y.it' }))
        .statusCode,
    ).toBe(409);
    // one open request per person: not a second ente while the first waits
    const second = await call(rtd, 'POST', '/enti/requests', {
      ipaCode: 'c_l219',
      rtdName: 'Rita Rossi',
      rtdEmail: 'rtd@comune.milano.example',
    });
    expect(second.statusCode).toBe(409);
    expect((await call(office, 'GET', '/enti/c_l219')).statusCode).toBe(404);
    expect((await call(rtd, 'POST', '/enti/c_f205/approve')).statusCode).toBe(403);
    const approved = await call(office, 'POST', '/enti/c_f205/approve');
    expect(approved.json()).toMatchObject({ status: 'active' });
    const again = await signIn(valuta, 'rtd@comune.milano.example');
    const me = await valuta.app.inject({ url: '/api/v1/auth/session', headers: again.headers });
    expect(me.json().user).toMatchObject({ role: 'ente-admin', ente: { ipaCode: 'c_f205' } });
    // the role given is in the trail, with the approval that gave it
    const entry = await valuta.database.db
      .selectFrom('auditEntry')
      .select('summary')
      .where('action', '=', 'ente.approve')
      .where('targetId', '=', 'c_f205')
      .executeTakeFirstOrThrow();
    expect(entry.summary).toEqual({
      before: { status: 'requested' },
      after: { status: 'active', enteAdmin: 'rtd@comune.milano.example' },
    });
    expect((await call(office, 'POST', '/enti/c_f205/approve')).json()).toMatchObject({
      status: 409,
      type: 'urn:valuta:problem:invalid-transition',
    });
  });

  it('rejects with a reason only, and a rejected ente may ask again', async () => {
    const rtd = await personWithoutRole('rtd@comune.napoli.example');
    await call(rtd, 'POST', '/enti/requests', {
      ipaCode: 'c_f839',
      rtdName: 'N',
      rtdEmail: 'rtd@comune.napoli.example',
    });
    expect((await call(office, 'POST', '/enti/c_f839/reject', {})).statusCode).toBe(400);
    expect(
      (await call(office, 'POST', '/enti/c_f839/reject', { reason: 'RTD non confermato' })).json(),
    ).toMatchObject({
      status: 'rejected',
      rejectionReason: 'RTD non confermato',
    });
    expect(
      (
        await call(rtd, 'POST', '/enti/requests', {
          ipaCode: 'c_f839',
          rtdName: 'N',
          rtdEmail: 'rtd@comune.napoli.example',
        })
      ).json(),
    ).toMatchObject({
      status: 'requested',
      rejectionReason: null,
    });
  });

  it('stops the services of a suspended ente taking responses, until it is reactivated', async () => {
    expect((await submit(valuta, { answers: SATISFIED })).statusCode).toBe(201);
    expect((await call(office, 'POST', '/enti/inps/suspend')).json()).toMatchObject({ status: 'suspended' });
    expect((await submit(valuta, { answers: SATISFIED })).statusCode).toBe(404);
    expect((await call(office, 'POST', '/enti/inps/reactivate')).json()).toMatchObject({ status: 'active' });
    expect((await submit(valuta, { answers: SATISFIED })).statusCode).toBe(201);
  });

  it('registers a service as a draft that takes responses once active, and never after it is retired', async () => {
    const admin = await sessionAs(valuta, 'ente-admin', 'inps');
    const service = {
      slug: 'inps-nuovo-servizio',
      name: 'Nuovo servizio',
      url: 'https://www.inps.it/nuovo',
      kind: 'dispositivo',
      family: 'cx-dispositivo',
      channels: ['web', 'qr'],
      allowedOrigins: ['https://www.inps.it'],
      journeyPoint: 'after-transaction',
    };
    const bad = await call(admin, 'POST', '/services', {
      ...service,
      allowedOrigins: ['https://www.inps.it/page'],
      channels: ['fax'],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { item: string }) => e.item)
        .sort(),
    ).toEqual(['allowedOrigins', 'channels']);
    const created = await call(admin, 'POST', '/services', service);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'draft',
      ente: { ipaCode: 'inps' },
      links: { hosted: expect.stringMatching(/\/s\/inps-nuovo-servizio$/) },
    });
    expect(created.json().embed.snippet).toContain('<valuta-feedback service="inps-nuovo-servizio">');
    const taken = await call(admin, 'POST', '/services', service);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual([
      { item: 'slug', code: 'taken', detail: 'another service has this slug' },
    ]);
    const send = () => submit(valuta, { answers: SATISFIED }, { slug: service.slug });
    expect((await send()).statusCode).toBe(404);
    expect((await call(admin, 'POST', `/services/${service.slug}/activate`)).json()).toMatchObject({
      status: 'active',
    });
    expect((await send()).statusCode).toBe(201);
    expect((await call(admin, 'POST', `/services/${service.slug}/pause`)).json()).toMatchObject({
      status: 'paused',
    });
    expect((await send()).statusCode).toBe(404);
    expect((await call(admin, 'POST', `/services/${service.slug}/resume`)).json()).toMatchObject({
      status: 'active',
    });
    expect((await call(admin, 'POST', `/services/${service.slug}/retire`)).json()).toMatchObject({
      status: 'retired',
    });
    expect((await call(admin, 'POST', `/services/${service.slug}/resume`)).statusCode).toBe(409);
    expect((await send()).statusCode).toBe(404);
    const trail = await call(office, 'GET', `/audit?target=${service.slug}`);
    expect(trail.json().entries.map((e: { action: string }) => e.action)).toEqual([
      'service.retire',
      'service.resume',
      'service.pause',
      'service.activate',
      'service.register',
    ]);
    expect((await call(office, 'GET', '/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
