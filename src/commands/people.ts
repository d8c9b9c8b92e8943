/**
 * People of the console: the first administrator, invitations and their acceptance, sign-in
 * with a local password (lockout after repeated failures, optional TOTP).
 */
import { TOTP, Secret } from 'otpauth';
import { ValutaError } from '../domain/errors.js';
import { ROLES, type Role } from '../domain/governance/roles.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import {
  clearFailedSignIns,
  newSecret,
  recordFailedSignIn,
  secretHash,
  userByEmail,
  userById,
  type StaffUser,
} from '../store/staff.js';
import { authorize, runCommand, type CommandContext } from './command.js';
import { targetEnteId } from './enti.js';
import { checkPassword, hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';

/** An invitation is valid this long. */
export const INVITATION_DAYS = 7;
const EMAIL_RE = /^[^@\s]{1,64}@[^@\s]{1,255}$/;

function validEmail(email: string): string {
  const normal = email.trim().toLowerCase();
  if (!EMAIL_RE.test(normal))
    throw new ValutaError('VALUTA_ERR_VALIDATION', 'Not an e-mail address', [
      { item: 'email', code: 'format', detail: 'an e-mail address, name@domain' },
    ]);
  return normal;
}

function validPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 256)
    throw new ValutaError(
      'VALUTA_ERR_VALIDATION',
      `A password has ${MIN_PASSWORD_LENGTH} to 256 characters`,
      [{ item: 'password', code: 'length', detail: `at least ${MIN_PASSWORD_LENGTH} characters` }],
    );
}

/**
 * The ente a new person joins: none for a platform administrator (whom only the central office
 * adds), else the one named or the inviter's own, within the inviter's reach (another ente's
 * answers as not found).
 */
async function enteOfNewPerson(ctx: CommandContext, person: NewPerson): Promise<string | null> {
  if (person.role !== 'platform-admin') return targetEnteId(ctx, person.ente, 'users:invite', 'person');
  if (person.ente !== undefined)
    throw new ValutaError('VALUTA_ERR_VALIDATION', 'A platform administrator belongs to no ente', [
      { item: 'ente', code: 'not-allowed', detail: 'leave out the ente for platform-admin' },
    ]);
  authorize(ctx.principal, 'users:invite', null);
  return null;
}

export interface NewPerson {
  readonly email: string;
  readonly role: Role;
  readonly ente?: string;
}

