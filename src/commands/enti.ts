/**
 * Adhesion: a person signed in without a role asks for their ente to join (its IPA code in the
 * imported IndicePA registry, its RTD named); the central office approves or rejects, suspends
 * and reactivates; it may also create an ente directly.
 */
import { ValutaError } from '../domain/errors.js';
import { ENTE_TRANSITIONS, nextStatus, type EnteTransition } from '../domain/governance/lifecycle.js';
import { reachOf, type Permission } from '../domain/governance/roles.js';
import type { Db } from '../store/database.js';
import { registryEntry } from '../store/ipa-registry.js';
import { authorize, runCommand, type CommandContext } from './command.js';

export interface Ente {
  readonly id: string;
  readonly ipaCode: string;
  readonly name: string;
  readonly kind: string;
  readonly region: string | null;
  readonly status: 'requested' | 'active' | 'suspended' | 'rejected';
  readonly rtdName: string | null;
  readonly rtdEmail: string | null;
  readonly rejectionReason: string | null;
  readonly createdAt: Date;
}

const enteColumns = [
  'id',
  'ipaCode',
  'name',
  'kind',
  'region',
  'status',
  'rtdName',
  'rtdEmail',
  'rejectionReason',
  'createdAt',
] as const;

const noSuchEnte = (ipaCode: string) =>
  new ValutaError('VALUTA_ERR_NOT_FOUND', `No ente has the IPA code "${ipaCode}"`);

/** The enti the principal may read (all of them, or their own), optionally by status. */
export async function listEnti(ctx: CommandContext, status?: Ente['status']): Promise<Ente[]> {
  const reach = reachOf(ctx.principal, 'enti:read');
  if (reach === null) return [];
  let query = ctx.db.selectFrom('ente').select(enteColumns).orderBy('name');
  if ('ente' in reach) query = query.where('id', '=', reach.ente);
  if (status !== undefined) query = query.where('status', '=', status);
  return query.execute();
}

/** One ente; another ente's answers as unknown (404). A requester sees their own request. */
export async function getEnte(ctx: CommandContext, ipaCode: string): Promise<Ente> {
  const ente = await ctx.db
    .selectFrom('ente')
    .select([...enteColumns, 'requestedBy'])
    .where('ipaCode', '=', ipaCode.toLowerCase())
    .executeTakeFirst();
  if (!ente) throw noSuchEnte(ipaCode);
  const { requestedBy, ...rest } = ente;
  const own = ctx.principal.kind === 'user' && requestedBy === ctx.principal.id;
  if (!own) authorize(ctx.principal, 'enti:read', ente.id, () => noSuchEnte(ipaCode));
  return rest;
}

/** The id of the active ente `ipaCode`, if the principal holds `permission` over it (else 404). */
export async function activeEnteId(
  ctx: CommandContext,
  ipaCode: string,
  permission: Permission,
): Promise<string> {
  const ente = await ctx.db
    .selectFrom('ente')
    .select(['id', 'status'])
    .where('ipaCode', '=', ipaCode.toLowerCase())
    .executeTakeFirst();
  if (!ente || ente.status !== 'active') throw noSuchEnte(ipaCode);
  authorize(ctx.principal, permission, ente.id, () => noSuchEnte(ipaCode));
  return ente.id;
}

/**
 * The ente a new resource goes to: the one named (active, and within the principal's reach), or
 * else the person's own; a 400 naming `what` when neither is there.
 */
export async function targetEnteId(
  ctx: CommandContext,
  ipaCode: string | undefined,
  permission: Permission,
  what: string,
): Promise<string> {
  if (ipaCode !== undefined) return activeEnteId(ctx, ipaCode, permission);
  if (ctx.principal.kind === 'user' && ctx.principal.enteId !== null) return ctx.principal.enteId;
  throw new ValutaError('VALUTA_ERR_VALIDATION', `Name the ente of the ${what}`, [
    { item: 'ente', code: 'required', detail: 'the IPA code of the ente' },
  ]);
}

async function registered(db: Db, ipaCode: string) {
  const entry = await registryEntry(db, ipaCode);
  if (!entry)
    throw new ValutaError(
      'VALUTA_ERR_NOT_FOUND',
      `The IPA code "${ipaCode}" is not in the IndicePA registry`,
      [
        {
          item: 'ipaCode',
          code: 'not-in-registry',
          detail: 'an IPA code of IndicePA (import it with valuta enti import)',
        },
      ],
    );
  return entry;
}

export interface AdhesionRequest {
  readonly ipaCode: string;
  readonly rtdName: string;
  readonly rtdEmail: string;
}

