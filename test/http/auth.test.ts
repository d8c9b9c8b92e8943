import { TOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, type TestValuta } from '../support/database.js';
import { startPilot } from '../support/pilot.js';
import { addPerson, sessionAs, signIn, TEST_PASSWORD } from '../support/staff.js';

/** A sign-in; `from` another address than the other tests' when a test needs many (20 a minute each). */
const login = (
  valuta: TestValuta,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
  from = '127.0.0.1',
) =>
  valuta.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: from,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });
const session = (valuta: TestValuta, headers: Record<string, string>) =>
  valuta.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });
/** A state-changing request of the admin API (harmless: revoking a key that does not exist). */
const change = (valuta: TestValuta, headers: Record<string, string>) =>
  valuta.app.inject({
    method: 'POST',
    url: '/api/v1/admin/api-keys/00000000-0000-4000-8000-000000000000/revoke',
    headers,
  });

describe(`signing in with a local account (${databaseKind})`, () => {
  let valuta: TestValuta;
  let now = new Date('2026-11-20T10:00:00Z');
  beforeAll(async () => {
    valuta = await startPilot(
      { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15', SESSION_IDLE_MINUTES: '30' },
      { clock: () => now },
    );
  });
  afterAll(() => valuta.dispose());

  it('answers the person and a CSRF token, and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const email = await addPerson(valuta, 'ente-admin', 'inps');
    const reply = await login(valuta, { email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      user: { email, role: 'ente-admin', ente: { ipaCode: 'inps' } },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toMatch(
      /^valuta_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    expect(cookie).not.toMatch(/Secure/); // http://127.0.0.1: a Secure cookie would never come back
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const email = await addPerson(valuta, 'ente-analyst', 'inps');
    const unknown = await login(valuta, { email: 'nobody@example.it', password: TEST_PASSWORD });
    const wrong = await login(valuta, { email, password: 'not the password at all' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('locks an account after repeated failures, with the same answer, until the lock expires', async () => {
    const email = await addPerson(valuta, 'ente-analyst', 'inps');
    for (let i = 0; i < 3; i++)
      expect((await login(valuta, { email, password: 'wrong password!' })).statusCode).toBe(401);
    const locked = await login(valuta, { email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().type).toBe('urn:valuta:problem:sign-in-failed');
    // the lock is a change of state: in the trail, by the platform's rule, on that account
    const user = await valuta.database.db
      .selectFrom('staffUser')
      .select(['id', 'enteId'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const entries = await valuta.database.db
      .selectFrom('auditEntry')
      .selectAll()
      .where('action', '=', 'user.lock')
      .where('targetId', '=', user.id)
      .execute();
    expect(entries).toMatchObject([{ actorKind: 'system', targetKind: 'user', enteId: user.enteId }]);
    expect(entries[0]!.summary).toEqual({
      failures: 3,
      until: new Date(now.getTime() + 15 * 60_000).toISOString(),
    });
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await login(valuta, { email, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('starts a new session at every sign-in: the session presented before is gone', async () => {
    const email = await addPerson(valuta, 'ente-admin', 'inps');
    const first = await signIn(valuta, email);
    const again = await login(valuta, { email, password: TEST_PASSWORD }, { cookie: first.cookie });
    const second = String(again.headers['set-cookie']).split(';')[0]!;
    expect(second).not.toBe(first.cookie);
    expect((await session(valuta, { cookie: first.cookie })).statusCode).toBe(401);
    expect((await session(valuta, { cookie: second })).statusCode).toBe(200);
  });

  it('refuses a forged session, and a session idle for longer than SESSION_IDLE_MINUTES', async () => {
    expect((await session(valuta, { cookie: `valuta_session=${'A'.repeat(43)}` })).json()).toMatchObject({
      status: 401,
      type: 'urn:valuta:problem:sign-in-required',
    });
    const idle = await sessionAs(valuta, 'ente-analyst', 'inps');
    expect((await session(valuta, idle.headers)).statusCode).toBe(200);
    now = new Date(now.getTime() + 31 * 60_000);
    expect((await session(valuta, idle.headers)).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token, with a wrong one, or from another site', async () => {
    const admin = await sessionAs(valuta, 'ente-admin', 'inps');
    const without = await change(valuta, { cookie: admin.cookie });
    expect(without.statusCode).toBe(403);
    expect(without.json().type).toBe('urn:valuta:problem:csrf');
    expect((await change(valuta, { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(43) })).statusCode).toBe(
      403,
    );
    expect((await change(valuta, { ...admin.headers, origin: 'https://evil.example' })).statusCode).toBe(403);
    // With the token, the request goes through to the command (no such key: 404).
    expect((await change(valuta, admin.headers)).statusCode).toBe(404);
  });

  it('signs out: the session is deleted', async () => {
    const person = await sessionAs(valuta, 'ente-analyst', 'inps');
    const out = await valuta.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: person.headers,
    });
    expect(out.statusCode).toBe(204);
    expect((await session(valuta, person.headers)).statusCode).toBe(401);
  });

  it('turns TOTP on with a code of the app, asks for the code at sign-in, and turns it off with one', async () => {
    const email = await addPerson(valuta, 'ente-admin', 'inps');
    const TOTP_ADDRESS = '192.0.2.7';
    const person = await signIn(valuta, email);
    const call = (method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
      valuta.app.inject({
        method,
        url: `/api/v1/auth${url}`,
        headers: { ...person.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });
    const offered = await call('POST', '/totp/secret');
    expect(offered.statusCode).toBe(200);
    const { secret: base32, uri } = offered.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Valuta:/);
    const secret = Secret.fromBase32(base32);
    const codeNow = () => new TOTP({ secret }).generate({ timestamp: now.getTime() });
    const wrong = codeNow() === '000000' ? '111111' : '000000';
    expect((await login(valuta, { email, password: TEST_PASSWORD }, {}, TOTP_ADDRESS)).statusCode).toBe(200); // not on yet
    expect((await call('PUT', '/totp', { secret: base32, code: wrong })).statusCode).toBe(400);
    expect((await call('PUT', '/totp', { secret: base32, code: codeNow() })).statusCode).toBe(204);

    const without = await login(valuta, { email, password: TEST_PASSWORD }, {}, TOTP_ADDRESS);
    expect(without.json()).toMatchObject({ status: 401, type: 'urn:valuta:problem:totp-required' });
    const code = new TOTP({ secret }).generate({ timestamp: now.getTime() });
    const wrongCode = code === '000000' ? '111111' : '000000';
    expect(
      (await login(valuta, { email, password: TEST_PASSWORD, totp: wrongCode }, {}, TOTP_ADDRESS)).statusCode,
    ).toBe(401);
    expect(
      (await login(valuta, { email, password: TEST_PASSWORD, totp: code }, {}, TOTP_ADDRESS)).statusCode,
    ).toBe(200);
    // off only with a code of the app; both changes are in the trail
    expect((await call('DELETE', '/totp', { code: wrongCode })).statusCode).toBe(400);
    expect((await call('DELETE', '/totp', { code })).statusCode).toBe(204);
    expect((await login(valuta, { email, password: TEST_PASSWORD }, {}, TOTP_ADDRESS)).statusCode).toBe(200);
    const actions = await valuta.database.db
      .selectFrom('auditEntry')
      .select('action')
      .where('action', 'like', 'user.totp-%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['user.totp-enable', 'user.totp-disable']);
  });

  it('invites a person with a one-time link, valid 7 days, that signs them in with the role it names', async () => {
    const admin = await sessionAs(valuta, 'ente-admin', 'inps');
    const invited = await valuta.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'nuova.analista@inps.example', role: 'ente-analyst' }),
    });
    expect(invited.statusCode).toBe(201);
    const { invitation } = invited.json();
    expect(invitation).toMatchObject({
      email: 'nuova.analista@inps.example',
      role: 'ente-analyst',
      ente: 'inps',
    });
    expect(new Date(invitation.expiresAt).getTime() - now.getTime()).toBe(7 * 86_400_000);
    const token = invitation.link.split('/').at(-1);
    const accept = (password: string) =>
      valuta.app.inject({
        method: 'POST',
        url: `/api/v1/auth/invitations/${token}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ password }),
      });
    expect((await accept('short')).statusCode).toBe(400);
    const accepted = await accept('a password of her own');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ role: 'ente-analyst', ente: { ipaCode: 'inps' } });
    expect((await accept('a password of her own')).statusCode).toBe(404); // one time only
    // An ente-admin cannot invite a platform administrator (403), nor into another ente, which
    // answers as an unknown one does (404).
    for (const [body, status] of [
      [{ email: 'x@inps.example', role: 'platform-admin' }, 403],
      [{ email: 'y@inps.example', role: 'ente-analyst', ente: 'inail' }, 404],
      [{ email: 'y@inps.example', role: 'ente-analyst', ente: 'nessuno' }, 404],
    ] as const) {
      const refused = await valuta.app.inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      expect(refused.statusCode, JSON.stringify(body)).toBe(status);
    }
  });

  it('never lets an invitation link take over an account: one that signs in already accepts only by signing in', async () => {
    const admin = await sessionAs(valuta, 'ente-admin', 'inps');
    const db = valuta.database.db;
    const invite = async (email: string) => {
      const reply = await valuta.app.inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ email, role: 'ente-analyst' }),
      });
      expect(reply.statusCode).toBe(201);
      return (reply.json().invitation.link as string).split('/').at(-1)!;
    };
    const accept = (token: string) =>
      valuta.app.inject({
        method: 'POST',
        url: `/api/v1/auth/invitations/${token}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ password: 'the inviter’s own password' }),
      });
    // someone who signed in by OIDC and waits for their own ente's approval, without a role
    const waiting = 'rtd@comune.example.it';
    await db
      .insertInto('staffUser')
      .values({ email: waiting, role: null, enteId: null, oidcSubject: 'sub-rtd' })
      .execute();
    const token = await invite(waiting);
    const before = await db
      .selectFrom('staffUser')
      .selectAll()
      .where('email', '=', waiting)
      .executeTakeFirstOrThrow();
    expect((await accept(token)).statusCode).toBe(409);
    expect(
      await db.selectFrom('staffUser').selectAll().where('email', '=', waiting).executeTakeFirstOrThrow(),
    ).toEqual(before);

    // a person given a role after they were invited keeps it
    const promoted = 'promossa@inps.example';
    const late = await invite(promoted);
    await addPerson(valuta, 'ente-admin', 'inps', promoted);
    expect((await accept(late)).statusCode).toBe(409);
    expect(
      (
        await db
          .selectFrom('staffUser')
          .select('role')
          .where('email', '=', promoted)
          .executeTakeFirstOrThrow()
      ).role,
    ).toBe('ente-admin');

    // one invitation makes one account: the others for that e-mail are spent with it
    const fresh = 'doppio.invito@inps.example';
    const [first, second] = [await invite(fresh), await invite(fresh)];
    expect((await accept(second)).statusCode).toBe(200);
    expect((await accept(first)).statusCode).toBe(404);
  });
});

describe(`cookies on https (${databaseKind})`, () => {
  let valuta: TestValuta;
  beforeAll(async () => (valuta = await startPilot({ PUBLIC_URL: 'https://valuta.example' })));
  afterAll(() => valuta.dispose());

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const email = await addPerson(valuta, 'platform-admin');
    const reply = await login(valuta, { email, password: TEST_PASSWORD });
    expect(String(reply.headers['set-cookie'])).toMatch(/; Secure/);
  });
});
