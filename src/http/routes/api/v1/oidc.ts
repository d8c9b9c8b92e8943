/**
 * Signing in to the console with an OpenID Connect provider (a SPID/CIE proxy, Keycloak, a
 * region's IdP): the authorization code flow with PKCE, state and nonce. What the flow must
 * remember between the two requests travels in an encrypted cookie, so that nodes share nothing.
 */
import { hkdfSync } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { EncryptJWT, jwtDecrypt } from 'jose';
import * as client from 'openid-client';
import { Type } from 'typebox';
import { signInWithOidc } from '../../../../commands/oidc-sign-in.js';
import type { StaffAccessConfig } from '../../../../config.js';
import { ValutaError } from '../../../../domain/errors.js';
import { startSession } from '../../../access/session-cookie.js';
import type { AppServices } from '../../../services.js';
import { problemResponses } from '../../../schemas.js';

/** The cookie that carries the PKCE verifier, the state and the nonce from start to callback. */
export const OIDC_COOKIE = 'valuta_oidc';
const COOKIE_PATH = '/api/v1/auth/oidc';
/** How long a sign-in at the provider may take. */
const FLOW_SECONDS = 600;
const SIGNED_IN = '/console/';
const FAILED = '/console/accedi?errore=oidc';
const DISCOVERY_TIMEOUT_SECONDS = 10;

type OidcSettings = NonNullable<StaffAccessConfig['oidc']>;

interface FlowState {
  /** PKCE code verifier. */
  readonly v: string;
  /** state */
  readonly s: string;
  /** nonce */
  readonly n: string;
}

/** The cookie's key: its own, derived from the server secret (HKDF-SHA256). */
function cookieKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'valuta', 'valuta oidc flow cookie v1', 32));
}

/** Plain http is allowed only to a provider on this machine (a local proxy, the tests). */
function isLoopback(issuer: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname) || issuer.hostname.startsWith('127.');
}

/**
 * Discovers the provider (once per process: a failure is not kept, so the next sign-in tries
 * again) and authenticates to its token endpoint with client_secret_basic, or client_secret_post
 * when that is all it supports.
 */