/** Adds a person with a password straight away (the CLI, ADMIN_EMAIL, demo accounts). */
export async function addUser(
  ctx: CommandContext,
  person: NewPerson & { readonly password: string },
): Promise<StaffUser> {
  const email = validEmail(person.email);
  validPassword(person.password);
  if (!ROLES.includes(person.role))
    throw new ValutaError('VALUTA_ERR_VALIDATION', `Unknown role ${person.role}`);
  const enteId = await enteOfNewPerson(ctx, person);
  const passwordHash = await hashPassword(person.password);
  await runCommand(ctx, async (trx) => {
    const existing = await trx
      .selectFrom('staffUser')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (existing) throw new ValutaError('VALUTA_ERR_CONFLICT', `${email} has an account already`);
    const { id } = await trx
      .insertInto('staffUser')
      .values({ email, role: person.role, enteId, passwordHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: id,
      audit: {
        action: 'user.add',
        targetKind: 'user',
        targetId: id,
        enteId,
        summary: { after: { email, role: person.role } },
      },
    };
  });
  return (await userByEmail(ctx.db, email))!;
}

export interface Invitation {
  readonly email: string;
  readonly role: Role;
  /** The ente's id (null for a platform administrator). */
  readonly ente: string | null;
  readonly expiresAt: Date;
  /** The one-time token; only its hash is stored. */
  readonly token: string;
}

/** Invites a person: a one-time token, valid INVITATION_DAYS, that the inviter passes on. */
export async function invite(ctx: CommandContext, person: NewPerson): Promise<Invitation> {
  const email = validEmail(person.email);
  const enteId = await enteOfNewPerson(ctx, person);
  const token = newSecret();
  const expiresAt = new Date(ctx.now().getTime() + INVITATION_DAYS * 86_400_000);
  return runCommand(ctx, async (trx) => {
    const existing = await trx
      .selectFrom('staffUser')
      .select('role')
      .where('email', '=', email)
      .executeTakeFirst();
    if (existing?.role) throw new ValutaError('VALUTA_ERR_CONFLICT', `${email} has an account already`);
    await trx
      .insertInto('invitation')
      .values({
        tokenHash: secretHash(token),
        email,
        role: person.role,
        enteId,
        invitedBy: ctx.principal.kind === 'user' ? ctx.principal.id : null,
        expiresAt,
      })
      .execute();
    return {
      result: { email, role: person.role, ente: enteId, expiresAt, token },
      audit: {
        action: 'user.invite',
        targetKind: 'user',
        targetId: email,
        enteId,
        summary: { after: { email, role: person.role, expiresAt: expiresAt.toISOString() } },
      },
    };
  });
}

/**
 * Accepts an invitation: creates (or completes) the account with the role and ente it names. With
 * a password, the account signs in locally; without (OIDC), by its provider with that e-mail.
 */
export async function acceptInvitation(
  ctx: Omit<CommandContext, 'principal'>,
  token: string,
  password: string | null,
): Promise<StaffUser> {
  return acceptInvitationByHash(ctx, secretHash(token), password);
}

/**
 * `acceptInvitation` by the stored hash of the token: for a sign-in whose provider proved the
 * e-mail the invitation names (OIDC), which never saw the link.
 */
export async function acceptInvitationByHash(
  ctx: Omit<CommandContext, 'principal'>,
  tokenHash: string,
  password: string | null,
): Promise<StaffUser> {
  if (password !== null) validPassword(password);
  const invitation = await ctx.db
    .selectFrom('invitation')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (!invitation || invitation.usedAt !== null || invitation.expiresAt.getTime() <= ctx.now().getTime())
    throw new ValutaError('VALUTA_ERR_NOT_FOUND', 'This invitation is unknown, used or expired');
  const passwordHash = password === null ? null : await hashPassword(password);
  const { email, role, enteId } = invitation;
  await runCommand(
    { ...ctx, principal: { kind: 'cli', operator: email } } /* the actor is the person, set below */,
    async (trx) => {
      const used = await trx
        .updateTable('invitation')
        .set({ usedAt: ctx.now() })
        .where('tokenHash', '=', invitation.tokenHash)
        .where('usedAt', 'is', null)
        .returning('email')
        .executeTakeFirst();
      if (!used) throw new ValutaError('VALUTA_ERR_NOT_FOUND', 'This invitation is unknown, used or expired');
      // A link never takes over an account: one with a role keeps it, and one that signs in already
      // (a password, or a provider) accepts only by signing in with it (OIDC), not with the link.
      const existing = await trx
        .selectFrom('staffUser')
        .select(['role', 'passwordHash', 'oidcSubject'])
        .where('email', '=', email)
        .executeTakeFirst();
      if (existing?.role)
        throw new ValutaError('VALUTA_ERR_CONFLICT', `${email} has an account with a role already`);
      if (existing && password !== null && (existing.passwordHash !== null || existing.oidcSubject !== null))
        throw new ValutaError('VALUTA_ERR_CONFLICT', `${email} has an account: sign in with it to accept`);
      // One invitation makes one account: the others for this e-mail are spent with it.
      await trx
        .updateTable('invitation')
        .set({ usedAt: ctx.now() })
        .where('email', '=', email)
        .where('usedAt', 'is', null)
        .execute();
      const { id } = await trx
        .insertInto('staffUser')
        .values({ email, role, enteId, passwordHash })
        .onConflict((oc) =>
          oc.column('email').doUpdateSet({ role, enteId, ...(passwordHash ? { passwordHash } : {}) }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        result: id,
        audit: {
          action: 'user.accept-invitation',
          targetKind: 'user',
          targetId: id,
          enteId,
          summary: { after: { email, role } },
        },
      };
    },
  );
  return (await userByEmail(ctx.db, email))!;
}

export interface SignInPolicy {
  readonly maxFailures: number;
  readonly lockMs: number;
}

/** Counts a failure; the one that locks the account is written to the audit trail with the lock. */
async function failedSignIn(db: Db, user: StaffUser, policy: SignInPolicy & { now: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await recordFailedSignIn(trx, user.id, policy))) return;
    const until = new Date(policy.now.getTime() + policy.lockMs).toISOString();
    await appendAudit(
      trx,
      {
        actorKind: 'system',
        actorId: null,
        actorLabel: 'sign-in policy',
        action: 'user.lock',
        targetKind: 'user',
        targetId: user.id,
        enteId: user.ente?.id ?? null,
        summary: { failures: policy.maxFailures, until },
      },
      policy.now,
    );
  });
}

