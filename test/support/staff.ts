import { randomUUID } from 'node:crypto';
import { createApiKey } from '../../src/commands/api-keys.js';
import type { CommandContext } from '../../src/commands/command.js';
import { addUser } from '../../src/commands/people.js';
import type { ApiKeyScope, Role } from '../../src/domain/governance/roles.js';
import type { TestValuta } from './database.js';

/** The operator at the command line: what tests use to set people and keys up. */
export function cliContext(valuta: TestValuta): CommandContext {
  return { db: valuta.database.db, principal: { kind: 'cli', operator: 'test' }, now: () => new Date() };
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Adds a person with a password; returns their e-mail. */
export async function addPerson(
  valuta: TestValuta,
  role: Role,
  ente?: string,
  email?: string,
): Promise<string> {
  const address = email ?? `${role}-${randomUUID().slice(0, 8)}@example.it`;
  await addUser(cliContext(valuta), { email: address, role, ente, password: TEST_PASSWORD });
  return address;
}

/** A signed-in session: its cookie and CSRF token, as headers for `inject`. */
export interface Session {
  readonly cookie: string;
  readonly csrfToken: string;
  /** Headers of a request made with the session (the CSRF token included). */
  readonly headers: Record<string, string>;
}

export async function signIn(valuta: TestValuta, email: string, password = TEST_PASSWORD): Promise<Session> {
  const reply = await valuta.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password }),
  });
  if (reply.statusCode !== 200) throw new Error(`sign-in of ${email}: ${reply.statusCode} ${reply.body}`);
  const cookie = String(reply.headers['set-cookie']).split(';')[0]!;
  const { csrfToken } = reply.json() as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** A new person of `role` (of `ente`), signed in. */
export async function sessionAs(valuta: TestValuta, role: Role, ente?: string): Promise<Session> {
  return signIn(valuta, await addPerson(valuta, role, ente));
}

/** A new API key of `ente` with `scopes`; returns its secret. */
export async function apiKeyOf(valuta: TestValuta, ente: string, scopes: ApiKeyScope[]): Promise<string> {
  return (await createApiKey(cliContext(valuta), { name: `test ${randomUUID().slice(0, 8)}`, scopes, ente }))
    .secret;
}

/** GETs `url` as the central office (a platform administrator's session). */
export async function getAsCentralOffice(valuta: TestValuta, url: string) {
  const session = await sessionAs(valuta, 'platform-admin');
  return valuta.app.inject({ method: 'GET', url, headers: session.headers });
}
