/**
 * Signing in to the console with an OpenID Connect provider (a SPID/CIE proxy, Keycloak, a
 * region's IdP): which account a provider's subject and verified e-mail open, created or linked
 * on the way, each change audited.
 */
import { ValutaError } from '../domain/errors.js';
import type { Principal } from '../domain/governance/roles.js';
import type { Db } from '../store/database.js';
import { userByEmail, userById, type StaffUser } from '../store/staff.js';
import { runCommand } from './command.js';
import { acceptInvitationByHash } from './people.js';

/** What the provider asserted: its stable subject, and an e-mail it has verified. */
export interface OidcIdentity {
  readonly subject: string;
  readonly email: string;
}

const EMAIL_RE = /^[^@\s]{1,64}@[^@\s]{1,255}$/;

const refused = (why: string) => new ValutaError('VALUTA_ERR_SIGN_IN_FAILED', why);

const asActor = (user: StaffUser): Principal => ({
  kind: 'user',
  id: user.id,
  email: user.email,
  role: user.role,
  enteId: user.ente?.id ?? null,
});

/**
 * The account a provider's identity signs in to:
 * - the account linked to that subject;
 * - else the account with that e-mail and no subject yet, which gets the subject linked
 *   (`user.link-oidc`);
 * - else, with a pending invitation for that e-mail, the account the invitation creates, with its
 *   role and ente and no password (`user.accept-invitation`), linked to the subject;
 * - else a new account without a role, linked to the subject (`user.sign-up-oidc`): it may ask for
 *   its ente to join.
 *
 * An account without a role that has a pending invitation for its e-mail gets the invitation's
 * role. A disabled account, an account linked to another subject and a malformed e-mail are
 * refused (`sign-in-failed`). The e-mail must be one the provider has verified: the caller checks.
 */
export async function signInWithOidc(db: Db, identity: OidcIdentity, now: Date): Promise<StaffUser> {
  const { subject } = identity;
  const email = identity.email.trim().toLowerCase();
  if (subject.length === 0 || subject.length > 255) throw refused('The provider sent no usable subject');
  if (!EMAIL_RE.test(email)) throw refused('The provider sent no usable e-mail');
  const clock = () => now;

  const linked = await db
    .selectFrom('staffUser')
    .select('id')
    .where('oidcSubject', '=', subject)
    .executeTakeFirst();
  if (linked) {
    const user = (await userById(db, linked.id))!;
    if (user.disabled) throw refused('This account is disabled');
    return user.role === null && user.email === email ? withPendingInvitation(db, user, clock) : user;
  }

  const byEmail = await db
    .selectFrom('staffUser')
    .select(['id', 'oidcSubject'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (byEmail) {
    const user = (await userById(db, byEmail.id))!;
    if (user.disabled) throw refused('This account is disabled');
    // Another subject holds this e-mail's account: the provider does not move accounts around.
    if (byEmail.oidcSubject !== null) throw refused('This account is linked to another identity');
    await linkSubject(db, user, subject, clock);
    return user.role === null ? withPendingInvitation(db, user, clock) : user;
  }

  const invited = await acceptPendingInvitation(db, email, clock);
  if (invited) {
    await linkSubject(db, invited, subject, clock);
    return invited;
  }

  const id = await runCommand(
    { db, principal: { kind: 'cli', operator: 'oidc' }, now: clock },
    async (trx) => {
      const { id } = await trx
        .insertInto('staffUser')
        .values({ email, role: null, enteId: null, passwordHash: null, oidcSubject: subject })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        result: id,
        // The new person acts: the audit entry names them, as an accepted invitation does.
        actor: { kind: 'user', id, email, role: null, enteId: null },
        audit: {
          action: 'user.sign-up-oidc',
          targetKind: 'user',
          targetId: id,
          enteId: null,
          summary: { after: { email, role: null } },
        },
      };
    },
  );
  return (await userById(db, id))!;
}

/** Links `subject` to an account that has none yet (`user.link-oidc`). */
async function linkSubject(db: Db, user: StaffUser, subject: string, now: () => Date): Promise<void> {
  await runCommand({ db, principal: asActor(user), now }, async (trx) => {
    const done = await trx
      .updateTable('staffUser')
      .set({ oidcSubject: subject })
      .where('id', '=', user.id)
      .where('oidcSubject', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw refused('This account is linked to another identity');
    return {
      result: undefined,
      audit: {
        action: 'user.link-oidc',
        targetKind: 'user',
        targetId: user.id,
        enteId: user.ente?.id ?? null,
        summary: { after: { oidc: true } },
      },
    };
  });
}

/** A role-less account with a pending invitation for its e-mail gets the invitation's role. */
async function withPendingInvitation(db: Db, user: StaffUser, now: () => Date): Promise<StaffUser> {
  return (await acceptPendingInvitation(db, user.email, now)) ?? user;
}

/**
 * Accepts the newest pending (unused, unexpired) invitation for `email`, with no password, through
 * `acceptInvitationByHash`, so that the rules and the audit entry (`user.accept-invitation`) are that
 * command's; the provider has proved the e-mail the invitation names, so it is found by e-mail and
 * accepted by its stored hash.
 */
async function acceptPendingInvitation(
  db: Db,
  email: string,
  now: () => Date,
): Promise<StaffUser | undefined> {
  const pending = await db
    .selectFrom('invitation')
    .select('tokenHash')
    .where('email', '=', email)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now())
    .orderBy('expiresAt', 'desc')
    .executeTakeFirst();
  if (!pending) return undefined;
  await acceptInvitationByHash({ db, now }, pending.tokenHash, null);
  return userByEmail(db, email);
}
