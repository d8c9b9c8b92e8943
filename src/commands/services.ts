/**
 * The service catalogue: an ente-admin registers a service (a draft), activates, pauses, resumes
 * or retires it, edits it, and rotates the secret that signs its completion tokens.
 */
import { newCompletionKey } from '../domain/completion-token.js';
import { ValutaError, type FieldError } from '../domain/errors.js';
import { nextStatus, SERVICE_TRANSITIONS, type ServiceTransition } from '../domain/governance/lifecycle.js';
import { reachOf } from '../domain/governance/roles.js';
import { CHANNELS } from '../domain/response.js';
import {
  isWebOrigin,
  JOURNEY_POINTS,
  SERVICE_KINDS,
  type JourneyPoint,
  type ServiceKind,
  type ServiceStatus,
} from '../domain/service.js';
import { authorize, runCommand, type CommandContext } from './command.js';
import { targetEnteId } from './enti.js';

export interface CatalogueService {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly url: string | null;
  readonly kind: ServiceKind;
  readonly family: string;
  readonly status: ServiceStatus;
  readonly channels: string[];
  readonly allowedOrigins: string[];
  readonly journeyPoint: JourneyPoint;
  readonly pinnedVersion: number | null;
  readonly hasCompletionSecret: boolean;
  readonly ente: { readonly id: string; readonly ipaCode: string; readonly name: string };
}

export interface ServiceFields {
  readonly name: string;
  readonly url: string | null;
  readonly kind: ServiceKind;
  readonly family: string;
  readonly channels: string[];
  readonly allowedOrigins: readonly string[];
  readonly journeyPoint: JourneyPoint;
}

export interface NewCatalogueService extends ServiceFields {
  readonly slug: string;
  /** The ente's IPA code; an ente's people may leave it out (their own ente). */
  readonly ente?: string;
}

