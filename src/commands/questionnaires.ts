/**
 * Questionnaire versions, for the central office: a draft made from the latest version of a family,
 * edited, validated with the definition validator, published (immutable from then on), or discarded.
 */
import { validateAnswers, type AnswersValidation } from '../domain/answers.js';
import { validateDefinition } from '../domain/definition.js';
import { ValutaError } from '../domain/errors.js';
import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import { publishQuestionnaire } from '../store/questionnaires.js';
import { authorize, runCommand, type CommandContext } from './command.js';

export interface Draft {
  readonly id: string;
  readonly family: string;
  readonly definition: QuestionnaireDefinition;
  readonly updatedAt: Date;
}

const noSuchDraft = () => new ValutaError('VALUTA_ERR_NOT_FOUND', 'No questionnaire draft has this id');

export async function latestVersion(ctx: CommandContext, family: string): Promise<QuestionnaireDefinition> {
  const row = await ctx.db
    .selectFrom('questionnaireVersion')
    .select('definition')
    .where('family', '=', family)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw new ValutaError('VALUTA_ERR_NOT_FOUND', `No questionnaire family "${family}"`);
  return row.definition;
}

export async function getDraft(ctx: CommandContext, id: string): Promise<Draft> {
  authorize(ctx.principal, 'questionnaires:write', null);
  const draft = await ctx.db
    .selectFrom('questionnaireDraft')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!draft) throw noSuchDraft();
  return draft;
}

export async function listDrafts(ctx: CommandContext): Promise<Draft[]> {
  authorize(ctx.principal, 'questionnaires:write', null);
  return ctx.db.selectFrom('questionnaireDraft').selectAll().orderBy('family').execute();
}

/** A draft of the next version of `family`, a copy of the latest; one draft per family at a time. */
export async function createDraft(ctx: CommandContext, family: string): Promise<Draft> {
  authorize(ctx.principal, 'questionnaires:write', null);
  const latest = await latestVersion(ctx, family);
  const definition = { ...latest, version: latest.version + 1 };
  const id = await runCommand(ctx, async (trx) => {
    const open = await trx
      .selectFrom('questionnaireDraft')
      .select('id')
      .where('family', '=', family)
      .executeTakeFirst();
    if (open)
      throw new ValutaError('VALUTA_ERR_CONFLICT', `The family ${family} has a draft already (${open.id})`);
    const { id } = await trx
      .insertInto('questionnaireDraft')
      .values({ family, definition: JSON.stringify(definition), updatedAt: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: id,
      audit: {
        action: 'questionnaire.draft',
        targetKind: 'questionnaire',
        targetId: `${family} v${definition.version}`,
        enteId: null,
        summary: { after: { basedOn: latest.version } },
      },
    };
  });
  return getDraft(ctx, id);
}

/** Replaces the draft's definition, if the validator finds nothing wrong with it (its family and number stay). */
export async function saveDraft(
  ctx: CommandContext,
  id: string,
  definition: QuestionnaireDefinition,
): Promise<Draft> {
  const draft = await getDraft(ctx, id);
  if (definition.family !== draft.family || definition.version !== draft.definition.version)
    throw new ValutaError(
      'VALUTA_ERR_VALIDATION',
      `A draft stays ${draft.family} v${draft.definition.version}`,
      [
        {
          item: 'definition.version',
          code: 'fixed',
          detail: `family ${draft.family}, version ${draft.definition.version}`,
        },
      ],
    );
  const problems = validateDefinition(definition);
  if (problems.length > 0)
    throw new ValutaError(
      'VALUTA_ERR_INVALID_DEFINITION',
      'The definition has faults; nothing was saved',
      problems,
    );
  await runCommand(ctx, async (trx) => {
    await trx
      .updateTable('questionnaireDraft')
      .set({ definition: JSON.stringify(definition), updatedAt: ctx.now() })
      .where('id', '=', id)
      .execute();
    return {
      result: undefined,
      audit: {
        action: 'questionnaire.edit',
        targetKind: 'questionnaire',
        targetId: `${draft.family} v${definition.version}`,
        enteId: null,
        summary: { after: { items: definition.items.map((i) => i.code) } },
      },
    };
  });
  return getDraft(ctx, id);
}

/** Publishes the draft as an immutable version; services that follow the family move to it. */
export async function publishDraft(
  ctx: CommandContext,
  id: string,
): Promise<{ family: string; version: number }> {
  const draft = await getDraft(ctx, id);
  const { family, version } = draft.definition;
  await runCommand(ctx, async (trx) => {
    await publishQuestionnaire(trx, draft.definition);
    await trx.deleteFrom('questionnaireDraft').where('id', '=', id).execute();
    return {
      result: undefined,
      audit: {
        action: 'questionnaire.publish',
        targetKind: 'questionnaire',
        targetId: `${family} v${version}`,
        enteId: null,
        summary: { after: { version } },
      },
    };
  });
  return { family, version };
}

export async function discardDraft(ctx: CommandContext, id: string): Promise<void> {
  const draft = await getDraft(ctx, id);
  await runCommand(ctx, async (trx) => {
    await trx.deleteFrom('questionnaireDraft').where('id', '=', id).execute();
    return {
      result: undefined,
      audit: {
        action: 'questionnaire.discard',
        targetKind: 'questionnaire',
        targetId: `${draft.family} v${draft.definition.version}`,
        enteId: null,
        summary: {},
      },
    };
  });
}

/** Answers validated against the draft, as the hosted page would validate them; never stored nor counted. */
export async function previewAnswers(
  ctx: CommandContext,
  id: string,
  answers: unknown,
): Promise<AnswersValidation> {
  return validateAnswers((await getDraft(ctx, id)).definition, answers);
}
