/**
 * Signing in to the console with OIDC, against a real OpenID provider (oidc-provider) on
 * 127.0.0.1, through the whole flow a browser makes: start, the provider's login and consent,
 * the callback, and the session it opens. Valuta listens too; the "browser" is fetch, with its
 * own cookie jar and no automatic redirects.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { exportJWK, generateKeyPair } from 'jose';
// @ts-expect-error -- oidc-provider ships no type declarations; the little used here is typed below
import Provider from 'oidc-provider';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite } from '../../src/commands/people.js';
import { databaseKind, startValuta, type TestValuta } from '../support/database.js';
import { startPilot } from '../support/pilot.js';
import { addPerson, cliContext } from '../support/staff.js';

/** What the tests use of oidc-provider. */
interface Interaction {
  readonly prompt: { readonly name: string; readonly details: Record<string, unknown> };
  readonly params: Record<string, unknown>;
  readonly session?: { readonly accountId: string };
  readonly grantId?: string;
}
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: new (init: { accountId: string; clientId: string }) => {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  };
  on(event: string, listener: (...args: unknown[]) => void): void;
}

/** A person at the provider: whoever logs in next is `next`. */
interface Account {
  readonly sub: string;
  readonly email?: string;
  readonly email_verified?: boolean;
}

const CLIENT_ID = 'valuta-console';
const CLIENT_SECRET = 'a client secret for the tests only';

async function listen(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let browsers = 0;

/**
 * A browser without a window: fetch, its cookies per origin, redirects followed by hand. Each has
 * an address of its own (X-Forwarded-For, behind TRUST_PROXY), as people do: the sign-in rate
 * limit (20 a minute per address) would otherwise stop the suite.
 */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();
  private readonly address = `198.51.100.${(browsers++ % 250) + 1}`;

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string | undefined): void {
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    if (value === undefined) cookies.delete(name);
    else cookies.set(name, value);
    this.jar.set(origin, cookies);
  }

  async get(url: string): Promise<Response> {
    const { origin } = new URL(url);
    const cookies = [...(this.jar.get(origin) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { 'x-forwarded-for': this.address, ...(cookies ? { cookie: cookies } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const gone = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()),
      );
      this.setCookie(origin, name, gone || value === '' ? undefined : value);
    }
    return response;
  }
}

