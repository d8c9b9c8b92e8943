import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { acceptInvitation, disableTotp, enableTotp, newTotp, signIn } from '../../../../commands/people.js';
import { closeSession } from '../../../../store/sessions.js';
import { userById, type StaffUser } from '../../../../store/staff.js';
import { SESSION_COOKIE } from '../../../access/credentials.js';
import { signedInBody, startSession } from '../../../access/session-cookie.js';
import { PUBLIC, principalOf } from '../../../access/declaration.js';
import type { AppServices } from '../../../services.js';
import { oidcRoutes } from './oidc.js';
import { problemResponses } from '../../../schemas.js';
import { commandContext, EnteRef, RoleOrNone } from './staff-context.js';

const SignedIn = Type.Object({
  user: Type.Object({
    id: Type.String(),
    email: Type.String(),
    role: RoleOrNone,
    ente: Type.Union([EnteRef, Type.Null()]),
  }),
  csrfToken: Type.String({ description: 'Send it as X-CSRF-Token with every state-changing request' }),
});

/** The 6-digit code an authenticator app shows now. */
const TotpCode = Type.String({ pattern: '^[0-9]{6}$', description: 'The code of an authenticator app' });

const Credentials = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    totp: Type.Optional(TotpCode),
  },
  { additionalProperties: false },
);

/** Sign-in, the session and sign-out, at /api/v1/auth. */
export const authRoutes: FastifyPluginAsyncTypebox<AppServices> = async (app, services) => {
  const { database, config, now } = services;
  const { staff } = config;

  const start = (request: FastifyRequest, reply: FastifyReply, user: StaffUser) =>
    startSession(request, reply, user, { db: database.db, now: now(), secure: staff.secureCookies });

  app.post(
    '/login',
    {
      config: { access: { audience: 'public', rateLimit: 'sign-in' } },
      schema: {
        summary: 'Sign in with e-mail and password',
        description:
          'Sets the session cookie (HttpOnly, SameSite=Strict) and returns the CSRF token. An unknown e-mail, a wrong password and a locked account get the same 401. After LOGIN_MAX_FAILURES failures in a row the account is locked for LOGIN_LOCK_MINUTES.',
        tags: ['console'],
        body: Credentials,
        response: { 200: SignedIn, ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const user = await signIn(database.db, request.body, { ...staff, now: now() });
      return start(request, reply, user);
    },
  );

  app.get(
    '/session',
    {
      config: { access: { audience: 'staff', permission: 'account' } },
      schema: {
        summary: 'The signed-in person and the CSRF token',
        tags: ['console'],
        response: { 200: SignedIn, ...problemResponses(401) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const user = principal.kind === 'user' ? await userById(database.db, principal.id) : undefined;
      return signedInBody(user!, request.sessionCsrfToken!);
    },
  );

  app.post(
    '/logout',
    {
      config: { access: { audience: 'staff', permission: 'account' } },
      schema: {
        summary: 'Sign out: the session is deleted',
        tags: ['console'],
        response: { 204: Type.Null(), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await closeSession(database.db, request.cookies[SESSION_COOKIE]!);
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send(null);
    },
  );

  // TOTP for one's own account: a new secret for the app, then on with a code it shows, off with one.
  const account = { access: { audience: 'staff', permission: 'account' } } as const;
  app.post(
    '/totp/secret',
    {
      config: account,
      schema: {
        summary: 'A new TOTP secret for an authenticator app (nothing changes until PUT /totp)',
        tags: ['console'],
        response: {
          200: Type.Object({
            secret: Type.String({ description: 'Base32, for typing into the app' }),
            uri: Type.String({ description: 'otpauth:// URI, for a QR code' }),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => newTotp(commandContext(request, services)),
  );
  app.put(
    '/totp',
    {
      config: account,
      schema: {
        summary: 'Turn TOTP on, with the secret the app took and a code it shows now',
        tags: ['console'],
        body: Type.Object(
          { secret: Type.String({ pattern: '^[A-Z2-7]{16,128}$' }), code: TotpCode },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await enableTotp(commandContext(request, services), request.body.secret, request.body.code);
      return reply.code(204).send(null);
    },
  );
  app.delete(
    '/totp',
    {
      config: account,
      schema: {
        summary: 'Turn TOTP off, with a code the app shows now',
        tags: ['console'],
        body: Type.Object({ code: TotpCode }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      await disableTotp(commandContext(request, services), request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/providers',
    {
      config: PUBLIC,
      schema: {
        summary: 'How people may sign in here',
        tags: ['console'],
        response: { 200: Type.Object({ password: Type.Boolean(), oidc: Type.Boolean() }) },
      },
    },
    async () => ({ password: true, oidc: staff.oidc !== null }),
  );

  app.post(
    '/invitations/:token',
    {
      config: { access: { audience: 'public', rateLimit: 'sign-in' } },
      schema: {
        summary: 'Accept an invitation with a password, and sign in',
        tags: ['console'],
        params: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) }),
        body: Type.Object(
          { password: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: { 200: SignedIn, ...problemResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const user = await acceptInvitation(
        { db: database.db, now },
        request.params.token,
        request.body.password,
      );
      return start(request, reply, user);
    },
  );

  // Under this plugin's prefix (services still carries it: it must not be added twice).
  await app.register(oidcRoutes, { ...services, prefix: '' });
};
