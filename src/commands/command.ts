/**
 * The one layer through which state changes: the admin API, the console and the CLI all call
 * commands, and each command writes its audit entry in the transaction that makes the change.
 */
import type { Transaction } from 'kysely';
import type { AuditRecord } from '../domain/governance/audit.js';
import { mayActOn, type Permission, type Principal } from '../domain/governance/roles.js';
import { ValutaError } from '../domain/errors.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import type { Schema } from '../store/schema.js';

/** Who runs a command, on which database, at what time. */
export interface CommandContext {
  readonly db: Db;
  readonly principal: Principal;
  readonly now: () => Date;
}

/** What a command records of itself: the actor is added from the context. */
export type AuditNote = Pick<AuditRecord, 'action' | 'targetKind' | 'targetId' | 'enteId' | 'summary'>;

/** Who acts, as the audit trail names them. */
export function actorOf(principal: Principal): Pick<AuditRecord, 'actorKind' | 'actorId' | 'actorLabel'> {
  switch (principal.kind) {
    case 'user':
      return { actorKind: 'user', actorId: principal.id, actorLabel: principal.email };
    case 'api-key':
      return { actorKind: 'api-key', actorId: principal.id, actorLabel: principal.name };
    case 'cli':
      return { actorKind: 'cli', actorId: null, actorLabel: principal.operator };
    case 'operator':
      return { actorKind: 'cli', actorId: null, actorLabel: 'METRICS_TOKEN' };
  }
}

/**
 * Runs `work` in a transaction and appends the audit entry it returns in that transaction (by
 * `actor` when the work establishes who acts, as an invitation's acceptance does).
 * @example await runCommand(ctx, async (trx) => ({ result, audit: { action: 'ente.approve', … } }))
 */
export async function runCommand<T>(
  ctx: CommandContext,
  work: (
    trx: Transaction<Schema>,
  ) => Promise<{ readonly result: T; readonly audit: AuditNote; readonly actor?: Principal }>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const { result, audit, actor } = await work(trx);
    await appendAudit(trx, { ...actorOf(actor ?? ctx.principal), ...audit }, ctx.now());
    return result;
  });
}

/**
 * Refuses unless the principal holds `permission` over `enteId`: as not found (`notFound`) when the
 * refusal concerns a resource, so that whether another ente's resource exists does not leak.
 */
export function authorize(
  principal: Principal,
  permission: Permission,
  enteId: string | null,
  notFound?: () => ValutaError,
): void {
  if (mayActOn(principal, permission, enteId)) return;
  throw notFound
    ? notFound()
    : new ValutaError('VALUTA_ERR_FORBIDDEN', `This needs the permission ${permission}`);
}