describe(`signing in with OIDC (${databaseKind})`, () => {
  let valuta: TestValuta;
  let valutaUrl: string;
  let issuer: string;
  let providerServer: Server;
  let next: Account & { readonly deny?: boolean };
  /** Every authorization request the provider received. */
  const authorizationRequests: URL[] = [];
  const accounts = new Map<string, Account>();
  /** How far Valuta's clock is ahead of the provider's. */
  let skewMs = 0;
  /** What Valuta logged (warnings and worse). */
  const logs: string[] = [];

  beforeAll(async () => {
    const valutaPort = await freePort();
    valutaUrl = `http://127.0.0.1:${valutaPort}`;

    let handle: (req: IncomingMessage, res: ServerResponse) => void = () => {};
    providerServer = createServer((req, res) => handle(req, res));
    issuer = `http://127.0.0.1:${await listen(providerServer)}`;
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const provider: OidcProvider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${valutaUrl}/api/v1/auth/oidc/callback`],
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test', alg: 'RS256', use: 'sig' }] },
      cookies: { keys: ['cookie key for the tests only'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      // Refuse any authorization request without PKCE, and any token request with the wrong verifier.
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      ttl: {
        AccessToken: 600,
        AuthorizationCode: 60,
        Grant: 3600,
        IdToken: 600,
        Interaction: 600,
        Session: 3600,
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      findAccount: async (_ctx: unknown, sub: string) => {
        const account = accounts.get(sub);
        return account && { accountId: sub, claims: async () => ({ ...account }) };
      },
    });
    const serve = provider.callback();
    /** The login and consent pages, answered at once as `next` would answer them. */
    const interact = async (req: IncomingMessage, res: ServerResponse) => {
      const details = await provider.interactionDetails(req, res);
      if (next.deny)
        return provider.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: 'The person said no',
        });
      if (details.prompt.name === 'login')
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: next.sub } },
          { mergeWithLastSubmission: false },
        );
      const grant = new provider.Grant({
        accountId: details.session!.accountId,
        clientId: String(details.params.client_id),
      });
      const { missingOIDCScope, missingOIDCClaims } = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
      };
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    };
    handle = (req, res) => {
      const url = new URL(req.url ?? '/', issuer);
      if (url.pathname.startsWith('/interaction/')) {
        interact(req, res).catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
        return;
      }
      if (url.pathname === '/auth') authorizationRequests.push(url);
      serve(req, res);
    };

    valuta = await startPilot(
      {
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        PUBLIC_URL: valutaUrl,
        TRUST_PROXY: 'true',
        LOG_LEVEL: 'warn',
      },
      {
        clock: () => new Date(Date.now() + skewMs),
        logStream: new Writable({
          write(chunk, _encoding, done) {
            logs.push(String(chunk));
            done();
          },
        }),
      },
    );
    await valuta.app.listen({ port: valutaPort, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await valuta?.dispose();
    await new Promise((resolve) => providerServer?.close(resolve));
  });

  /** Where the provider sends the browser back, and what the browser is left with. */
  interface Flow {
    readonly browser: Browser;
    /** The authorization request Valuta's start redirected to. */
    readonly authorization: URL;
    /** The answer of Valuta's start. */
    readonly start: Response;
    /** The callback URL the provider redirected to. */
    readonly callback: URL;
  }

  /** From Valuta's start, through the provider, up to (not into) Valuta's callback. */
  async function toCallback(account: Account & { deny?: boolean }, browser = new Browser()): Promise<Flow> {
    next = account;
    // What the provider says of the person from now on (a session at the provider skips its login).
    accounts.set(account.sub, account);
    const start = await browser.get(`${valutaUrl}/api/v1/auth/oidc/start`);
    expect(start.status).toBe(302);
    const authorization = new URL(start.headers.get('location')!);
    let url = authorization;
    for (let hops = 0; hops < 10; hops++) {
      const response = await browser.get(url.href);
      const location = response.headers.get('location');
      if (location === null)
        throw new Error(`${url.pathname} answered ${response.status}: ${await response.text()}`);
      url = new URL(location, url);
      if (url.origin === valutaUrl) return { browser, authorization, start, callback: url };
    }
    throw new Error('too many redirects at the provider');
  }

  /** The callback, as the browser follows the provider's redirect; the session it was left with. */
  async function callback(flow: Flow, url = flow.callback) {
    const response = await flow.browser.get(url.href);
    return {
      response,
      location: response.headers.get('location'),
      setCookies: response.headers.getSetCookie(),
      session: flow.browser.cookie(valutaUrl, 'valuta_session'),
    };
  }

  async function signInByOidc(account: Account, browser?: Browser) {
    return callback(await toCallback(account, browser));
  }

  const sessionOf = async (cookie: string | undefined) =>
    fetch(`${valutaUrl}/api/v1/auth/session`, { headers: { cookie: `valuta_session=${cookie}` } });

  const accountOf = (email: string) =>
    valuta.database.db.selectFrom('staffUser').selectAll().where('email', '=', email).executeTakeFirst();

  const auditActions = async (targetId: string) =>
    (
      await valuta.database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('targetId', '=', targetId)
        .orderBy('seq')
        .execute()
    ).map((e) => e.action);

  let counter = 0;
  const person = (email?: string, extra: Partial<Account> = {}): Account => {
    counter += 1;
    return {
      sub: `subject-${counter}-${Math.random().toString(36).slice(2)}`,
      email: email ?? `persona.${counter}@example.it`,
      email_verified: true,
      ...extra,
    };
  };

  it('(e) asks the provider for a code with PKCE (S256), a state and a nonce, remembered in a Lax, HttpOnly, encrypted cookie', async () => {
    const flow = await toCallback(person());
    const query = flow.authorization.searchParams;
    expect(`${flow.authorization.origin}${flow.authorization.pathname}`).toBe(`${issuer}/auth`);
    expect(query.get('response_type')).toBe('code');
    expect(query.get('client_id')).toBe(CLIENT_ID);
    expect(query.get('redirect_uri')).toBe(`${valutaUrl}/api/v1/auth/oidc/callback`);
    expect(query.get('scope')).toBe('openid email');
    expect(query.get('code_challenge_method')).toBe('S256');
    expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(query.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(authorizationRequests.at(-1)?.searchParams.get('code_challenge')).toBe(
      query.get('code_challenge'),
    );

    const [cookie] = flow.start.headers.getSetCookie();
    expect(cookie).toMatch(
      /^valuta_oidc=[^;]+; Max-Age=600; Path=\/api\/v1\/auth\/oidc; HttpOnly; SameSite=Lax$/,
    );
    // A JWE (dir, A256GCM): five parts, and neither the state nor the nonce in the clear.
    const sealed = flow.browser.cookie(valutaUrl, 'valuta_oidc')!;
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain(query.get('state'));
    expect(Buffer.from(sealed.split('.')[0]!, 'base64url').toString()).toBe('{"alg":"dir","enc":"A256GCM"}');

    // The provider checks the verifier against the challenge: the sign-in goes through, and the
    // callback clears the cookie.
    const done = await callback(flow);
    expect(done.location).toBe('/console/');
    expect(done.setCookies.find((c) => c.startsWith('valuta_oidc='))).toMatch(
      /^valuta_oidc=; Max-Age=0; Path=\/api\/v1\/auth\/oidc/,
    );
    expect(flow.browser.cookie(valutaUrl, 'valuta_oidc')).toBeUndefined();
  });

  it('(a) gives a person invited as ente-analyst of inps that role, by their verified e-mail, with no password', async () => {
    const email = 'analista.oidc@inps.example';
    await invite(cliContext(valuta), { email, role: 'ente-analyst', ente: 'inps' });
    const signedIn = await signInByOidc(person(email));
    expect(signedIn.location).toBe('/console/');
    const session = await sessionOf(signedIn.session);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({
      user: { email, role: 'ente-analyst', ente: { ipaCode: 'inps' } },
      csrfToken: expect.any(String),
    });
    const account = (await accountOf(email))!;
    expect(account.passwordHash).toBeNull();
    expect(account.oidcSubject).toMatch(/^subject-/);
    const invitation = await valuta.database.db
      .selectFrom('invitation')
      .select('usedAt')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(invitation.usedAt).not.toBeNull();
    expect(await auditActions(account.id)).toEqual(['user.accept-invitation', 'user.link-oidc']);
  });

  it('gives no role from an invitation already used, or expired', async () => {
    const used = 'invito.usato@inps.example';
    await invite(cliContext(valuta), { email: used, role: 'ente-admin', ente: 'inps' });
    await sql`update invitation set used_at = now() where email = ${used}`.execute(valuta.database.db);
    const expired = 'invito.scaduto@inps.example';
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await invite(
      { ...cliContext(valuta), now: () => eightDaysAgo },
      { email: expired, role: 'ente-admin', ente: 'inps' },
    );
    for (const email of [used, expired]) {
      const signedIn = await signInByOidc(person(email));
      expect(signedIn.location).toBe('/console/');
      expect(await (await sessionOf(signedIn.session)).json()).toMatchObject({
        user: { email, role: null, ente: null },
      });
    }
  });

  it('(b) gives an unknown e-mail an account without a role, which may ask for its ente to join', async () => {
    const email = 'sconosciuta@comune.example';
    const signedIn = await signInByOidc(person(email));
    expect(signedIn.location).toBe('/console/');
    const session = await sessionOf(signedIn.session);
    expect(await session.json()).toMatchObject({ user: { email, role: null, ente: null } });
    const account = (await accountOf(email))!;
    expect(account.passwordHash).toBeNull();
    expect(await auditActions(account.id)).toEqual(['user.sign-up-oidc']);
  });

  it('(c) signs the same subject in to the same account, even with a new e-mail, with a new session id each time', async () => {
    const first = person('stessa.persona@example.it');
    const browser = new Browser();
    const once = await signInByOidc(first, browser);
    const account = (await accountOf(first.email!))!;
    const again = await signInByOidc({ ...first, email: 'nuovo.indirizzo@example.it' }, browser);
    expect(again.location).toBe('/console/');
    expect(again.session).toBeDefined();
    expect(again.session).not.toBe(once.session);
    expect((await sessionOf(once.session)).status).toBe(401); // the session presented is gone
    expect(await (await sessionOf(again.session)).json()).toMatchObject({
      user: { id: account.id, email: first.email },
    });
    expect(await accountOf('nuovo.indirizzo@example.it')).toBeUndefined();
  });

  it('links the subject to an account of that e-mail that has none, keeping its role; another subject is then refused', async () => {
    const email = await addPerson(valuta, 'ente-admin', 'inps');
    const signedIn = await signInByOidc(person(email));
    expect(await (await sessionOf(signedIn.session)).json()).toMatchObject({
      user: { email, role: 'ente-admin', ente: { ipaCode: 'inps' } },
    });
    const account = (await accountOf(email))!;
    expect(await auditActions(account.id)).toEqual(['user.add', 'user.link-oidc']);
    const impostor = await signInByOidc(person(email));
    expect(impostor.location).toBe('/console/accedi?errore=oidc');
    expect(impostor.session).toBeUndefined();
  });

  it('gives a role-less account the role of an invitation that came later', async () => {
    const email = 'poi.invitata@inps.example';
    const someone = person(email);
    await signInByOidc(someone);
    await invite(cliContext(valuta), { email, role: 'ente-analyst', ente: 'inps' });
    const signedIn = await signInByOidc(someone);
    expect(await (await sessionOf(signedIn.session)).json()).toMatchObject({
      user: { email, role: 'ente-analyst', ente: { ipaCode: 'inps' } },
    });
  });

  describe('(d) refuses, with no session and back to the sign-in page', () => {
    const refused = (result: Awaited<ReturnType<typeof callback>>) => {
      expect(result.response.status).toBe(302);
      expect(result.location).toBe('/console/accedi?errore=oidc');
      expect(result.session).toBeUndefined();
      expect(result.setCookies.filter((c) => c.startsWith('valuta_session='))).toEqual([]);
    };

    it('a tampered state', async () => {
      const flow = await toCallback(person());
      const tampered = new URL(flow.callback);
      tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
      refused(await callback(flow, tampered));
    });

    it('a callback without the flow’s cookie, or with an altered one', async () => {
      const flow = await toCallback(person());
      flow.browser.setCookie(valutaUrl, 'valuta_oidc', undefined);
      refused(await callback(flow));
      const other = await toCallback(person());
      const sealed = other.browser.cookie(valutaUrl, 'valuta_oidc')!;
      // one character in the middle, changed for sure (the last ones may carry no bits, or be AA already)
      const at = Math.floor(sealed.length / 2);
      const altered = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
      other.browser.setCookie(valutaUrl, 'valuta_oidc', altered);
      refused(await callback(other));
    });

    it('a callback more than 10 minutes after the start', async () => {
      const flow = await toCallback(person());
      skewMs = 11 * 60_000;
      try {
        refused(await callback(flow));
      } finally {
        skewMs = 0;
      }
    });

    it('a callback with the cookie of another sign-in (another state, verifier and nonce)', async () => {
      const victim = await toCallback(person());
      const attacker = await toCallback(person());
      victim.browser.setCookie(valutaUrl, 'valuta_oidc', attacker.browser.cookie(valutaUrl, 'valuta_oidc'));
      refused(await callback(victim));
    });

    it('a callback replayed with its cookie: the provider redeems a code once', async () => {
      const flow = await toCallback(person());
      const sealed = flow.browser.cookie(valutaUrl, 'valuta_oidc');
      expect((await callback(flow)).location).toBe('/console/');
      const replay = new Browser();
      replay.setCookie(valutaUrl, 'valuta_oidc', sealed);
      refused(await callback({ ...flow, browser: replay }));
    });

    it('the provider’s error (the person said no)', async () => {
      const flow = await toCallback({ ...person(), deny: true });
      expect(flow.callback.searchParams.get('error')).toBe('access_denied');
      refused(await callback(flow));
    });

    it('no e-mail, or one the provider has not verified, or not said it verified', async () => {
      const noEmail = await signInByOidc({ sub: person().sub });
      refused(noEmail);
      const unsaid = { ...person('senza.verifica@example.it'), email_verified: undefined };
      refused(await signInByOidc(unsaid));
      expect(await accountOf('senza.verifica@example.it')).toBeUndefined();
      const unverified = person('non.verificata@example.it', { email_verified: false });
      const before = logs.length;
      refused(await signInByOidc(unverified));
      expect(await accountOf('non.verificata@example.it')).toBeUndefined();
      // Logged at warn with the reason, and nothing of the person.
      const logged = logs.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toContainEqual(
        expect.objectContaining({ level: 40, msg: 'OIDC sign-in refused', detail: 'email-not-verified' }),
      );
      expect(logs.slice(before).join('')).not.toMatch(/non\.verificata|subject-/);
    });

    it('a disabled account, linked to the subject or not yet', async () => {
      const email = await addPerson(valuta, 'ente-analyst', 'inps');
      await sql`update staff_user set disabled = true where email = ${email}`.execute(valuta.database.db);
      refused(await signInByOidc(person(email)));
      const linked = person();
      expect((await signInByOidc(linked)).location).toBe('/console/');
      await sql`update staff_user set disabled = true where email = ${linked.email}`.execute(
        valuta.database.db,
      );
      refused(await signInByOidc(linked));
    });
  });

  it('tells the console that OIDC is on, and documents both operations as public', async () => {
    const providers = await fetch(`${valutaUrl}/api/v1/auth/providers`);
    expect(await providers.json()).toEqual({ password: true, oidc: true });
    const document = (await (await fetch(`${valutaUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, { get?: { summary?: string; security?: unknown; responses?: object } }>;
    };
    for (const [path, statuses] of [
      ['/api/v1/auth/oidc/start', ['302', '404', '429', '502']],
      ['/api/v1/auth/oidc/callback', ['302', '404', '429']],
    ] as const) {
      const operation = document.paths[path]?.get;
      expect(operation?.summary, path).toBeTruthy();
      expect(operation?.security, path).toBeUndefined();
      expect(Object.keys(operation?.responses ?? {}).sort(), path).toEqual([...statuses]);
    }
  });
});