const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function catalogueQuery(ctx: CommandContext) {
  return ctx.db
    .selectFrom('service as s')
    .innerJoin('ente as e', 'e.id', 's.enteId')
    .select([
      's.id',
      's.slug',
      's.name',
      's.url',
      's.kind',
      's.family',
      's.status',
      's.channels',
      's.allowedOrigins',
      's.journeyPoint',
      's.pinnedVersion',
      's.completionKey',
      'e.id as enteId',
      'e.ipaCode',
      'e.name as enteName',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof catalogueQuery>['executeTakeFirstOrThrow']>>;
const toService = ({ enteId, ipaCode, enteName, completionKey, ...s }: Row): CatalogueService => ({
  ...s,
  hasCompletionSecret: completionKey !== null,
  ente: { id: enteId, ipaCode, name: enteName },
});

const noSuchService = (slug: string) =>
  new ValutaError('VALUTA_ERR_NOT_FOUND', `No service has the slug "${slug}"`);

/** The services the principal may read, optionally of one ente. */
export async function listCatalogue(ctx: CommandContext, enteIpaCode?: string): Promise<CatalogueService[]> {
  const reach = reachOf(ctx.principal, 'services:read');
  if (reach === null) return [];
  let query = catalogueQuery(ctx).orderBy('e.name').orderBy('s.name');
  if ('ente' in reach) query = query.where('s.enteId', '=', reach.ente);
  if (enteIpaCode !== undefined) query = query.where('e.ipaCode', '=', enteIpaCode.toLowerCase());
  return (await query.execute()).map(toService);
}

/** One service; another ente's answers as unknown (404). */
export async function getCatalogueService(ctx: CommandContext, slug: string): Promise<CatalogueService> {
  const row = await catalogueQuery(ctx).where('s.slug', '=', slug).executeTakeFirst();
  if (!row) throw noSuchService(slug);
  authorize(ctx.principal, 'services:read', row.enteId, () => noSuchService(slug));
  return toService(row);
}

async function validFields(ctx: CommandContext, fields: Partial<ServiceFields>): Promise<void> {
  const errors: FieldError[] = [];
  if (fields.name !== undefined && (fields.name.trim() === '' || fields.name.length > 200))
    errors.push({ item: 'name', code: 'length', detail: '1 to 200 characters' });
  if (fields.url !== undefined && fields.url !== null && !/^https?:\/\/[^\s]+$/.test(fields.url))
    errors.push({ item: 'url', code: 'format', detail: 'an http(s) URL' });
  if (fields.kind !== undefined && !SERVICE_KINDS.includes(fields.kind))
    errors.push({ item: 'kind', code: 'enum', detail: SERVICE_KINDS.join(', ') });
  if (
    fields.channels !== undefined &&
    (fields.channels.length === 0 ||
      fields.channels.some((c) => !(CHANNELS as readonly string[]).includes(c)))
  )
    errors.push({ item: 'channels', code: 'enum', detail: `one or more of ${CHANNELS.join(', ')}` });
  if (fields.allowedOrigins?.some((o) => !isWebOrigin(o)))
    errors.push({
      item: 'allowedOrigins',
      code: 'format',
      detail: 'origins as browsers send them: https://host[:port]',
    });
  if (fields.journeyPoint !== undefined && !JOURNEY_POINTS.includes(fields.journeyPoint))
    errors.push({ item: 'journeyPoint', code: 'enum', detail: JOURNEY_POINTS.join(', ') });
  if (fields.family !== undefined) {
    const published = await ctx.db
      .selectFrom('questionnaireVersion')
      .select('id')
      .where('family', '=', fields.family)
      .executeTakeFirst();
    if (!published)
      errors.push({
        item: 'family',
        code: 'unknown',
        detail: 'a questionnaire family with a published version',
      });
  }
  if (errors.length > 0)
    throw new ValutaError('VALUTA_ERR_VALIDATION', 'Some fields of the service are not valid', errors);
}

/** Registers a service as a draft: it takes responses once activated. */
export async function registerService(
  ctx: CommandContext,
  input: NewCatalogueService,
): Promise<CatalogueService> {
  const enteId = await targetEnteId(ctx, input.ente, 'services:write', 'service');
  authorize(ctx.principal, 'services:write', enteId);
  if (!SLUG_RE.test(input.slug) || input.slug.length > 100)
    throw new ValutaError('VALUTA_ERR_VALIDATION', 'The slug is lower-case words joined by dashes', [
      { item: 'slug', code: 'pattern', detail: 'e.g. inps-hub-prestazioni' },
    ]);
  await validFields(ctx, input);
  await runCommand(ctx, async (trx) => {
    const taken = await trx
      .selectFrom('service')
      .select('id')
      .where('slug', '=', input.slug)
      .executeTakeFirst();
    if (taken)
      throw new ValutaError('VALUTA_ERR_CONFLICT', `The slug "${input.slug}" is taken`, [
        { item: 'slug', code: 'taken', detail: 'another service has this slug' },
      ]);
    const { id } = await trx
      .insertInto('service')
      .values({
        enteId,
        slug: input.slug,
        name: input.name.trim(),
        url: input.url,
        kind: input.kind,
        family: input.family,
        status: 'draft',
        channels: [...input.channels],
        allowedOrigins: [...input.allowedOrigins],
        journeyPoint: input.journeyPoint,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: id,
      audit: {
        action: 'service.register',
        targetKind: 'service',
        targetId: input.slug,
        enteId,
        summary: { after: { ...input, status: 'draft' } },
      },
    };
  });
  return getCatalogueService(ctx, input.slug);
}

/** Changes what the ente-admin may change of a service (not its slug, ente or state). */
export async function updateService(
  ctx: CommandContext,
  slug: string,
  patch: Partial<ServiceFields> & { readonly pinnedVersion?: number | null },
): Promise<CatalogueService> {
  const before = await getCatalogueService(ctx, slug);
  authorize(ctx.principal, 'services:write', before.ente.id, () => noSuchService(slug));
  await validFields(ctx, patch);
  const family = patch.family ?? before.family;
  if (patch.pinnedVersion !== undefined && patch.pinnedVersion !== null) {
    const version = await ctx.db
      .selectFrom('questionnaireVersion')
      .select('id')
      .where('family', '=', family)
      .where('version', '=', patch.pinnedVersion)
      .executeTakeFirst();
    if (!version)
      throw new ValutaError(
        'VALUTA_ERR_VALIDATION',
        `The family ${family} has no published version ${patch.pinnedVersion}`,
        [{ item: 'pinnedVersion', code: 'unknown', detail: 'a published version of the family, or null' }],
      );
  }
  const changes: Record<string, unknown> = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(changes).length === 0)
    throw new ValutaError('VALUTA_ERR_VALIDATION', 'The request changes nothing: send a field to change');
  // A pinned version belongs to its family: a new family unpins, unless the patch pins again.
  if (patch.family !== undefined && patch.family !== before.family && patch.pinnedVersion === undefined)
    changes.pinnedVersion = null;
  await runCommand(ctx, async (trx) => {
    await trx
      .updateTable('service')
      .set({
        ...changes,
        ...(patch.channels ? { channels: [...patch.channels] } : {}),
        ...(patch.allowedOrigins ? { allowedOrigins: [...patch.allowedOrigins] } : {}),
      })
      .where('id', '=', before.id)
      .execute();
    const touched = Object.keys(changes) as (keyof CatalogueService)[];
    return {
      result: undefined,
      audit: {
        action: 'service.update',
        targetKind: 'service',
        targetId: slug,
        enteId: before.ente.id,
        summary: { before: Object.fromEntries(touched.map((k) => [k, before[k]])), after: changes },
      },
    };
  });
  return getCatalogueService(ctx, slug);
}

/** Activates, pauses, resumes or retires a service. */
export async function transitionService(
  ctx: CommandContext,
  slug: string,
  operation: ServiceTransition,
): Promise<CatalogueService> {
  const service = await getCatalogueService(ctx, slug);
  authorize(ctx.principal, 'services:write', service.ente.id, () => noSuchService(slug));
  const status = nextStatus(SERVICE_TRANSITIONS, operation, service.status);
  await runCommand(ctx, async (trx) => {
    const changed = await trx
      .updateTable('service')
      .set({ status })
      .where('id', '=', service.id)
      .where('status', '=', service.status)
      .returning('id')
      .executeTakeFirst();
    if (!changed)
      throw new ValutaError('VALUTA_ERR_INVALID_TRANSITION', `The service "${slug}" changed meanwhile`);
    return {
      result: undefined,
      audit: {
        action: `service.${operation}`,
        targetKind: 'service',
        targetId: slug,
        enteId: service.ente.id,
        summary: { before: { status: service.status }, after: { status } },
      },
    };
  });
  return getCatalogueService(ctx, slug);
}

/** A new secret that signs the service's completion tokens (tokens signed with the old one fail). */
export async function rotateCompletionSecret(ctx: CommandContext, slug: string): Promise<string> {
  const service = await getCatalogueService(ctx, slug);
  authorize(ctx.principal, 'services:write', service.ente.id, () => noSuchService(slug));
  const secret = newCompletionKey();
  await runCommand(ctx, async (trx) => {
    await trx.updateTable('service').set({ completionKey: secret }).where('id', '=', service.id).execute();
    return {
      result: undefined,
      audit: {
        action: 'service.rotate-completion-secret',
        targetKind: 'service',
        targetId: slug,
        enteId: service.ente.id,
        summary: { before: { hadSecret: service.hasCompletionSecret } },
      },
    };
  });
  return secret;
}
