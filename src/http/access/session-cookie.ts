import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../store/database.js';
import { closeSession, openSession, SESSION_MAX_AGE_MS } from '../../store/sessions.js';
import type { StaffUser } from '../../store/staff.js';
import { SESSION_COOKIE } from './credentials.js';

/** What a sign-in answers: the person and the CSRF token of the new session. */
export function signedInBody(user: StaffUser, csrfToken: string) {
  return { user: { id: user.id, email: user.email, role: user.role, ente: user.ente }, csrfToken };
}

/**
 * Opens a session for `user` and sets its cookie (HttpOnly, SameSite=Strict, Secure on https),
 * deleting the session the browser presented: a sign-in always gets a new session id.
 */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  user: StaffUser,
  { db, now, secure }: { db: Db; now: Date; secure: boolean },
) {
  const previous = request.cookies[SESSION_COOKIE];
  if (previous !== undefined) await closeSession(db, previous);
  const { token, csrfToken } = await openSession(db, user.id, now);
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: SESSION_MAX_AGE_MS / 1000,
  });
  return signedInBody(user, csrfToken);
}