describe('OIDC not configured, or its provider unreachable', () => {
  let plain: TestValuta;
  let unreachable: TestValuta;
  beforeAll(async () => {
    [plain, unreachable] = await Promise.all([
      startValuta(),
      freePort().then((port) =>
        startValuta({
          OIDC_ISSUER: `http://127.0.0.1:${port}`,
          OIDC_CLIENT_ID: CLIENT_ID,
          OIDC_CLIENT_SECRET: CLIENT_SECRET,
        }),
      ),
    ]);
  });
  afterAll(async () => {
    await Promise.all([plain?.dispose(), unreachable?.dispose()]);
  });

  it('(f) answers 404 at start and callback without OIDC_ISSUER', async () => {
    for (const url of ['/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback?code=x&state=y']) {
      const reply = await plain.app.inject({ method: 'GET', url });
      expect(reply.statusCode, url).toBe(404);
      expect(reply.json()).toMatchObject({ type: 'urn:valuta:problem:not-found' });
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
    const providers = await plain.app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(providers.json()).toEqual({ password: true, oidc: false });
  });

  it('answers 502 oidc at start when the provider cannot be discovered, and refuses the callback', async () => {
    const start = await unreachable.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    expect(start.statusCode).toBe(502);
    expect(start.json()).toMatchObject({ code: 'VALUTA_ERR_OIDC', type: 'urn:valuta:problem:oidc' });
    expect(start.headers['set-cookie']).toBeUndefined();
    const back = await unreachable.app.inject({
      method: 'GET',
      url: '/api/v1/auth/oidc/callback?code=x&state=y',
    });
    expect(back.statusCode).toBe(302);
    expect(back.headers.location).toBe('/console/accedi?errore=oidc');
  });
});