/** A person without a role asks for their ente to join; a rejected ente may ask again. */
export async function requestAdhesion(ctx: CommandContext, request: AdhesionRequest): Promise<Ente> {
  authorize(ctx.principal, 'enti:request', null);
  if (ctx.principal.kind !== 'user' || ctx.principal.role !== null)
    throw new ValutaError('VALUTA_ERR_FORBIDDEN', 'Only a person without a role asks for an ente to join');
  const requester = ctx.principal.id;
  const entry = await registered(ctx.db, request.ipaCode);
  const values = {
    ipaCode: entry.ipaCode,
    name: entry.name,
    kind: entry.kind,
    region: entry.region,
    status: 'requested' as const,
    rtdName: request.rtdName,
    rtdEmail: request.rtdEmail.toLowerCase(),
    rejectionReason: null,
    requestedBy: requester,
  };
  await runCommand(ctx, async (trx) => {
    // One open request per person: nobody holds a registry of enti hostage by asking for each.
    const open = await trx
      .selectFrom('ente')
      .select('ipaCode')
      .where('requestedBy', '=', requester)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (open)
      throw new ValutaError(
        'VALUTA_ERR_CONFLICT',
        `You have asked for "${open.ipaCode}" already: one at a time`,
      );
    const existing = await trx
      .selectFrom('ente')
      .select(['id', 'status'])
      .where('ipaCode', '=', entry.ipaCode)
      .executeTakeFirst();
    if (existing && existing.status !== 'rejected')
      throw new ValutaError(
        'VALUTA_ERR_CONFLICT',
        `The ente "${entry.ipaCode}" has already joined or asked to`,
      );
    const { id } = existing
      ? await trx
          .updateTable('ente')
          .set(values)
          .where('id', '=', existing.id)
          .returning('id')
          .executeTakeFirstOrThrow()
      : await trx.insertInto('ente').values(values).returning('id').executeTakeFirstOrThrow();
    return {
      result: id,
      audit: {
        action: 'ente.request',
        targetKind: 'ente',
        targetId: entry.ipaCode,
        enteId: id,
        summary: {
          before: { status: existing?.status ?? null },
          after: { status: 'requested', rtdName: request.rtdName },
        },
      },
    };
  });
  return getEnte(ctx, entry.ipaCode);
}

/** The central office creates an active ente from the registry. */
export async function createEnte(ctx: CommandContext, ipaCode: string): Promise<Ente> {
  authorize(ctx.principal, 'enti:create', null);
  const entry = await registered(ctx.db, ipaCode);
  await runCommand(ctx, async (trx) => {
    const existing = await trx
      .selectFrom('ente')
      .select('id')
      .where('ipaCode', '=', entry.ipaCode)
      .executeTakeFirst();
    if (existing) throw new ValutaError('VALUTA_ERR_CONFLICT', `The ente "${entry.ipaCode}" exists already`);
    const { id } = await trx
      .insertInto('ente')
      .values({
        ipaCode: entry.ipaCode,
        name: entry.name,
        kind: entry.kind,
        region: entry.region,
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: id,
      audit: {
        action: 'ente.create',
        targetKind: 'ente',
        targetId: entry.ipaCode,
        enteId: id,
        summary: { after: { status: 'active' } },
      },
    };
  });
  return getEnte(ctx, entry.ipaCode);
}

/**
 * Approves, rejects (with a reason), suspends or reactivates an ente. On approval, the person who
 * asked becomes the ente's ente-admin.
 */
export async function decideEnte(
  ctx: CommandContext,
  ipaCode: string,
  operation: EnteTransition,
  reason?: string,
): Promise<Ente> {
  const ente = await ctx.db
    .selectFrom('ente')
    .select(['id', 'ipaCode', 'status', 'requestedBy'])
    .where('ipaCode', '=', ipaCode.toLowerCase())
    .executeTakeFirst();
  if (!ente) throw noSuchEnte(ipaCode);
  authorize(ctx.principal, 'enti:decide', ente.id, () => noSuchEnte(ipaCode));
  if (operation === 'reject' && !reason?.trim())
    throw new ValutaError('VALUTA_ERR_VALIDATION', 'A rejection says why', [
      { item: 'reason', code: 'required', detail: 'the reason, shown to the requester' },
    ]);
  const status = nextStatus(ENTE_TRANSITIONS, operation, ente.status);
  await runCommand(ctx, async (trx) => {
    const changed = await trx
      .updateTable('ente')
      .set({ status, ...(operation === 'reject' ? { rejectionReason: reason!.trim() } : {}) })
      .where('id', '=', ente.id)
      .where('status', '=', ente.status) // a concurrent decision wins once
      .returning('id')
      .executeTakeFirst();
    if (!changed)
      throw new ValutaError('VALUTA_ERR_INVALID_TRANSITION', `The ente "${ipaCode}" changed meanwhile`);
    // The requester becomes its ente-admin, unless they have a role meanwhile (then nobody does,
    // and the entry says so: the office invites the ente's admin instead).
    const admin =
      operation === 'approve' && ente.requestedBy !== null
        ? ((
            await trx
              .updateTable('staffUser')
              .set({ role: 'ente-admin', enteId: ente.id })
              .where('id', '=', ente.requestedBy)
              .where('role', 'is', null)
              .returning('email')
              .executeTakeFirst()
          )?.email ?? null)
        : undefined;
    return {
      result: undefined,
      audit: {
        action: `ente.${operation}`,
        targetKind: 'ente',
        targetId: ente.ipaCode,
        enteId: ente.id,
        summary: {
          before: { status: ente.status },
          after: {
            status,
            ...(reason ? { reason } : {}),
            ...(admin !== undefined ? { enteAdmin: admin } : {}),
          },
        },
      },
    };
  });
  return getEnte(ctx, ipaCode);
}