function discoverer(oidc: OidcSettings): () => Promise<client.Configuration> {
  let pending: Promise<client.Configuration> | undefined;
  const discover = async () => {
    const issuer = new URL(oidc.issuer);
    const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
    const execute = insecure ? [client.allowInsecureRequests] : [];
    const found = await client.discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, {
      execute,
      timeout: DISCOVERY_TIMEOUT_SECONDS,
    });
    const methods = found.serverMetadata().token_endpoint_auth_methods_supported;
    const auth =
      methods === undefined || methods.includes('client_secret_basic')
        ? client.ClientSecretBasic(oidc.clientSecret)
        : client.ClientSecretPost(oidc.clientSecret);
    const configuration = new client.Configuration(
      found.serverMetadata(),
      oidc.clientId,
      oidc.clientSecret,
      auth,
    );
    for (const method of execute) method(configuration);
    configuration.timeout = DISCOVERY_TIMEOUT_SECONDS;
    return configuration;
  };
  return () => {
    pending ??= discover().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** Why a callback was refused, without personal data: an error's name and code. */
function reasonOf(error: unknown): Record<string, string> {
  // Valuta's own refusals name the rule, never the person.
  if (error instanceof ValutaError) return { reason: error.code, detail: error.message };
  if (error instanceof client.AuthorizationResponseError)
    return { reason: 'provider-error', error: error.error };
  if (error instanceof client.ResponseBodyError) return { reason: 'token-endpoint', error: error.error };
  const { name, code } = error as { name?: unknown; code?: unknown };
  return { reason: String(name ?? 'error'), ...(typeof code === 'string' ? { code } : {}) };
}

/** GET /oidc/start and /oidc/callback, under /api/v1/auth. */
export const oidcRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  const { database, config, now } = services;
  const { staff, publicUrl } = config;
  const oidc = staff.oidc;
  const configuration = oidc && discoverer(oidc);
  const key = cookieKey(config.antiAbuse.secret);
  const redirectUri = `${publicUrl}/api/v1/auth/oidc/callback`;
  const cookieOptions = {
    path: COOKIE_PATH,
    httpOnly: true,
    // Lax, not Strict: it must come back on the provider's top-level redirect to the callback.
    sameSite: 'lax',
    secure: staff.secureCookies,
  } as const;

  const notConfigured = () =>
    new ValutaError('VALUTA_ERR_NOT_FOUND', 'Signing in with OIDC is not configured on this server');

  app.get(
    '/oidc/start',
    {
      config: { access: { audience: 'public', rateLimit: 'sign-in' } },
      schema: {
        summary: 'Sign in with the OIDC provider: redirects there',
        description:
          'Redirects (302) to the provider’s authorization endpoint (scope openid email, PKCE S256, state, nonce); these are kept for the callback in an encrypted cookie, HttpOnly, SameSite=Lax, valid 10 minutes. 404 when no provider is configured, 502 when the provider cannot be discovered.',
        tags: ['console'],
        response: {
          302: Type.Null({ description: 'To the provider' }),
          ...problemResponses(404, 429, 502),
        },
      },
    },
    async (_request, reply) => {
      if (!configuration) throw notConfigured();
      let found: client.Configuration;
      try {
        found = await configuration();
      } catch (error) {
        reply.log.warn(reasonOf(error), 'OIDC discovery failed');
        throw new ValutaError('VALUTA_ERR_OIDC', 'The sign-in provider could not be discovered; retry later');
      }
      const flow: FlowState = {
        v: client.randomPKCECodeVerifier(),
        s: client.randomState(),
        n: client.randomNonce(),
      };
      const at = now();
      const sealed = await new EncryptJWT({ ...flow })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt(at)
        .setExpirationTime(new Date(at.getTime() + FLOW_SECONDS * 1000))
        .encrypt(key);
      const target = client.buildAuthorizationUrl(found, {
        redirect_uri: redirectUri,
        scope: 'openid email',
        code_challenge: await client.calculatePKCECodeChallenge(flow.v),
        code_challenge_method: 'S256',
        state: flow.s,
        nonce: flow.n,
      });
      return reply
        .setCookie(OIDC_COOKIE, sealed, { ...cookieOptions, maxAge: FLOW_SECONDS })
        .redirect(target.href, 302);
    },
  );

  /** The flow's state from the cookie, if it is there, intact and young enough. */
  const flowOf = async (request: FastifyRequest): Promise<FlowState> => {
    const sealed = request.cookies[OIDC_COOKIE];
    if (sealed === undefined) throw new ValutaError('VALUTA_ERR_SIGN_IN_FAILED', 'no-flow-cookie');
    try {
      const { payload } = await jwtDecrypt(sealed, key, {
        currentDate: now(),
        requiredClaims: ['exp'],
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      const { v, s, n } = payload;
      if (typeof v === 'string' && typeof s === 'string' && typeof n === 'string') return { v, s, n };
    } catch {
      // altered, expired or sealed by another secret: as if absent
    }
    throw new ValutaError('VALUTA_ERR_SIGN_IN_FAILED', 'bad-flow-cookie');
  };

  /** The provider's subject and verified e-mail, from the ID token or else from userinfo. */
  const identityOf = async (found: client.Configuration, request: FastifyRequest, flow: FlowState) => {
    const current = new URL(redirectUri);
    current.search = new URL(request.url, 'http://callback').search;
    const tokens = await client.authorizationCodeGrant(found, current, {
      pkceCodeVerifier: flow.v,
      expectedState: flow.s,
      expectedNonce: flow.n,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new ValutaError('VALUTA_ERR_SIGN_IN_FAILED', 'no-id-token');
    let claims: Record<string, unknown> = idToken;
    // Many providers put the e-mail in userinfo only, as OIDC Core asks of scope-requested claims.
    if (typeof claims.email !== 'string')
      claims = await client.fetchUserInfo(found, tokens.access_token, idToken.sub);
    const { email, email_verified: verified } = claims;
    if (typeof email !== 'string') throw new ValutaError('VALUTA_ERR_SIGN_IN_FAILED', 'no-email');
    // Only an e-mail the provider says it verified opens or links an account: a claim left out is
    // not a yes (a provider where people set their own address would hand out any account).
    if (verified !== true && verified !== 'true')
      throw new ValutaError('VALUTA_ERR_SIGN_IN_FAILED', 'email-not-verified');
    return { subject: idToken.sub, email };
  };

  const refuse = (reply: FastifyReply, log: FastifyBaseLogger, error: unknown) => {
    log.warn(reasonOf(error), 'OIDC sign-in refused');
    return reply.redirect(FAILED, 302);
  };

  app.get(
    '/oidc/callback',
    {
      config: { access: { audience: 'public', rateLimit: 'sign-in' } },
      schema: {
        summary: 'Where the OIDC provider sends the browser back',
        description:
          'Takes the authorization response (code, state, iss; or error), checks it against the flow’s cookie (which it clears), redeems the code with the PKCE verifier and checks the ID token’s nonce. The provider’s verified e-mail opens the account linked to its subject, links an account of that e-mail, accepts a pending invitation, or creates an account without a role. Then redirects (302) to /console/ with a new session, or to /console/accedi?errore=oidc with none.',
        tags: ['console'],
        response: {
          302: Type.Null({ description: 'To the console, signed in, or to its sign-in page' }),
          ...problemResponses(404, 429),
        },
      },
    },
    async (request, reply) => {
      if (!configuration) throw notConfigured();
      reply.clearCookie(OIDC_COOKIE, { path: COOKIE_PATH });
      try {
        const flow = await flowOf(request);
        const identity = await identityOf(await configuration(), request, flow);
        const user = await signInWithOidc(database.db, identity, now());
        await startSession(request, reply, user, {
          db: database.db,
          now: now(),
          secure: staff.secureCookies,
        });
      } catch (error) {
        return refuse(reply, request.log, error);
      }
      return reply.redirect(SIGNED_IN, 302);
    },
  );
};