/**
 * Signs in with e-mail and password (and the TOTP code, for accounts that have one). An unknown
 * e-mail, a wrong password and a locked account get the same answer, after the same work.
 */
export async function signIn(
  db: Db,
  { email, password, totp }: { email: string; password: string; totp?: string },
  policy: SignInPolicy & { now: Date },
): Promise<StaffUser> {
  const failed = () =>
    new ValutaError(
      'VALUTA_ERR_SIGN_IN_FAILED',
      'The e-mail or the password is wrong, or the account is locked for a while',
    );
  const user = await userByEmail(db, email.trim());
  const ok = await checkPassword(user?.passwordHash ?? null, password);
  if (!user || user.disabled) throw failed();
  if (user.lockedUntil !== null && user.lockedUntil.getTime() > policy.now.getTime()) throw failed();
  if (!ok) {
    await failedSignIn(db, user, policy);
    throw failed();
  }
  if (user.totpSecret !== null) {
    if (totp === undefined)
      throw new ValutaError('VALUTA_ERR_TOTP_REQUIRED', 'Send the code of your authenticator app');
    if (!totpMatches(user.totpSecret, totp, policy.now)) {
      await failedSignIn(db, user, policy);
      throw failed();
    }
  }
  await clearFailedSignIns(db, user.id);
  return user;
}

/** A new TOTP secret (base32) for one's own account and its otpauth:// URI; nothing is stored yet. */
export async function newTotp(ctx: CommandContext): Promise<{ secret: string; uri: string }> {
  const { email } = await ownAccount(ctx);
  const totp = new TOTP({ issuer: 'Valuta', label: email, secret: new Secret({ size: 20 }) });
  return { secret: totp.secret.base32, uri: totp.toString() };
}

/** Whether `code` is the TOTP of `secret` now (one 30-second step of clock drift allowed). */
export function totpMatches(secret: string, code: string, now: Date): boolean {
  const totp = new TOTP({ issuer: 'Valuta', secret: Secret.fromBase32(secret) });
  return totp.validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}

const wrongCode = () =>
  new ValutaError('VALUTA_ERR_VALIDATION', 'The code is not the one the app shows now', [
    { item: 'code', code: 'wrong-code', detail: 'the 6 digits the authenticator app shows now' },
  ]);

/** The signed-in person acting on their own account (a key or the CLI has none). */
async function ownAccount(ctx: CommandContext): Promise<StaffUser> {
  const user = ctx.principal.kind === 'user' ? await userById(ctx.db, ctx.principal.id) : undefined;
  if (!user) throw new ValutaError('VALUTA_ERR_FORBIDDEN', 'Only a person signed in has an account');
  return user;
}

/**
 * Turns TOTP on for one's own account: the secret the app was given (`newTotp`), proved by a code
 * the app shows now, so that nobody is locked out by a secret their app never took.
 */
export async function enableTotp(ctx: CommandContext, secret: string, code: string): Promise<void> {
  const user = await ownAccount(ctx);
  if (!totpMatches(secret, code, ctx.now())) throw wrongCode();
  await setTotp(ctx, user, secret);
}

/** Turns TOTP off for one's own account, with a code of the app (a stolen session alone cannot). */
export async function disableTotp(ctx: CommandContext, code: string): Promise<void> {
  const user = await ownAccount(ctx);
  if (user.totpSecret === null)
    throw new ValutaError('VALUTA_ERR_CONFLICT', 'TOTP is not on for this account');
  if (!totpMatches(user.totpSecret, code, ctx.now())) throw wrongCode();
  await setTotp(ctx, user, null);
}

async function setTotp(ctx: CommandContext, user: StaffUser, secret: string | null): Promise<void> {
  await runCommand(ctx, async (trx) => {
    await trx.updateTable('staffUser').set({ totpSecret: secret }).where('id', '=', user.id).execute();
    return {
      result: undefined,
      audit: {
        action: secret === null ? 'user.totp-disable' : 'user.totp-enable',
        targetKind: 'user',
        targetId: user.id,
        enteId: user.ente?.id ?? null,
        summary: { before: { totp: user.totpSecret !== null }, after: { totp: secret !== null } },
      },
    };
  });
}
